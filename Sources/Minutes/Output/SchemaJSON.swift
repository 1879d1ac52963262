// The `minutes/1` types written straight to JSON bytes (the CLI's json and jsonl output): the
// same keys in the same order as their encode(to:) in Schema.swift, optionals as null.
// SchemaJSONTests checks that both paths give the same bytes; change them together.

extension MinutesResult: JSONWritable {
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.field("schema", schema)
        w.field("id", id)
        w.field("article", article)
        w.field("meetings", meetings)
        w.field("persons", persons)
        w.field("entities", entities)
        w.field("warnings", warnings)
        w.endObject()
    }
}

extension Article: JSONWritable {
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.field("headline", headline)
        w.field("published", published)
        w.field("outlet", outlet)
        w.field("reporters", reporters)
        w.field("editors", editors)
        w.endObject()
    }
}

extension Credit: JSONWritable {
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.field("name", name)
        w.field("role", role)
        w.endObject()
    }
}

extension Meeting: JSONWritable {
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.field("name", name)
        w.field("date", date)
        w.field("chair", chair)
        w.field("participants", participants)
        w.field("speakers", speakers)
        w.field("venues", venues)
        w.field("directives", directives)
        w.field("start", start)
        w.field("end", end)
        w.endObject()
    }
}

extension MeetingDate: JSONWritable {
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.field("text", text)
        w.field("value", value)
        w.field("part_of_day", partOfDay)
        w.endObject()
    }
}

extension Attendee: JSONWritable {
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.field("name", name)
        w.field("titles", titles)
        w.field("venue", venue)
        w.field("start", start)
        w.field("end", end)
        w.endObject()
    }
}

extension Venue: JSONWritable {
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.field("name", name)
        w.field("kind", kind.rawValue)
        w.endObject()
    }
}

extension Directive: JSONWritable {
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.field("marker", marker)
        w.field("number", number)
        w.field("text", text)
        w.field("start", start)
        w.field("end", end)
        w.field("items", items)
        w.endObject()
    }
}

extension Person: JSONWritable {
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.field("name", name)
        w.field("titles", titles)
        w.field("mentions", mentions)
        w.endObject()
    }
}

extension Entity: JSONWritable {
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.field("type", type.rawValue)
        w.field("text", text)
        w.field("start", start)
        w.field("end", end)
        w.field("rule", rule)
        w.endObject()
    }
}

extension RecordError: JSONWritable {
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("error", error)
        w.endObject()
    }
}

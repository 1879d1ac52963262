import Yams

extension GoldAnnotation {
    /// The annotation as a gold file (docs/gold-schema.md), keys in the Samples' order; every
    /// meeting key is written, so a frame's empty list reads as "none", not "not annotated".
    /// `GoldAnnotation(yaml:file:)` reads it back as it was.
    public func yaml(comment: String? = nil) throws -> String {
        var pairs = Self.frame(meeting, nameKey: "meeting")
        if !otherMeetings.isEmpty {
            pairs.append(("other_meetings", .sequence(.init(otherMeetings.map { .mapping(.init(Self.keyed(Self.frame($0, nameKey: "meeting")))) }))))
        }
        pairs.append(("mentioned_persons", Self.persons(mentionedPersons)))
        pairs.append(("reporters", Self.persons(reporters)))
        pairs.append(("editors", Self.persons(editors)))
        pairs.append(("headline", Self.scalar(headline)))
        if !headlineAlternatives.isEmpty { pairs.append(("headline_alt", Self.strings(headlineAlternatives))) }
        pairs.append(("publish_date", Self.scalar(publishDate)))
        pairs.append(("source", Self.scalar(source)))
        if let notes { pairs.append(("notes", Self.scalar(notes))) }
        let body = try Yams.serialize(node: .mapping(.init(Self.keyed(pairs))), width: -1, allowUnicode: true, sortKeys: false)
        return (comment.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }.joined(separator: "\n") + "\n" } ?? "") + body
    }

    private static func keyed(_ pairs: [(String, Node)]) -> [(Node, Node)] { pairs.map { (Node($0.0), $0.1) } }

    private static func frame(_ m: GoldMeeting, nameKey: String) -> [(String, Node)] {
        var pairs: [(String, Node)] = [(nameKey, scalar(m.name))]
        if !m.nameAlternatives.isEmpty { pairs.append(("meeting_alt", strings(m.nameAlternatives))) }
        pairs.append(("date", scalar(m.date)))
        if !m.dateAlternatives.isEmpty { pairs.append(("date_alt", strings(m.dateAlternatives))) }
        if m.hasDateValue { pairs.append(("date_value", scalar(m.dateValue))) }
        if m.hasPartOfDay { pairs.append(("part_of_day", scalar(m.partOfDay))) }
        pairs.append(("chair", persons(m.chair ?? [], attendees: true)))
        pairs.append(("participants", persons(m.participants ?? [], attendees: true)))
        pairs.append(("speakers", persons(m.speakers ?? [])))
        pairs.append(("directives", .sequence(.init((m.directives ?? []).map(directive)))))
        pairs.append(("venues", strings(m.venues ?? [])))
        if !m.videoLinks.isEmpty { pairs.append(("video_links", strings(m.videoLinks))) }
        return pairs
    }

    /// A flow mapping `{name, titles, venue}`; a bare name for a person who is no attendee and
    /// has nothing else (score_gold.py reads chairs and participants as mappings only).
    private static func persons(_ persons: [GoldPerson], attendees: Bool = false) -> Node {
        .sequence(.init(persons.map { p -> Node in
            let plain = p.titles.isEmpty && p.venue == nil && p.role == nil && p.nameVariants.isEmpty && p.asWritten == nil
            if plain && !attendees { return scalar(p.name) }
            var pairs: [(String, Node)] = [("name", scalar(p.name))]
            if let w = p.asWritten { pairs.append(("as_written", scalar(w))) }
            if !p.nameVariants.isEmpty { pairs.append(("name_variants", strings(p.nameVariants))) }
            pairs.append(("titles", strings(p.titles)))
            pairs.append(("venue", scalar(p.venue)))
            if let r = p.role { pairs.append(("role", scalar(r))) }
            return .mapping(.init(keyed(pairs), .implicit, .flow))
        }))
    }

    private static func directive(_ d: GoldDirective) -> Node {
        var pairs: [(String, Node)] = [("marker", scalar(d.marker)), ("starts", scalar(d.starts))]
        if let p = d.parent { pairs.append(("parent", Node(String(p)))) }
        if let g = d.group { pairs.append(("group", Node(String(g)))) }
        if d.truncated { pairs.append(("truncated", Node("true"))) }
        return .mapping(.init(keyed(pairs), .implicit, .flow))
    }

    private static func strings(_ strings: [String]) -> Node {
        .sequence(.init(strings.map { scalar($0) }, .implicit, .flow))
    }

    /// A string, quoted where YAML would read it as something else (null, true, 12); nil is null.
    private static func scalar(_ s: String?) -> Node {
        guard let s else { return Node("null") }
        let plain = Node(s)
        let ambiguous = s.isEmpty || plain.null != nil || plain.bool != nil || plain.int != nil || plain.float != nil
        return Node(s, .implicit, ambiguous ? .doubleQuoted : .any)
    }
}

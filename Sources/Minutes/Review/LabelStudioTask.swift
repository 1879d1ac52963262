// Label Studio's task JSON, as far as `minutes review` writes and reads it.
//
// The shape follows Label Studio's documentation (guide "Label Studio JSON format of annotated
// tasks", labelstud.io/guide/task_format, and "Import pre-annotated data", labelstud.io/guide/predictions):
//
//   {"data": {"text": "…"},
//    "predictions": [{"model_version": "…", "result": [
//        {"id": "r1", "from_name": "layer", "to_name": "text", "type": "labels",
//         "value": {"start": 0, "end": 3, "text": "卢荣春", "labels": ["person"]}},
//        {"id": "r1", "from_name": "titles", "to_name": "text", "type": "textarea",
//         "value": {"start": 0, "end": 3, "text": ["市委书记"]}}]}],
//    "annotations": [{"result": [ …the same items, as reviewed… ], "was_cancelled": false}]}
//
// A span region is a `labels` result whose `from_name` is a <Labels> control of the labeling
// config and `to_name` the <Text>; a per-region control (perRegion="true", labelstud.io/tags/textarea
// and /tags/choices) gives a result with the region's `id`; a control that is not per region gives
// a result with no start and end. `start` and `end` count code points of `data.text`, as minutes'
// offsets do (Label Studio's text regions stopped counting UTF-16 units, HumanSignal/label-studio#1008).

/// One task: the article's text and the extractor's output as predictions; after review, annotations.
public struct LabelStudioTask: Codable, Sendable, Equatable {
    public struct Data: Codable, Sendable, Equatable {
        public var text: String
        /// Where the article came from (a file path).
        public var source: String?
        /// The base name for the files `minutes review import` writes.
        public var name: String?
        /// The article file's `URL:` header (the text is what follows it).
        public var url: String?

        public init(text: String, source: String?, name: String?, url: String? = nil) {
            self.text = text
            self.source = source
            self.name = name
            self.url = url
        }
    }

    public struct Prediction: Codable, Sendable, Equatable {
        public var modelVersion: String?
        public var result: [LabelStudioResult]

        enum CodingKeys: String, CodingKey { case modelVersion = "model_version", result }
    }

    public struct Annotation: Codable, Sendable, Equatable {
        public var result: [LabelStudioResult]
        public var wasCancelled: Bool?

        public init(result: [LabelStudioResult], wasCancelled: Bool? = nil) {
            self.result = result
            self.wasCancelled = wasCancelled
        }

        enum CodingKeys: String, CodingKey { case result, wasCancelled = "was_cancelled" }
    }

    public var data: Data
    public var predictions: [Prediction]?
    public var annotations: [Annotation]?

    public init(data: Data, predictions: [Prediction]? = nil, annotations: [Annotation]? = nil) {
        self.data = data
        self.predictions = predictions
        self.annotations = annotations
    }
}

/// One item of a result: a region (`labels`) or a value given to a region or to the task
/// (`textarea`, `choices`).
public struct LabelStudioResult: Codable, Sendable, Equatable {
    public struct Value: Codable, Sendable, Equatable {
        public var start: Int?
        public var end: Int?
        /// A region's text (a string), or a textarea's lines (a list).
        public var text: [String]?
        public var labels: [String]?
        public var choices: [String]?

        public init(start: Int? = nil, end: Int? = nil, text: [String]? = nil, labels: [String]? = nil, choices: [String]? = nil) {
            self.start = start
            self.end = end
            self.text = text
            self.labels = labels
            self.choices = choices
        }

        enum CodingKeys: String, CodingKey { case start, end, text, labels, choices }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            start = try c.decodeIfPresent(Int.self, forKey: .start)
            end = try c.decodeIfPresent(Int.self, forKey: .end)
            if let one = try? c.decodeIfPresent(String.self, forKey: .text) {
                text = [one]
            } else {
                text = try c.decodeIfPresent([String].self, forKey: .text)
            }
            labels = try c.decodeIfPresent([String].self, forKey: .labels)
            choices = try c.decodeIfPresent([String].self, forKey: .choices)
        }

        /// A `labels` region carries its text as a string, a textarea its lines as a list.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(start, forKey: .start)
            try c.encodeIfPresent(end, forKey: .end)
            if let text {
                if labels != nil, text.count == 1 { try c.encode(text[0], forKey: .text) } else { try c.encode(text, forKey: .text) }
            }
            try c.encodeIfPresent(labels, forKey: .labels)
            try c.encodeIfPresent(choices, forKey: .choices)
        }
    }

    public var id: String?
    public var fromName: String
    public var toName: String
    public var type: String
    public var value: Value

    public init(id: String?, fromName: String, toName: String = LabelStudioConfig.textName, type: String, value: Value) {
        self.id = id
        self.fromName = fromName
        self.toName = toName
        self.type = type
        self.value = value
    }

    enum CodingKeys: String, CodingKey { case id, fromName = "from_name", toName = "to_name", type, value }
}

/// The names of the labeling config's controls and labels, shared by export and import.
public enum LabelStudioConfig {
    /// The <Text> object the regions are on.
    public static let textName = "text"
    /// <Labels> for the annotation layers: what the extractor found in the text.
    public static let layerControl = "layer"
    /// <Labels> for the meeting frame's roles.
    public static let frameControl = "frame"
    /// Per-region text areas and choices.
    /// The person's name where the region's text is another mention (雷部长 for 雷鸣).
    public static let nameControl = "name"
    public static let titlesControl = "titles"
    public static let attendedFromControl = "attended_from"
    public static let dateValueControl = "date_value"
    public static let partOfDayControl = "part_of_day"
    public static let meetingControl = "meeting"
    /// Text areas of the whole task: the article's metadata.
    public static let headlineControl = "headline"
    public static let publishedControl = "published"
    public static let outletControl = "outlet"
    public static let reportersControl = "reporters"
    public static let editorsControl = "editors"

    /// The layer labels, with their colours (as in `minutes view`).
    static var layerLabels: [(value: String, colour: String)] {
        ArticlePage.layers.map { ($0.name, $0.colour) }
    }

    /// The frame's roles.
    public enum Role: String, CaseIterable, Sendable {
        case chair, participant, speaker
        case meetingName = "meeting name"
        case meetingDate = "meeting date"
        case venue = "meeting venue"
        case videoLink = "video link"

        var colour: String {
            switch self {
            case .chair: return "#d62828"
            case .participant: return "#f77f00"
            case .speaker: return "#6a4c93"
            case .meetingName: return "#0077b6"
            case .meetingDate: return "#7b2cbf"
            case .venue: return "#2a9d8f"
            case .videoLink: return "#588157"
            }
        }
    }

    public static let partsOfDay = ["early_morning", "morning", "noon", "afternoon", "evening", "night"]

    /// The labeling config (Label Studio's XML: <View>, <Labels>/<Label>, <Text>, <TextArea>,
    /// <Choices>/<Choice>, labelstud.io/tags) for the tasks `minutes review export` writes.
    public static var xml: String {
        func labels(_ name: String, _ items: [(value: String, colour: String)]) -> String {
            "  <Labels name=\"\(name)\" toName=\"\(textName)\" showInline=\"true\">\n"
                + items.map { "    <Label value=\"\(htmlEscaped($0.value))\" background=\"\($0.colour)\"/>\n" }.joined()
                + "  </Labels>\n"
        }
        func area(_ name: String, _ placeholder: String, perRegion: Bool) -> String {
            "  <TextArea name=\"\(name)\" toName=\"\(textName)\" editable=\"true\"\(perRegion ? " perRegion=\"true\"" : " maxSubmissions=\"1\"") placeholder=\"\(placeholder)\"/>\n"
        }
        var xml = "<View>\n  <Header value=\"$name\"/>\n"
        xml += "  <Style>.htx-text { white-space: pre-wrap; }</Style>\n"
        xml += "  <Header value=\"Layers: what was found in the text\" size=\"6\"/>\n" + labels(layerControl, layerLabels)
        xml += "  <Header value=\"Meeting frame: the roles (a person region: chair or participant; titles and venue below)\" size=\"6\"/>\n"
        xml += labels(frameControl, Role.allCases.map { ($0.rawValue, $0.colour) })
        xml += "  <Text name=\"\(textName)\" value=\"$text\"/>\n"
        xml += "  <Header value=\"Selected region\" size=\"6\"/>\n"
        xml += area(nameControl, "the person's full name, where the region is a shorter mention", perRegion: true)
        xml += area(titlesControl, "titles of a chair or participant, one per line", perRegion: true)
        xml += area(attendedFromControl, "venue a chair or participant attended from", perRegion: true)
        xml += area(dateValueControl, "meeting date value, yyyy-MM-dd", perRegion: true)
        xml += "  <Choices name=\"\(partOfDayControl)\" toName=\"\(textName)\" perRegion=\"true\" showInline=\"true\">\n"
            + partsOfDay.map { "    <Choice value=\"\($0)\"/>\n" }.joined() + "  </Choices>\n"
        xml += area(meetingControl, "which meeting (1, 2…) when the article reports several", perRegion: true)
        xml += "  <Header value=\"Article\" size=\"6\"/>\n"
        xml += area(headlineControl, "headline", perRegion: false)
        xml += area(publishedControl, "published (yyyy-MM-dd HH:mm)", perRegion: false)
        xml += area(outletControl, "outlet", perRegion: false)
        xml += area(reportersControl, "reporters, one per line", perRegion: false)
        xml += area(editorsControl, "editors, one per line", perRegion: false)
        return xml + "</View>\n"
    }
}

/// Splits the text into lines and, within lines, ICU sentences. Later phases look for cues
/// sentence by sentence.
///
/// Reads: the text only. Writes: `line`, `sentence`.
struct SentencePhase: Phase {
    let name = "sentences"
    var produces: [AnnotationType] { [.line, .sentence] }

    func run(_ document: Document) throws {
        let units = document.text.units
        var lines: [Annotation] = []
        var sentences: [Annotation] = []
        var start = 0
        func close(_ end: Int) {
            var r = start..<end
            while r.lowerBound < r.upperBound, Self.isSpace(units[r.lowerBound]) { r = (r.lowerBound + 1)..<r.upperBound }
            while r.lowerBound < r.upperBound, Self.isSpace(units[r.upperBound - 1]) { r = r.lowerBound..<(r.upperBound - 1) }
            guard !r.isEmpty else { return }
            lines.append(Annotation(.line, r, rule: "layout.line"))
            for s in TextSegmenter.shared.sentences(units, in: r) {
                var t = s
                while t.lowerBound < t.upperBound, Self.isSpace(units[t.upperBound - 1]) { t = t.lowerBound..<(t.upperBound - 1) }
                if !t.isEmpty { sentences.append(Annotation(.sentence, t, rule: "layout.sentence")) }
            }
        }
        for (i, u) in units.enumerated() where u == 0x0A || u == 0x0D {
            close(i)
            start = i + 1
        }
        close(units.count)
        document.add(lines)
        document.add(sentences)
    }

    static func isSpace(_ u: UInt16) -> Bool {
        u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D || u == 0x3000 || u == 0xA0 || u == 0x2022 /* • bullets of scraped pages */
    }
}

/// `label：value` fields of a visible metadata or credit line, such as
/// `时间：2023-04-12 09:46  来源：县政府办公室  浏览：1862次  分享到：`.
enum PageFields {
    struct Field {
        var label: String
        var value: String
    }

    /// Known labels, longest first, so that `发布时间` wins over `时间`.
    static let knownLabels: [String] = {
        let all = PageVocabulary.publishedLabels + PageVocabulary.sourceLabels + PageVocabulary.authorLabels
            + PageVocabulary.creditLabels + PageVocabulary.otherLabels
        return Array(Set(all)).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }()

    /// The fields of a line, in order. A label is a run of ideographs before a colon: the
    /// longest known label that ends the run, or the whole run when it is short and stands alone.
    /// Labels are matched in Simplified script (`來源` is `来源`); values are kept as written.
    static func parse(_ line: String) -> [Field] {
        let s = Array(line.unicodeScalars)
        let folded = s.map { $0.value <= 0xFFFF ? Unicode.Scalar(ScriptFolding.shared.simplify(UInt16($0.value))) ?? $0 : $0 }
        var labels: [(start: Int, colon: Int, label: String)] = []
        for k in s.indices where (s[k] == "：" || s[k] == ":") && k > 0 && isIdeograph(s[k - 1]) {
            var j = k - 1
            while j >= 0, isIdeograph(s[j]), k - j <= 8 { j -= 1 }
            let run = String(String.UnicodeScalarView(folded[(j + 1)..<k]))
            if let known = knownLabels.first(where: run.hasSuffix) {
                labels.append((k - known.unicodeScalars.count, k, known))
            } else if run.unicodeScalars.count <= 6, j < 0 || !isIdeograph(s[j]) {
                labels.append((j + 1, k, run))
            }
        }
        var fields: [Field] = []
        for (m, l) in labels.enumerated() {
            let end = m + 1 < labels.count ? labels[m + 1].start : s.count
            guard l.colon + 1 <= end else { continue }
            var value = Array(s[(l.colon + 1)..<end])
            if let cut = value.firstIndex(where: { "【[|｜".unicodeScalars.contains($0) }) { value = Array(value[..<cut]) }
            while let f = value.first, BlockRenderer.isEdgeSpace(f) { value.removeFirst() }
            while let e = value.last, BlockRenderer.isEdgeSpace(e) { value.removeLast() }
            // `（责任编辑：张三）`: the closing parenthesis belongs to the line, not to the value.
            if let e = value.last, e == "）" || e == ")", !value.contains("（"), !value.contains("(") { value.removeLast() }
            fields.append(Field(label: l.label, value: String(String.UnicodeScalarView(value))))
        }
        return fields
    }

    /// The first non-empty value under any of `labels`.
    static func value(_ fields: [Field], _ labels: [String]) -> String? {
        fields.first { labels.contains($0.label) && !$0.value.isEmpty }?.value
    }

    static func isIdeograph(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return true
        default: return false
        }
    }
}

/// China's administrative divisions from the `entries:` blocks of the `place` rule files
/// (Rules/places/divisions.yaml: "full short level code" per line).
struct Gazetteer: Sendable {
    enum Level: String, Sendable {
        case province, prefecture, county

        /// `Level(rawValue:)` of a field's bytes, without making the String.
        init?(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
            // (compared with arrays: a generic comparison with a String's UTF-8 view was slow)
            if bytes.elementsEqual(Self.provinceBytes) {
                self = .province
            } else if bytes.elementsEqual(Self.prefectureBytes) {
                self = .prefecture
            } else if bytes.elementsEqual(Self.countyBytes) {
                self = .county
            } else {
                return nil
            }
        }

        private static let provinceBytes = Array("province".utf8), prefectureBytes = Array("prefecture".utf8), countyBytes = Array("county".utf8)
    }

    struct Division: Sendable {
        var full: String
        /// The safe short form, nil when the file gives "-".
        var short: String?
        var level: Level
        var code: Int

        /// Whether `self` lies inside `parent` (by the 6-digit code: 44 53 02 under 44 00 00 and 44 53 00).
        func isInside(_ parent: Division) -> Bool {
            switch parent.level {
            case .province: return code / 10000 == parent.code / 10000 && code != parent.code
            case .prefecture: return code / 100 == parent.code / 100 && code != parent.code
            case .county: return false
            }
        }
    }

    let divisions: [Division]
    /// Names (full or short) that count only with place context.
    let needsContext: WordSet

    /// Suffixes stripped to get a short form where the file has none (新兴县 → 新兴), as the
    /// gazetteer generator strips them; such forms are used only with strong context.
    static let suffixes = ["特别行政区", "自治区", "自治州", "自治县", "自治旗", "新区", "矿区", "特区", "地区",
                           "省", "市", "盟", "县", "区", "旗"]

    init(rules: RuleSet) throws {
        var divisions: [Division] = []
        var needsContext: [String] = []
        for file in rules.files("place") {
            if let block = file.root["entries"] {
                guard let text = block.string else { throw file.error("`entries` must be a block of lines", at: block) }
                divisions += try Self.parse(block: text, file: file, firstLine: block.line + 1)
            }
            needsContext += RuleFile.words(file.root["needs_context"])
        }
        self.divisions = divisions
        self.needsContext = WordSet(needsContext)
    }

    /// The divisions of an `entries:` block, one `full short level code` per line (`#` starts a
    /// comment line). Split by bytes: 3,000 lines, and splitting by Characters was a good part of
    /// start-up.
    static func parse(block text: String, file: RuleFile, firstLine: Int) throws -> [Division] {
        var text = text
        return try text.withUTF8 { bytes in
            var out: [Division] = []
            var fields: [Range<Int>] = []
            var lineStart = 0
            var n = 0
            while lineStart <= bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                defer {
                    lineStart = lineEnd + 1
                    n += 1
                }
                fields.removeAll(keepingCapacity: true)
                var p = lineStart
                while p < lineEnd {
                    while p < lineEnd, bytes[p] == 0x20 { p += 1 }
                    guard p < lineEnd else { break }
                    let fieldStart = p
                    while p < lineEnd, bytes[p] != 0x20 { p += 1 }
                    fields.append(fieldStart..<p)
                }
                func field(_ k: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[fields[k]]), as: UTF8.self) }
                guard !fields.isEmpty, bytes[fields[0].lowerBound] != UInt8(ascii: "#") else { continue }
                guard fields.count == 4, let level = Level(bytes[fields[2]]), let code = Self.integer(bytes[fields[3]]) else {
                    let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), as: UTF8.self)
                    throw MinutesError.badRule(file: file.path, line: firstLine + n,
                                               problem: "a gazetteer entry must be `full short level code`, got `\(line)`")
                }
                let short = fields[1].count == 1 && bytes[fields[1].lowerBound] == UInt8(ascii: "-") ? nil : field(1)
                out.append(Division(full: field(0), short: short, level: level, code: code))
            }
            return out
        }
    }

    /// `Int(String)` of a field's bytes, without making the String.
    static func integer(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var digits = bytes[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var value = 0
        for b in digits {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times10.subtractingReportingOverflow(Int(b - UInt8(ascii: "0")))
                                      : times10.addingReportingOverflow(Int(b - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            value = next
        }
        return value
    }

    /// Whether `part` occurs in `s`, compared by bytes (Foundation's and the standard library's
    /// searches took ~5,000 and ~25,000 instructions a name).
    static func holds(_ s: String, _ part: String) -> Bool {
        let s = Array(s.utf8), part = Array(part.utf8)
        guard part.count <= s.count else { return false }
        return (0...(s.count - part.count)).contains { s[$0..<($0 + part.count)].elementsEqual(part) }
    }

    /// The short form a division is called by only in strong context (新兴 of 新兴县, whose short
    /// form is withheld because 新兴 is a common word), or nil.
    static func contextShort(_ d: Division) -> String? {
        // (by bytes: Foundation's String.contains was slow over 3,000 names at start-up)
        guard d.short == nil, !Self.holds(d.full, "自治") else { return nil }
        // suffixes compared by bytes (String.hasSuffix compares Characters: slow over 3,000 names at start-up)
        for s in suffixes where d.full.utf8.reversed().starts(with: s.utf8.reversed()) && d.full.count - s.count >= 2 {
            return String(d.full.dropLast(s.count))
        }
        return nil
    }
}

extension MinutesResult {
    /// Spans that do not lie inside a text of `textLength` code points (or run backwards): empty
    /// for every result the pipeline makes. The fuzzer and the regression tests check it.
    public func spanProblems(textLength: Int) -> [String] {
        var problems: [String] = []
        func check(_ start: Int, _ end: Int, _ what: @autoclosure () -> String) {
            if !(0 <= start && start <= end && end <= textLength) {
                problems.append("\(what()): span \(start)..<\(end) outside the text (\(textLength) code points)")
            }
        }
        for e in entities { check(e.start, e.end, "entity \(e.type.rawValue) \(e.text)") }
        for p in persons {
            for m in p.mentions {
                if m.count == 2 { check(m[0], m[1], "mention of \(p.name)") } else { problems.append("mention of \(p.name): \(m) is not [start, end]") }
            }
        }
        for m in meetings {
            check(m.start, m.end, "meeting \(m.name ?? "")")
            for a in m.chair + m.participants { check(a.start, a.end, "attendee \(a.name)") }
            var directives = m.directives
            while let d = directives.popLast() {
                check(d.start, d.end, "directive \(d.marker)")
                directives += d.items
            }
        }
        return problems
    }
}

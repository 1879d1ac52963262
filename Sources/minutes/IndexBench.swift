import Foundation
import Minutes
import MinutesBatch
import MinutesIndex

/// `minutes bench --index-frames N`: the corpus database at scale. Indexes N generated meeting
/// frames (no extraction), then times each query kind; and, on generated articles, what
/// indexing adds to extraction. Speed is measured here, never asserted in tests.
struct IndexBench {
    let frames: Int
    let database: String
    let jobs: Int

    /// Officials of generated places: a fixed population, so people recur across frames and
    /// namesakes (the same name in two places) occur as they do in real corpora.
    struct Official {
        var name: String
        var title: String
    }

    func run() throws -> String {
        try? FileManager.default.removeItem(atPath: database)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        let extractor = try makeExtractor(rules: nil)
        let preparer = try ArticlePreparer(rules: extractor.rules)
        var lines: [String] = []

        // what indexing adds to extraction, on generated articles
        var corpus = SyntheticCorpus(seed: 7)
        let articles = (0..<400).map { _ in corpus.article() }
        let t0 = Date()
        let results = Parallel.orderedMap(articles, jobs: jobs) { extractor.extract($0) }
        let extractSeconds = Date().timeIntervalSince(t0)
        let small = database + ".overhead"
        try? FileManager.default.removeItem(atPath: small)
        let t1 = Date()
        let smallIndex = try CorpusIndex(path: small)
        let prepared = Parallel.orderedMap(Array(results.enumerated()), jobs: jobs) { preparer.prepare($0.element, key: "a\($0.offset)") }
        try smallIndex.add(prepared)
        try smallIndex.resolvePersons(resolver: preparer.resolver)
        let indexSeconds = Date().timeIntervalSince(t1)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: small + suffix) }
        lines.append(String(format: "overhead on %d generated articles (%d jobs): extraction %.2f s, indexing %.2f s (+%.1f%%)",
                            articles.count, jobs, extractSeconds, indexSeconds, 100 * indexSeconds / extractSeconds))

        // N generated frames
        let index = try CorpusIndex(path: database)
        let writer = IndexWriter(index: index)
        var generator = FrameGenerator(seed: 11)
        let start = Date()
        var done = 0
        let batch = 2000
        while done < frames {
            let n = min(batch, frames - done)
            let chunk = (0..<n).map { i in generator.frame(number: done + i) }
            let ready = Parallel.orderedMap(chunk, jobs: jobs) { preparer.prepare($0, key: $0.id!.description) }
            try writer.submit(ready)
            done += n
            if isatty(2) == 1 { FileHandle.standardError.write(Data("\r\(done) frames".utf8)) }
        }
        try writer.finish()
        let written = Date().timeIntervalSince(start)
        let names = try index.resolvePersons(resolver: preparer.resolver)
        try index.refreshStats()
        try index.checkpoint()
        let total = Date().timeIntervalSince(start)
        if isatty(2) == 1 { FileHandle.standardError.write(Data("\n".utf8)) }
        let size = (try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0
        lines.append(String(format: "%d frames: written in %.1f s, %d names resolved in %.1f s; %.0f frames/s overall; database %.0f MB",
                            frames, written, names, total - written, Double(frames) / total, Double(size) / 1_048_576))
        lines.append(try index.stats()[0].table.render(.table))

        // each query kind, on names and titles the database holds
        let sample = generator.officials.prefix(200)
        let queries: [(String, () throws -> QueryAnswer)] = [
            ("person", { try index.person(sample.randomElement()!.name) }),
            ("meetings --chair", { try index.meetings(chair: sample.randomElement()!.name) }),
            ("meetings --from --to", { try index.meetings(from: "2021-03-01", to: "2021-03-31") }),
            ("meetings --place", { try index.meetings(place: FrameGenerator.place(Int.random(in: 0..<FrameGenerator.placeCount))) }),
            ("coattend", { try index.coattendance(sample.randomElement()!.name) }),
            ("holders --place", { try index.holders("市长", place: FrameGenerator.place(Int.random(in: 0..<FrameGenerator.placeCount))) }),
            ("holders --on", { try index.holders("副市长", on: "2020-06") }),
            ("stats", { try index.stats() }),
        ]
        for (label, query) in queries {
            var times: [Double] = []
            // CPU time of this thread too: on a machine shared with other work the wall clock
            // also counts the time spent waiting for a core
            var cpuTimes: [Double] = []
            var rows = 0
            for _ in 0..<30 {
                let t = Date()
                let cpu = Self.threadCPUMilliseconds()
                rows += try query()[0].table.rows.count
                cpuTimes.append(Self.threadCPUMilliseconds() - cpu)
                times.append(Date().timeIntervalSince(t) * 1000)
            }
            times.sort()
            cpuTimes.sort()
            lines.append("query " + label.padding(toLength: 22, withPad: " ", startingAt: 0)
                + String(format: " median %6.2f ms, max %6.2f ms; CPU median %6.2f ms, max %6.2f ms (%.0f rows on average)",
                         times[times.count / 2], times.last!, cpuTimes[cpuTimes.count / 2], cpuTimes.last!, Double(rows) / 30))
        }
        return lines.joined(separator: "\n")
    }

    static func threadCPUMilliseconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1_000_000
    }
}

/// Meeting frames (`minutes/1` results, no text) over a fixed population of officials.
struct FrameGenerator {
    static let placeCount = 2000
    static let officesPerPlace = ["市委书记", "市长", "市委副书记", "常务副市长", "副市长", "副市长", "副市长", "市委常委",
                                  "市委常委", "市人大常委会主任", "市政协主席", "市公安局局长", "市委秘书长", "市纪委书记"]
    var rng: SplitMix64
    var names: SyntheticCorpus
    /// Officials by place; a seat changes hands now and then.
    var officials: [Official] = []

    typealias Official = IndexBench.Official

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
        names = SyntheticCorpus(seed: seed)
        for _ in 0..<(Self.placeCount * Self.officesPerPlace.count) { officials.append(Official(name: names.name(), title: "")) }
        for i in officials.indices { officials[i].title = Self.officesPerPlace[i % Self.officesPerPlace.count] }
    }

    /// A made-up city name: two characters from the given-name set, then 市.
    static func place(_ i: Int) -> String {
        let chars = SyntheticCorpus.givenCharacters
        return String(chars[i % chars.count]) + String(chars[(i / chars.count) % chars.count]) + "市"
    }

    mutating func frame(number: Int) -> MinutesResult {
        let placeIndex = Int(rng.next() % UInt64(Self.placeCount))
        let place = Self.place(placeIndex)
        let base = placeIndex * Self.officesPerPlace.count
        // a seat changes hands: an official is replaced by a newcomer in one frame in 500
        if rng.next() % 500 == 0 {
            let seat = base + Int(rng.next() % UInt64(Self.officesPerPlace.count))
            officials[seat].name = names.name()
        }
        let day = 18_000 + Int(rng.next() % 2000)  // 2019…2024
        let date = CivilDate(dayNumber: day).iso
        let chair = officials[base + Int(rng.next() % 2)]
        var attendees: [Official] = []
        for _ in 0..<(3 + Int(rng.next() % 6)) {
            let o = officials[base + 2 + Int(rng.next() % UInt64(Self.officesPerPlace.count - 2))]
            if o.name != chair.name, !attendees.contains(where: { $0.name == o.name }) { attendees.append(o) }
        }
        func attendee(_ o: Official, _ at: Int) -> Attendee { Attendee(name: o.name, titles: [o.title], venue: nil, start: at, end: at + 3) }
        let directives = (1...3).map { n in Directive(marker: SyntheticCorpus.markers[n - 1], number: n, text: names.pick(SyntheticCorpus.clauses),
                                                      start: 400 + 40 * n, end: 430 + 40 * n) }
        let meeting = Meeting(name: "全市" + names.pick(SyntheticCorpus.topics) + names.pick(SyntheticCorpus.meetings),
                              date: MeetingDate(text: "", value: date, partOfDay: nil),
                              chair: [attendee(chair, 40)], participants: attendees.enumerated().map { attendee($1, 200 + 10 * $0) },
                              speakers: [chair.name], venues: [Venue(name: place + "行政中心", kind: .site)], directives: directives,
                              start: 30, end: 1500)
        let persons = ([chair] + attendees).map { Person(name: $0.name, titles: [$0.title], mentions: [[40, 43]]) }
        return MinutesResult(id: .text("frame-\(number)"),
                             article: Article(headline: place + "召开会议", published: date, outlet: String(place.prefix(2)) + "日报",
                                              reporters: [Credit(name: names.name(), role: "记者")]),
                             meetings: [meeting], persons: persons,
                             entities: [Entity(type: .place, text: place, start: 0, end: 3, rule: "generated")])
    }
}

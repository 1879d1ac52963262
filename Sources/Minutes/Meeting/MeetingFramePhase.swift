/// Assembles `document.meetings` from the meeting layers: one meeting per distinct held meeting
/// name (a headline mention and a body mention of the same meeting are one), each over a region
/// of the text — from its lead sentence to the next meeting's — that gives it its date, chair,
/// participants, speakers, venues and directives. With no name at all but someone chairing or
/// attending (or speaking, or a room or place named, where the text says people met), one unnamed meeting covers the article. The meeting the headline names comes first.
///
/// Reads: `meeting`, `headline`, `chrome`, `body`, `organization`, `place`, `date`, `venue`, `chair`, `participant`, `speaker`, `directive`, `document.persons`. Writes: `document.meetings`.
struct MeetingFramePhase: Phase {
    let name = "meeting-frame"

    /// Level words that tell two meetings of one kind apart (全省…会议 vs 全县…会议).
    let levels: Lexicon
    /// Words that open the sentence of a meeting held right after another (会后, 随后…).
    let followOn: Lexicon
    /// Words that say people met, for a report that names no meeting.
    let evidence: Lexicon
    /// Words of a lead that reports a visit (看望慰问, 调研), not a meeting.
    let visits: Lexicon
    let ceremonies: Lexicon
    /// Heads of events that inform rather than meet (新闻发布会): held, they are a meeting only
    /// when someone named chairs, attends or speaks there.
    let briefings: Lexicon
    /// Openings of a sentence that gives the meeting's own words (会议指出，…).
    let statementOpeners: Lexicon
    /// Words after a meeting's name, in its clause, that say the article relays it (…会议精神).
    let relayMarks: Lexicon
    /// Verbs of relaying (传达, 学习…): standing between a name and the mark, they make the name the
    /// meeting that relays (召开X传达学习…精神), not the one relayed.
    let relayVerbs: Lexicon

    init(_ ruleSet: RuleSet) throws {
        levels = ruleSet.lexicon("meeting", "level_words")
        followOn = ruleSet.lexicon("meeting", "follow_on_cues")
        evidence = ruleSet.lexicon("meeting", "meeting_evidence")
        visits = ruleSet.lexicon("meeting", "visit_cues")
        ceremonies = ruleSet.lexicon("meeting", "ceremony_cues")
        briefings = ruleSet.lexicon("meeting", "briefing_heads")
        statementOpeners = ruleSet.lexicon("meeting", "statement_openers")
        relayMarks = ruleSet.lexicon("meeting", "relay_marks")
        relayVerbs = ruleSet.lexicon("meeting", "relay_context")
    }

    final class Cluster {
        var body: [Annotation] = []
        var headline: [Annotation] = []
        var region: Range<Int> = 0..<0
        /// The mention in the lead: the first whose sentence dates it, else the first.
        var lead: Annotation?
        init(body: [Annotation] = [], headline: [Annotation] = []) {
            self.body = body
            self.headline = headline
        }
        var first: Annotation? { body.first }
    }

    func run(_ document: Document) throws {
        let units = document.text.units
        let headline = document.annotations(.headline).first?.range
        let inHeadline = { (r: Range<Int>) in headline.map { $0.contains(r.lowerBound) } ?? false }
        // Whatever the meeting's own words name (会议指出，X主持召开…会议) was said, not done here;
        // a speaker there is quoted unless chairing or attending puts them at this meeting.
        // So is a meeting the article relayed and then tells of (传达…X会议上的讲话精神 … Y主持召开X会议):
        // its paragraph, from there on, is about that meeting.
        let retold = document.annotations(.meeting).filter { $0.features["watched"] != "true" && self.relayedEarlier($0.range, units) }
        let retelling = retold.map { MeetingText.sentence(around: $0.range.lowerBound, in: units).lowerBound..<MeetingText.lineEnd(after: $0.range.lowerBound, in: units) }
        let said = { (a: Annotation) in self.inMeetingsWords(a.range, units) || retelling.contains { $0.contains(a.range.lowerBound) } }
        let chairs = document.annotations(ChairPhase.layer).filter { !said($0) }
        let attendees = document.annotations(AttendancePhase.layer).filter { !said($0) }
        let present = Set((chairs + attendees).compactMap { $0.features["name"] })
        let speakers = document.annotations(SpeakerPhase.layer).filter { !said($0) || $0.features["name"].map(present.contains) == true }
        let venues = document.annotations(.venue)
        let dates = meetingDates(document)
        var clusters: [Cluster] = []
        // A meeting watched on a screen (组织收听收看全省…会议，随后主持召开全县…会议) is the
        // occasion of the one held here, not a meeting of its own, when the text holds one.
        let holdsOwn = document.annotations(.meeting).contains { $0.features["watched"] != "true" && !inHeadline($0.range) }
        let retoldNames = Set(retold.map(\.range))
        // 淳安县举办新闻发布会，相关部门负责人介绍…: a briefing with no one named at it is no meeting
        let someoneThere = !(chairs + attendees + speakers).isEmpty
        let briefing = { (m: Annotation) in
            (2...4).contains { k in m.range.count >= k && self.briefings.contains(units, (m.range.upperBound - k)..<m.range.upperBound) }
        }
        for m in document.annotations(.meeting) where !inHeadline(m.range) && !(holdsOwn && m.features["watched"] == "true")
            && !retoldNames.contains(m.range) && (someoneThere || !briefing(m)) {
            if let c = clusters.first(where: { sameMeeting($0.body[0].range, m.range, units) }) {
                c.body.append(m)
            } else if clusters.isEmpty || !said(m) && isReported(m, dates, chairs + attendees, units) {
                clusters.append(Cluster(body: [m]))
            }
        }
        var headlineNamed: [Cluster] = []
        for m in document.annotations(.meeting) where inHeadline(m.range) && (someoneThere || !briefing(m)) {
            if let c = clusters.first(where: { c in (c.body + c.headline).contains { sameMeeting($0.range, m.range, units) } }) {
                c.headline.append(m)
                if !headlineNamed.contains(where: { $0 === c }) { headlineNamed.append(c) }
            } else if clusters.allSatisfy({ $0.body.isEmpty }) {
                let c = Cluster(headline: [m])
                clusters.append(c)
                headlineNamed.append(c)
            }
        }
        let content = contentRange(document, after: headline)
        if clusters.isEmpty {
            // Numbered lists alone (a policy document) are no meeting: someone must chair or attend,
            // or speak where the text says it met (会上, 学习讨论…).
            // (attending an 活动 says no more than speaking does)
            let attended = (chairs + attendees.filter { $0.features["occasion"] == nil }).contains { content.contains($0.range.lowerBound) }
            let spoke = (speakers + attendees).contains { content.contains($0.range.lowerBound) }
            // a room or place where people sat (在二楼会议室进行集中学习), not a video-link target
            let sat = venues.contains { $0.features["kind"] != "video_link" && content.contains($0.range.lowerBound) }
            guard attended || (spoke || sat) && saysPeopleMet(document, content) else { return }
            // A headline (or, without one, a first sentence) that reports a visit (看望慰问, 走访,
            // 调研) with no one chairing: those who came along (参加慰问) and what the leader said
            // there are no meeting's.
            let chaired = chairs.contains { content.contains($0.range.lowerBound) }
            let lead = headline ?? document.annotations(.sentence).first { content.contains($0.range.lowerBound) && !document.isChrome($0.range) }?.range
            if !chaired, let lead, MeetingText.containsAny(visits, in: units, lead) { return }
            // One that reports a ceremony (开工仪式, 签约仪式) is no meeting, even with someone
            // presiding over it (主持仪式) and speaking there.
            if let lead, MeetingText.containsAny(ceremonies, in: units, lead) { return }
            clusters = [Cluster()]
        }
        setRegions(clusters, content, units)
        for c in clusters {
            c.lead = c.body.first { datedBy($0, dates, units) != nil } ?? c.body.first
        }
        // The headline's meeting first; without one, the first that anyone chaired or attended
        // (a TV meeting told only as the occasion for the local one comes after it); then text order.
        let attended = { (c: Cluster) in (chairs + attendees).contains { c.region.contains($0.range.lowerBound) } }
        let primary = headlineNamed.first ?? clusters.first(where: attended) ?? clusters[0]
        // A meeting held right after another (会后，…召开…) without a date of its own shares its day.
        var meetingDate: [ObjectIdentifier: MeetingDate] = [:]
        var previous: MeetingDate?
        for c in clusters {
            var d = date(c, dates, document)
            if d == nil, let previous, let lead = c.lead, followsOn(lead, units) { d = previous }
            meetingDate[ObjectIdentifier(c)] = d
            previous = d ?? previous
        }
        let ordered = [primary] + clusters.filter { $0 !== primary }
        let headlineTargets = headlineNamed.isEmpty ? [primary] : headlineNamed
        document.meetings = ordered.map { c in
            let inRegion = { (a: Annotation) in c.region.contains(a.range.lowerBound) }
            let fromHeadline = { (a: Annotation) in inHeadline(a.range) }
            var chair = chairs.filter(inRegion)
            if chair.isEmpty, headlineTargets.contains(where: { $0 === c }) { chair = chairs.filter(fromHeadline) }
            var attending = attendees.filter(inRegion)
            var speaking = speakers.filter(inRegion)
            if c === headlineTargets[0] {
                attending += attendees.filter(fromHeadline)
                speaking += speakers.filter(fromHeadline)
            }
            return meeting(c, document: document, date: meetingDate[ObjectIdentifier(c)] ?? nil, chair: chair, attendees: attending, speakers: speaking,
                           venues: venues.filter(inRegion), directives: directiveTree(document.directiveLists, in: c.region, document.text))
        }
    }

    /// Whether the name at `r` stands earlier in the text with a relay mark later in that clause
    /// (传达学习…X会议上的重要讲话精神): the meeting was held elsewhere, this article relays it.
    func relayedEarlier(_ r: Range<Int>, _ units: [UInt16]) -> Bool {
        let name = units[r]
        guard name.count >= 4, let head = name.first else { return false }
        var i = 0
        while i + name.count <= r.lowerBound {
            defer { i += 1 }
            guard units[i] == head, units[i..<(i + name.count)].elementsEqual(name) else { continue }
            var k = i + name.count
            // the mark stands within a few words of the name (…会议上的重要讲话精神)
            while k < r.lowerBound, k - (i + name.count) < 12, !MeetingText.endsClause(units[k]) {
                if relayVerbs.canStart(units[k]), relayVerbs.longestMatch(in: units, at: k, limit: r.lowerBound) != nil { break }
                if relayMarks.canStart(units[k]), relayMarks.longestMatch(in: units, at: k, limit: r.lowerBound) != nil { return true }
                k += 1
            }
        }
        return false
    }

    /// Whether `r` lies in a paragraph that opens with the meeting's own words (会议指出，…), after them.
    func inMeetingsWords(_ r: Range<Int>, _ units: [UInt16]) -> Bool {
        var lo = MeetingText.lineStart(before: r.lowerBound, in: units)
        while lo < r.lowerBound, MeetingText.isSpace(units[lo]) { lo += 1 }
        guard lo < r.lowerBound, statementOpeners.canStart(units[lo]), let m = statementOpeners.longestMatch(in: units, at: lo, limit: r.lowerBound) else { return false }
        return m.end <= r.lowerBound
    }

    /// Whether the text says people met (会上, 座谈…), outside the names of organizations and
    /// places (市会议接待中心 is where a 会见 takes place, no meeting).
    func saysPeopleMet(_ document: Document, _ content: Range<Int>) -> Bool {
        let units = document.text.units
        let names = (document.annotations(.organization) + document.annotations(.place)).map(\.range)
        var i = content.lowerBound
        while i < content.upperBound {
            if evidence.canStart(units[i]), let m = evidence.longestMatch(in: units, at: i, limit: content.upperBound) {
                if !names.contains(where: { $0.overlaps(i..<m.end) }) { return true }
                i = m.end
            } else {
                i += 1
            }
        }
        return false
    }

    /// 会后, 随后, …结束后 before the name in its sentence: the meeting follows the one before.
    func followsOn(_ m: Annotation, _ units: [UInt16]) -> Bool {
        let sentence = MeetingText.sentence(around: m.range.lowerBound, in: units)
        return MeetingText.containsAny(followOn, in: units, sentence.lowerBound..<m.range.lowerBound)
    }

    /// A further meeting is reported, not just mentioned (会后，各县分别召开…会议), when its
    /// sentence dates it or names who chaired or attended it.
    func isReported(_ m: Annotation, _ dates: [Annotation], _ roles: [Annotation], _ units: [UInt16]) -> Bool {
        let sentence = MeetingText.sentence(around: m.range.lowerBound, in: units)
        return datedBy(m, dates, units) != nil || roles.contains { sentence.contains($0.range.lowerBound) }
    }

    /// The text outside page chrome and after the headline, as one range (chrome at the ends cut).
    func contentRange(_ document: Document, after headline: Range<Int>?) -> Range<Int> {
        var lo = headline?.upperBound ?? 0
        var hi = document.text.units.count
        let chrome = document.annotations(.chrome)
        for c in chrome where c.range.lowerBound <= lo && c.range.upperBound > lo { lo = c.range.upperBound }
        for c in chrome.reversed() where c.range.upperBound >= hi && c.range.lowerBound < hi { hi = c.range.lowerBound }
        // Trailing chrome that does not reach the very end (a footer before blank lines); a
        // headline repeated between paragraphs (CMS residue) is no footer: body text follows it.
        let paragraphs = document.annotations(.body)
        if let footer = chrome.first(where: { c in c.range.lowerBound > lo + (hi - lo) / 2 && !paragraphs.contains { $0.range.lowerBound >= c.range.upperBound } }) {
            hi = min(hi, footer.range.lowerBound)
        }
        return lo..<max(lo, hi)
    }

    /// Each meeting's region: from the sentence of its first body mention (the clause, when the
    /// previous meeting's lead is in the same sentence) to the next one's. The first starts with
    /// the content.
    func setRegions(_ clusters: [Cluster], _ content: Range<Int>, _ units: [UInt16]) {
        let withBody = clusters.filter { $0.first != nil }.sorted { $0.first!.range.lowerBound < $1.first!.range.lowerBound }
        var starts: [Int] = []
        for (k, c) in withBody.enumerated() {
            let p = c.first!.range.lowerBound
            if k == 0 { starts.append(content.lowerBound); continue }
            let sentence = MeetingText.sentence(around: p, in: units)
            let previous = withBody[k - 1].first!.range.lowerBound
            starts.append(max(starts[k - 1], previous >= sentence.lowerBound ? MeetingText.clauseStart(before: p, in: units) : sentence.lowerBound))
        }
        for (k, c) in withBody.enumerated() {
            // A mention past the content (in trailing chrome) must not invert the range.
            let end = k + 1 < starts.count ? starts[k + 1] : content.upperBound
            c.region = starts[k]..<max(starts[k], end)
        }
        for c in clusters where c.first == nil { c.region = content }
    }

    /// Two mentions name one meeting when one name contains the other, or they share a tail
    /// of four or more characters and no level word tells them apart.
    func sameMeeting(_ a: Range<Int>, _ b: Range<Int>, _ units: [UInt16]) -> Bool {
        let x = Array(units[a]).filter(Chars.isIdeograph), y = Array(units[b]).filter(Chars.isIdeograph)
        if x == y || Self.contains(x, y) || Self.contains(y, x) { return true }
        var tail = 0
        while tail < min(x.count, y.count), x[x.count - 1 - tail] == y[y.count - 1 - tail] { tail += 1 }
        guard tail >= 4 else { return false }
        let px = Array(x[0..<(x.count - tail)]), py = Array(y[0..<(y.count - tail)])
        let lx = levelWords(px), ly = levelWords(py)
        return lx.isEmpty || ly.isEmpty || lx == ly
    }

    static func contains(_ a: [UInt16], _ b: [UInt16]) -> Bool {
        guard !b.isEmpty, b.count <= a.count else { return false }
        for i in 0...(a.count - b.count) where a[i..<(i + b.count)].elementsEqual(b) { return true }
        return false
    }

    func levelWords(_ units: [UInt16]) -> Set<String> {
        var out = Set<String>()
        var i = 0
        while i < units.count {
            if levels.canStart(units[i]), let m = levels.longestMatch(in: units, at: i) {
                out.insert(String(decoding: units[i..<m.end], as: UTF16.self))
                i = m.end
            } else {
                i += 1
            }
        }
        return out
    }

    func meeting(_ c: Cluster, document: Document, date: MeetingDate?, chair: [Annotation], attendees: [Annotation], speakers: [Annotation],
                 venues: [Annotation], directives: [Directive]) -> Meeting {
        let text = document.text
        let nameMention = c.lead ?? c.headline.first
        let personTitles = Dictionary(document.persons.map { ($0.name, $0.titles) }, uniquingKeysWith: { a, _ in a })

        func attendee(_ a: Annotation) -> Attendee {
            let name = a.features["name"] ?? text.writtenText(a.range)
            var titles = personTitles[name] ?? []
            if let group = a.features["group"], !titles.contains(group) { titles.insert(group, at: 0) }
            let o = text.originalRange(a.range)
            return Attendee(name: name, titles: titles, venue: a.features["venue"], start: o.lowerBound, end: o.upperBound)
        }
        var chairList: [Attendee] = []
        var chairNames = Set<String>()
        for a in chair.map(attendee) where chairNames.insert(a.name).inserted { chairList.append(a) }
        var participants: [Attendee] = []
        var participantIndex: [String: Int] = [:]
        for a in attendees.map(attendee) where !chairNames.contains(a.name) {
            if let k = participantIndex[a.name] {
                if participants[k].venue == nil { participants[k].venue = a.venue }
            } else {
                participantIndex[a.name] = participants.count
                participants.append(a)
            }
        }
        var speakerNames: [String] = []
        var spoke = Set<String>()
        for s in speakers.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            let a = attendee(s)
            if spoke.insert(a.name).inserted { speakerNames.append(a.name) }
            // Whoever speaks at the meeting is at it.
            if !chairNames.contains(a.name) && participantIndex[a.name] == nil {
                participantIndex[a.name] = participants.count
                participants.append(Attendee(name: a.name, titles: a.titles, venue: nil, start: a.start, end: a.end))
            }
        }
        var venueList: [Venue] = []
        for v in venues {
            let kind = Venue.Kind(rawValue: v.features["kind"] ?? "site") ?? .site
            var named = [(text.writtenText(v.range), kind)]
            // 主、分会场: the main venue (主 + 会场) and the branch venue (分会场)
            if v.features["both"] == "true", v.range.count >= 4 {
                let r = v.range
                named = [(text.writtenText(r.lowerBound..<(r.lowerBound + 1)) + text.writtenText((r.upperBound - 2)..<r.upperBound), .main),
                         (text.writtenText((r.upperBound - 3)..<r.upperBound), .branch)]
            }
            for (name, kind) in named where !venueList.contains(where: { $0.name == name }) { venueList.append(Venue(name: name, kind: kind)) }
        }
        let o = text.originalRange(c.region)
        return Meeting(name: nameMention.map { text.writtenText($0.range) }, date: date,
                       chair: chairList, participants: participants, speakers: speakerNames, venues: venueList,
                       directives: directives, start: o.lowerBound, end: o.upperBound)
    }

    /// Dates that can be a meeting's: not periods (上半年), not in page chrome, not a page's
    /// ISO timestamp (2022-10-08 09:08).
    func meetingDates(_ document: Document) -> [Annotation] {
        // - / : inside a date (2022-10-08, 9:30) always stand before a digit, never start a
        // grapheme cluster with a mark: the units tell as the characters would.
        let units = document.text.units
        return document.annotations(.date).filter { d in
            d.features["kind"] != "period" && !document.isChrome(d.range)
                && !units[d.range].contains { $0 == 0x2D || $0 == 0x2F || $0 == 0x3A }
        }
    }

    /// The date a mention's sentence gives it: between a subject-form name and its verb
    /// (…会议21日上午在北京召开), else the last one before the name.
    func datedBy(_ m: Annotation, _ dates: [Annotation], _ units: [UInt16]) -> Annotation? {
        let sentence = MeetingText.sentence(around: m.range.lowerBound, in: units)
        let inSentence = dates.filter { sentence.contains($0.range.lowerBound) && !$0.range.overlaps(m.range) }
        return inSentence.first { $0.range.lowerBound >= m.range.upperBound && $0.range.lowerBound - m.range.upperBound <= 2 }
            ?? inSentence.last { $0.range.upperBound <= m.range.lowerBound }
    }

    /// The lead's date; else the last date before the lead on its line; without a lead (or
    /// with an undated one), the first date of the region.
    func date(_ c: Cluster, _ dates: [Annotation], _ document: Document) -> MeetingDate? {
        let units = document.text.units
        var pick: Annotation?
        if let lead = c.lead {
            let line = MeetingText.lineStart(before: lead.range.lowerBound, in: units)
            pick = datedBy(lead, dates, units)
                ?? dates.last { $0.range.lowerBound >= line && $0.range.upperBound <= lead.range.lowerBound && c.region.contains($0.range.lowerBound) }
        }
        if pick == nil {
            pick = dates.first { c.region.contains($0.range.lowerBound) && !(c.lead?.range.overlaps($0.range) ?? false) }
        }
        guard let d = pick, let k = dates.firstIndex(where: { $0.range == d.range }) else { return nil }
        // A meeting over several days written as one date (7月14日下午、15日上午, 10月6日至8日):
        // the whole span as written; the value and part of day are the first day's.
        var first = k, last = k
        while first > 0, Self.joinsDays(dates[first - 1].range.upperBound, dates[first].range.lowerBound, units) { first -= 1 }
        while last + 1 < dates.count, Self.joinsDays(dates[last].range.upperBound, dates[last + 1].range.lowerBound, units) { last += 1 }
        let start = dates[first]
        return MeetingDate(text: document.text.writtenText(start.range.lowerBound..<dates[last].range.upperBound),
                           value: start.features["value"], partOfDay: start.features["part_of_day"])
    }

    /// Whether the text between two dates joins them as the days of one event: 、 至 到 和 及 —
    /// ～ ~ alone between them.
    static func joinsDays(_ end: Int, _ next: Int, _ units: [UInt16]) -> Bool {
        next == end + 1 && [0x3001, 0x81F3, 0x5230, 0x548C, 0x53CA, 0x2014, 0xFF5E, 0x7E].contains(units[end])
    }

    /// The directive items of a region as lists, nested lists under their parent item.
    func directiveTree(_ lists: [DirectiveList], in region: Range<Int>, _ text: NormalizedText) -> [Directive] {
        // The items of each list in the region, and the lists nested under each (list, item).
        let members = lists.map { list in list.items.indices.filter { region.contains(list.items[$0].text.lowerBound) } }
        var nested: [Int: [Int: [Int]]] = [:]
        for (l, list) in lists.enumerated() where !members[l].isEmpty {
            if let p = list.parent { nested[p.list, default: [:]][p.item, default: []].append(l) }
        }
        func directive(_ item: DirectiveList.Item) -> Directive {
            let o = text.originalRange(item.text)
            return Directive(marker: text.writtenText(item.marker), number: item.number, text: text.writtenText(item.text),
                             start: o.lowerBound, end: o.upperBound)
        }
        func build(_ l: Int, depth: Int) -> [Directive] {
            members[l].map { i in
                var d = directive(lists[l].items[i])
                if depth < 8 { d.items = (nested[l]?[i] ?? []).flatMap { build($0, depth: depth + 1) } }
                return d
            }
        }
        // A nested list whose parent item lies in this region is placed under it; the others
        // stand at the top, in text order.
        let top = lists.indices.filter { l in
            guard !members[l].isEmpty else { return false }
            guard let p = lists[l].parent else { return true }
            return !members[p.list].contains(p.item)
        }.sorted { lists[$0].items[members[$0][0]].text.lowerBound < lists[$1].items[members[$1][0]].text.lowerBound }
        return top.flatMap { build($0, depth: 0) }
    }
}

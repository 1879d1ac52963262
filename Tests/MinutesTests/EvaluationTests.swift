import XCTest
@testable import Minutes

/// The evaluation library: gold loading, article headers, field scoring, PD1998 spans, bars.
/// The texts and names here are invented for the tests.
final class EvaluationTests: XCTestCase {
    static let gold = """
    meeting: 县政府常务会议
    meeting_alt: [常务会议]
    date: 5日上午
    date_alt: [3月5日]
    date_value: '2024-03-05'
    part_of_day: morning
    chair:
    - name: 欧阳明远
      titles: [县委副书记, 县长]
      venue: null
      as_written: 歐陽明(míng)遠
    participants:
    - {name: 石青, titles: [副县长], venue: null, name_variants: [石 青]}
    - 韩立
    speakers: [欧阳明远]
    directives:
    - {marker: 一要, starts: 抓好春季农业生产}
    - {marker: 二要, starts: 守牢安全生产底线}
    venues: [县政府三楼会议室]
    video_links: [各乡镇]
    mentioned_persons: [程远方]
    reporters: [苗小禾]
    editors: []
    headline: null
    publish_date: 2024年3月6日
    source: 青川县融媒体中心
    notes: invented
    """

    func goldAnnotation(_ yaml: String = gold) throws -> GoldAnnotation {
        try GoldAnnotation(yaml: yaml, file: "test.yaml")
    }

    func attendee(_ name: String, _ titles: [String] = []) -> Attendee {
        Attendee(name: name, titles: titles, venue: nil, start: 0, end: 0)
    }

    // MARK: Loading

    func testGoldLoadsEveryKey() throws {
        let g = try goldAnnotation()
        XCTAssertEqual(g.meeting.name, "县政府常务会议")
        XCTAssertEqual(g.meeting.dateValue, "2024-03-05")
        XCTAssertTrue(g.meeting.hasPartOfDay)
        XCTAssertEqual(g.meeting.chair?.first?.spellings, ["欧阳明远", "歐陽明(míng)遠"])
        XCTAssertEqual(g.meeting.participants?.map(\.name), ["石青", "韩立"])
        XCTAssertEqual(g.meeting.participants?.first?.nameVariants, ["石 青"])
        XCTAssertEqual(g.meeting.directives?.map(\.marker), ["一要", "二要"])
        XCTAssertEqual(g.meeting.videoLinks, ["各乡镇"])
        XCTAssertEqual(g.publishDate, "2024年3月6日")
        XCTAssertEqual(g.editors, [])
        XCTAssertNil(g.headline)
        XCTAssertTrue(g.otherMeetings.isEmpty)
    }

    func testOtherMeetingsLeaveMissingKeysUnannotated() throws {
        let g = try goldAnnotation("""
        meeting: 甲会议
        date: null
        chair: []
        publish_date: 2024-03-06
        other_meetings:
        - meeting: 乙会议
          chair: [{name: 韩立, titles: []}]
          directives: []
        """)
        XCTAssertEqual(g.meeting.participants, [], "a missing top-level list means none")
        XCTAssertFalse(g.meeting.hasDateValue)
        XCTAssertEqual(g.publishDate, "2024-03-06", "dates stay as written")
        XCTAssertEqual(g.otherMeetings.count, 1)
        XCTAssertEqual(g.otherMeetings[0].name, "乙会议")
        XCTAssertNil(g.otherMeetings[0].participants, "a missing key in other_meetings is not annotated")
        XCTAssertEqual(g.otherMeetings[0].directives, [])
    }

    func testBadGoldNamesTheFileAndTheKey() {
        XCTAssertThrowsError(try goldAnnotation("chair:\n- {titles: [县长]}\n")) { error in
            XCTAssertEqual("\(error)", "test.yaml: chair[0]: no name")
        }
        XCTAssertThrowsError(try goldAnnotation("chair: [a\n")) { error in
            XCTAssertTrue("\(error)".hasPrefix("test.yaml: not valid YAML"), "\(error)")
        }
        XCTAssertThrowsError(try goldAnnotation("- a\n- b\n")) { error in
            XCTAssertTrue("\(error)".contains("mapping"), "\(error)")
        }
        XCTAssertThrowsError(try goldAnnotation("venues: {a: b}\n")) { error in
            XCTAssertEqual("\(error)", "test.yaml: venues: expected a list")
        }
    }

    func testArticleHeaderIsStripped() {
        let f = ArticleFile(contents: "URL: http://example.org/a.html\n\n县政府召开会议\n第二段")
        XCTAssertEqual(f.url, "http://example.org/a.html")
        XCTAssertEqual(f.text, "县政府召开会议\n第二段")
        XCTAssertEqual(ArticleFile(contents: "县政府召开会议").text, "县政府召开会议")
        XCTAssertNil(ArticleFile(contents: "县政府召开会议").url)
        XCTAssertEqual(ArticleFile(contents: "URL: x\n正文").text, "正文", "no blank line: only the URL line is metadata")
        XCTAssertEqual(ArticleFile(contents: "URL: x\n\n").text, "")
    }

    // MARK: Scoring

    /// A result close to the gold, written the way real output differs from it.
    func goodResult() -> MinutesResult {
        var m = Meeting(name: "常务会议", start: 0, end: 10)
        m.date = MeetingDate(text: "5日上午", value: "2024-03-05", partOfDay: "morning")
        m.chair = [attendee("盧陽明遠"), attendee("歐陽明(míng)遠", ["縣長(zhǎng)", "县委书记"])]
        m.participants = [attendee("石  青", ["副县长"])]
        m.speakers = ["欧阳明远"]
        m.venues = [Venue(name: "县政府三楼会议室", kind: .site), Venue(name: "各乡镇", kind: .videoLink)]
        m.directives = [
            Directive(marker: "一要", number: 1, text: "抓好春季农业生產，不误农时", start: 0, end: 1, items: [
                Directive(marker: "二要", number: 2, text: "守牢安全", start: 0, end: 1),
            ]),
        ]
        let article = Article(published: "2024-03-06T08:30", outlet: "青川縣融媒體中心",
                              reporters: [Credit(name: "苗小禾", role: "记者")])
        return MinutesResult(id: "a", article: article, meetings: [m],
                             persons: [Person(name: "欧阳明远", titles: [], mentions: []),
                                       Person(name: "歐陽明遠", titles: [], mentions: []),
                                       Person(name: "程远方", titles: [], mentions: []),
                                       Person(name: "苗小禾", titles: [], mentions: [])])
    }

    func testFieldsCompareAfterFoldingWithVariants() throws {
        let s = GoldScorer().score(goodResult(), against: try goldAnnotation(), id: "a")
        let c = s.counts
        XCTAssertEqual(c[.chair], Counts(tp: 1, fp: 1, fn: 0), "as_written with pinyin and Traditional match; 盧陽明遠 is wrong")
        XCTAssertEqual(c[.participants], Counts(tp: 1, fp: 0, fn: 1), "name_variants and whitespace: 石  青 matches")
        XCTAssertEqual(c[.titles], Counts(tp: 2, fp: 1, fn: 1), "縣長(zhǎng) = 县长, 副县长; 县委书记 wrong; 县委副书记 missed")
        XCTAssertEqual(c[.speakers], Counts(tp: 1, fp: 0, fn: 0))
        XCTAssertEqual(c[.directives], Counts(tp: 1, fp: 1, fn: 1), "the nested 二要 text is cut before the first six characters")
        XCTAssertEqual(c[.venues], Counts(tp: 1, fp: 0, fn: 0), "a video-link target is neither rewarded nor punished")
        XCTAssertEqual(c[.meeting], Counts(tp: 1, fp: 0, fn: 0), "meeting_alt")
        XCTAssertEqual(c[.date], Counts(tp: 1, fp: 0, fn: 0))
        XCTAssertEqual(c[.dateValue], Counts(tp: 1, fp: 0, fn: 0))
        XCTAssertEqual(c[.reporters], Counts(tp: 1, fp: 0, fn: 0))
        XCTAssertEqual(c[.persons], Counts(tp: 3, fp: 0, fn: 2), "欧阳明远 once (both spellings fold alike); 石青, 韩立 missed")
        XCTAssertEqual(c[.outlet], Counts(tp: 1, fp: 0, fn: 0))
        XCTAssertEqual(c[.published], Counts(tp: 1, fp: 0, fn: 0), "2024年3月6日 accepts any time that day")
        XCTAssertEqual(c[.meetings], Counts(tp: 1, fp: 0, fn: 0))
        let chair = try XCTUnwrap(s.differences.first { $0.field == .chair })
        XCTAssertEqual(chair.wrong, ["盧陽明遠"])
        XCTAssertTrue(s.differenceLines.contains("titles: missed 欧阳明远/县委副书记; wrong 歐陽明(míng)遠/县委书记"), "\(s.differenceLines)")
    }

    func testNoResultMissesEverything() throws {
        let s = GoldScorer().score(nil, against: try goldAnnotation(), id: "a")
        XCTAssertEqual(s.counts[.chair], Counts(tp: 0, fp: 0, fn: 1))
        XCTAssertEqual(s.counts[.participants], Counts(tp: 0, fp: 0, fn: 2))
        XCTAssertEqual(s.counts[.persons], Counts(tp: 0, fp: 0, fn: 5))
        XCTAssertEqual(s.counts[.meetings], Counts(tp: 0, fp: 0, fn: 1))
        XCTAssertFalse(s.isExact)
    }

    func testOneAnnotatedMeetingPoolsEveryPredictedMeeting() throws {
        var r = goodResult()
        var second = Meeting(name: "另一个会议", start: 20, end: 30)
        second.participants = [attendee("韩立")]
        r.meetings.append(second)
        let s = GoldScorer().score(r, against: try goldAnnotation(), id: "a")
        XCTAssertEqual(s.counts[.participants], Counts(tp: 2, fp: 0, fn: 0), "韩立 of the second meeting counts (as score_gold.py)")
        XCTAssertEqual(s.counts[.meeting], Counts(tp: 1, fp: 0, fn: 0), "the name of the first meeting only")
        XCTAssertEqual(s.counts[.meetings], Counts(tp: 1, fp: 1, fn: 0))
    }

    func testOtherMeetingsAlignWithTheMostSimilarPredictedMeeting() throws {
        let g = try goldAnnotation("""
        meeting: 市委常委会会议
        date: 上午
        chair: [{name: 孔德山, titles: [市委书记]}]
        participants: [{name: 夏雨, titles: [市长]}]
        other_meetings:
        - meeting: 专题会议
          date: 下午
          chair: [{name: 孔德山, titles: []}]
          participants: [{name: 许晴川, titles: [副市长]}]
        """)
        var afternoon = Meeting(name: "专题会议", start: 50, end: 90)
        afternoon.chair = [attendee("孔德山")]
        afternoon.participants = [attendee("许晴川", ["副市长"])]
        var morning = Meeting(name: "市委常委会会议", start: 0, end: 40)
        morning.date = MeetingDate(text: "上午", value: nil, partOfDay: "morning")
        morning.chair = [attendee("孔德山", ["市委书记"])]
        morning.participants = [attendee("夏雨", ["市长"]), attendee("许晴川")]
        let extra = Meeting(name: "省委全会", start: 95, end: 99)
        let s = GoldScorer().score(MinutesResult(id: "b", meetings: [afternoon, morning, extra]), against: g, id: "b")
        XCTAssertEqual(s.counts[.meetings], Counts(tp: 2, fp: 1, fn: 0))
        XCTAssertEqual(s.counts[.meeting], Counts(tp: 2, fp: 1, fn: 0), "both names; the extra meeting's name is wrong")
        XCTAssertEqual(s.counts[.chair], Counts(tp: 2, fp: 0, fn: 0))
        XCTAssertEqual(s.counts[.participants], Counts(tp: 2, fp: 1, fn: 0), "许晴川 attends the afternoon meeting only")
        XCTAssertEqual(s.counts[.date], Counts(tp: 1, fp: 0, fn: 1))
        XCTAssertEqual(s.counts[.speakers], Counts(), "speakers are not annotated for the afternoon meeting, and none predicted")
        let wrongParticipant = try XCTUnwrap(s.differences.first { $0.field == .participants })
        XCTAssertEqual(wrongParticipant.meeting, "meeting 1")
        XCTAssertEqual(wrongParticipant.wrong, ["许晴川"])
    }

    func testDateValueComparesPartOfDayWhereAnnotated() throws {
        var r = goodResult()
        r.meetings[0].date = MeetingDate(text: "5日上午", value: "2024-03-05", partOfDay: "afternoon")
        let s = GoldScorer().score(r, against: try goldAnnotation(), id: "a")
        XCTAssertEqual(s.counts[.dateValue], Counts(tp: 0, fp: 1, fn: 1))
        XCTAssertEqual(s.differences.first { $0.field == .dateValue }?.missed, ["2024-03-05 morning"])
    }

    func testPublishDatesCompareAsDates() {
        func ok(_ gold: String, _ predicted: String) -> Bool { GoldScorer.matchPublished(gold, predicted).tp == 1 }
        XCTAssertTrue(ok("2022-10-08 09:08", "2022-10-08T09:08"))
        XCTAssertFalse(ok("2022-10-08 09:08", "2022-10-08"), "the gold gives a time")
        XCTAssertTrue(ok("２０２２年１０月８日", "2022-10-08T07:00"))
        XCTAssertTrue(ok("二〇二三年三月十七日", "2023-03-17"))
        XCTAssertTrue(ok("4月13日", "2019-04-13"), "no year in the gold")
        XCTAssertFalse(ok("4月13日", "2019-04-12"))
        XCTAssertEqual(GoldScorer.matchPublished(nil, "2019-04-12").wrong, ["2019-04-12"])
        XCTAssertEqual(GoldScorer.matchPublished("4月13日", nil).missed, ["4月13日"])
    }

    func testScoresFollowTheScriptsConventions() {
        XCTAssertEqual(Counts().scores(.meetingFields).f1, 1, "nothing expected, nothing predicted")
        XCTAssertEqual(Counts(tp: 0, fp: 0, fn: 3).scores(.meetingFields).precision, 0)
        XCTAssertEqual(Counts().scores(.entitySpans).f1, 0)
        let s = Counts(tp: 3, fp: 1, fn: 2).scores(.meetingFields)
        XCTAssertEqual(s.precision, 0.75)
        XCTAssertEqual(s.recall, 0.6)
        XCTAssertEqual(s.f1, 2 * 0.75 * 0.6 / 1.35, accuracy: 1e-12)
    }

    // MARK: PD1998

    func testPD1998SpansAreBuiltLikePd1998Py() {
        let corpus = """
        19980101-01-001-001/m  孔/nr  德山/nr  在/p  [江南/ns  大学/n]nt  讲话/v  。/w  \n\
        19980101-01-001-002/m  许/nr  晴川/nr  、/w  夏/nr  雨/nr  访问/v  \u{3000}江南/ns  无标记  [/w  ［/w  \n\
        \n\
        19980101-01-002-001/m  新华社/nt  报道/v  a/b/nx  \n
        """
        let articles = PD1998Corpus.parse(corpus)
        XCTAssertEqual(articles.map(\.id), ["19980101-01-001", "19980101-01-002"])
        XCTAssertEqual(articles[0].text, "孔德山在江南大学讲话。\n许晴川、夏雨访问江南[［")
        XCTAssertEqual(Set(articles[0].spans), [
            EntitySpan(type: .person, start: 0, end: 3),
            EntitySpan(type: .organization, start: 4, end: 8),
            EntitySpan(type: .person, start: 12, end: 15),
            EntitySpan(type: .person, start: 16, end: 18),
            EntitySpan(type: .place, start: 20, end: 22),
        ])
        XCTAssertEqual(articles[1].text, "新华社报道a/b")
        XCTAssertEqual(articles[1].spans, [EntitySpan(type: .organization, start: 0, end: 3)])
        XCTAssertEqual(PD1998Corpus.parse(corpus, subset: ["19980101-01-002"]).map(\.id), ["19980101-01-002"])
    }

    func testEntitySpansScoreAsSets() {
        let gold = [EntitySpan(type: .person, start: 0, end: 3), EntitySpan(type: .place, start: 5, end: 7)]
        let predicted = [
            Entity(type: .person, text: "", start: 0, end: 3, rule: "r"),
            Entity(type: .person, text: "", start: 0, end: 3, rule: "r2"),
            Entity(type: .organization, text: "", start: 5, end: 7, rule: "r"),
            Entity(type: .date, text: "", start: 8, end: 9, rule: "r"),
        ]
        let c = EntitySpanScorer.score(predicted, gold: gold)
        XCTAssertEqual(c[.person], Counts(tp: 1, fp: 0, fn: 0))
        XCTAssertEqual(c[.place], Counts(tp: 0, fp: 0, fn: 1))
        XCTAssertEqual(c[.organization], Counts(tp: 0, fp: 1, fn: 0))
    }

    // MARK: Bars

    func testBars() throws {
        let bars = try EvalBars(spec: "chair=0.5, person=0.25")
        XCTAssertEqual(bars.bars.map(\.field), ["chair", "person"])
        let rows = [ScoreRow(field: "chair", counts: Counts(tp: 1, fp: 1, fn: 1), convention: .meetingFields)]
        XCTAssertEqual(bars.failures(rows), [])
        XCTAssertEqual(try EvalBars(spec: "chair=0.6").failures(rows), ["chair F1 0.500 is below its bar 0.600"])
        XCTAssertThrowsError(try EvalBars(spec: "chiar=0.5"))
        XCTAssertThrowsError(try EvalBars(spec: "chair=1.5"))
        XCTAssertThrowsError(try EvalBars(spec: "chair"))
    }
}

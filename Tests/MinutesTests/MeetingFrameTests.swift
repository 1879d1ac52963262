import XCTest
@testable import Minutes

/// The meeting frame end to end: texts written for these tests (names and places invented),
/// and the seed sample's figures from the brief.
final class MeetingFrameTests: XCTestCase {
    static let extractor = try! Extractor()

    func meetings(_ text: String, published: String? = nil) -> [Meeting] {
        Self.extractor.extract(text, id: "test", options: .init(published: published)).meetings
    }

    /// The meeting phases share one scan for their trigger units: each still gets exactly the
    /// positions of its own triggers.
    func testSharedTriggerScanGivesEachPhaseItsOwnStarts() throws {
        let rules = Self.extractor.rules
        let text = NormalizedText("县委召开常委会会议，书记主持会议并讲话，在主会场和分会场收听收看。委托副县长出席、参加、列席，与会人员就座。")
        let document = Document(id: nil, text: text)
        var seen = 0
        for phaseRules in [try rules.meetingRules(.meeting), try rules.meetingRules(.venue), try rules.meetingRules(ChairPhase.layer),
                           try rules.meetingRules(AttendancePhase.layer)] {
            let starts = TriggerStarts(phaseRules, ruleSet: rules)
            XCTAssertNotNil(starts.shared)
            let own = starts.units.positions(in: text.units)
            XCTAssertFalse(own.isEmpty)
            XCTAssertEqual(starts.positions(in: document), own)
            seen += 1
        }
        XCTAssertEqual(seen, 4)
    }

    func testSeedSample() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/articles/yunfu-2022-10-06.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw XCTSkip("seed sample not found at \(url.path)") }
        let m = try XCTUnwrap(meetings(text).first)
        XCTAssertEqual(m.chair.map(\.name), ["卢荣春"])
        XCTAssertEqual(Set(m.chair.first?.titles ?? []), ["市委书记", "市疫情防控指挥部总指挥"])
        XCTAssertEqual(m.participants.count, 13)
        let li = try XCTUnwrap(m.participants.first { $0.name == "李庆新" })
        XCTAssertEqual(li.venue, "罗定分会场")
        XCTAssertEqual(Set(li.titles), ["市长", "市疫情防控指挥部副总指挥"])
        let main = m.participants.filter { $0.venue == "市主会场" }, branches = m.participants.filter { $0.venue == "各分会场" }
        XCTAssertEqual(main.count, 6)
        XCTAssertEqual(branches.count, 6)
        XCTAssertTrue((main + branches).allSatisfy { $0.titles == ["市领导"] })
        XCTAssertEqual(m.directives.map(\.marker), ["一要", "二要", "三要", "四要", "五要", "六要", "七要", "八要"])
        XCTAssertEqual(m.directives.map(\.number), Array(1...8))
        XCTAssertTrue(m.directives[0].text.hasPrefix("深入学习贯彻"))
        XCTAssertEqual(m.date?.value, "2022-10-06")
        XCTAssertEqual(m.date?.partOfDay, "evening")
        XCTAssertEqual(Set(m.venues.map(\.name)), ["市主会场", "罗定分会场", "各分会场", "罗定市和连州镇抗疫前线指挥部", "其他各县(区)"])
    }

    func testTwoMeetingsKeepTheirOwnChairsAndDirectives() throws {
        let text = """
        本报讯 5月6日上午，市委书记张建华主持召开市委常委会会议，研究部署防汛工作。市委副书记、市长刘德明出席会议。会议强调，一要压实防汛责任；二要做好应急准备。
        当天下午，张建华主持召开市委财经委员会会议，研究城市更新工作。副市长陈文静参加会议。张建华要求，一是坚持规划引领；二是坚持群众自愿；三是坚持资金平衡。
        """
        let ms = meetings(text, published: "2023-05-07")
        XCTAssertEqual(ms.map(\.name), ["市委常委会会议", "市委财经委员会会议"])
        XCTAssertEqual(ms[0].directives.map(\.marker), ["一要", "二要"])
        XCTAssertEqual(ms[1].directives.map(\.marker), ["一是", "二是", "三是"])
        XCTAssertEqual(ms[0].participants.map(\.name), ["刘德明"])
        XCTAssertEqual(ms[1].participants.map(\.name), ["陈文静"])
        XCTAssertEqual(ms[1].chair.map(\.name), ["张建华"])
        XCTAssertEqual(ms[1].speakers, ["张建华"])
        XCTAssertEqual(ms[0].date?.value, "2023-05-06")
        XCTAssertEqual(ms[0].date?.partOfDay, "morning")
    }

    func testTheMainSpeakerIsNotPromotedToChair() throws {
        let text = "6月3日下午，全区安全生产工作会议召开。区委副书记、区长王志强出席会议并讲话，副区长李海燕通报了有关情况。"
        let m = try XCTUnwrap(meetings(text, published: "2023-06-04").first)
        XCTAssertEqual(m.name, "全区安全生产工作会议")
        XCTAssertEqual(m.chair, [])
        XCTAssertEqual(Set(m.participants.map(\.name)), ["王志强", "李海燕"])
        XCTAssertEqual(Set(m.speakers), ["王志强", "李海燕"])
    }

    func testAVisitIsNoMeeting() throws {
        let visit = """
        2月9日下午，县委书记程立川，县委副书记、县长莫海清来到县社会福利院看望慰问老人。县领导韦晓燕、蒲建明参加慰问。
        程立川希望工作人员照顾好老人们的生活。县政协十届三次会议期间的委员建议也在现场得到通报。
        """
        XCTAssertEqual(meetings(visit, published: "2024-02-10").count, 0)
        // a meeting held on a visit is still reported
        let held = "2月9日下午，县委书记程立川到青石镇调研，并主持召开座谈会。镇党委书记蒲建明参加座谈。"
        XCTAssertEqual(meetings(held, published: "2024-02-10").first?.chair.map(\.name), ["程立川"])
    }

    func testACeremonyIsNoMeeting() throws {
        let ceremony = """
        我县举行第二批重点项目集中开工仪式
        3月6日上午，我县第二批重点项目集中开工仪式在城东产业园举行。县领导蒋文博、阮志刚、邝丽娟出席。
        县委副书记、县长阮志刚致辞，县委常委、常务副县长邝丽娟主持仪式，县委书记蒋文博宣布开工。蒋文博指出，要加快项目建设。
        """
        XCTAssertEqual(meetings(ceremony, published: "2024-03-07").count, 0)
        // a named meeting at which contracts are signed is still reported
        let held = "3月6日上午，县长阮志刚主持召开全县招商引资推进会，会上举行了项目签约仪式。副县长邝丽娟参加会议。"
        XCTAssertEqual(meetings(held, published: "2024-03-07").first?.chair.map(\.name), ["阮志刚"])
    }

    func testEntrustingLeaderIsNeitherChairNorParticipant() throws {
        let text = "3月2日上午，受县委书记黄国平委托，县委副书记、县长赵文博主持召开县委常委会会议。县委常委孙丽华、周建军出席会议。"
        let m = try XCTUnwrap(meetings(text, published: "2023-03-03").first)
        XCTAssertEqual(m.chair.map(\.name), ["赵文博"])
        XCTAssertEqual(m.participants.map(\.name), ["孙丽华", "周建军"])
        XCTAssertTrue(m.participants.allSatisfy { $0.titles.contains("县委常委") })
    }

    func testRelayedMeetingIsNotTheName() throws {
        let text = "7月1日晚，县委书记林海涛主持召开县委常委会会议，传达学习全省经济工作会议精神。"
        XCTAssertEqual(meetings(text, published: "2024-07-02").map(\.name), ["县委常委会会议"])
    }

    func testChairOnlyInTheHeadline() throws {
        let text = """
        市长刘德明主持召开市政府党组会议
        发布日期：2023-03-08

        3月7日下午，市政府党组召开会议，传达学习有关精神。市政府党组成员陈文静、李海燕参加会议。
        会议强调，要抓好贯彻落实。
        """
        let m = try XCTUnwrap(meetings(text).first)
        XCTAssertEqual(m.name, "市政府党组会议")
        XCTAssertEqual(m.chair.map(\.name), ["刘德明"])
        XCTAssertEqual(m.date?.text, "3月7日下午")
        XCTAssertEqual(Set(m.participants.map(\.name)), ["陈文静", "李海燕"])
    }

    func testNestedDirectivesAndAgendaLists() throws {
        let text = """
        9月8日上午，某乡召开秋季防火工作部署会。会议有两项议程：一是通报防火形势；二是签订责任书。
        乡党委书记王建平提出三点要求。首先，要扛起防火责任。其中，一是层层签订责任书；二是落实网格巡护。其次，要管控野外用火。最后，要做好应急准备。
        """
        let m = try XCTUnwrap(meetings(text, published: "2023-09-09").first)
        XCTAssertEqual(m.directives.map(\.marker), ["首先，", "其次，", "最后，"])
        XCTAssertEqual(m.directives.map(\.number), [1, 2, 3])
        XCTAssertEqual(m.directives[0].items.map(\.marker), ["一是", "二是"])
        XCTAssertEqual(m.directives[0].items[0].text, "层层签订责任书")
    }

    func testALocalMeetingAfterAWatchedOneComesFirstAndSharesItsDay() throws {
        let text = "6月3日，全省防汛抗旱工作视频会议召开。会后，我县紧接着召开全县防汛工作会议，县委书记张海峰出席会议并讲话，县长王国平主持会议。"
        let ms = meetings(text, published: "2024-06-04")
        XCTAssertEqual(ms.map(\.name), ["全县防汛工作会议", "全省防汛抗旱工作视频会议"])
        XCTAssertEqual(ms[0].chair.map(\.name), ["王国平"])
        XCTAssertEqual(ms[0].date?.value, "2024-06-03")
    }

    func testAMeetingOnlyMentionedDoesNotSplitTheReport() throws {
        let text = """
        10月9日上午，全市防汛工作会议召开。市长李国强出席会议并讲话。
        会后，各县（区）分别召开防汛工作专题会议，传达贯彻会议精神。
        副市长王建华、张晓明参加会议。
        """
        let ms = meetings(text, published: "2024-10-10")
        XCTAssertEqual(ms.map(\.name), ["全市防汛工作会议"])
        XCTAssertEqual(Set(ms[0].participants.map(\.name)), ["李国强", "王建华", "张晓明"])
    }

    // Cases seen on government portal pages (texts invented).

    func testTwoNamesJoinedByAnEnumerationCommaAreTwoPersons() throws {
        let text = "5月30日上午，县委书记周立平主持召开县委常委会会议。县领导韩建国、唐志远出席会议。"
        let m = try XCTUnwrap(meetings(text, published: "2024-05-31").first)
        XCTAssertEqual(m.participants.map(\.name), ["韩建国", "唐志远"])
    }

    func testADayOnlyDateTakesItsMonthFromThePageDate() throws {
        let text = "发布时间：2024-05-31 09:12\n\n30日上午，县委书记周立平主持召开县委常委会会议，研究部署防汛工作。"
        let m = try XCTUnwrap(meetings(text).first)
        XCTAssertEqual(m.date?.text, "30日上午")
        XCTAssertEqual(m.date?.value, "2024-05-30")
    }

    func testASiteVisitOrACourtesyCallIsNoMeeting() {
        let visit = "7月8日，县委书记周立平深入城东工业园区调研，实地察看项目建设进展。县领导韩建国、唐志远陪同调研。\n周立平强调，要加快项目建设进度。"
        let call = "7月8日上午，市长罗建明在市会议接待中心会见了某集团董事长宋立华一行。宋立华表示，将加大在本市的投资。副市长林晓东会见时在座。"
        let inspection = "1月23日，县长魏立新深入企业现场督导安全生产工作。县领导吕文华、董立杨参加活动。\n魏立新强调，要绷紧安全生产这根弦。"
        for text in [visit, call, inspection] {
            XCTAssertEqual(meetings(text, published: "2024-07-09").map(\.name), [], text)
        }
    }

    func testAnOnSiteProgressMeetingIsAMeeting() throws {
        let text = "7月8日，全县重点项目观摩推进会召开。县委书记周立平带领与会人员先后深入城东工业园区、河西新区等地，实地观摩项目建设情况。\n周立平强调，要加快项目建设进度。"
        let m = try XCTUnwrap(meetings(text, published: "2024-07-09").first)
        XCTAssertEqual(m.name, "全县重点项目观摩推进会")
        XCTAssertEqual(m.speakers, ["周立平"])
    }

    func testNewsLearnedAtAMeetingReportsThatMeeting() throws {
        let text = "记者从3日召开的全市安全生产工作会议上获悉，今年我市将开展安全生产专项整治。副市长林晓东出席会议并讲话。"
        let m = try XCTUnwrap(meetings(text, published: "2024-03-04").first)
        XCTAssertEqual(m.name, "全市安全生产工作会议")
        XCTAssertEqual(m.date?.value, "2024-03-03")
        XCTAssertEqual(m.participants.map(\.name), ["林晓东"])
    }

    func testDirectiveSpansAreOriginalOffsets() throws {
        let text = "会议由县长王国平主持。会议强调，（一）压实责任；（二）加强督查。"
        let m = try XCTUnwrap(meetings(text).first)
        XCTAssertEqual(m.directives.map(\.marker), ["（一）", "（二）"])
        let scalars = Array(text.unicodeScalars)
        for d in m.directives {
            XCTAssertEqual(String(String.UnicodeScalarView(scalars[d.start..<d.end])), d.text)
        }
    }
}

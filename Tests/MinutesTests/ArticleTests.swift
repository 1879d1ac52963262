import XCTest
@testable import Minutes

/// The article half: chrome, headline, body, publish time, outlet, credits and the reference
/// date, on invented pages in the forms the genre uses (the rule files carry the small cases).
final class ArticleTests: XCTestCase {
    static let extractor = try! Extractor()

    func article(_ text: String, options: Extractor.Options = .init()) -> Article {
        Self.extractor.extract(text, options: options).article
    }

    func texts(_ doc: Document, _ type: AnnotationType) -> [String] {
        doc.annotations(type).map { doc.text.writtenText($0.range) }
    }

    func testPortalPage() {
        let page = """
        网站首页 | 机构概况 | 政务公开 | 办事服务 | 互动交流
        您现在的位置：首页 - 政务动态 - 工作动态
        【发布时间：2023-01-05 10:20】【来源：某县人民政府办公室】【字体：大 中 小】
        某县召开2023年第一次县长办公会议
        发布者：县政府办   阅读次数：1024   【打印本页】【关闭窗口】
        1月4日上午，县委副书记、县长张海涛主持召开2023年第一次县长办公会议，研究部署近期重点工作。
        会议强调：
        1.要抓好春节期间安全生产工作
        2.要做好困难群众帮扶工作
        会议还研究了其他事项。
        上一篇：某县召开安全生产工作会议
        下一篇：某县开展节前慰问活动
        """
        let a = article(page)
        XCTAssertEqual(a.headline, "某县召开2023年第一次县长办公会议")
        XCTAssertEqual(a.published, "2023-01-05T10:20")
        XCTAssertEqual(a.outlet, "某县人民政府办公室")
        let doc = Self.extractor.analyze(page)
        // No body line is lost, list items without a full stop included.
        XCTAssertEqual(texts(doc, .body), [
            "1月4日上午，县委副书记、县长张海涛主持召开2023年第一次县长办公会议，研究部署近期重点工作。",
            "会议强调：", "1.要抓好春节期间安全生产工作", "2.要做好困难群众帮扶工作", "会议还研究了其他事项。",
        ])
        XCTAssertEqual(doc.referenceDate, "2023-01-05")
    }

    func testEPaperWithMastheadOnItsOwnLine() {
        let page = """
        某某日报
        2023年03月23日 星期四
        第02版：要闻
        全市耕地保护工作会议召开
        ——副市长王强出席并讲话
        通讯员 李华 记者 王丽娟 报道
        3月22日上午，全市耕地保护工作会议召开，副市长王强出席会议并讲话。
        图为会议现场。 记者 赵晓东 摄
        编辑：张三 校对：李四 审核：王五 终审：赵六
        """
        let a = article(page)
        XCTAssertEqual(a.headline, "全市耕地保护工作会议召开")
        XCTAssertEqual(a.published, "2023-03-23")
        XCTAssertEqual(a.outlet, "某某日报")
        XCTAssertEqual(a.reporters, [Credit(name: "李华", role: "通讯员"), Credit(name: "王丽娟", role: "记者"), Credit(name: "赵晓东", role: "记者")])
        XCTAssertEqual(a.editors.map(\.name), ["张三", "李四", "王五", "赵六"])
        XCTAssertEqual(a.editors.map(\.role), ["编辑", "校对", "审核", "终审"])
        let doc = Self.extractor.analyze(page)
        XCTAssertEqual(doc.annotations(.headline).map(\.rule), ["article.headline.title", "article.headline.subtitle"])
    }

    func testAgencyDatelineWithReportersAndNoHeadline() {
        let text = "新华社北京6月21日电（记者张晓明、李华强）政协全国委员会主席会议21日上午在北京召开。\n会议审议了有关事项。\n（完）"
        let a = article(text, options: .init(referenceDate: "2023-06-28"))
        XCTAssertNil(a.headline)
        XCTAssertEqual(a.outlet, "新华社")
        XCTAssertEqual(a.reporters, [Credit(name: "张晓明", role: "记者"), Credit(name: "李华强", role: "记者")])
        // The dateline gives the day, the caller's reference date the year.
        XCTAssertEqual(Self.extractor.analyze(text, options: .init(referenceDate: "2023-06-28")).referenceDate, "2023-06-21")
        XCTAssertNil(Self.extractor.analyze(text).referenceDate)
    }

    func testANewsDatelineGivesThePublishDay() {
        let extractor = Self.extractor
        // with its year, or the year of the reference date; a page's own date comes first
        XCTAssertEqual(extractor.extract("新华社北京2024年3月5日电 国务院召开常务会议。").article.published, "2024-03-05")
        XCTAssertEqual(extractor.extract("新华社北京3月5日电 国务院召开常务会议。", options: .init(referenceDate: "2025-03-06")).article.published, "2025-03-05")
        XCTAssertNil(extractor.extract("新华社北京3月5日电 国务院召开常务会议。").article.published)
    }

    func testReferenceDate() {
        typealias P = ArticleMetadataPhase
        let page = WrittenDate("2024-01-02 08:00")
        // A December dateline on a page of early January belongs to the year before.
        XCTAssertEqual(P.referenceDate(caller: nil, callerPublished: false, page: page, dateline: WrittenDate("12月31日")), "2023-12-31")
        XCTAssertEqual(P.referenceDate(caller: nil, callerPublished: false, page: page, dateline: nil), "2024-01-02")
        // The caller's publish time beats the page; the page beats a bare reference date.
        XCTAssertEqual(P.referenceDate(caller: "2024-02-01", callerPublished: true, page: page, dateline: nil), "2024-02-01")
        XCTAssertEqual(P.referenceDate(caller: "2024-02-01", callerPublished: false, page: page, dateline: nil), "2024-01-02")
        XCTAssertNil(P.referenceDate(caller: nil, callerPublished: false, page: nil, dateline: WrittenDate("3月12日")))
    }

    func testCallerPublishTimeIsKept() {
        let page = "县政府召开常务会议\n发布时间：2023-04-12 09:46  来源：县政府办公室\n4月11日，县长王明远主持召开县政府常务会议，研究春耕工作。"
        XCTAssertEqual(article(page, options: .init(published: "2023-04-13 10:00")).published, "2023-04-13T10:00")
        XCTAssertEqual(article(page).published, "2023-04-12T09:46")
    }

    func testWrittenDates() {
        XCTAssertEqual(WrittenDate("二〇二三年三月十七日")?.isoDate, "2023-03-17")
        XCTAssertEqual(WrittenDate("二〇二三年十二月三十一日")?.isoDate, "2023-12-31")
        XCTAssertEqual(WrittenDate("2023年11月15日 10时08分")?.isoDateTime, "2023-11-15T10:08")
        XCTAssertEqual(WrittenDate("2023/5/6")?.isoDate, "2023-05-06")
        XCTAssertNil(WrittenDate("33日"))
        XCTAssertNil(WrittenDate("2023-13-01"))
    }

    func testPipesBetweenFieldsAndOfficeIsNoName() {
        let page = """
        区委常委会召开会议：坚持稳中求进 推动高质量发展
        来源：区融媒体中心 | 作者：周丽 | 发布时间：2024-02-20 18:30
        2月20日晚，区委书记陈刚主持召开区委常委会会议，传达学习省委、市委有关会议精神。
        会议要求，全区上下要坚持稳中求进工作总基调。（区委办）
        """
        let a = article(page)
        XCTAssertEqual(a.headline, "区委常委会召开会议：坚持稳中求进 推动高质量发展")
        XCTAssertEqual(a.outlet, "区融媒体中心")
        XCTAssertEqual(a.published, "2024-02-20T18:30")
        XCTAssertEqual(a.reporters, [Credit(name: "周丽", role: "作者")])
    }

    func testGluedHeadlineAndOfficeAuthors() {
        let forum = "某县召开安全生产工作会议 | 3月1日，某县召开安全生产工作会议，副县长主持会议并讲话，研究部署安全生产工作。\n会议强调，要压实责任。"
        XCTAssertEqual(article(forum).headline, "某县召开安全生产工作会议")
        let page = """
        县应急管理局召开会议
        来源：某县人民政府  作者：某县应急管理局  发布时间：2023-03-02
        3月1日，县应急管理局召开安全生产工作会议，局长主持会议。
        ▲会议现场。记者 张三 摄
        （本报记者 李四 通讯员 王五 赵六）
        """
        let a = article(page)
        XCTAssertEqual(a.outlet, "某县人民政府")
        XCTAssertEqual(a.reporters, [Credit(name: "张三", role: "记者"), Credit(name: "李四", role: "本报记者"),
                                     Credit(name: "王五", role: "通讯员"), Credit(name: "赵六", role: "通讯员")])
    }

    func testTraditionalWithPinyinKeepsWrittenForms() {
        let page = "縣委常委會(huì)召開(kāi)會(huì)議\n發布時間：2023-10-17 08:52 來源：某某縣融媒體中心\n10月16日上午，縣委書記主持召開(kāi)縣委常委會(huì)會(huì)議。\n（責(zé)任編輯：鄺美玲）"
        let a = article(page)
        XCTAssertEqual(a.headline, "縣委常委會召開會議")
        XCTAssertEqual(a.outlet, "某某縣融媒體中心")
        XCTAssertEqual(a.editors, [Credit(name: "鄺美玲", role: "責任編輯")])
    }

    func testNoArticleNoChrome() {
        for text in ["发布时间:2022-10-08 09:08", "首页", "县长王明主持召开会议", ""] {
            let doc = Self.extractor.analyze(text)
            XCTAssertTrue(doc.annotations(.chrome).isEmpty, text)
            XCTAssertNil(doc.article.headline, text)
        }
    }

    func testCreditGrammarSplitsRunsWithTheSurnameModel() throws {
        let grammar = CreditGrammar(rules: try ArticleRules(Self.extractor.rules))
        func names(_ s: String, strict: Bool = false) -> [String]? {
            let text = NormalizedText(s)
            return grammar.parse(text.units, 0..<text.units.count, strict: strict)?.names.map { text.text($0.range) }
        }
        XCTAssertEqual(names("记者 周帅徐登科"), ["周帅", "徐登科"])
        XCTAssertEqual(names("记者 欧阳明远"), ["欧阳明远"])
        XCTAssertEqual(names("通讯员 明 睿 许嘉禾"), ["明 睿", "许嘉禾"])
        XCTAssertEqual(names("记者 王明 李华强 报道"), ["王明", "李华强"])
        XCTAssertEqual(names("闻 泽", strict: true), ["闻 泽"])
        XCTAssertNil(names("草案", strict: true))
        XCTAssertNil(names("县政府办", strict: true))
    }

    /// The one-pass line facts equal what the layout rules read line by line.
    func testLineFactsEqualThePlainReadings() throws {
        let rules = try ArticleRules(Self.extractor.rules)
        let lines = [
            "", "   ", "??? 某县召开常务会议", "【字体：大 中 小】【打印】【关闭】", "扫一扫在手机打开当前页",
            "版权所有：某某市人民政府 ICP备00000000号", "主办单位：某某县人民政府办公室  联系电话：0000-0000000",
            "图片 photo_01.jpg 摄影 王明", "![图](/a/b.png) 会议现场", "（新华社记者 王明 摄）",
            "3月22日上午，全市耕地保护工作会议召开，会议强调，要严格落实耕地保护责任，坚决遏制耕地“非农化”。",
            "首页 | 政务公开 | 互动交流", "上一篇：某镇召开防汛工作会议", "相关阅读", "来源：某某日报 2023-09-05",
            "区长赵立主持召开区长办公会议, 研究部署重点工作, 副区长出席会议并讲话, 各部门负责人参加会议",
            String(repeating: "会议听取了各单位工作情况汇报", count: 20), "阅读次数：128  分享到：",
        ]
        for s in lines {
            let text = NormalizedText(s)
            let u = text.units
            let f = LineFacts(u, 0..<u.count, rules: rules)
            let t = Chars.trimJunk(u, 0..<u.count)
            XCTAssertEqual(f.range, t, s)
            XCTAssertEqual(f.visible, Chars.visibleLength(u, t), s)
            XCTAssertEqual(f.cues.contains(.widget), rules.widgetCues.occurs(in: u, t), s)
            XCTAssertEqual(f.cues.contains(.image), rules.imageCues.occurs(in: u, t), s)
            XCTAssertEqual(f.cues.contains(.footer), rules.footerCues.occurs(in: u, t), s)
            XCTAssertEqual(f.photoMark, u[t].contains(CreditGrammar.she), s)
            XCTAssertEqual(f.sentencePunctuation, u[t].contains { Chars.isSentencePunctuation($0) && $0 != 0x3F }, s)
            XCTAssertEqual(f.breaksFields, u[t].contains { $0 == 0x3002 || $0 == 0x2C || $0 == 0x3B }, s)
            let stop = u[t].contains { $0 == 0x3002 || $0 == 0x3B }, comma = u[t].contains(0x2C)
            let visible = Chars.visibleLength(u, t, cap: 100)
            XCTAssertEqual(f.isProse, stop || comma && visible >= 40 || visible >= 100, s)
        }
    }
}

import Foundation

/// Meeting reports generated from templates with random names, titles, dates and directives:
/// a corpus of any size for benchmarks and stress tests, free of third-party text.
struct SyntheticCorpus {
    private var rng: SplitMix64

    init(seed: UInt64 = 42) { rng = SplitMix64(seed: seed) }

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤云欧阳")
    static let givenCharacters = Array("建国志明文华立新海平德军晓东红伟静丽强磊洋勇艳杰娟涛超秀英霞刚桂兰玉荣春雪梅宏亮振宇思远泽鹏浩然子涵嘉怡雨欣博文俊豪晨")
    static let places = ["云岭市", "泸阳市", "枫岭县", "青川区", "安平镇", "鹤鸣县", "白沙乡", "河西街道"]
    static let organs = ["市委", "市政府", "市人大常委会", "市政协", "县委", "县政府", "市纪委监委", "市委宣传部", "市委组织部", "市疫情防控指挥部"]
    static let posts = ["书记", "副书记", "常委", "市长", "副市长", "主任", "副主任", "主席", "部长", "总指挥", "副总指挥", "秘书长"]
    static let meetings = ["常委会会议", "常务会议", "工作推进会", "调度会", "专题会议", "座谈会", "电视电话会议"]
    static let topics = ["安全生产", "防汛救灾", "招商引资", "乡村振兴", "疫情防控", "营商环境", "生态环境保护"]
    static let markers = ["一要", "二要", "三要", "四要", "五要", "六要"]
    static let clauses = ["深入学习贯彻党中央决策部署", "压实各级责任", "加强统筹协调", "狠抓工作落实", "守牢安全底线",
                          "强化督促检查", "做好宣传引导", "确保各项措施落细落实落到位", "坚持问题导向"]

    mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }

    mutating func name() -> String {
        var s = String(pick(Self.surnames)) + String(pick(Self.givenCharacters))
        if rng.next() % 3 != 0 { s.append(pick(Self.givenCharacters)) }
        return s
    }

    mutating func title() -> String { pick(Self.organs) + pick(Self.posts) }

    /// One article of roughly `characters` characters.
    mutating func article(characters: Int = 1500) -> String {
        let place = pick(Self.places), topic = pick(Self.topics), meeting = pick(Self.meetings)
        let chair = name()
        var text = "\(place)召开\(topic)\(meeting) \(chair)主持会议并讲话\n"
        text += "时间:2023-0\(1 + rng.next() % 9)-1\(rng.next() % 9) 09:30 来源:\(place.prefix(2))日报\n"
        text += "本报讯(记者 \(name()) 通讯员 \(name())) \(1 + rng.next() % 12)月\(1 + rng.next() % 28)日上午,"
        text += "\(title())、\(title())\(chair)主持召开全\(place.suffix(1))\(topic)\(meeting)。\(title())\(name())出席会议。\n"
        text += "\(chair)指出,当前\(topic)工作面临新形势新任务。\(chair)强调,"
        var i = 0
        while text.count < characters {
            text += "\(Self.markers[i % Self.markers.count])\(pick(Self.clauses)),\(pick(Self.clauses)),\(pick(Self.clauses))。"
            i += 1
            if i % 6 == 0 { text += "\n会议还研究了其他事项。\n\(chair)要求," }
        }
        var leaders: [String] = []
        for _ in 0..<(3 + Int(rng.next() % 8)) { leaders.append(name()) }
        text += "\n市领导\(leaders.joined(separator: "、"))参加会议。\n(编辑 \(name()))\n"
        return text
    }
}

/// A small, fast, seedable generator (SplitMix64), so generated corpora are the same on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

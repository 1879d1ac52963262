import Foundation

/// Extracts meeting frames and entities from Chinese government meeting reports.
///
/// Build one extractor (it compiles the rules) and call ``extract(_:id:options:)`` for many
/// articles, from as many threads as you like: an extractor is immutable.
///
/// ```swift
/// let extractor = try Extractor()
/// let result = extractor.extract(text, id: "yunfu.txt")
/// print(result.meetings.first?.chair.first?.name ?? "no chair")
/// ```
public final class Extractor: Sendable {
    /// Per-call settings.
    public struct Options: Sendable {
        /// The article's publish time (`2022-10-08`, `2022-10-08 09:08`, `2022-10-08T09:08`), used
        /// as the reference for relative dates (6日, 昨日) when the article gives none.
        public var published: String?
        /// A reference date (`yyyy-MM-dd`) for relative dates when neither the caller's
        /// `published` nor the article gives one.
        public var referenceDate: String?

        public init(published: String? = nil, referenceDate: String? = nil) {
            self.published = published
            self.referenceDate = referenceDate
        }
    }

    /// The compiled rules the extractor runs.
    public var rules: RuleSet { compiled.value.rules }
    var phases: [any Phase] { compiled.value.phases }
    private let compiled: CompiledRules

    /// Builds an extractor from the built-in rules, plus the rule files in `rulesDirectory`
    /// (which add rules, or replace built-in rules with the same id).
    ///
    /// The built-in rules alone are loaded and compiled when an article first needs them, so a
    /// run over empty input compiles none (a process's start-up); with a `rulesDirectory` they
    /// are compiled here, so a user's bad rule is an error at once.
    /// - Throws: ``MinutesError/badRule(file:line:problem:)`` for a malformed rule file.
    public init(rulesDirectory: URL? = nil) throws {
        if let rulesDirectory {
            let rules = try RuleSet.load(overrides: rulesDirectory)
            compiled = CompiledRules(rules: rules, phases: try Pipeline.phases(rules))
        } else {
            compiled = CompiledRules()
        }
    }

    /// The largest input one article may be, in bytes (16 MB; real articles are well under 1 MB,
    /// HTML pages a few MB). Larger inputs are ``MinutesError/tooLarge(input:bytes:limit:)``.
    public static let maxInputBytes = 16 << 20

    /// Extracts from decoded text. Never throws: problems become `warnings` (text over
    /// ``maxInputBytes`` is not analyzed).
    public func extract(_ text: String, id: String? = nil, options: Options = Options()) -> MinutesResult {
        let document = analyze(text, id: id, options: options)
        return ResultAssembler().assemble(document)
    }

    /// Decodes bytes (UTF-8, GB18030, Big5), reduces HTML pages (detected from the first bytes)
    /// to their article text, then extracts.
    /// - Throws: ``MinutesError/binaryInput(input:reason:)``, ``MinutesError/undecodableInput(input:reason:)``
    ///   or ``MinutesError/tooLarge(input:bytes:limit:)``.
    public func extract(bytes: [UInt8], id: String, options: Options = Options()) throws -> MinutesResult {
        extract(try ArticleText(bytes: bytes, input: id), id: id, options: options)
    }

    /// Extracts from the bytes of an HTML page (detection skipped). Offsets are into the page's
    /// text (``WebPage/text``).
    public func extract(html bytes: [UInt8], id: String, options: Options = Options()) throws -> MinutesResult {
        extract(try ArticleText(bytes: bytes, input: id, html: true), id: id, options: options)
    }

    /// Extracts from a decoded HTML page. Offsets are into the page's text (``WebPage/text``).
    public func extract(html: String, id: String? = nil, options: Options = Options()) throws -> MinutesResult {
        extract(try ArticleText(html: html, input: id ?? "-"), id: id, options: options)
    }

    /// Extracts from an input read by ``ArticleText``. An HTML page's publish time is the
    /// reference date for relative dates when the options give none.
    public func extract(_ article: ArticleText, id: String?, options: Options = Options()) -> MinutesResult {
        analyze(article, id: id, options: options).result
    }

    /// Extracts from an input read by ``ArticleText`` and keeps the document with all its layers:
    /// what `minutes view` and `minutes review export` show next to the result.
    public func analyze(_ article: ArticleText, id: String?, options: Options = Options()) -> (document: Document, result: MinutesResult) {
        var options = options
        if options.referenceDate == nil, let published = article.page?.published {
            options.referenceDate = DateText.isoDate(published)
        }
        let document = analyze(article.text, id: id, options: options)
        var result = ResultAssembler().assemble(document)
        result.warnings = article.warnings + result.warnings
        return (document, result)
    }

    /// The layers the pipeline produces.
    public var producedLayers: Set<AnnotationType> { Set(phases.flatMap(\.produces)) }

    /// Runs the pipeline and returns the document with all its annotation layers
    /// (what `minutes explain` shows).
    public func analyze(_ text: String, id: String? = nil, options: Options = Options()) -> Document {
        analyze(text, id: id, options: options, clock: nil)
    }

    /// Seconds spent in each phase (and in normalization) over `texts`, in pipeline order:
    /// where `minutes bench --phases` finds the time goes.
    public func profile(_ texts: [String]) -> [(phase: String, seconds: Double)] {
        var clock = PhaseClock()
        for text in texts { _ = analyze(text, id: nil, options: Options(), clock: &clock) }
        return clock.order.map { ($0, clock.seconds[$0] ?? 0) }
    }

    func analyze(_ text: String, id: String?, options: Options, clock: UnsafeMutablePointer<PhaseClock>?) -> Document {
        let start = clock == nil ? 0 : PhaseClock.now()
        let tooLarge = text.utf8.count > Self.maxInputBytes
        let document = Document(id: id, text: NormalizedText(tooLarge ? "" : text),
                                referenceDate: options.published.flatMap(DateText.isoDate) ?? options.referenceDate)
        if options.published != nil { document.article.published = options.published.flatMap(DateText.isoDateTime) }
        if tooLarge {
            document.warnings.append("input too large for one article (\(text.utf8.count) bytes, the limit is \(Self.maxInputBytes)): not analyzed")
            return document
        }
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            document.warnings.append(text.isEmpty ? "empty input" : "input has only whitespace")
            return document
        }
        clock?.pointee.record("normalize", since: start)
        for phase in phases {
            let phaseStart = clock == nil ? 0 : PhaseClock.now()
            defer { clock?.pointee.record(phase.name, since: phaseStart) }
            do {
                try phase.run(document)
            } catch {
                document.warnings.append("phase \(phase.name) failed: \(error)")
            }
        }
        return document
    }
}

/// The built-in rules and the article rules made from them, loaded once per process, when
/// first needed: every extractor of the built-in rules and the page reader (``PageFields``)
/// share them (each loading its own cost a page run 17 M instructions more).
enum BuiltInRules {
    static let rules = Result<RuleSet, any Error> { try RuleSet.load(overrides: nil) }
    static let article = Result<ArticleRules, any Error> { try ArticleRules(rules.get()) }
}

/// An extractor's rules and phases, compiled at most once, by the first thread that needs them.
private final class CompiledRules: @unchecked Sendable {
    private let lock = NSLock()
    private var compiled: (rules: RuleSet, phases: [any Phase])?

    init(rules: RuleSet, phases: [any Phase]) { compiled = (rules, phases) }

    /// The built-in rules, compiled on first use.
    init() {}

    var value: (rules: RuleSet, phases: [any Phase]) {
        lock.lock()
        defer { lock.unlock() }
        if let compiled { return compiled }
        // The built-in rules always compile: the tests compile them eagerly (an empty rules directory).
        do {
            let rules = try BuiltInRules.rules.get()
            let value = (rules: rules, phases: try Pipeline.phases(rules, article: BuiltInRules.article.get()))
            compiled = value
            return value
        } catch {
            fatalError("the built-in rules do not compile: \(error)")
        }
    }
}

/// Accumulated time per phase.
struct PhaseClock {
    var order: [String] = []
    var seconds: [String: Double] = [:]

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    mutating func record(_ phase: String, since start: UInt64) {
        if seconds[phase] == nil { order.append(phase) }
        seconds[phase, default: 0] += Double(Self.now() - start) / 1e9
    }
}

/// Date strings in the forms callers give.
enum DateText {
    /// `2022-10-08…` → `2022-10-08`.
    static func isoDate(_ s: String) -> String? {
        let parts = s.split(whereSeparator: { !$0.isNumber }).prefix(3).compactMap { Int($0) }
        guard parts.count == 3, (1000...9999).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        return String(format: "%04d-%02d-%02d", parts[0], parts[1], parts[2])
    }

    /// `2022-10-08 09:08` → `2022-10-08T09:08`; a date alone stays a date.
    static func isoDateTime(_ s: String) -> String? {
        let parts = s.split(whereSeparator: { !$0.isNumber }).prefix(5).compactMap { Int($0) }
        guard let date = isoDate(s) else { return nil }
        if parts.count >= 5, (0...23).contains(parts[3]), (0...59).contains(parts[4]) {
            return date + String(format: "T%02d:%02d", parts[3], parts[4])
        }
        return date
    }
}

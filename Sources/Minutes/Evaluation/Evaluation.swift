import Foundation

/// Runs an extractor over annotated articles and scores it: the work of `minutes eval` and of
/// the regression tests.
public enum Evaluation {
    /// Extracts every article of `corpus` (on `jobs` threads) and scores the results. Each text
    /// goes in as the bytes of a file would (`minutes extract FILE`, what score_gold.py runs), so
    /// a page that starts like HTML is read as HTML.
    public static func run(_ corpus: EvalCorpus, name: String, extractor: Extractor, jobs: Int = 1) -> EvalReport {
        let results = Parallel.orderedMap(corpus.articles, jobs: jobs) { article -> Result<MinutesResult, Error> in
            Result { try extractor.extract(bytes: Array(article.text.utf8), id: article.id) }
        }
        var index = 0
        var report = score(corpus, name: name) { _ in
            defer { index += 1 }
            return try? results[index].get()
        }
        for (article, result) in zip(corpus.articles, results) {
            if case let .failure(error) = result { report.problems.append("\(article.id): extraction failed: \(error)") }
        }
        return report
    }

    /// Scores given results (`result` nil: the article has no result, which is a problem).
    public static func score(_ corpus: EvalCorpus, name: String, result: (EvalArticle) -> MinutesResult?) -> EvalReport {
        let scorer = GoldScorer()
        var problems = corpus.problems.map(\.description)
        var scores: [ArticleScore] = []
        for article in corpus.articles {
            let r = result(article)
            var s = scorer.score(r, against: article.gold, id: article.id)
            if r == nil {
                s.error = "no result"
                problems.append("\(article.id): no result for this article")
            }
            scores.append(s)
        }
        return EvalReport(corpus: name, articles: scores, problems: problems)
    }

    /// Extracts every PD1998 article and scores its person, place and organization spans.
    public static func run(_ articles: [PD1998Article], name: String, subset: String?, extractor: Extractor,
                           jobs: Int = 1) -> EntityReport {
        let predicted = Parallel.orderedMap(articles, jobs: jobs) { extractor.extract($0.text, id: $0.id).entities }
        var index = 0
        return score(articles, name: name, subset: subset) { _ in
            defer { index += 1 }
            return predicted[index]
        }
    }

    /// Scores given entities (nil: the article was not answered).
    public static func score(_ articles: [PD1998Article], name: String, subset: String?,
                             entities: (PD1998Article) -> [Entity]?) -> EntityReport {
        var report = EntityReport(corpus: name, subset: subset, articles: articles.count)
        for article in articles {
            let predicted = entities(article)
            if predicted != nil { report.answered += 1 }
            for (type, c) in EntitySpanScorer.score(predicted ?? [], gold: article.spans) {
                report.counts[type, default: Counts()] += c
            }
        }
        return report
    }
}

/// Entity span scores of the PD1998 corpus, per type.
public struct EntityReport: Sendable {
    public var corpus: String
    /// The subset file, when one was given.
    public var subset: String?
    public var articles: Int
    /// Articles that got a result.
    public var answered = 0
    public var counts: [Entity.Kind: Counts] = [:]

    public init(corpus: String, subset: String?, articles: Int) {
        self.corpus = corpus
        self.subset = subset
        self.articles = articles
    }

    public var rows: [ScoreRow] {
        EntitySpanScorer.types.map { ScoreRow(field: $0.rawValue, counts: counts[$0] ?? Counts(), convention: .entitySpans) }
    }
}

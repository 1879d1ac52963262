/// The phases, in order. Data flows one way: layout → entities → meeting frame.
enum Pipeline {
    static func phases(_ rules: RuleSet) throws -> [any Phase] {
        let article = try ArticleRules(rules)
        return [
            SentencePhase(),
            ArticleLayoutPhase(rules: article),
            ArticleMetadataPhase(rules: article),
            CreditPhase(rules: article),
            try DatePhase(rules: rules),
            try PlacePhase(rules: rules),
            try OrganizationPhase(rules: rules),
            TitlePhase(rules),
            PersonPhase(rules),
        ]
    }
}

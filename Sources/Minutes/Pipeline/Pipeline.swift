/// The phases, in order. Data flows one way: layout → entities → meeting frame.
enum Pipeline {
    static func phases(_ rules: RuleSet) throws -> [any Phase] {
        [
            SentencePhase(),
            try DatePhase(rules: rules),
            try PlacePhase(rules: rules),
            try OrganizationPhase(rules: rules),
        ]
    }
}

/// The phases, in order: text → article layout → entities → meeting frame. Each phase reads
/// layers of earlier phases and adds its own; the one exception is `OrganizationPhase`, which
/// moves the places inside organization names out of the `place` layer.
enum Pipeline {
    /// `article`: the article rules made from `rules`, when the caller has them already.
    static func phases(_ rules: RuleSet, article: ArticleRules? = nil) throws -> [any Phase] {
        let article = try article ?? ArticleRules(rules)
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
            // meeting frame
            try MeetingNamePhase(rules),
            try VenuePhase(rules),
            try DirectivePhase(rules),
            try ChairPhase(rules),
            try AttendancePhase(rules),
            try SpeakerPhase(rules),
            try MeetingFramePhase(rules),
        ]
    }
}

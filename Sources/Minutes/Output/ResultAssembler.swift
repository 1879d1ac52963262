/// Builds the `minutes/1` result from a finished document: typed results as they are, entity
/// layers with their spans mapped back to code points of the original input.
struct ResultAssembler {
    static let entityLayers: [(AnnotationType, Entity.Kind)] = [
        (.person, .person), (.title, .title), (.organization, .organization), (.place, .place),
        (.date, .date), (.venue, .venue), (.meeting, .meeting),
    ]

    func assemble(_ document: Document) -> MinutesResult {
        var entities: [Entity] = []
        for (layer, kind) in Self.entityLayers {
            for a in document.annotations(layer) {
                let o = document.text.originalRange(a.range)
                entities.append(Entity(type: kind, text: document.text.writtenText(a.range),
                                       start: o.lowerBound, end: o.upperBound, rule: a.rule))
            }
        }
        entities.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        return MinutesResult(id: document.id.map(RecordID.text), article: document.article, meetings: document.meetings,
                             persons: document.persons, entities: entities, warnings: document.warnings)
    }
}

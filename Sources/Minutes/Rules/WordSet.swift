/// A set of a few words asked about thousands of strings at start-up (is this place name one
/// that needs context?): a test of the first unit answers most questions without hashing the
/// String, which Swift does through its Unicode normalization (~700 instructions a name).
struct WordSet: Sendable {
    private let firsts: UnitSet
    private let words: Set<String>

    init<S: Sequence>(_ words: S) where S.Element == String {
        self.words = Set(words)
        firsts = UnitSet(units: self.words.compactMap(\.utf16.first))
    }

    func contains(_ s: String) -> Bool {
        guard let first = s.utf16.first, firsts.contains(first) else { return false }
        return words.contains(s)
    }
}

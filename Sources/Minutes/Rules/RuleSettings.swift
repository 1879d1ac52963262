extension RuleSet {
    /// A `settings:` value of a dimension (the last file of the dimension that sets it wins, so a
    /// user file can change a built-in setting).
    public func setting(_ dimension: String, _ key: String) -> RuleNode? {
        files(dimension).reversed().lazy.compactMap { $0.root["settings"]?[key] }.first
    }

    /// An integer setting of a dimension, or `defaultValue` when no file sets it.
    public func intSetting(_ dimension: String, _ key: String, default defaultValue: Int) throws -> Int {
        guard let node = setting(dimension, key) else { return defaultValue }
        guard let v = node.int else {
            let file = files(dimension).last { $0.root["settings"]?[key] != nil }
            throw (file ?? files(dimension)[0]).error("setting `\(key)` must be an integer", at: node)
        }
        return v
    }
}

extension Rule {
    /// An integer setting of the rule, or nil when absent.
    public func int(_ key: String) throws -> Int? {
        guard let node = node[key] else { return nil }
        guard let v = node.int else { throw file.error("rule \(id): `\(key)` must be an integer", at: node) }
        return v
    }

    /// A boolean setting of the rule (false when absent).
    public func flag(_ key: String) -> Bool { node[key]?.bool ?? false }
}

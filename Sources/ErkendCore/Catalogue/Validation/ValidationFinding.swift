/// One problem the validator found in one entity version: which rule, where
/// inside the entity, what is wrong (naming the other entity involved) and what to do.
public struct ValidationFinding: Hashable, Sendable, Codable {
    public enum Severity: String, Sendable, Codable, CaseIterable {
        case error
        case warning
    }

    public var severity: Severity
    public var rule: ValidationRule
    /// The entity version the finding is about.
    public var entity: VersionKey
    /// Where inside the entity, in the form the model uses: `phases[1].units[0]`, `alignments[2]`.
    public var path: String
    /// What is wrong, in plain words.
    public var message: String
    /// What to do about it.
    public var fix: String

    public init(rule: ValidationRule, entity: VersionKey, path: String, message: String, fix: String) {
        self.severity = rule.severity
        self.rule = rule
        self.entity = entity
        self.path = path
        self.message = message
        self.fix = fix
    }
}

extension ValidationFinding: CustomStringConvertible {
    /// One line for logs and the command line: `error dangling-reference unit X@1 outcomes[0]: … Fix: …`.
    public var description: String {
        "\(severity.rawValue) \(rule.rawValue) \(entity) \(path): \(message) Fix: \(fix)"
    }
}

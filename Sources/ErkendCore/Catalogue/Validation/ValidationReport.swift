/// The outcome of validating a catalogue: every finding, ordered by entity,
/// then path, then rule, so that two runs over the same input read the same.
public struct ValidationReport: Hashable, Sendable, Codable {
    public private(set) var findings: [ValidationFinding]

    /// Sorts the findings into the report's fixed order.
    public init(findings: [ValidationFinding]) {
        self.findings = findings.sorted { lhs, rhs in
            if lhs.entity != rhs.entity { return lhs.entity < rhs.entity }
            if lhs.path != rhs.path { return lhs.path < rhs.path }
            if lhs.rule != rhs.rule { return lhs.rule.rawValue < rhs.rule.rawValue }
            return lhs.message < rhs.message
        }
    }

    public var errors: [ValidationFinding] { findings.filter { $0.severity == .error } }
    public var warnings: [ValidationFinding] { findings.filter { $0.severity == .warning } }
    /// Whether any finding has severity error.
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }

    public func findings(for entity: VersionKey) -> [ValidationFinding] {
        findings.filter { $0.entity == entity }
    }
}

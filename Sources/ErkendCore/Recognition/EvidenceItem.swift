/// One piece of evidence a learner brings to a recognition case: a badge, a
/// document, a practice statement. Erkend keeps a reference to the stored
/// evidence, not the evidence itself.
public struct EvidenceItem: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<EvidenceItem>

    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case openBadge2, openBadge3, document, practiceStatement
    }

    /// Where the evidence itself is.
    public enum Source: Hashable, Sendable, Codable {
        /// A file or credential the store keeps, by its storage key.
        case stored(key: String)
        /// A practice statement held in Erkend.
        case practiceStatement(PracticeStatement.ID)
    }

    public var id: ID
    public var kind: Kind
    public var title: String
    /// Who issued it: a school, an employer, a badge issuer.
    public var issuer: String
    public var issuedOn: Day?
    public var source: Source

    public init(id: ID, kind: Kind, title: String, issuer: String, issuedOn: Day? = nil, source: Source) {
        self.id = id
        self.kind = kind
        self.title = title
        self.issuer = issuer
        self.issuedOn = issuedOn
        self.source = source
    }
}

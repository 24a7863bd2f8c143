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
    /// For a practice statement: how Erkend established that its signer is the mentor.
    public var identityMethod: IdentityMethod?

    public init(id: ID, kind: Kind, title: String, issuer: String, issuedOn: Day? = nil, source: Source, identityMethod: IdentityMethod? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.issuer = issuer
        self.issuedOn = issuedOn
        self.source = source
        self.identityMethod = identityMethod
    }
}

extension EvidenceItem.Source {
    private enum CodingKeys: String, CodingKey { case kind, key, practiceStatement }

    /// `{"kind": "stored", "key": "…"}` or `{"kind": "practiceStatement", "practiceStatement": "PS-1"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "stored": self = .stored(key: try container.decode(String.self, forKey: .key))
        case "practiceStatement": self = .practiceStatement(try container.decode(PracticeStatement.ID.self, forKey: .practiceStatement))
        case let kind: throw TaggedCoding.unknownKind(kind, key: .kind, in: container, expected: ["stored", "practiceStatement"])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .stored(let key):
            try container.encode("stored", forKey: .kind)
            try container.encode(key, forKey: .key)
        case .practiceStatement(let id):
            try container.encode("practiceStatement", forKey: .kind)
            try container.encode(id, forKey: .practiceStatement)
        }
    }
}

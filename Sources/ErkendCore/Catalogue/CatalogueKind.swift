/// The four kinds of versioned things a programme designer writes.
public enum CatalogueKind: String, Sendable, Codable, CaseIterable, Comparable {
    /// A learning outcome (leeruitkomst).
    case outcome
    /// A learning unit (leereenheid): module, keuzedeel, micro-credential.
    case unit
    /// An entrustable professional activity.
    case epa
    /// A programme (opleiding, leerroute) composed of units and EPAs in phases.
    case programme

    /// The plural used in URLs and folder names: `outcomes`, `units`, `epas`, `programmes`.
    public var plural: String { rawValue + "s" }

    /// How people call it, for messages.
    public var displayName: String {
        switch self {
        case .outcome: "learning outcome"
        case .unit: "learning unit"
        case .epa: "EPA"
        case .programme: "programme"
        }
    }

    public init?(plural: String) {
        guard let kind = CatalogueKind.allCases.first(where: { $0.plural == plural }) else { return nil }
        self = kind
    }

    public static func < (lhs: CatalogueKind, rhs: CatalogueKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where a thing stands in its life: drafts change, published versions never
/// do, deprecated versions point at what replaces them.
public enum LifecycleStatus: String, Sendable, Codable, CaseIterable {
    case draft
    case published
    case deprecated
}

public import Foundation

extension AnyCatalogueEntity: Encodable {
    /// Encodes the wrapped entity as itself (no wrapper object).
    public func encode(to encoder: any Encoder) throws {
        try entity.encode(to: encoder)
    }

    /// Decodes an entity of a known kind.
    public static func decode(_ kind: CatalogueKind, from decoder: JSONDecoder = ErkendJSON.decoder(), data: Data) throws -> AnyCatalogueEntity {
        switch kind {
        case .outcome: .outcome(try decoder.decode(LearningOutcome.self, from: data))
        case .unit: .unit(try decoder.decode(LearningUnit.self, from: data))
        case .epa: .epa(try decoder.decode(EPA.self, from: data))
        case .programme: .programme(try decoder.decode(Programme.self, from: data))
        }
    }
}

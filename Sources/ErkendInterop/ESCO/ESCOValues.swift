import ErkendCore

/// The raw values of an enumeration as bytes, to match cells without making a
/// `String` of them. A cell that matches none goes through `init(rawValue:)`.
struct ESCOValues<Value: RawRepresentable & CaseIterable> where Value.RawValue == String {
    private let entries: [(bytes: [UInt8], value: Value)]

    init(_ type: Value.Type = Value.self) {
        entries = Value.allCases.map { (Array($0.rawValue.utf8), $0) }
    }

    /// The value whose raw value has exactly these bytes.
    func value(exactly bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        for entry in entries {
            let isEqual = entry.bytes.withUnsafeBufferPointer { CSVBytes.equal($0, bytes) }
            if isEqual { return entry.value }
        }
        return nil
    }
}

extension ESCOValues: Sendable where Value: Sendable {}

/// Built once: the tables of the enumerations ESCO files use.
enum ESCOValuesTables {
    static let skillTypes = ESCOValues(SkillType.self)
    static let reuseLevels = ESCOValues(ReuseLevel.self)
    static let requirements = ESCOValues(RequirementKind.self)
    static let conceptTypes = ESCOValues(ESCOConceptType.self)
}

import ErkendCore
import Foundation

/// A value to go on with when a field cannot be read, so that one file's
/// problems are all reported at once instead of one per attempt. The decoded
/// entity is thrown away whenever a problem was recorded.
protocol YAMLPlaceholder {
    static var yamlPlaceholder: Self { get }
    /// The values a field of this type accepts, for messages; empty when not an enumeration.
    static var yamlAllowedValues: [String] { get }
}

extension YAMLPlaceholder where Self: CaseIterable & RawRepresentable, RawValue == String {
    static var yamlPlaceholder: Self { allCases.first! }
    static var yamlAllowedValues: [String] { allCases.map(\.rawValue) }
}

extension EntityReference: YAMLPlaceholder {
    static var yamlPlaceholder: EntityReference { EntityReference("invalid") }
    static var yamlAllowedValues: [String] { [] }
}

extension ConceptURI: YAMLPlaceholder {
    static var yamlPlaceholder: ConceptURI { ConceptURI(trusted: "urn:invalid") }
    static var yamlAllowedValues: [String] { [] }
}

extension LifecycleStatus: YAMLPlaceholder {}
extension AlignmentRelation: YAMLPlaceholder {}
extension LearningUnit.UnitKind: YAMLPlaceholder {}
extension LearningUnit.Participation: YAMLPlaceholder {}
extension LearningUnit.StackabilityOption: YAMLPlaceholder {}
extension Assessment.Method: YAMLPlaceholder {}
extension Assessment.Supervision: YAMLPlaceholder {}
extension Programme.Sector: YAMLPlaceholder {}
extension CatalogueKind: YAMLPlaceholder {}

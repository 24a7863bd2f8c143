public import ErkendCore

/// What `catalog.yaml` says about a bundle as a whole.
public struct CatalogueBundleMetadata: Hashable, Sendable, Codable {
    /// The format version this code reads and writes.
    public static let currentFormatVersion = 1

    /// Who publishes the catalogue: the same as the catalogue keeps.
    public typealias Institution = CatalogueDescription.Institution

    public var formatVersion: Int
    public var name: String
    public var institution: Institution?
    public var description: LocalizedText

    public init(formatVersion: Int = CatalogueBundleMetadata.currentFormatVersion, name: String, institution: Institution? = nil, description: LocalizedText = LocalizedText()) {
        self.formatVersion = formatVersion
        self.name = name
        self.institution = institution
        self.description = description
    }
}

extension CatalogueBundleMetadata {
    /// The metadata a bundle of a catalogue with this description gets.
    public init(_ description: CatalogueDescription) {
        self.init(name: description.name, institution: description.institution, description: description.description)
    }

    /// What the catalogue keeps of this metadata.
    public var catalogueDescription: CatalogueDescription {
        CatalogueDescription(name: name, institution: institution, description: description)
    }

    /// Written by an export of a catalogue that was never described.
    public static let undescribed = CatalogueBundleMetadata(name: "Erkend catalogue")
}

public import ErkendCore

/// What `catalog.yaml` says about a bundle as a whole.
public struct CatalogueBundleMetadata: Hashable, Sendable, Codable {
    /// The format version this code reads and writes.
    public static let currentFormatVersion = 1

    /// Who publishes the catalogue.
    public struct Institution: Hashable, Sendable, Codable {
        public var name: String
        /// ISO 3166-1 alpha-2, e.g. `NL`.
        public var country: String

        public init(name: String, country: String) {
            self.name = name
            self.country = country
        }
    }

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

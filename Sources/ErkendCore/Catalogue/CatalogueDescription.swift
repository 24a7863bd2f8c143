/// What a catalogue says about itself as a whole: its name, the institution
/// that publishes it, a description. Kept with the catalogue so that an export
/// writes back the `catalog.yaml` an import read, and so that later issuers
/// and reports can name the institution.
public struct CatalogueDescription: Hashable, Sendable, Codable {
    /// The institution that publishes the catalogue.
    public struct Institution: Hashable, Sendable, Codable {
        public var name: String
        /// ISO 3166-1 alpha-2, e.g. `NL`.
        public var country: String

        public init(name: String, country: String) {
            self.name = name
            self.country = country
        }
    }

    public var name: String
    public var institution: Institution?
    public var description: LocalizedText

    public init(name: String, institution: Institution? = nil, description: LocalizedText = LocalizedText()) {
        self.name = name
        self.institution = institution
        self.description = description
    }
}

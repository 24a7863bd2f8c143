/// IRIs of the RDF and XSD terms this module writes.
public enum RDFVocabulary {
    public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    public static let xsd = "http://www.w3.org/2001/XMLSchema#"
    public static let type = rdf + "type"
    public static let first = rdf + "first"
    public static let rest = rdf + "rest"
    public static let nil_ = rdf + "nil"
    public static let value = rdf + "value"
    public static let language = rdf + "language"
    public static let direction = rdf + "direction"
    public static let langString = rdf + "langString"
    public static let json = rdf + "JSON"
    public static let xsdString = xsd + "string"
    public static let xsdBoolean = xsd + "boolean"
    public static let xsdInteger = xsd + "integer"
    public static let xsdDouble = xsd + "double"
    public static let i18n = "https://www.w3.org/ns/i18n#"
}

/// Every W3C JSON-LD test this module does not run, with the reason: the one
/// place the conformance tests (and Docs/linked-data.md) take skips from.
enum JSONLDSkips {
    /// The reason to skip a manifest entry, or `nil` to run it.
    static func reason(id: String, manifest: String, options: [String: String]) -> String? {
        if let reason = byID["\(manifest)\(id)"] { return reason }
        if options["produceGeneralizedRdf"] == "true" {
            return "produceGeneralizedRdf: generalized RDF (blank node predicates) is not RDF, cannot be canonicalized or signed, and is not supported"
        }
        if options["specVersion"] == "json-ld-1.0" {
            return "JSON-LD 1.0-only behaviour (specVersion json-ld-1.0), superseded in JSON-LD 1.1"
        }
        return nil
    }

    /// Individual tests, keyed `expand#t0001` / `toRdf#t0001`.
    static let byID: [String: String] = [:]
}

/// How IRI expansion arrived at its result; safe mode uses it to tell terms
/// the context defines from strings that merely pass through.
enum IRIOrigin {
    case keyword
    /// A term of the active context.
    case term
    /// `prefix:suffix` with a defined prefix.
    case compactIRI
    /// Already an absolute IRI or a blank node identifier.
    case absolute
    /// Appended to the `@vocab` mapping.
    case vocabulary
    /// Resolved against the base IRI.
    case documentRelative
    /// Returned as it was: neither defined nor resolvable.
    case unchanged
    /// Looks like a keyword but is none: expands to nothing.
    case ignored
}

extension ActiveContext {
    /// IRI expansion (JSON-LD 1.1 API §5.2) for a context that is complete;
    /// context processing defines missing terms before calling it.
    func expandIRI(_ value: String, documentRelative: Bool = false, vocab: Bool = false) -> String? {
        expandIRIWithOrigin(value, documentRelative: documentRelative, vocab: vocab).iri
    }

    func expandIRIWithOrigin(_ value: String, documentRelative: Bool = false, vocab: Bool = false) -> (iri: String?, origin: IRIOrigin) {
        if Keywords.isKeyword(value) { return (value, .keyword) }
        if Keywords.hasKeywordForm(value) { return (nil, .ignored) }
        if let definition = terms[value] {
            if let iri = definition.iri, Keywords.isKeyword(iri) { return (iri, .keyword) }
            if vocab { return (definition.iri, .term) }
        }
        if let colon = value.utf8.firstIndex(of: UInt8(ascii: ":")), colon != value.utf8.startIndex {
            let prefix = String(value[..<colon])
            let suffix = value[value.index(after: colon)...]
            if prefix == "_" || suffix.hasPrefix("//") { return (value, .absolute) }
            if let definition = terms[prefix], definition.isPrefix, let iri = definition.iri {
                return (iri + suffix, .compactIRI)
            }
            if IRI.hasScheme(value) { return (value, .absolute) }
        }
        if vocab, let vocabulary { return (vocabulary + value, .vocabulary) }
        if documentRelative {
            guard let baseIRI else { return (value, .unchanged) }
            return (IRI.resolve(value, against: baseIRI), .documentRelative)
        }
        return (value, .unchanged)
    }
}

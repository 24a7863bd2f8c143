/// An RDF term: an IRI, a blank node or a literal.
public enum RDFTerm: Sendable, Hashable {
    /// An absolute IRI, without angle brackets.
    case iri(String)
    /// A blank node, by its label without the `_:` prefix.
    case blankNode(String)
    case literal(RDFLiteral)

    /// The blank node label, if this is a blank node.
    public var blankNodeLabel: String? {
        if case .blankNode(let label) = self { return label }
        return nil
    }

    public var isBlankNode: Bool { blankNodeLabel != nil }
}

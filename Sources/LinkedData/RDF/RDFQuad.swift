/// One statement of an RDF dataset: a triple and the graph it belongs to.
public struct RDFQuad: Sendable, Hashable {
    /// An IRI or a blank node.
    public var subject: RDFTerm
    /// An IRI (a blank node only in generalized RDF).
    public var predicate: RDFTerm
    public var object: RDFTerm
    /// `nil` for the default graph, otherwise an IRI or a blank node.
    public var graph: RDFTerm?

    public init(subject: RDFTerm, predicate: RDFTerm, object: RDFTerm, graph: RDFTerm? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.graph = graph
    }
}

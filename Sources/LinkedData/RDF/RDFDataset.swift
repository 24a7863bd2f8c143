/// An RDF dataset: a default graph and named graphs, held as a list of quads.
///
/// The list may repeat a quad; canonicalization and comparison treat the
/// dataset as the set it stands for.
public struct RDFDataset: Sendable, Hashable {
    public var quads: [RDFQuad]

    public init(quads: [RDFQuad] = []) {
        self.quads = quads
    }

    /// All blank node labels, in order of first appearance.
    public var blankNodeLabels: [String] {
        var seen = Set<String>()
        var labels: [String] = []
        for quad in quads {
            for term in [quad.subject, quad.predicate, quad.object, quad.graph] {
                if let label = term?.blankNodeLabel, seen.insert(label).inserted { labels.append(label) }
            }
        }
        return labels
    }
}

import LinkedData
import PropertyBased
import Testing

/// Random small datasets with blank nodes, and the same datasets with their
/// blank nodes renamed and quads reordered.
enum DatasetGenerators {
    static func dataset(_ rng: inout any SeededRandomNumberGenerator) -> RDFDataset {
        let blankNodes = (0..<Int.random(in: 1...6, using: &rng)).map { "n\($0)" }
        let iris = ["urn:ex:a", "urn:ex:b", "http://example.org/c"]
        let predicates = ["urn:p:knows", "urn:p:name", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"]
        func resource(_ rng: inout any SeededRandomNumberGenerator) -> RDFTerm {
            Bool.random(using: &rng) ? .blankNode(blankNodes.randomElement(using: &rng)!) : .iri(iris.randomElement(using: &rng)!)
        }
        var quads: [RDFQuad] = []
        for _ in 0..<Int.random(in: 1...10, using: &rng) {
            let object: RDFTerm
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: object = .literal(RDFLiteral(["x", "y\n\"z\"", "é"].randomElement(using: &rng)!))
            case 1: object = .literal(RDFLiteral("hallo", language: "nl"))
            default: object = resource(&rng)
            }
            let graph: RDFTerm? = Int.random(in: 0..<4, using: &rng) == 0 ? resource(&rng) : nil
            quads.append(RDFQuad(subject: resource(&rng), predicate: .iri(predicates.randomElement(using: &rng)!), object: object, graph: graph))
        }
        return RDFDataset(quads: quads)
    }

    /// The dataset with every blank node given another label and the quads shuffled.
    static func relabelled(_ dataset: RDFDataset, _ rng: inout any SeededRandomNumberGenerator) -> RDFDataset {
        let labels = dataset.blankNodeLabels
        let renamed = Dictionary(uniqueKeysWithValues: zip(labels, labels.shuffled(using: &rng).map { "other_" + $0 + "x" }))
        func rename(_ term: RDFTerm) -> RDFTerm {
            if case .blankNode(let label) = term { return .blankNode(renamed[label]!) }
            return term
        }
        let quads = dataset.quads.map {
            RDFQuad(subject: rename($0.subject), predicate: $0.predicate, object: rename($0.object), graph: $0.graph.map(rename))
        }
        return RDFDataset(quads: quads.shuffled(using: &rng))
    }

    static let pair = Generator<(RDFDataset, RDFDataset), Shrink.None<(RDFDataset, RDFDataset)>>(run: { rng in
        let original = dataset(&rng)
        return (original, relabelled(original, &rng))
    })
}

@Suite("RDFC-1.0 properties")
struct RDFCPropertyTests {
    @Test("the canonical N-Quads do not change when blank nodes are relabelled and quads shuffled")
    func invariantUnderRelabelling() async {
        await propertyCheck(count: 300, input: DatasetGenerators.pair) { pair in
            let (original, relabelled) = pair
            let a = try RDFC10.canonicalize(original)
            let b = try RDFC10.canonicalize(relabelled)
            #expect(a.nquads == b.nquads, "\(NQuads.serialize(original))")
        }
    }

    @Test("the issued identifier map covers exactly the input's blank nodes, with distinct canonical labels")
    func issuedMapIsComplete() async {
        await propertyCheck(count: 300, input: DatasetGenerators.pair) { pair in
            let result = try RDFC10.canonicalize(pair.0)
            #expect(Set(result.issuedIdentifiers.keys) == Set(pair.0.blankNodeLabels))
            #expect(Set(result.issuedIdentifiers.values).count == result.issuedIdentifiers.count)
        }
    }

    @Test("canonical N-Quads are sorted, free of duplicates and read back to the same canonical form")
    func canonicalFormIsStable() async {
        await propertyCheck(count: 300, input: DatasetGenerators.pair) { pair in
            let result = try RDFC10.canonicalize(pair.0)
            let lines = result.nquads.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            #expect(lines == lines.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            #expect(Set(lines).count == lines.count)
            #expect(try RDFC10.canonicalize(nquads: result.nquads).nquads == result.nquads)
        }
    }
}

import Foundation
import LinkedData

/// Large blank-node graphs, shaped like the RDFC-1.0 suite's small ones.
enum BenchLargeGraphs {
    struct Graph {
        let name: String
        let dataset: RDFDataset
        var maxWork: Int? = nil
    }

    static func all(size n: Int) -> [Graph] {
        let next = RDFTerm.iri("urn:ex:next")
        let label = RDFTerm.iri("urn:ex:label")
        func node(_ i: Int) -> RDFTerm { .blankNode("n\(i)") }
        // A chain whose nodes carry distinct labels: every first-degree hash is unique.
        var chain: [RDFQuad] = []
        for i in 0..<n {
            chain.append(RDFQuad(subject: node(i), predicate: label, object: .literal(RDFLiteral("node \(i)"))))
            if i + 1 < n { chain.append(RDFQuad(subject: node(i), predicate: next, object: node(i + 1))) }
        }
        // A credential-like tree: one subject with n blank-node alignments, each with its own name.
        var tree: [RDFQuad] = [RDFQuad(subject: .iri("urn:ex:achievement"), predicate: .iri("urn:ex:name"), object: .literal(RDFLiteral("root")))]
        for i in 0..<n {
            tree.append(RDFQuad(subject: .iri("urn:ex:achievement"), predicate: .iri("urn:ex:alignment"), object: node(i)))
            tree.append(RDFQuad(subject: node(i), predicate: .iri("urn:ex:targetName"), object: .literal(RDFLiteral("skill \(i)"))))
            tree.append(RDFQuad(subject: node(i), predicate: .iri("urn:ex:targetType"), object: .literal(RDFLiteral("ext:ESCO"))))
        }
        // The suite's "circle" tests scaled up: all nodes look alike, so
        // every one needs Hash N-Degree Quads.
        var ring: [RDFQuad] = []
        for i in 0..<n { ring.append(RDFQuad(subject: node(i), predicate: next, object: node((i + 1) % n))) }
        // The suite's "disjoint identical subgraphs" scaled up: n/2 identical pairs.
        var pairs: [RDFQuad] = []
        for i in stride(from: 0, to: n - 1, by: 2) {
            pairs.append(RDFQuad(subject: node(i), predicate: next, object: node(i + 1)))
            pairs.append(RDFQuad(subject: node(i + 1), predicate: next, object: node(i)))
        }
        return [
            Graph(name: "chain, distinct labels", dataset: RDFDataset(quads: chain)),
            Graph(name: "credential-like tree", dataset: RDFDataset(quads: tree)),
            Graph(name: "disjoint identical pairs", dataset: RDFDataset(quads: pairs)),
            Graph(name: "ring (all nodes alike)", dataset: RDFDataset(quads: ring)),
            Graph(name: "ring, limits lifted", dataset: RDFDataset(quads: ring), maxWork: .max),
        ]
    }

    /// The RDFC-1.0 suite's "high" complexity cases (the poison graphs), from
    /// the copy of the suite in the test resources.
    static func suiteCases(directory: String) -> [Graph] {
        let folder = URL(fileURLWithPath: directory)
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("manifest.jsonld").path),
            let manifest = try? JSONParser.parse(data)
        else { return [] }
        var seen = Set<String>()
        var graphs: [Graph] = []
        for entry in manifest["entries"]?.arrayValue ?? [] where entry["computationalComplexity"]?.stringValue == "high" {
            guard let action = entry["action"]?.stringValue, seen.insert(action).inserted,
                let text = FileManager.default.contents(atPath: folder.appendingPathComponent(action).path),
                let dataset = try? NQuads.parse(String(decoding: text, as: UTF8.self))
            else { continue }
            let name = "\(entry["id"]?.stringValue ?? action) \(entry["name"]?.stringValue ?? "")"
            graphs.append(Graph(name: name, dataset: dataset))
        }
        return graphs
    }

    static func measure(_ graph: Graph) -> String {
        let clock = ContinuousClock()
        let start = clock.now
        let padded = graph.name + String(repeating: " ", count: max(0, 40 - graph.name.count))
        do {
            // Lifting the limits lets the recursion go n levels deep; the bench
            // runs on a thread whose stack allows that in release builds.
            let options = graph.maxWork == nil
                ? RDFC10.Options() : RDFC10.Options(maxWork: graph.maxWork, maxRecursionDepth: graph.dataset.quads.count + 10)
            let result = try RDFC10.canonicalize(graph.dataset, options: options)
            let elapsed = (clock.now - start).benchSeconds
            return String(
                format: "%@ %5d quads, %5d blank nodes: %9.2f ms, Hash N-Degree Quads work %d", padded, graph.dataset.quads.count,
                result.issuedIdentifiers.count, elapsed * 1e3, result.work)
        } catch {
            let elapsed = (clock.now - start).benchSeconds
            return String(format: "%@ %5d quads: stopped after %.2f ms: %@", padded, graph.dataset.quads.count, elapsed * 1e3, String(describing: error))
        }
    }
}

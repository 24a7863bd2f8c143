import ArgumentParser
import Foundation
import LinkedData

/// `erkend bench canonicalize`: RDFC-1.0 speed on Open Badges credentials.
///
/// Times what signing and verifying an `eddsa-rdfc-2022` credential costs —
/// JSON-LD to RDF plus RDFC-1.0 of the document and of the proof
/// configuration — next to pyld (the Python reference the project's
/// verifiers use) on the same credentials in the same run, and canonicalizes
/// 1,000-blank-node graphs to show there is no blow-up.
struct BenchCanonicalizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canonicalize",
        abstract: "Time RDFC-1.0 canonicalization of Open Badges 3.0 credentials.",
        discussion: """
            Build with `swift build -c release` first: debug builds are many times slower.

            pyld comes from `pip install -r ../shared/tools/verify/requirements.txt`; without it the Python column is skipped and the output says so.
            """
    )

    @Option(help: "Folder of Open Badges 3.0 credentials (*.json).")
    var examples = "Tests/LinkedDataTests/Resources/examples/ob3"

    @Option(help: "Timed iterations per credential in Swift.")
    var iterations = 2000

    @Option(help: "Timed iterations per credential in pyld.")
    var pythonIterations = 30

    @Flag(help: "Do not run the pyld comparison.")
    var skipPython = false

    @Option(help: "Blank nodes in the large RDFC graphs.")
    var graphSize = 1000

    @Option(help: "The RDFC-1.0 test suite folder, for timing its high-complexity (poison) cases.")
    var rdfcSuite = "Tests/LinkedDataTests/Resources/rdf-canon-tests"

    func run() async throws {
        #if DEBUG
            print("warning: this is a debug build; use `swift build -c release` and .build/release/erkend for figures\n")
        #endif
        print(BenchMachineDescription.current())
        let credentials = try loadCredentials()
        let loader = try BundledContexts.loader()
        print("\nOpen Badges 3.0 credentials: JSON-LD → RDF → RDFC-1.0 of document and proof configuration (per credential)")
        print(BenchTable.header)
        var swiftResults: [String: (stats: BenchStatistics, nquads: String)] = [:]
        for credential in credentials {
            let result = try time(credential, loader: loader)
            swiftResults[credential.name] = result
        }
        var python: BenchPyldComparison.Outcome = .skipped("--skip-python given")
        if !skipPython {
            python = BenchPyldComparison.run(
                files: credentials.map(\.path), contexts: try BundledContexts.directory().path, iterations: pythonIterations)
        }
        var ratios: [Double] = []
        var differences: [String] = []
        for credential in credentials {
            let swift = swiftResults[credential.name]!
            var line = BenchTable.row(credential.name, swift.stats)
            if case .measured(let results) = python, let py = results[credential.path] {
                let ratio = py.stats.mean / swift.stats.mean
                ratios.append(ratio)
                let same = py.nquads == swift.nquads ? "same N-Quads" : "N-Quads differ (below)"
                if py.nquads != swift.nquads { differences.append(describeDifference(credential.name, swift: swift.nquads, pyld: py.nquads)) }
                line += String(format: " | pyld mean %8.3f ms p99 %8.3f ms | %6.1f× faster | %@", py.stats.mean * 1e3, py.stats.p99 * 1e3, ratio, same)
            }
            print(line)
        }
        for difference in differences { print(difference) }
        switch python {
        case .measured:
            if !ratios.isEmpty {
                let geometricMean = exp(ratios.map { log($0) }.reduce(0, +) / Double(ratios.count))
                print(String(format: "pyld / Swift: %.1f× (geometric mean over %d credentials; goal ≥ 20×)", geometricMean, ratios.count))
            }
        case .skipped(let reason):
            print("pyld comparison not run: \(reason)")
        }
        print("\nRDFC-1.0 on \(graphSize)-blank-node graphs (default work limit \(RDFC10.defaultWorkLimit(blankNodes: graphSize)))")
        for graph in BenchLargeGraphs.all(size: graphSize) {
            print(BenchLargeGraphs.measure(graph))
        }
        let suite = BenchLargeGraphs.suiteCases(directory: rdfcSuite)
        if !suite.isEmpty {
            print("\nRDFC-1.0 suite, high-complexity cases")
            for graph in suite { print(BenchLargeGraphs.measure(graph)) }
        }
    }

    /// The lines only one side produced, so a difference can be judged at a glance.
    private func describeDifference(_ name: String, swift: String, pyld: String) -> String {
        let ours = Set(swift.split(separator: "\n"))
        let theirs = Set(pyld.split(separator: "\n"))
        var out = "\(name): canonical N-Quads differ"
        for line in ours.subtracting(theirs).sorted() { out += "\n  only Swift: \(line)" }
        for line in theirs.subtracting(ours).sorted() { out += "\n  only pyld:  \(line)" }
        return out
    }

    struct Credential {
        let name: String
        let path: String
        /// The parts canonicalized when signing: the document without proof and,
        /// for signed credentials, the proof configuration.
        let parts: [JSONValue]
    }

    private func loadCredentials() throws -> [Credential] {
        let folder = URL(fileURLWithPath: examples)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        guard !names.isEmpty else { throw CommandFailure("no *.json credentials in \(examples)") }
        return try names.map { name in
            let path = folder.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path), case .object(var document) = try JSONParser.parse(data) else {
                throw CommandFailure("\(path) is not a JSON object")
            }
            var parts: [JSONValue] = []
            if let proofs = document.removeValue(forKey: "proof"), case .object(var proof) = proofs.arrayValue?.first ?? proofs {
                proof.removeValue(forKey: "proofValue")
                if let context = document["@context"] { proof["@context"] = context }
                parts.append(.object(proof))
            }
            parts.insert(.object(document), at: 0)
            return Credential(name: name, path: path, parts: parts)
        }
    }

    private func time(_ credential: Credential, loader: any DocumentLoader) throws -> (stats: BenchStatistics, nquads: String) {
        let options = JSONLD.Options(documentLoader: loader)
        func once() throws -> String {
            var out = ""
            for part in credential.parts { out += try JSONLD.canonicalize(part, options: options).nquads }
            return out
        }
        let nquads = try once()
        for _ in 0..<min(50, iterations) { _ = try once() }
        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let start = clock.now
            _ = try once()
            samples.append((clock.now - start).benchSeconds)
        }
        return (BenchStatistics(samples), nquads)
    }
}

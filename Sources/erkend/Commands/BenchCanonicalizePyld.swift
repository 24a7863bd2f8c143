import Foundation
import LinkedData

/// Runs pyld on the same credentials, in a child `python3`.
enum BenchPyldComparison {
    enum Outcome {
        case measured([String: (stats: BenchStatistics, nquads: String)])
        case skipped(String)
    }

    /// The Python side: same split into document and proof configuration, same
    /// offline contexts, `jsonld.normalize` with URDNA2015 (= RDFC-1.0).
    static let script = #"""
        import json, sys, time
        try:
            from pyld import jsonld
        except ImportError as e:
            print("PYLD-MISSING " + str(e)); sys.exit(3)
        contexts, files, iterations = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3])
        index = json.load(open(contexts + "/index.json"))
        documents = {url: json.load(open(contexts + "/" + name)) for url, name in index.items()}
        def loader(url, options=None):
            return {"contextUrl": None, "documentUrl": url, "document": documents[url]}
        options = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader}
        out = {}
        for path in files:
            document = json.load(open(path))
            parts = []
            proof = document.pop("proof", None)
            parts.append(document)
            if proof is not None:
                proof = proof[0] if isinstance(proof, list) else proof
                proof = {k: v for k, v in proof.items() if k != "proofValue"}
                if "@context" in document: proof["@context"] = document["@context"]
                parts.append(proof)
            def once():
                return "".join(jsonld.normalize(p, options) for p in parts)
            nquads = once()
            for _ in range(3): once()
            samples = []
            for _ in range(iterations):
                start = time.perf_counter(); once(); samples.append(time.perf_counter() - start)
            out[path] = {"samples": samples, "nquads": nquads}
        print(json.dumps(out))
        """#

    static func run(files: [String], contexts: String, iterations: Int) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        guard let filesJSON = try? JSONSerialization.data(withJSONObject: files) else { return .skipped("cannot encode file list") }
        process.arguments = ["python3", "-c", script, contexts, String(decoding: filesJSON, as: UTF8.self), String(iterations)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .skipped("python3 could not be started (\(error))")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("PYLD-MISSING") {
            return .skipped("pyld is not importable by python3 (pip install -r ../shared/tools/verify/requirements.txt)")
        }
        guard process.terminationStatus == 0, case .object(let results)? = try? JSONParser.parse(text) else {
            return .skipped("the pyld run failed (exit status \(process.terminationStatus))")
        }
        var measured: [String: (stats: BenchStatistics, nquads: String)] = [:]
        for (path, result) in results {
            let samples = result["samples"]?.arrayValue?.compactMap { $0.numberValue?.value } ?? []
            measured[path] = (BenchStatistics(samples), result["nquads"]?.stringValue ?? "")
        }
        return .measured(measured)
    }
}

import Foundation
import LinkedData
import Testing

/// The W3C RDFC-1.0 test suite (`Resources/rdf-canon-tests/manifest.jsonld`), every entry.
@Suite("RDFC-1.0 conformance")
struct RDFCConformanceTests {
    struct Entry: CustomStringConvertible {
        let id: String
        let type: String
        let name: String
        let action: String
        let result: String?
        let hashAlgorithm: RDFC10.HashAlgorithm
        var description: String { "\(id) (\(name))" }
    }

    static func entries() throws -> [Entry] {
        let manifest = try TestResources.json("rdf-canon-tests/manifest.jsonld")
        return (manifest["entries"]?.arrayValue ?? []).map { entry in
            Entry(
                id: entry["id"]?.stringValue ?? "?",
                type: entry["type"]?.stringValue ?? "?",
                name: entry["name"]?.stringValue ?? "",
                action: entry["action"]?.stringValue ?? "",
                result: entry["result"]?.stringValue,
                hashAlgorithm: entry["hashAlgorithm"]?.stringValue == "SHA384" ? .sha384 : .sha256)
        }
    }

    /// Runs one entry; returns a failure message or nil.
    static func run(_ entry: Entry, work: inout Int) -> String? {
        do {
            let input = try TestResources.text("rdf-canon-tests/" + entry.action)
            let options = RDFC10.Options(hashAlgorithm: entry.hashAlgorithm)
            switch entry.type {
            case "rdfc:RDFC10EvalTest":
                let expected = try TestResources.text("rdf-canon-tests/" + entry.result!)
                let result = try RDFC10.canonicalize(nquads: input, options: options)
                work = result.work
                return result.nquads == expected ? nil : "canonical N-Quads differ:\n--- expected\n\(expected)--- got\n\(result.nquads)"
            case "rdfc:RDFC10MapTest":
                let expected = try TestResources.json("rdf-canon-tests/" + entry.result!)
                let result = try RDFC10.canonicalize(nquads: input, options: options)
                var expectedMap: [String: String] = [:]
                for (key, value) in expected.objectValue ?? JSONObject() { expectedMap[key] = value.stringValue }
                return result.issuedIdentifiers == expectedMap ? nil : "issued identifiers differ: expected \(expectedMap), got \(result.issuedIdentifiers)"
            case "rdfc:RDFC10NegativeEvalTest":
                do {
                    let result = try RDFC10.canonicalize(nquads: input, options: options)
                    return "expected the work limit to stop this poison graph, but it finished after \(result.work) steps"
                } catch let error as RDFC10Error {
                    return error.code == .workLimitExceeded ? nil : "unexpected error \(error)"
                }
            default:
                return "unknown test type \(entry.type)"
            }
        } catch {
            return "error: \(error)"
        }
    }

    @Test("every entry of the W3C RDFC-1.0 manifest passes, including map and poison tests")
    func wholeManifest() throws {
        let entries = try Self.entries()
        #expect(entries.count == 86)
        var passed = 0
        var mostWork = (0, "")
        for entry in entries {
            var work = 0
            defer { if work > mostWork.0 { mostWork = (work, entry.id) } }
            if let failure = Self.run(entry, work: &work) {
                Issue.record("\(entry): \(failure)")
            } else {
                passed += 1
            }
        }
        print("RDFC-1.0 suite: \(entries.count) tests, \(passed) passed, 0 skipped, \(entries.count - passed) failed")
        print("RDFC-1.0 suite: the most Hash N-Degree Quads work a passing test needed: \(mostWork.0) (\(mostWork.1))")
    }
}

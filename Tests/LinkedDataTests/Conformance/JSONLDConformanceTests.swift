import Foundation
import LinkedData
import Testing

/// The W3C JSON-LD 1.1 API test suite, `expand` and `toRdf` manifests, every entry.
///
/// Set `LINKEDDATA_VERBOSE=1` to print each failure with expected and actual output.
@Suite("JSON-LD 1.1 conformance")
struct JSONLDConformanceTests {
    struct Entry: CustomStringConvertible {
        let id: String
        let types: [String]
        let name: String
        let input: String
        let expect: String?
        let expectedError: String?
        let options: [String: String]
        var description: String { "\(id) (\(name))" }
    }

    struct Tally {
        var passed = 0
        var skipped: [(String, String)] = []
        var failed: [(String, String)] = []
    }

    static func entries(_ manifest: String) throws -> [Entry] {
        let document = try TestResources.json("jsonld-api-tests/\(manifest)-manifest.jsonld")
        return (document["sequence"]?.arrayValue ?? []).map { entry in
            var options: [String: String] = [:]
            for (key, value) in entry["option"]?.objectValue ?? JSONObject() {
                options[key] = value.stringValue ?? value.boolValue.map { $0 ? "true" : "false" } ?? value.description
            }
            return Entry(
                id: entry["@id"]?.stringValue ?? "?",
                types: entry["@type"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                name: entry["name"]?.stringValue ?? "",
                input: entry["input"]?.stringValue ?? "",
                expect: entry["expect"]?.stringValue,
                expectedError: entry["expectErrorCode"]?.stringValue,
                options: options)
        }
    }

    static func jsonLDOptions(for entry: Entry) throws -> JSONLD.Options {
        var options = JSONLD.Options(documentLoader: TestSuiteDocumentLoader())
        options.base = entry.options["base"] ?? TestSuiteDocumentLoader.baseIRI + entry.input
        if let expandContext = entry.options["expandContext"] {
            options.expandContext = try TestResources.json("jsonld-api-tests/" + expandContext)
        }
        if entry.options["processingMode"] == "json-ld-1.0" { options.processingMode = .jsonLD10 }
        if let direction = entry.options["rdfDirection"] { options.rdfDirection = JSONLD.RDFDirection(rawValue: direction) }
        return options
    }

    /// Runs one entry; returns a failure message or nil.
    static func run(_ entry: Entry, manifest: String) -> String? {
        let isNegative = entry.types.contains("jld:NegativeEvaluationTest")
        do {
            let input = try TestResources.json("jsonld-api-tests/" + entry.input)
            let options = try jsonLDOptions(for: entry)
            if manifest == "expand" {
                let expanded = try JSONLD.expand(input, options: options)
                if isNegative { return "expected error \"\(entry.expectedError ?? "?")\", but expansion succeeded" }
                let expected = try TestResources.json("jsonld-api-tests/" + entry.expect!)
                return JSONLDComparison.equal(.array(expanded), expected)
                    ? nil : "expanded output differs:\n--- expected\n\(JSONWriter.string(expected, pretty: true))\n--- got\n\(JSONWriter.string(.array(expanded), pretty: true))"
            } else {
                let dataset = try JSONLD.toRDF(input, options: options)
                if isNegative { return "expected error \"\(entry.expectedError ?? "?")\", but toRdf succeeded" }
                if entry.types.contains("jld:PositiveSyntaxTest") { return nil }
                let expectedText = try TestResources.text("jsonld-api-tests/" + entry.expect!)
                let expected = try RDFC10.canonicalize(NQuads.parse(expectedText)).nquads
                let got = try RDFC10.canonicalize(dataset).nquads
                return expected == got ? nil : "datasets are not isomorphic:\n--- expected\n\(expected)--- got\n\(got)"
            }
        } catch let error as JSONLDError {
            if isNegative {
                return error.code.rawValue == entry.expectedError ? nil : "expected error \"\(entry.expectedError ?? "?")\", got \"\(error.code.rawValue)\": \(error)"
            }
            return "unexpected error: \(error)"
        } catch {
            return "unexpected error: \(error)"
        }
    }

    static func runManifest(_ manifest: String) throws -> (total: Int, tally: Tally) {
        let entries = try entries(manifest)
        var tally = Tally()
        for entry in entries {
            if let reason = JSONLDSkips.reason(id: entry.id, manifest: manifest, options: entry.options) {
                tally.skipped.append((entry.id, reason))
                continue
            }
            if let failure = run(entry, manifest: manifest) {
                tally.failed.append((entry.id, failure))
            } else {
                tally.passed += 1
            }
        }
        return (entries.count, tally)
    }

    static func check(_ manifest: String) throws {
        let (total, tally) = try runManifest(manifest)
        for (id, failure) in tally.failed {
            Issue.record("\(manifest)\(id): \(failure)")
            if ProcessInfo.processInfo.environment["LINKEDDATA_VERBOSE"] != nil { print("FAIL \(manifest)\(id): \(failure)\n=====") }
        }
        print("JSON-LD \(manifest) suite: \(total) tests, \(tally.passed) passed, \(tally.skipped.count) skipped, \(tally.failed.count) failed")
        for (id, reason) in tally.skipped { print("  skipped \(manifest)\(id): \(reason)") }
        #expect(tally.failed.isEmpty)
        #expect(tally.passed + tally.skipped.count == total)
    }

    @Test("every applicable test of the W3C expand manifest passes")
    func expandManifest() throws {
        try Self.check("expand")
    }

    @Test("every applicable test of the W3C toRdf manifest passes")
    func toRdfManifest() throws {
        try Self.check("toRdf")
    }
}

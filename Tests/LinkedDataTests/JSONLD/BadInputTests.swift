import Foundation
import LinkedData
import Testing

/// Hostile and broken input: every case ends in an error that names the
/// JSON-LD error code and where, never in a crash or an endless loop.
@Suite("Bad input")
struct BadInputTests {
    static let credentialContexts: JSONValue = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]

    /// Expands `json` and returns the JSON-LD error it fails with.
    func expansionError(_ json: String, options: JSONLD.Options = JSONLD.Options()) throws -> JSONLDError? {
        do {
            _ = try JSONLD.toRDF(JSONParser.parse(json), options: options)
            return nil
        } catch let error as JSONLDError {
            return error
        }
    }

    @Test("malformed JSON reports the line and column")
    func malformedJSON() {
        #expect {
            try JSONParser.parse("{\n  \"a\": 1,\n  \"b\": tru\n}")
        } throws: { error in
            let error = error as! JSONParseError
            return error.line == 3 && error.column == 8
        }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#"{"a": 1, "a": 2}"#) }  // duplicate key
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#""\ud800""#) }  // lone surrogate
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Data([0x22, 0xC3, 0x28, 0x22])) }  // invalid UTF-8
        #expect(throws: JSONParseError.self) { try JSONParser.parse("[1, 2,]") }
        #expect(throws: JSONParseError.self) { try JSONParser.parse("01") }
    }

    @Test("invalid IRIs are rejected with the JSON-LD error code", arguments: [
        (#"{"@context": {"@base": 5}}"#, "invalid base IRI"),
        (#"{"@context": {"@base": "relative/path"}}"#, "invalid base IRI"),
        (#"{"@context": {"@vocab": 42}}"#, "invalid vocab mapping"),
        (#"{"@context": {"term": {"@id": "no-colon-and-no-vocab"}}}"#, "invalid IRI mapping"),
        (#"{"@context": {"term": {"@id": "http://ex.org/t", "@type": "not-absolute"}}}"#, "invalid type mapping"),
        (#"{"@id": "http://ex.org/s", "http://ex.org/p": {"@value": "x", "@type": "http://ex.org/a b"}}"#, "invalid typed value"),
        (#"{"@id": {"nested": true}}"#, "invalid @id value"),
    ])
    func invalidIRIs(json: String, code: String) throws {
        let error = try expansionError(json)
        #expect(error?.code.rawValue == code, "\(String(describing: error))")
    }

    @Test("a cyclic term definition is reported as a cyclic IRI mapping")
    func cyclicTerms() throws {
        let error = try expansionError(#"{"@context": {"a": "b:x", "b": "a:y"}, "a": 1}"#)
        #expect(error?.code == .cyclicIRIMapping)
        #expect(error?.path == "$[\"@context\"]")
    }

    @Test("a context that includes itself stops with context overflow, naming the URL")
    func selfIncludingContext() throws {
        struct Looping: DocumentLoader {
            func loadDocument(_ url: String) throws -> RemoteDocument {
                RemoteDocument(documentURL: url, document: ["@context": .string(url)])
            }
        }
        let error = try expansionError(#"{"@context": "https://loop.example/ctx", "@id": "urn:x"}"#, options: JSONLD.Options(documentLoader: Looping()))
        #expect(error?.code == .contextOverflow)
        #expect(error?.message.contains("https://loop.example/ctx") == true)
    }

    @Test("keys that collide through aliases are rejected")
    func collidingKeywords() throws {
        let error = try expansionError(#"{"@context": {"id": "@id"}, "id": "urn:a", "@id": "urn:b"}"#)
        #expect(error?.code == .collidingKeywords)
    }

    @Test("redefining a protected credentials term fails with protected term redefinition, and where")
    func protectedTermRedefinition() throws {
        let json = #"""
            {
              "@context": ["https://www.w3.org/ns/credentials/v2", {"VerifiableCredential": "https://attacker.example/VC"}],
              "type": "VerifiableCredential"
            }
            """#
        let error = try expansionError(json)
        #expect(error?.code == .protectedTermRedefinition)
        #expect(error?.message.contains("VerifiableCredential") == true)
        #expect(error?.path == "$[\"@context\"]")
    }

    @Test("invalid language values and tags are errors (tags only in safe mode, where the value would be dropped)")
    func invalidLanguage() throws {
        #expect(try expansionError(#"{"http://ex.org/p": {"@value": "x", "@language": 5}}"#)?.code == .invalidLanguageTaggedString)
        #expect(try expansionError(#"{"@context": {"@language": 5}, "http://ex.org/p": "x"}"#)?.code == .invalidDefaultLanguage)
        #expect(try expansionError(#"{"@context": {"t": {"@id": "http://ex.org/t", "@language": true}}}"#)?.code == .invalidLanguageMapping)
        let badTag = #"{"@id": "urn:x", "http://ex.org/p": {"@value": "x", "@language": "en_US!"}}"#
        #expect(try expansionError(badTag) == nil)
        let error = try expansionError(badTag, options: JSONLD.Options(safeMode: true))
        #expect(error?.code == .safeModeViolation)
        #expect(error?.violations.first?.kind == .invalidLanguageTag)
        #expect(error?.violations.first?.path == "$[\"http://ex.org/p\"][\"@language\"]")
    }

    @Test("invalid context entries and local contexts are rejected")
    func invalidContexts() throws {
        #expect(try expansionError(#"{"@context": 42}"#)?.code == .invalidLocalContext)
        #expect(try expansionError(#"{"@context": {"@version": 1.0}}"#)?.code == .invalidVersionValue)
        let tenOnly = JSONLD.Options(processingMode: .jsonLD10)
        #expect(try expansionError(#"{"@context": {"@propagate": true}}"#, options: tenOnly)?.code == .invalidContextEntry)
        #expect(try expansionError(#"{"@context": {"t": {"@id": "urn:t", "@container": "@bogus"}}}"#)?.code == .invalidContainerMapping)
        #expect(try expansionError(#"{"@context": {"t": {"@id": "urn:t", "@unknown": 1}}}"#)?.code == .invalidTermDefinition)
    }

    @Test("an unknown remote context is an error naming the URL, never a network fetch")
    func unknownContext() throws {
        let error = try expansionError(#"{"@context": "https://unknown.example/context.jsonld", "@id": "urn:x"}"#)
        #expect(error?.code == .loadingRemoteContextFailed)
        #expect(error?.message.contains("https://unknown.example/context.jsonld") == true)
        #expect(error?.message.contains("not available offline") == true)
    }

    @Test("deep nesting fails cleanly, in the parser and in expansion")
    func deepNesting() throws {
        let tooDeepForParser = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(tooDeepForParser) }

        var nested = #"{"@id": "urn:leaf"}"#
        for _ in 0..<300 { nested = #"{"http://ex.org/child": \#(nested)}"# }
        let error = try expansionError(nested)
        #expect(error?.code == .nestingTooDeep)
    }

    @Test("a very large document converts in reasonable time")
    func largeDocument() throws {
        var object = JSONObject()
        object["@context"] = Self.credentialContexts
        object["id"] = "urn:uuid:large"
        object["type"] = ["VerifiableCredential", "OpenBadgeCredential"]
        object["name"] = .array((0..<20_000).map { .string("name \($0)") })
        let clock = ContinuousClock()
        var dataset = RDFDataset()
        let elapsed = try clock.measure { dataset = try JSONLD.toRDF(.object(object)) }
        #expect(dataset.quads.count == 20_002)
        #expect(elapsed < .seconds(20))
        #expect(throws: JSONParseError.self) { try JSONParser(limits: .init(maxBytes: 10)).parse(#"{"a": "more than ten bytes"}"#) }
    }

    @Test("the work and recursion limits are configurable: a ring of 200 look-alike blank nodes needs more than the defaults")
    func configurableWorkLimit() throws {
        let ring = RDFDataset(quads: (0..<200).map {
            RDFQuad(subject: .blankNode("n\($0)"), predicate: .iri("urn:ex:next"), object: .blankNode("n\(($0 + 1) % 200)"))
        })
        #expect(throws: RDFC10Error.self) { try RDFC10.canonicalize(ring) }
        #expect {
            try RDFC10.canonicalize(ring, options: RDFC10.Options(maxWork: 100_000))
        } throws: { error in
            (error as? RDFC10Error)?.code == .recursionLimitExceeded
        }
        let result = try RDFC10.canonicalize(ring, options: RDFC10.Options(maxWork: 100_000, maxRecursionDepth: 250))
        #expect(result.work == 40_000)
        #expect(result.quads.count == 200)
    }

    @Test("a poison graph stops at the work limit with a clear error")
    func poisonGraph() throws {
        let clique = try TestResources.text("rdf-canon-tests/rdfc10/test074-in.nq")
        #expect {
            try RDFC10.canonicalize(nquads: clique)
        } throws: { error in
            guard let error = error as? RDFC10Error else { return false }
            return error.code == .workLimitExceeded && error.description.contains("poison")
        }
    }
}

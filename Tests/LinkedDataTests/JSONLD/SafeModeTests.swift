import LinkedData
import Testing

/// Safe mode: what the contexts do not define would not be signed, so it is reported.
@Suite("Safe mode")
struct SafeModeTests {
    static let vc11: JSONValue = ["https://www.w3.org/2018/credentials/v1", "https://purl.imsglobal.org/spec/ob/v3p0/context.json"]

    func credential(subject: JSONValue, type: JSONValue = ["VerifiableCredential", "OpenBadgeCredential"]) -> JSONValue {
        [
            "@context": Self.vc11,
            "id": "urn:uuid:1",
            "type": type,
            "issuer": "https://issuer.example/",
            "issuanceDate": "2026-01-01T00:00:00Z",
            "credentialSubject": subject,
        ]
    }

    @Test("an undefined property is reported with its JSON path, and not signed")
    func undefinedProperty() throws {
        let document = credential(subject: ["id": "did:example:1", "type": ["AchievementSubject"], "nickname": "Bo"])
        let violations = try JSONLD.safeModeViolations(in: document)
        #expect(violations.map(\.description) == [#"undefined property "nickname" at $.credentialSubject.nickname"#])
        #expect {
            try JSONLD.toRDF(document, options: JSONLD.Options(safeMode: true))
        } throws: { error in
            (error as? JSONLDError)?.code == .safeModeViolation
        }
        // Without safe mode the property silently disappears from the RDF.
        let quads = try JSONLD.toRDF(document).quads
        #expect(!quads.contains { $0.predicate == .iri("nickname") || NQuads.serialize($0).contains("Bo") })
    }

    @Test("an undefined type is reported")
    func undefinedType() throws {
        let document = credential(subject: ["id": "did:example:1"], type: ["VerifiableCredential", "MadeUpCredential"])
        let violations = try JSONLD.safeModeViolations(in: document)
        #expect(violations.map(\.kind) == [.undefinedType])
        #expect(violations.first?.term == "MadeUpCredential")
        #expect(violations.first?.path == "$.type")
    }

    @Test("a relative @id is reported (its node would be dropped from the RDF)")
    func relativeIdentifier() throws {
        let document = credential(subject: ["id": "student-42", "type": ["AchievementSubject"]])
        #expect(try JSONLD.safeModeViolations(in: document).map(\.kind) == [.relativeIdentifier])
    }

    @Test("credentials v2 has no @vocab either: an undefined property of a v2 credential is reported")
    func credentialsV2HasNoVocabulary() throws {
        let document: JSONValue = [
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"],
            "issuer": "https://issuer.example/",
            "credentialSubject": ["nickname": "Bo"],
        ]
        let violations = try JSONLD.safeModeViolations(in: document)
        #expect(violations.map(\.description) == [#"undefined property "nickname" at $.credentialSubject.nickname"#])
    }
}

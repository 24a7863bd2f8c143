import Foundation
import LinkedData
import Testing

/// The signed credentials in `Resources/examples/`: canonicalizing them in
/// Swift reproduces the published canonical N-Quads, so their signatures verify.
@Suite("Signed credential examples")
struct SignedExampleTests {
    static let verifying = [
        "di/eddsa-rdfc-2022-signed.json",
        "di/eddsa-jcs-2022-signed.json",
        "ob3/ob3-eddsa-rdfc-2022-testvector.signed.json",
        "ob3/validator-simple.signed.json",
        "ob3/validator-simple-did-key.signed.json",
        "ob3/validator-complete.signed.json",
        "ob3/validator-bitstring-status-revoked.json",
        "ob3/validator-bitstring-testlist.json",
        "clr2/clr2-eddsa-rdfc-2022-testvector.signed.json",
        "clr2/validator-clr-simple.signed.json",
    ]

    @Test("the signature of each signed example verifies", arguments: verifying)
    func signatureVerifies(path: String) throws {
        let signed = try TestResources.json("examples/" + path)
        #expect(try DataIntegrityVerifier.verify(signed), "\(path) does not verify")
    }

    @Test("a credential altered after signing does not verify (1EdTech err-type test)")
    func alteredCredentialFails() throws {
        let signed = try TestResources.json("examples/ob3/validator-simple-err-type.json")
        #expect(try DataIntegrityVerifier.verify(signed) == false)
    }

    @Test("the W3C eddsa-rdfc-2022 vector's canonical document and proof N-Quads are reproduced")
    func w3cCanonicalForms() throws {
        let prepared = try DataIntegrityVerifier.prepare(TestResources.json("examples/di/eddsa-rdfc-2022-signed.json"))
        #expect(try JSONLD.canonicalize(prepared.unsecuredDocument).nquads == TestResources.text("examples/di/eddsa-rdfc-2022-canonical-document.nq"))
        #expect(try JSONLD.canonicalize(prepared.proofConfiguration).nquads == TestResources.text("examples/di/eddsa-rdfc-2022-canonical-proof.nq"))
    }

    @Test("the Open Badges 3.0 vector's canonical document and proof N-Quads are reproduced")
    func openBadgesCanonicalForms() throws {
        let prepared = try DataIntegrityVerifier.prepare(TestResources.json("examples/ob3/ob3-eddsa-rdfc-2022-testvector.signed.json"))
        #expect(try JSONLD.canonicalize(prepared.unsecuredDocument).nquads == TestResources.text("examples/ob3/ob3-testvector-document-canon.nq"))
        #expect(try JSONLD.canonicalize(prepared.proofConfiguration).nquads == TestResources.text("examples/ob3/ob3-testvector-proof-canon.nq"))
    }

    @Test("the example credentials are safe: the contexts define every property and type")
    func examplesAreSafe() throws {
        for path in Self.verifying {
            let prepared = try DataIntegrityVerifier.prepare(TestResources.json("examples/" + path))
            let violations = try JSONLD.safeModeViolations(in: prepared.unsecuredDocument)
            #expect(violations.isEmpty, "\(path): \(violations)")
        }
    }
}

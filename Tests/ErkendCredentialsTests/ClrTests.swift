import ErkendCore
import ErkendCredentials
import ErkendTestSupport
import Foundation
import LinkedData
import Testing

@Suite("CLR 2.0 and completion awards")
struct ClrTests {
    typealias F = CredentialFixtures

    static func associations(_ clr: JSONValue) -> Set<String> {
        Set((clr["credentialSubject"]?["association"]?.arrayValue ?? []).map { association in
            func short(_ id: String?) -> String {
                guard let id else { return "?" }
                if let fragment = id.split(separator: "#").dropFirst().first { return String(fragment) }
                return id.components(separatedBy: "/api/v1/").last ?? id
            }
            return "\(short(association["sourceId"]?.stringValue)) \(association["associationType"]?.stringValue ?? "?") \(short(association["targetId"]?.stringValue))"
        })
    }

    /// Erkend's verifier with status list 1 (index 4242 revoked) at hand.
    static func verifier() throws -> CredentialVerifier {
        let listURL = F.identity.statusListURL("1")
        var bits = StatusBits()
        bits[bitstring: 4242] = true
        let list = try F.sign(BitstringStatusList.credential(listURL: listURL, bits: bits, identity: F.identity, validFrom: F.issuedAt))
        return CredentialVerifier(identity: F.identity, keys: F.keys, loader: F.loader, bitstringLists: [listURL: list])
    }

    @Test("a phase CLR holds the completion, the unit and the entrustment, each with its own proof, and says how their achievements hang together")
    func phaseCLR() throws {
        let clr = try F.phaseCLR()
        #expect(clr["type"] == ["VerifiableCredential", "ClrCredential"])
        #expect(clr["@context"]?.arrayValue?[1] == .string(ClrCredential.context))
        #expect(clr["partial"] == .bool(true))
        let stacked = try #require(clr["credentialSubject"]?["verifiableCredential"]?.arrayValue)
        #expect(stacked.count == 3)
        #expect(stacked.allSatisfy { $0["proof"] != nil && $0["type"]?.arrayValue?.contains("OpenBadgeCredential") == true })
        #expect(stacked[0]["credentialSubject"]?["achievement"]?["achievementType"] == "ext:ProgrammePhase")
        #expect(stacked[0]["credentialSubject"]?["achievement"]?["id"] == .string(F.publicURL + "/api/v1/programmes/P-1/versions/1#phase-orientatie"))
        #expect(Self.associations(clr) == [
            "units/U-1/versions/1 isChildOf phase-orientatie", "epas/EPA-1/versions/1 isChildOf phase-orientatie",
            "phase-orientatie isChildOf programmes/P-1/versions/1", "phase-orientatie precedes phase-zelfstandig",
        ])
        let listed = Set((clr["credentialSubject"]?["achievement"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue })
        #expect(listed == [F.publicURL + "/api/v1/programmes/P-1/versions/1", F.publicURL + "/api/v1/programmes/P-1/versions/1#phase-zelfstandig"],
                "achievements named by an association but asserted by no credential in it")

        let verifier = try Self.verifier()
        let report = try verifier.verify(JSONWriter.string(clr), at: Date())
        #expect(report.format == .dataIntegrity)
        for part in stacked { _ = try verifier.verifyDataIntegrity(part, at: Date()) }

        let renamed = F.replacing(clr, ["name"], with: "Zelfstandig")
        #expect(throws: CredentialError.self) { try verifier.verify(JSONWriter.string(renamed), at: Date()) }
    }

    @Test("a CLR whose stacked unit credential was revoked does not verify, though its own proof does")
    func revokedInside() throws {
        let listURL = F.identity.statusListURL("1")
        let verifier = try Self.verifier()
        _ = try verifier.verify(JSONWriter.string(try F.phaseCLR()), at: Date())
        let clr = try F.phaseCLR(unitStatus: StatusListEntry(listURL: listURL, index: 4242))
        let error = #expect(throws: CredentialError.self) { try verifier.verify(JSONWriter.string(clr), at: Date()) }
        #expect(error?.kind == .revoked)
        #expect(error?.message.contains("credential 2 of the CLR") == true)
    }

    @Test("a programme CLR stacks the phases too: each phase is part of the programme and precedes the next")
    func programmeCLR() throws {
        let holder = CredentialHolder.did(F.holderDID)
        let award = F.completionAward("AW-4", phase: nil)
        let completion = try F.sign(try OpenBadgeCredential.completion(award, programme: F.programme, holder: holder, identity: F.identity,
                                                                       credentialID: "urn:uuid:p", issuedAt: F.issuedAt))
        let phase = F.completionAward()
        let phaseCredential = try F.sign(try OpenBadgeCredential.completion(phase, programme: F.programme, holder: holder, identity: F.identity,
                                                                            credentialID: "urn:uuid:f", issuedAt: F.issuedAt))
        let clr = try F.sign(try ClrCredential.stack(
            award, programme: F.programme, completion: completion,
            parts: [ClrCredential.Part(award: phase, credential: phaseCredential),
                    ClrCredential.Part(award: F.unitAward, credential: try F.sign(try F.unitCredential()))],
            holder: holder, identity: F.identity, credentialID: "urn:uuid:clr", issuedAt: F.issuedAt))
        #expect(clr["partial"] == .bool(false))
        #expect(Self.associations(clr) == [
            "phase-orientatie isChildOf programmes/P-1/versions/1", "units/U-1/versions/1 isChildOf phase-orientatie",
            "phase-zelfstandig isChildOf programmes/P-1/versions/1", "phase-orientatie precedes phase-zelfstandig",
        ])
        _ = try Self.verifier().verify(JSONWriter.string(clr), at: Date())
        #expect(throws: CredentialError.self) {
            try ClrCredential.stack(F.unitAward, programme: F.programme, completion: completion, parts: [], holder: holder, identity: F.identity,
                                    credentialID: "urn:uuid:x", issuedAt: F.issuedAt)
        }
    }

    @Test("completion awards: an empty phase certifies nothing, a withdrawn enrolment gives none, and a phase stacks only its own awards")
    func completionRules() throws {
        var programme = F.programme
        programme.phases.insert(Phase(code: "intake", title: LocalizedText(nl: "Intake")), at: 0)
        let catalogue = CatalogueSnapshot(epas: [F.epa], units: [F.unit])
        let enrolment = ProgressionSamples.enrolment()
        var result = ProgressionSamples.result()
        result.unit = ExactReference(F.unit)
        var decision = ProgressionSamples.decision()
        decision.level = "2"
        var counter = 0
        func next() -> Award.ID { counter += 1; return Award.ID(trusted: "C-\(counter)") }

        let made = try CompletionAwards.awards(enrolment: enrolment, programme: programme, catalogue: catalogue, decisions: [decision],
                                               results: [result], existing: [], ids: next)
        #expect(made.map(\.phase) == ["orientatie"], "intake asks nothing; zelfstandig asks EPA-1 at 4")
        #expect(made.first?.source == "completion:L-1:phase:orientatie")
        #expect(try CompletionAwards.awards(enrolment: enrolment, programme: programme, catalogue: catalogue, decisions: [decision],
                                            results: [result], existing: made, ids: next).isEmpty)
        var withdrawn = enrolment
        withdrawn.status = .withdrawn
        #expect(try CompletionAwards.awards(enrolment: withdrawn, programme: programme, catalogue: catalogue, decisions: [decision],
                                            results: [result], existing: [], ids: next).isEmpty)

        var otherUnit = F.unitAward
        otherUnit.id = "AW-9"
        otherUnit.certifies = "U-7@1"
        var revoked = F.unitAward
        revoked.id = "AW-8"
        revoked.status = .revoked
        revoked.revocation = Award.Revocation(on: ProgressionSamples.now, by: "acc-1", reason: "fraude")
        let stacked = CompletionAwards.stacked(by: F.completionAward(), programme: programme,
                                               among: [F.unitAward, F.entrustmentAward, otherUnit, revoked, F.completionAward("AW-5", phase: nil)])
        #expect(stacked.map(\.id) == ["AW-1", "AW-2"])
        let forProgramme = CompletionAwards.stacked(by: F.completionAward("AW-5", phase: nil), programme: programme,
                                                    among: [F.unitAward, F.completionAward()])
        #expect(forProgramme.map(\.id) == ["AW-1", "AW-3"])
    }
}

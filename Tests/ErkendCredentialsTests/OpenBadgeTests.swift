import ErkendCore
import ErkendCredentials
import ErkendTestSupport
import Foundation
import LinkedData
import Testing

@Suite("Open Badges 3.0 documents")
struct OpenBadgeTests {
    @Test("a unit credential carries the EU micro-credential elements the unit holds and a stable achievement URL")
    func unitElements() throws {
        let credential = try CredentialFixtures.unitCredential()
        #expect(credential["@context"]?.arrayValue?.compactMap(\.stringValue) == OpenBadgeCredential.contexts + ["https://erkend.roc-voorbeeld.example/contexts/erkend/v1"])
        #expect(credential["type"]?.arrayValue == ["VerifiableCredential", "OpenBadgeCredential"])
        let achievement = try #require(credential["credentialSubject"]?["achievement"])
        #expect(achievement["id"]?.stringValue == "https://erkend.roc-voorbeeld.example/api/v1/units/U-1/versions/1")
        #expect(achievement["achievementType"]?.stringValue == "MicroCredential")
        #expect(achievement["creditsAvailable"]?.numberValue?.value == 3)
        #expect(achievement["studyLoad"]?.numberValue?.value == 84)
        #expect(achievement["participationType"]?.stringValue == "blended")
        #expect(achievement["supervisionType"]?.stringValue == "supervised-onsite-with-identity-verification")
        let targets = achievement["alignment"]?.arrayValue?.compactMap { $0["targetUrl"]?.stringValue } ?? []
        #expect(targets.contains("http://data.europa.eu/snb/eqf/4"))
        #expect(targets.contains(Samples.skillA.rawValue))
        #expect(credential["validUntil"]?.stringValue == "2030-11-28T23:00:00Z")
        #expect(credential["evidence"]?.arrayValue?.count == 1)
        #expect(credential["credentialStatus"]?["statusListIndex"]?.stringValue == "94567")
    }

    @Test("an entrustment credential's achievement is the exact EPA version, its result the level with the scale's words")
    func entrustment() throws {
        let subject = try #require(try CredentialFixtures.entrustmentCredential()["credentialSubject"])
        let achievement = try #require(subject["achievement"])
        #expect(achievement["id"]?.stringValue == "https://erkend.roc-voorbeeld.example/api/v1/epas/EPA-1/versions/1")
        let levels = try #require(achievement["resultDescription"]?.arrayValue?.first?["rubricCriterionLevel"]?.arrayValue)
        #expect(levels.count == 5)
        let result = try #require(subject["result"]?.arrayValue?.first)
        let achieved = try #require(levels.first { $0["id"] == result["achievedLevel"] })
        #expect(achieved["name"]?.stringValue == "Indirecte supervisie / Indirect supervision")
        #expect(subject["supervisionLevel"]?.numberValue?.value == 3)
        #expect(subject["entrustmentScope"]?.stringValue == "Webapplicaties voor het MKB")
        #expect(subject["entrustmentConditions"]?.stringValue?.contains("veiligheidskritische") == true)
        #expect(subject["decidingCommittee"]?.stringValue == "Examencommissie Zorg")
    }

    @Test("a learner without a wallet is named by a salted hash, never by the plain address")
    func hashedIdentity() throws {
        let credential = try OpenBadgeCredential.unit(
            CredentialFixtures.unitAward, unit: CredentialFixtures.unit, holder: .emailAddress("Sanne@Student.example.nl", salt: "zout"),
            identity: CredentialFixtures.identity, credentialID: "urn:uuid:1", issuedAt: CredentialFixtures.issuedAt)
        let identifier = try #require(credential["credentialSubject"]?["identifier"]?.arrayValue?.first)
        #expect(identifier["identityHash"]?.stringValue?.hasPrefix("sha256$") == true)
        #expect(!JSONWriter.string(credential).lowercased().contains("sanne@student"))
    }

    @Test("an award for another unit version is refused")
    func wrongVersion() throws {
        var unit = CredentialFixtures.unit
        unit.version = 2
        #expect(throws: CredentialError.self) {
            try OpenBadgeCredential.unit(CredentialFixtures.unitAward, unit: unit, holder: .did("did:example:1"), identity: CredentialFixtures.identity,
                                         credentialID: "urn:uuid:1", issuedAt: CredentialFixtures.issuedAt)
        }
    }
}

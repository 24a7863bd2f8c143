import ErkendCore
@testable import ErkendServer
import ErkendStore
import ErkendTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Sharing switches")
struct SharingPagesTests {
    @Test("Two switches changed at once are two consents with two audit entries, written together; an unchanged switch writes nothing")
    func twoSwitchesTogether() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let learner = TestApplication.learnerID
            func consentEntries() async throws -> [String] {
                try await app.store.audit.entries(subject: learner, page: try PageRequest(size: 100)).items
                    .map(\.record.action).filter { $0.hasPrefix("consent.") }.sorted()
            }
            #expect(try await consentEntries().isEmpty)
            let both = try await client.page(.post, "/learners/\(learner)/sharing", form: "grades-to-mentors=on&evidence-to-mentors=on", headers: app.headers(.learner))
            #expect(both.status == .seeOther)
            let consents = try await app.store.privacy.consents(learner: learner)
            #expect(Set(consents.filter(\.granted).map(\.purpose)) == [.gradesToMentors, .evidenceToMentors])
            #expect(Set(consents.map(\.at)).count == 1, "recorded as one change")
            #expect(try await consentEntries() == ["consent.granted", "consent.granted"])

            let again = try await client.page(.post, "/learners/\(learner)/sharing", form: "grades-to-mentors=on", headers: app.headers(.learner))
            #expect(again.status == .seeOther)
            #expect(try await consentEntries() == ["consent.granted", "consent.granted", "consent.withdrawn"], "only the switch that changed")
        }
    }
}

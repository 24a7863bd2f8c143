import ErkendCore
@testable import ErkendServer
import ErkendTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Search forms")
struct SearchPagesTests {
    @Test("A name with a space, as a browser's search form sends it (a plus sign), finds the learner")
    func plusIsSpace() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let encoded = try await client.page(.get, "/learners?q=Sanne%20de%20Vries", headers: app.headers(.coach))
            #expect(encoded.html.contains(">Sanne de Vries<"))
            let plus = try await client.page(.get, "/learners?q=Sanne+de+Vries", headers: app.headers(.coach))
            #expect(plus.html.contains(">Sanne de Vries<"), "the form's encoding of a space")
        }
    }
}

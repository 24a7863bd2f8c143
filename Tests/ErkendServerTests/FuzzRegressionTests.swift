@testable import ErkendServer
import ErkendCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Requests Schemathesis (Scripts/schemathesis.sh) found answered against the
/// OpenAPI document, kept as they were found.
@Suite("Schemathesis findings")
struct FuzzRegressionTests {
    @Test("Posting the sign-off form for an unknown link answers with the HTML page, as documented, not a JSON problem")
    func signoffFormForUnknownLink() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let token = String(repeating: "0", count: 205)
            let response = try await client.execute(uri: "/signoff/\(token)", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                    body: ByteBuffer(string: "action=sign&complexity=&date=&department=&feedback=&level=&name=&organisation=&reason=")) { $0 }

            #expect(response.status == .notFound)
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
        }
    }
}

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

    @Test("A page number so large that its offset overflows is refused with 400 on every paged list, not a crash",
          arguments: ["/api/v1/skills?q=softw", "/api/v1/occupations", "/api/v1/outcomes", "/api/v1/units", "/api/v1/epas", "/api/v1/programmes",
                      "/api/v1/accounts", "/api/v1/learners", "/api/v1/learners/learner-self/access-log"])
    func pageNumberThatOverflows(_ list: String) async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            // As found: page=4881584665769192448&pageSize=174 trapped on (page - 1) * size.
            let separator = list.contains("?") ? "&" : "?"
            let overflowing = try await client.json(.get, "\(list)\(separator)page=4881584665769192448&pageSize=174", headers: app.headers(.administrator))
            let largest = try await client.json(.get, "\(list)\(separator)page=\(PageRequest.maximumPage)&pageSize=200", headers: app.headers(.administrator))

            #expect(overflowing.status == .badRequest)
            #expect((overflowing.body as? [String: Any])?["detail"] as? String == "page: must be between 1 and 10000000, got 4881584665769192448")
            #expect(largest.status == .ok)
        }
    }
}

import ErkendCore
@testable import ErkendServer
import ErkendStore
import ErkendTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore

/// An Erkend application on a fresh in-memory database, for driving routes in-process.
struct TestApplication {
    let store: ErkendStore
    let services: ErkendServices
    static let instant = Date(timeIntervalSince1970: 1_790_000_000)

    /// A bearer token per role, for accounts that hold just that role.
    private(set) var tokens: [Role: String] = [:]
    static let learnerID = Learner.ID(trusted: "learner-self")
    static let mentorID = Mentor.ID(trusted: "mentor-1")

    init(taxonomy: Bool = true) async throws {
        store = try ErkendStore.inMemory()
        services = ErkendServices(store: store, now: { TestApplication.instant }, passwordCost: 4)
        if taxonomy { _ = try await store.taxonomy.apply(Samples.taxonomyBatch(), mode: .merge) }
        for role in Role.allCases {
            let account = Account(id: Account.ID(trusted: "account-\(role.rawValue)"), username: "\(role.rawValue)@example.org",
                                  displayName: "Test \(role.rawValue)", roles: [role],
                                  learner: role == .learner ? Self.learnerID : nil, mentor: role == .mentor ? Self.mentorID : nil,
                                  createdAt: Self.instant)
            try await store.accounts.create(account, passwordHash: services.auth.passwords.hash("correct horse battery staple"))
            tokens[role] = try await services.auth.createToken(for: account, name: "test", scopes: Set(TokenScope.allCases), expiresInDays: nil).1
        }
    }

    /// The Authorization header of a role's token.
    func headers(_ role: Role?) -> HTTPFields {
        guard let role, let token = tokens[role] else { return [:] }
        return [.authorization: "Bearer \(token)"]
    }

    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: try buildRouter(services))
        try await app.test(.router, body)
    }
}

extension TestClientProtocol {
    /// Sends JSON (or nothing) and returns status and parsed JSON body.
    @discardableResult
    func json(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil, headers extra: HTTPFields = [:]) async throws -> (status: HTTPResponse.Status, body: Any?, headers: HTTPFields) {
        var headers: HTTPFields = body == nil ? [:] : [.contentType: "application/json"]
        headers.append(contentsOf: extra)
        return try await execute(uri: uri, method: method, headers: headers,
                          body: body.map { ByteBuffer(string: $0) }) { response in
            let data = Data(response.body.readableBytesView)
            let parsed = data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data)
            return (response.status, parsed, response.headers)
        }
    }
}

extension Optional where Wrapped == Any {
    subscript(key: String) -> Any? { (self as? [String: Any])?[key] }
}

import ErkendCore
import ErkendServer
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

    init(taxonomy: Bool = true) async throws {
        store = try ErkendStore.inMemory()
        services = ErkendServices(store: store, now: { TestApplication.instant })
        if taxonomy { _ = try await store.taxonomy.apply(Samples.taxonomyBatch(), mode: .merge) }
    }

    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: try buildRouter(services))
        try await app.test(.router, body)
    }
}

extension TestClientProtocol {
    /// Sends JSON (or nothing) and returns status and parsed JSON body.
    @discardableResult
    func json(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil) async throws -> (status: HTTPResponse.Status, body: Any?, headers: HTTPFields) {
        try await execute(uri: uri, method: method, headers: body == nil ? [:] : [.contentType: "application/json"],
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

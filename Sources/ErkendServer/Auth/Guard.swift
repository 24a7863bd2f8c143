import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird

/// What a route needs before its handler runs.
enum RouteRequirement: Sendable {
    /// The same action whatever the request.
    case action(Action)
    /// An action about the learner named by the `:learner` path parameter.
    case learner(@Sendable (Learner.ID) -> Action)

    func action(in context: ErkendRequestContext) throws -> Action {
        switch self {
        case .action(let action):
            return action
        case .learner(let make):
            return make(try Learner.ID(validating: try context.parameters.require("learner")))
        }
    }

    /// A name for the security table: the action without its learner.
    var name: String {
        switch self {
        case .action(let action): action.name
        case .learner(let make): make(Learner.ID(trusted: "x")).name
        }
    }
}

/// Registers routes that ask `AccessPolicy` before their handler runs, and
/// remembers what each needs, so tests and the security table see every route.
struct GuardedRouter {
    let router: Router<ErkendRequestContext>
    let registry: RouteRegistry
    /// Records that someone other than the learner read a learner's data.
    let recordAccess: @Sendable (AccessRecord) async throws -> Void
    let now: @Sendable () -> Date

    typealias Handler = @Sendable (Request, ErkendRequestContext) async throws -> Response

    func on(_ method: HTTPRequest.Method, _ path: String, _ requirement: RouteRequirement, use handler: @escaping Handler) {
        registry.add(method: method, path: path, requirement: requirement)
        let recordAccess = recordAccess, now = now
        router.on(RouterPath(path), method: method) { request, context in
            let action = try requirement.action(in: context)
            try Self.check(requirement, context)
            let response = try await handler(request, context)
            // The learner may ask who looked at their data (AVG art. 15): every successful
            // read of one learner by someone else is logged, with identifiers only.
            if method == .get, let learner = action.learner, context.principal.learner != learner, response.status.code < 300 {
                try await recordAccess(AccessRecord(at: now(), learner: learner, actor: context.principal.auditIdentifier,
                                                    channel: context.principal.auditChannel.description, what: "\(method) /\(path)"))
            }
            return response
        }
    }

    func get(_ path: String, _ requirement: RouteRequirement, use handler: @escaping Handler) { on(.get, path, requirement, use: handler) }
    func post(_ path: String, _ requirement: RouteRequirement, use handler: @escaping Handler) { on(.post, path, requirement, use: handler) }
    func put(_ path: String, _ requirement: RouteRequirement, use handler: @escaping Handler) { on(.put, path, requirement, use: handler) }
    func delete(_ path: String, _ requirement: RouteRequirement, use handler: @escaping Handler) { on(.delete, path, requirement, use: handler) }

    /// Throws 401 or 403 as the policy decides.
    static func check(_ requirement: RouteRequirement, _ context: ErkendRequestContext) throws {
        switch AccessPolicy.decide(context.principal, try requirement.action(in: context)) {
        case .allowed:
            return
        case .unauthenticated:
            throw ErkendError(.unauthenticated, "sign in first (POST /api/v1/session) or send an API token")
        case .forbidden(let reason):
            throw ErkendError(.forbidden, reason)
        }
    }
}

/// Every guarded route with its requirement, in registration order.
final class RouteRegistry: @unchecked Sendable {
    struct Entry: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var requirement: RouteRequirement
    }

    private(set) var entries: [Entry] = []

    func add(method: HTTPRequest.Method, path: String, requirement: RouteRequirement) {
        entries.append(Entry(method: method, path: path, requirement: requirement))
    }
}

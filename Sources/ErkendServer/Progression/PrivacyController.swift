import ErkendCore
import Foundation
import Hummingbird
import Logging

/// A learner's rights under the AVG/GDPR over HTTP: export, who accessed,
/// consent, erasure; and the register of what Erkend processes and why.
struct PrivacyController: Sendable {
    typealias Context = ErkendRequestContext
    let service: PrivacyService
    /// The mail transport, whose kept copies of mail about an erased learner go too.
    let mail: (any MailTransport)?

    func addRoutes(to router: GuardedRouter) {
        let base = "api/v1/learners/:learner"
        router.get("\(base)/export", .learner(Action.exportPersonalData), use: export)
        router.get("\(base)/access-log", .learner(Action.exportPersonalData), use: accessLog)
        router.get("\(base)/consents", .learner(Action.readLearner), use: consents)
        router.put("\(base)/consents/:purpose", .learner(Action.manageConsent), use: setConsent)
        router.post("\(base)/erasure", .learner(Action.erasePersonalData), use: erase)
        router.get("api/v1/privacy/processing", .action(.readPublished), use: processing)
    }

    struct ConsentInput: Decodable { var granted: Bool }
    struct ErasureInput: Decodable { var reason: String }

    @Sendable func export(_ request: Request, context: Context) async throws -> Response {
        let learner = try learnerID(context)
        var response = try JSONIO.response(try await service.export(learner, by: context.principal))
        response.headers[.contentDisposition] = "attachment; filename=\"erkend-\(learner).json\""
        return response
    }

    @Sendable func accessLog(_ request: Request, context: Context) async throws -> Response {
        try JSONIO.response(try await service.privacy.accesses(learner: try learnerID(context), page: try QueryParameters(request: request).page()))
    }

    @Sendable func consents(_ request: Request, context: Context) async throws -> Response {
        try JSONIO.response(try await service.privacy.consents(learner: try learnerID(context)))
    }

    @Sendable func setConsent(_ request: Request, context: Context) async throws -> Response {
        let text = try context.parameters.require("purpose")
        guard let purpose = ConsentPurpose(rawValue: text) else {
            throw ErkendError.invalid("purpose", "'\(text.prefix(40))' is not one of \(ConsentPurpose.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let input = try await JSONIO.decode(ConsentInput.self, from: request, context: context)
        return try JSONIO.response(try await service.setConsent(try learnerID(context), purpose, granted: input.granted, by: context.principal))
    }

    @Sendable func erase(_ request: Request, context: Context) async throws -> Response {
        let input = try await JSONIO.decode(ErasureInput.self, from: request, context: context)
        let learner = try learnerID(context)
        let result = try await service.erase(learner, reason: input.reason, by: context.principal)
        // The database no longer names the learner; mail written to the outbox folder did.
        if let mail {
            do {
                let removed = try await mail.forget(learner: learner.rawValue)
                context.logger.info("erasure removed mail copies", metadata: ["removed": "\(removed)"])
            } catch {
                context.logger.error("erasure could not remove every mail copy; remove them by hand", metadata: ["error": "\(error)", "folder": "\(mail.destination)"])
                throw ErkendError(.unavailable, "the learner is erased from the database, but a copy of mail about them could not be removed from \(mail.destination): \(error); remove it by hand")
            }
        }
        return try JSONIO.response(result)
    }

    @Sendable func processing(_ request: Request, context: Context) async throws -> Response {
        try JSONIO.response(ProcessingRecord.register)
    }
}

import ErkendCore
import Foundation
import Hummingbird

/// A learner's progression: observations, decisions, results, recognition, progress.
struct ProgressController: Sendable {
    typealias Context = ErkendRequestContext
    let service: ProgressionService
    let accounts: any AccountRepository
    let privacy: PrivacyService

    func addRoutes(to router: GuardedRouter) {
        let base = "api/v1/learners/:learner"
        router.get("\(base)/progress", .learner(Action.readLearner), use: progress)
        router.get("\(base)/observations", .learner(Action.readLearner), use: observations)
        router.post("\(base)/observations", .learner(Action.recordObservation), use: recordObservation)
        router.get("\(base)/decisions", .learner(Action.readLearner), use: decisions)
        router.post("\(base)/decisions", .learner(Action.decideEntrustment), use: decide)
        router.get("\(base)/decision-check", .learner(Action.readLearner), use: decisionCheck)
        router.post("\(base)/decisions/:id/withdraw", .learner(Action.decideEntrustment), use: withdraw)
        router.get("\(base)/results", .learner(Action.readLearner), use: results)
        router.post("\(base)/results", .learner(Action.recordResult), use: recordResult)
        router.get("\(base)/recognition", .learner(Action.readLearner), use: recognition)
        router.post("\(base)/recognition", .learner(Action.submitEvidence), use: openRecognition)
        router.post("\(base)/recognition/:id/decision", .learner(Action.decideRecognition), use: decideRecognition)
    }

    struct Withdrawal: Decodable { var reason: String }

    @Sendable func progress(_ request: Request, context: Context) async throws -> Response {
        try JSONIO.response(try await service.progress(try learnerID(context)))
    }

    @Sendable func observations(_ request: Request, context: Context) async throws -> Response {
        try JSONIO.response(try await service.observations(try learnerID(context), epa: QueryParameters(request: request).string("epa")))
    }

    @Sendable func recordObservation(_ request: Request, context: Context) async throws -> Response {
        let learner = try learnerID(context)
        let input = try await JSONIO.decode(NewObservation.self, from: request, context: context)
        let observation = try await service.recordObservation(learner, input, observer: try await observer(context), by: context.principal)
        return try JSONIO.response(observation, status: .created)
    }

    @Sendable func decisions(_ request: Request, context: Context) async throws -> Response {
        try JSONIO.response(try await service.decisions(try learnerID(context)))
    }

    @Sendable func decide(_ request: Request, context: Context) async throws -> Response {
        let input = try await JSONIO.decode(NewDecision.self, from: request, context: context)
        let checked = try await service.decide(try learnerID(context), input, by: context.principal)
        return try JSONIO.response(checked.decision, status: .created)
    }

    @Sendable func decisionCheck(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request: request)
        guard let epa = query.string("epa") else { throw ErkendError.invalid("epa", "name the EPA, e.g. ?epa=SD-EPA-K1&level=4") }
        guard let level = query.string("level") else { throw ErkendError.invalid("level", "name the level to check, e.g. &level=4") }
        let day = try query.string("on").map { try Day(parsing: $0) }
        return try JSONIO.response(try await service.checkDecisionRule(try learnerID(context), epa: try EntityReference(parsing: epa), level: level, on: day))
    }

    @Sendable func withdraw(_ request: Request, context: Context) async throws -> Response {
        let input = try await JSONIO.decode(Withdrawal.self, from: request, context: context)
        let id = try EntrustmentDecision.ID(validating: try context.parameters.require("id"))
        return try JSONIO.response(try await service.withdraw(try learnerID(context), decision: id, reason: input.reason, by: context.principal))
    }

    @Sendable func results(_ request: Request, context: Context) async throws -> Response {
        let learner = try learnerID(context)
        var results = try await service.results(learner)
        // Workplace mentors see grades only with the learner's consent; passed or failed they always see.
        if isMentorOnly(context.principal), try await !privacy.hasConsent(learner, .gradesToMentors) {
            for index in results.indices { results[index].grade = nil }
        }
        return try JSONIO.response(results)
    }

    @Sendable func recordResult(_ request: Request, context: Context) async throws -> Response {
        let input = try await JSONIO.decode(NewResult.self, from: request, context: context)
        return try JSONIO.response(try await service.recordResult(try learnerID(context), input, by: context.principal), status: .created)
    }

    @Sendable func recognition(_ request: Request, context: Context) async throws -> Response {
        let learner = try learnerID(context)
        var cases = try await service.recognitionCases(learner)
        // Workplace mentors see what was recognised, but the evidence only with the learner's consent.
        if isMentorOnly(context.principal), try await !privacy.hasConsent(learner, .evidenceToMentors) {
            for index in cases.indices {
                cases[index].evidence = []
                cases[index].mappings = cases[index].mappings.map { RecognitionMapping(target: $0.target, evidence: [], rationale: nil) }
            }
        }
        return try JSONIO.response(cases)
    }

    /// A workplace mentor without a staff role: consent decides what they see.
    private func isMentorOnly(_ principal: Principal) -> Bool {
        principal.roles.contains(.mentor) && principal.roles.isDisjoint(with: [.administrator, .assessor, .coach])
    }

    /// A recognition case carries its evidence in the body: one document of the
    /// full 5 MiB is about 6.7 MiB as base64, so this route reads up to 8 MiB where
    /// every other JSON route stops at 1 MiB. Each item is still held to 5 MiB.
    static let recognitionBodyLimit = 8 * 1024 * 1024

    @Sendable func openRecognition(_ request: Request, context: Context) async throws -> Response {
        let input = try await JSONIO.decode(NewRecognitionCase.self, from: request, context: context, limit: Self.recognitionBodyLimit)
        return try JSONIO.response(try await service.openRecognition(try learnerID(context), input, by: context.principal), status: .created)
    }

    @Sendable func decideRecognition(_ request: Request, context: Context) async throws -> Response {
        let input = try await JSONIO.decode(NewRecognitionDecision.self, from: request, context: context)
        let id = try RecognitionCase.ID(validating: try context.parameters.require("id"))
        return try JSONIO.response(try await service.decideRecognition(try learnerID(context), case: id, input, by: context.principal))
    }

    /// The observer a request speaks for: the mentor, or the signed-in staff member.
    private func observer(_ context: Context) async throws -> Observer {
        let principal = context.principal
        if principal.roles.contains(.mentor), let id = principal.mentor, let mentor = try await service.storage.mentors.mentor(id),
           principal.roles.isDisjoint(with: [.assessor, .coach]) {
            return .mentor(mentor)
        }
        guard let id = principal.account else { throw ErkendError(.unauthenticated, "sign in to record an observation") }
        // The name came with the authentication; only a principal built without one costs a read.
        if let name = principal.displayName { return Observer(kind: .staff, id: id.rawValue, name: name) }
        guard let account = try await accounts.account(id) else { throw ErkendError(.unauthenticated, "sign in to record an observation") }
        return Observer(kind: .staff, id: id.rawValue, name: account.displayName)
    }
}

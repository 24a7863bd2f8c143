import ErkendCore
import Foundation
import Hummingbird

/// Learners, their enrolments and placements, and workplace mentors.
struct LearnerController: Sendable {
    typealias Context = ErkendRequestContext
    let service: ProgressionService
    /// Where reads of learners' personal data are logged.
    let privacy: any PrivacyRepository

    func addRoutes(to router: GuardedRouter) {
        router.get("api/v1/learners", .action(.listLearners), use: list)
        router.post("api/v1/learners", .action(.manageLearners), use: create)
        router.get("api/v1/learners/:learner", .learner(Action.readLearner), use: learner)
        router.put("api/v1/learners/:learner", .learner { _ in .manageLearners }, use: update)
        router.post("api/v1/learners/:learner/enrolments", .learner { _ in .manageLearners }, use: enrol)
        router.post("api/v1/learners/:learner/placements", .learner { _ in .manageLearners }, use: place)
        router.post("api/v1/mentors", .action(.manageLearners), use: createMentor)
        router.get("api/v1/mentors/:id", .action(.manageLearners), use: mentor)
        router.get("api/v1/reentrustment-due", .action(.reviewEntrustments), use: reentrustmentDue)
    }

    /// Learners whose entrustments are due for renewal, a page of learners with decisions at a time.
    @Sendable func reentrustmentDue(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request: request)
        let filter = LearnerFilter(text: query.string("q"), cohort: query.string("cohort"), programmeCode: query.string("programme"))
        return try JSONIO.response(try await service.reentrustmentDue(filter: filter, page: try query.page()))
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request: request)
        let principal = context.principal
        let filter = LearnerFilter(text: query.string("q"), cohort: query.string("cohort"), programmeCode: query.string("programme"))
        if !AccessPolicy.seesAllLearners(principal), let mentor = principal.mentor {
            // A mentor sees the learners on their own current placements only, filtered as staff lists are.
            var learners: [Learner] = []
            for learner in try await service.storage.placements.learners(ofMentor: mentor) where principal.mentees.contains(learner.id) {
                let enrolments = try await service.storage.enrolments.enrolments(learner: learner.id)
                if filter.matches(learner, enrolments: enrolments) { learners.append(learner) }
            }
            let page = try query.page()
            let slice = Array(learners.dropFirst(page.offset).prefix(page.size))
            try await logAccess(to: slice, context)
            return try JSONIO.response(Page(items: slice, request: page, total: learners.count))
        }
        let page = try await service.storage.learners.list(filter: filter, page: try query.page())
        try await logAccess(to: page.items, context)
        return try JSONIO.response(page)
    }

    /// A list shows each learner's e-mail address, date of birth and student number: it is a
    /// read of each listed learner's personal data, logged (in one transaction) before it is
    /// answered — when the log cannot be written, the list is not shown.
    private func logAccess(to learners: [Learner], _ context: Context) async throws {
        let principal = context.principal, at = service.now()
        try await privacy.recordAccesses(learners.filter { $0.id != principal.learner }.map {
            AccessRecord(at: at, learner: $0.id, actor: principal.auditIdentifier, channel: principal.auditChannel.description, what: "GET /api/v1/learners")
        })
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        let input = try await JSONIO.decode(NewLearner.self, from: request, context: context)
        let learner = try await service.createLearner(input, by: context.principal)
        return try JSONIO.response(learner, status: .created, headers: [.location: "/api/v1/learners/\(learner.id)"])
    }

    @Sendable func learner(_ request: Request, context: Context) async throws -> Response {
        try JSONIO.response(try await service.record(try learnerID(context)))
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> Response {
        let input = try await JSONIO.decode(NewLearner.self, from: request, context: context)
        return try JSONIO.response(try await service.updateLearner(try learnerID(context), input, by: context.principal))
    }

    @Sendable func enrol(_ request: Request, context: Context) async throws -> Response {
        let input = try await JSONIO.decode(NewEnrolment.self, from: request, context: context)
        return try JSONIO.response(try await service.enrol(try learnerID(context), input, by: context.principal), status: .created)
    }

    @Sendable func place(_ request: Request, context: Context) async throws -> Response {
        let input = try await JSONIO.decode(NewPlacement.self, from: request, context: context)
        return try JSONIO.response(try await service.place(try learnerID(context), input, by: context.principal), status: .created)
    }

    @Sendable func createMentor(_ request: Request, context: Context) async throws -> Response {
        let input = try await JSONIO.decode(NewMentor.self, from: request, context: context)
        let mentor = try await service.createMentor(input, by: context.principal)
        return try JSONIO.response(mentor, status: .created, headers: [.location: "/api/v1/mentors/\(mentor.id)"])
    }

    @Sendable func mentor(_ request: Request, context: Context) async throws -> Response {
        let id = try Mentor.ID(validating: try context.parameters.require("id"))
        guard let mentor = try await service.storage.mentors.mentor(id) else { throw ErkendError.notFound("mentor \(id)") }
        return try JSONIO.response(mentor)
    }
}

/// The `:learner` path parameter.
func learnerID(_ context: ErkendRequestContext) throws -> Learner.ID {
    try Learner.ID(validating: try context.parameters.require("learner"))
}

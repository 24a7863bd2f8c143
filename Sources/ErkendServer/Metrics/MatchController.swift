import ErkendCore
import Foundation
import Hummingbird

/// From vacancy to skill over HTTP: a learner against an ESCO occupation or a
/// vacancy's skills, for coaches and staff and for the learner themself
/// (`readLearner`).
struct MatchController: Sendable {
    typealias Context = ErkendRequestContext
    let service: SkillMatchService

    func addRoutes(to router: GuardedRouter) {
        router.get("api/v1/learners/:learner/match", .learner(Action.readLearner), use: match)
    }

    @Sendable func match(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request: request)
        func uri(_ text: String, _ name: String) throws -> ConceptURI {
            do { return try ConceptURI(text) } catch { throw ErkendError.invalid(name, "'\(text.prefix(80))' is not an ESCO URI") }
        }
        let occupation = try query.string("occupation").map { try uri($0, "occupation") }
        let skills = try (query.string("skills") ?? "").split(separator: ",").map { try uri(String($0).trimmingCharacters(in: .whitespaces), "skills") }
        let target = SkillMatchService.Target(occupation: occupation, skills: skills, text: query.string("text"))
        return try JSONIO.response(try await service.match(try learnerID(context), target: target))
    }
}

import ErkendCore
import Foundation
import Hummingbird

/// From vacancy to skill over HTTP: a learner against an ESCO occupation or a
/// vacancy's skills, for coaches and staff and for the learner themself
/// (`readLearner`); and a published programme against an occupation, which
/// is public like the catalogue and the taxonomy (`readPublished`).
struct MatchController: Sendable {
    typealias Context = ErkendRequestContext
    let service: SkillMatchService

    func addRoutes(to router: GuardedRouter) {
        router.get("api/v1/learners/:learner/match", .learner(Action.readLearner), use: match)
        router.get("api/v1/programmes/:code/coverage", .action(.readPublished), use: coverage)
    }

    /// The share of an occupation's essential skills the newest published version of the programme covers, and the gaps.
    @Sendable func coverage(_ request: Request, context: Context) async throws -> Response {
        let code = try context.parameters.require("code")
        guard let text = QueryParameters(request: request).string("occupation") else {
            throw ErkendError.invalid("occupation", "name an ESCO occupation: ?occupation=URI")
        }
        let occupation: ConceptURI
        do { occupation = try ConceptURI(text) } catch { throw ErkendError.invalid("occupation", "'\(text.prefix(80))' is not an ESCO URI") }
        return try JSONIO.response(try await service.coverage(programme: code, occupation: occupation))
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

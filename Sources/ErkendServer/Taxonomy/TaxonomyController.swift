import ErkendCore
import Foundation
import Hummingbird

/// Skills and occupations of the framework: search, browse, stats. Read-only
/// over HTTP; imports run from the command line (`erkend taxonomy import esco`).
struct TaxonomyController: Sendable {
    typealias Context = ErkendRequestContext
    let taxonomy: any TaxonomyRepository

    static var attribution: String { "This service uses the ESCO classification of the European Commission." }

    func addRoutes(to router: GuardedRouter) {
        let everyone = RouteRequirement.action(.readPublished)
        router.get("api/v1/skills", everyone, use: searchSkills)
        router.get("api/v1/skills/:id", everyone, use: skill)
        router.get("api/v1/skills/:id/broader", everyone, use: broader)
        router.get("api/v1/skills/:id/narrower", everyone, use: narrower)
        router.get("api/v1/skills/:id/occupations", everyone, use: occupationsForSkill)
        router.get("api/v1/skills/:id/related", everyone, use: related)
        router.get("api/v1/occupations", everyone, use: occupations)
        router.get("api/v1/occupations/:id", everyone, use: occupation)
        router.get("api/v1/taxonomy/stats", everyone, use: stats)
    }

    struct ConceptList: Encodable {
        var items: [ConceptSummary]
        var page: Int
        var pageSize: Int
        var total: Int
        var attribution = TaxonomyController.attribution

        init(_ page: Page<ConceptSummary>) {
            items = page.items
            self.page = page.page
            pageSize = page.pageSize
            total = page.total
        }
    }

    struct RequirementList: Encodable {
        var items: [Requirement]
        var attribution = TaxonomyController.attribution
    }

    struct SummaryList: Encodable {
        var items: [ConceptSummary]
        var attribution = TaxonomyController.attribution
    }

    struct SkillDetail: Encodable {
        var concept: Concept
        var broader: [ConceptSummary]
        var narrower: [ConceptSummary]
        var occupations: [Requirement]
        var relatedSkills: [Requirement]
        var attribution = TaxonomyController.attribution
    }

    struct OccupationDetail: Encodable {
        var concept: Concept
        var broader: [ConceptSummary]
        var skills: [Requirement]
        var attribution = TaxonomyController.attribution
    }

    @Sendable func searchSkills(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request: request)
        var kinds: Set<ConceptKind> = [.skill]
        if let kind = try query.enumeration("kind", as: ConceptKind.self) {
            guard kind == .skill || kind == .skillGroup else { throw ErkendError.invalid("kind", "use skill or skillGroup here; occupations are at /api/v1/occupations") }
            kinds = [kind]
        }
        let language = query.string("lang")
        if let language, !LanguageCode.isValid(language) { throw ErkendError.invalid("lang", "'\(language.prefix(20))' is not a language code such as nl or en") }
        let search = SkillQuery(
            text: query.string("q"), language: language, kinds: kinds,
            skillType: try query.enumeration("skillType", as: SkillType.self),
            reuseLevel: try query.enumeration("reuseLevel", as: ReuseLevel.self),
            includeObsolete: try query.bool("includeObsolete") ?? false,
            page: try query.page())
        return try JSONIO.response(ConceptList(try await taxonomy.search(search)))
    }

    @Sendable func skill(_ request: Request, context: Context) async throws -> Response {
        let concept = try await lookup(context, kinds: [.skill, .skillGroup], what: "skill")
        async let broader = taxonomy.broader(of: concept.uri)
        async let narrower = taxonomy.narrower(of: concept.uri)
        async let occupations = taxonomy.occupations(requiring: concept.uri)
        async let related = taxonomy.relatedSkills(of: concept.uri)
        return try JSONIO.response(SkillDetail(concept: concept, broader: try await broader, narrower: try await narrower,
                                               occupations: try await occupations, relatedSkills: try await related))
    }

    @Sendable func broader(_ request: Request, context: Context) async throws -> Response {
        let concept = try await lookup(context, kinds: [.skill, .skillGroup], what: "skill")
        return try JSONIO.response(SummaryList(items: try await taxonomy.broader(of: concept.uri)))
    }

    @Sendable func narrower(_ request: Request, context: Context) async throws -> Response {
        let concept = try await lookup(context, kinds: [.skill, .skillGroup], what: "skill")
        return try JSONIO.response(SummaryList(items: try await taxonomy.narrower(of: concept.uri)))
    }

    @Sendable func occupationsForSkill(_ request: Request, context: Context) async throws -> Response {
        let concept = try await lookup(context, kinds: [.skill], what: "skill")
        return try JSONIO.response(RequirementList(items: try await taxonomy.occupations(requiring: concept.uri)))
    }

    @Sendable func related(_ request: Request, context: Context) async throws -> Response {
        let concept = try await lookup(context, kinds: [.skill], what: "skill")
        return try JSONIO.response(RequirementList(items: try await taxonomy.relatedSkills(of: concept.uri)))
    }

    @Sendable func occupations(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request: request)
        return try JSONIO.response(ConceptList(try await taxonomy.occupations(page: try query.page(), text: query.string("q"))))
    }

    @Sendable func occupation(_ request: Request, context: Context) async throws -> Response {
        let concept = try await lookup(context, kinds: [.occupation], what: "occupation")
        async let broader = taxonomy.broader(of: concept.uri)
        async let skills = taxonomy.skills(requiredBy: concept.uri)
        return try JSONIO.response(OccupationDetail(concept: concept, broader: try await broader, skills: try await skills))
    }

    @Sendable func stats(_ request: Request, context: Context) async throws -> Response {
        try JSONIO.response(try await taxonomy.stats())
    }

    /// Finds a concept by the last segment of its URI (an ESCO UUID or code) or by the whole, percent-encoded URI.
    private func lookup(_ context: Context, kinds: Set<ConceptKind>, what: String) async throws -> Concept {
        let raw = try context.parameters.require("id")
        let id = raw.removingPercentEncoding ?? raw
        let candidates: [Concept]
        if id.contains("://") || id.hasPrefix("urn:") {
            let uri = try ConceptURI(id)
            candidates = try await taxonomy.concept(uri).map { [$0] } ?? []
        } else {
            candidates = try await taxonomy.concepts(key: id)
        }
        let matching = candidates.filter { kinds.contains($0.kind) }
        guard let concept = matching.first else { throw ErkendError.notFound("\(what) \(id)") }
        guard matching.count == 1 else {
            throw ErkendError(.conflict, "\(id) names \(matching.count) concepts; use the whole URI", details: matching.map { .init(location: $0.uri.rawValue, message: $0.preferredLabel.best() ?? "") })
        }
        return concept
    }
}

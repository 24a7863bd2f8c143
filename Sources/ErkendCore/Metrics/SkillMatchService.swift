import Foundation

/// Matches a learner against an occupation or a vacancy: reads the learner's
/// skills (as progress reckons them), the target's skills from the ESCO
/// taxonomy and the published catalogue, and applies `SkillMatch.match`.
public struct SkillMatchService: Sendable {
    public let progression: ProgressionService
    public let taxonomy: any TaxonomyRepository
    public let catalogue: any CatalogueRepository

    public init(progression: ProgressionService, taxonomy: any TaxonomyRepository, catalogue: any CatalogueRepository) {
        self.progression = progression
        self.taxonomy = taxonomy
        self.catalogue = catalogue
    }

    /// What to match against: an occupation's essential skills, skills by URI, and free text matched to ESCO
    /// skill labels in Dutch and English (each comma-separated phrase gives its best match).
    public struct Target: Hashable, Sendable {
        public var occupation: ConceptURI?
        public var skills: [ConceptURI]
        public var text: String?

        public init(occupation: ConceptURI? = nil, skills: [ConceptURI] = [], text: String? = nil) {
            self.occupation = occupation
            self.skills = skills
            self.text = text
        }
    }

    public func match(_ learner: Learner.ID, target: Target) async throws -> SkillMatch {
        let skills = try await resolve(target)
        guard !skills.isEmpty else { throw ErkendError.invalid("target", "name an occupation, skills or text that matches ESCO skills") }
        let reports = try await progression.progress(learner)
        let passed = Set(try await progression.results(learner).filter { $0.outcome == .passed }.map(\.unit.code))
        let asOf = reports.first?.asOf ?? progression.today
        return SkillMatch.match(learner: learner.rawValue, target: skills, standings: reports.flatMap(\.skills.skills), passedUnits: passed,
                                catalogue: PublishedCatalogue(try await catalogue.all()), asOf: asOf)
    }

    /// The share of an occupation's essential skills the newest published version of a programme covers.
    public func coverage(programme code: String, occupation: ConceptURI) async throws -> OccupationCoverage {
        let catalogue = PublishedCatalogue(try await catalogue.all())
        guard let programme = catalogue.programmes[code] else { throw ErkendError.notFound("published programme \(code)") }
        let essential = try await resolve(Target(occupation: occupation))
        return OccupationCoverage.of(programme, occupation: occupation.rawValue, essential: essential, catalogue: catalogue)
    }

    /// The target's skills by URI, with a label.
    public func resolve(_ target: Target) async throws -> [String: String] {
        var skills: [String: String] = [:]
        if let occupation = target.occupation {
            guard let concept = try await taxonomy.concept(occupation), concept.kind == .occupation else {
                throw ErkendError.notFound("occupation \(occupation)")
            }
            for requirement in try await taxonomy.skills(requiredBy: occupation) where requirement.requirement == .essential {
                skills[requirement.concept.uri.rawValue] = requirement.concept.preferredLabel.best() ?? requirement.concept.uri.rawValue
            }
        }
        for uri in target.skills {
            guard let concept = try await taxonomy.concept(uri) else { throw ErkendError.notFound("skill \(uri)") }
            skills[uri.rawValue] = concept.preferredLabel.best() ?? uri.rawValue
        }
        for phrase in (target.text ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !phrase.isEmpty {
            if let hit = try await taxonomy.search(SkillQuery(text: phrase, page: try PageRequest(page: 1, size: 1))).items.first {
                skills[hit.uri.rawValue] = hit.preferredLabel.best() ?? hit.uri.rawValue
            }
        }
        return skills
    }
}

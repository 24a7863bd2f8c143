import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The public catalogue: published programmes, units and EPAs with their outcomes, levels,
/// workload and ESCO skills, the reuse of each unit across programmes, and search.
struct CataloguePagesController: Sendable {
    typealias Context = ErkendRequestContext
    let pages: Pages
    let catalogue: CatalogueService
    let taxonomy: any TaxonomyRepository
    let script: Data

    func addRoutes(to router: GuardedRouter) {
        router.get("/", .action(.readPublished), use: home)
        router.get("programmes/:code", .action(.readPublished), use: programme)
        router.get("units/:code", .action(.readPublished), use: unit)
        router.get("epas/:code", .action(.readPublished), use: epa)
        router.get("outcomes/:code", .action(.readPublished), use: outcome)
        router.get("static/erkend.js", .action(.readPublished)) { [script, pages] _, _ in
            var headers = pages.renderer.headers(contentType: "text/javascript; charset=utf-8")
            headers[.cacheControl] = "public, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: script)))
        }
    }

    @Sendable func home(_ request: Request, context: Context) async throws -> Response {
        let language = pages.language(request)
        let query = QueryParameters(request: request).string("q").map { String($0.trimmingCharacters(in: .whitespaces).prefix(200)) } ?? ""
        var filter = CatalogueFilter(status: .published, text: query.isEmpty ? nil : query)
        filter.excludeDrafts = true
        let page = try PageRequest(size: PageRequest.maximumSize)
        var values: [String: Any] = ["q": query, "searching": !query.isEmpty, "outcomes": [[String: Any]]()]
        var found = 0
        for kind in CatalogueKind.allCases where kind != .outcome || !query.isEmpty {
            let list = try await catalogue.repository.list(kind, filter: filter, page: page)
            found += list.items.count
            var rows: [[String: Any]] = []
            for summary in list.items {
                var row: [String: Any] = ["code": summary.code, "title": summary.title, "href": PageValues.href(kind, summary.code)]
                if let level = PageValues.level(summary.level) { row["level"] = level }
                if kind == .unit {
                    let programmes = try await reusingProgrammes(summary.code)
                    row["reuse"] = programmes.count
                    if let unit = try await catalogue.resolve(.unit, EntityReference(summary.code)), case .unit(let learningUnit) = unit {
                        row["title"] = PageValues.text(learningUnit.title, language) ?? summary.title
                        if let workload = PageValues.workload(learningUnit.workload) { row["workload"] = workload }
                    }
                } else if let entity = try await catalogue.resolve(kind, EntityReference(summary.code)) {
                    row["title"] = title(entity, language) ?? summary.title
                }
                rows.append(row)
            }
            values[kind.plural] = rows
        }
        values["nothingFound"] = !query.isEmpty && found == 0
        return pages.render("catalogue", title: query.isEmpty ? "catalogueTitle" : "searchResults", values, request: request, context: context)
    }

    @Sendable func programme(_ request: Request, context: Context) async throws -> Response {
        let language = pages.language(request)
        let (entity, versions) = try await current(.programme, request, context)
        guard case .programme(let programme) = entity else { throw ErkendError.notFound("programme") }
        var phases: [[String: Any]] = []
        for phase in programme.phases {
            var units: [[String: Any]] = []
            for reference in phase.units { units.append(try await link(.unit, reference, language)) }
            var epas: [[String: Any]] = []
            for target in phase.epaTargets {
                var row = try await link(.epa, target.epa, language)
                row["target"] = target.level
                epas.append(row)
            }
            var row: [String: Any] = ["code": phase.code, "title": PageValues.text(phase.title, language) ?? phase.code, "units": units, "epas": epas]
            if let description = PageValues.text(phase.description, language) { row["description"] = description }
            phases.append(row)
        }
        var choices: [[String: Any]] = []
        for group in programme.choiceGroups {
            var units: [[String: Any]] = []
            for reference in group.units { units.append(try await link(.unit, reference, language)) }
            choices.append(["title": PageValues.text(group.title, language) ?? group.code, "choose": group.choose, "units": units])
        }
        var values = header(entity, versions, language)
        values["phases"] = phases
        values["choices"] = choices
        if let crebo = programme.crebo { values["crebo"] = crebo }
        if let minimum = programme.minimumCredits.flatMap(PageValues.workload) { values["workload"] = minimum }
        return pages.render("programme", title: values["heading"] as? String ?? programme.code, values, request: request, context: context)
    }

    @Sendable func unit(_ request: Request, context: Context) async throws -> Response {
        let language = pages.language(request)
        let (entity, versions) = try await current(.unit, request, context)
        guard case .unit(let unit) = entity else { throw ErkendError.notFound("unit") }
        var values = header(entity, versions, language)
        if let workload = PageValues.workload(unit.workload) { values["workload"] = workload }
        values["unitKind"] = unit.unitKind.rawValue
        values["assessment"] = unit.assessment.method.rawValue
        values["participation"] = unit.participation.rawValue
        values["languages"] = unit.languages.joined(separator: ", ")
        var outcomes: [[String: Any]] = []
        for reference in unit.outcomes { outcomes.append(try await outcomeRow(reference, language)) }
        values["outcomes"] = outcomes
        var programmes: [[String: Any]] = []
        for code in try await reusingProgrammes(unit.code) { programmes.append(try await link(.programme, EntityReference(code), language)) }
        values["programmes"] = programmes
        values["reuse"] = programmes.count
        return pages.render("unit", title: values["heading"] as? String ?? unit.code, values, request: request, context: context)
    }

    @Sendable func epa(_ request: Request, context: Context) async throws -> Response {
        let language = pages.language(request)
        let (entity, versions) = try await current(.epa, request, context)
        guard case .epa(let epa) = entity else { throw ErkendError.notFound("EPA") }
        var values = header(entity, versions, language)
        values["levels"] = epa.scale.levels.map { level -> [String: Any] in
            var row: [String: Any] = ["code": level.code, "label": PageValues.text(level.label, language) ?? level.code]
            if let description = PageValues.text(level.description, language) { row["description"] = description }
            return row
        }
        values["rule"] = pages.translations.text("decisionRuleText", language, ["observations": "\(epa.decisionRule.minimumObservations)",
                                                                                "observers": "\(epa.decisionRule.minimumObservers)"])
        values["skills"] = try await skills(epa.skills.map(\.skill), language)
        var outcomes: [[String: Any]] = []
        for reference in epa.outcomes { outcomes.append(try await outcomeRow(reference, language)) }
        values["outcomes"] = outcomes
        return pages.render("epa", title: values["heading"] as? String ?? epa.code, values, request: request, context: context)
    }

    @Sendable func outcome(_ request: Request, context: Context) async throws -> Response {
        let language = pages.language(request)
        let (entity, versions) = try await current(.outcome, request, context)
        guard case .outcome(let outcome) = entity else { throw ErkendError.notFound("outcome") }
        var values = header(entity, versions, language)
        values["skills"] = try await skills(outcome.alignments.map(\.skill), language)
        return pages.render("outcome", title: values["heading"] as? String ?? outcome.code, values, request: request, context: context)
    }

    // MARK: - Building blocks

    /// The version that counts now (newest published, else for those who see drafts the newest), and the versions shown.
    private func current(_ kind: CatalogueKind, _ request: Request, _ context: Context) async throws -> (AnyCatalogueEntity, [AnyCatalogueEntity]) {
        let code = try context.parameters.require("code")
        var versions = try await catalogue.repository.versions(kind, code: code)
        if !AccessPolicy.seesDrafts(context.principal) { versions.removeAll { $0.status == .draft } }
        guard let newest = versions.last else { throw ErkendError.notFound("\(kind.displayName) \(code)") }
        return (versions.last { $0.status == .published } ?? newest, versions)
    }

    private func header(_ entity: AnyCatalogueEntity, _ versions: [AnyCatalogueEntity], _ language: String) -> [String: Any] {
        let table = pages.translations.table(language)
        var values: [String: Any] = ["code": entity.entity.code, "version": entity.entity.version, "heading": title(entity, language) ?? entity.entity.code,
                                     "status": table[PageValues.statusKey(entity.status)] ?? entity.status.rawValue,
                                     "isDraft": entity.status == .draft]
        if let level = PageValues.level(entity.entity.level) { values["level"] = level }
        if let description = description(entity, language) { values["description"] = description }
        if let replacement = entity.entity.replacedBy {
            values["replacedBy"] = replacement.description
            values["replacedByHref"] = PageValues.href(entity.kind, replacement.code)
        }
        values["versions"] = versions.map { version -> [String: Any] in
            var row: [String: Any] = ["version": version.entity.version, "status": table[PageValues.statusKey(version.status)] ?? version.status.rawValue]
            if let published = version.entity.publishedAt { row["published"] = PageValues.date(published) }
            return row
        }
        return values
    }

    private func title(_ entity: AnyCatalogueEntity, _ language: String) -> String? {
        switch entity {
        case .outcome(let outcome): PageValues.text(outcome.statement, language)
        case .unit(let unit): PageValues.text(unit.title, language)
        case .epa(let epa): PageValues.text(epa.title, language)
        case .programme(let programme): PageValues.text(programme.title, language)
        }
    }

    private func description(_ entity: AnyCatalogueEntity, _ language: String) -> String? {
        switch entity {
        case .outcome: nil
        case .unit(let unit): PageValues.text(unit.description, language)
        case .epa(let epa): PageValues.text(epa.description, language)
        case .programme(let programme): PageValues.text(programme.description, language)
        }
    }

    /// A link to what a reference means now, with its title.
    private func link(_ kind: CatalogueKind, _ reference: EntityReference, _ language: String) async throws -> [String: Any] {
        var row: [String: Any] = ["code": reference.code, "href": PageValues.href(kind, reference.code), "title": reference.description]
        if let entity = try await catalogue.resolve(kind, reference) {
            row["title"] = title(entity, language) ?? reference.description
            if let level = PageValues.level(entity.entity.level) { row["level"] = level }
            if case .unit(let unit) = entity, let workload = PageValues.workload(unit.workload) { row["workload"] = workload }
        }
        return row
    }

    private func outcomeRow(_ reference: EntityReference, _ language: String) async throws -> [String: Any] {
        var row = try await link(.outcome, reference, language)
        row["skills"] = [[String: Any]]()
        if case .outcome(let outcome)? = try await catalogue.resolve(.outcome, reference) {
            row["skills"] = try await skills(outcome.alignments.map(\.skill), language)
        }
        return row
    }

    /// ESCO skills with their label in the visitor's language, linking to ESCO itself.
    private func skills(_ uris: [ConceptURI], _ language: String) async throws -> [[String: Any]] {
        var rows: [[String: Any]] = []
        for uri in uris {
            let concept = try await taxonomy.concept(uri)
            rows.append(["uri": uri.rawValue, "label": concept.flatMap { PageValues.text($0.preferredLabel, language) } ?? uri.rawValue])
        }
        return rows
    }

    /// The codes of the programmes that use a unit, in any phase or choice.
    private func reusingProgrammes(_ code: String) async throws -> [String] {
        let usages = try await catalogue.repository.usages(of: .unit, code: code)
        return Array(Set(usages.filter { $0.user.kind == .programme && $0.user.status != .draft }.map(\.user.code))).sorted()
    }
}

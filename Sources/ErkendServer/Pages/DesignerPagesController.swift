import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird

/// What programme designers do in the browser: see drafts and units, write a new unit with an
/// outcome aligned to an ESCO skill (a search form without script; the skill picker script
/// fills suggestions as they type), publish, start a new version, read the validation report.
struct DesignerPagesController: Sendable {
    typealias Context = ErkendRequestContext
    let pages: Pages
    let catalogue: CatalogueService

    func addRoutes(to router: GuardedRouter) {
        router.get("design", .action(.editCatalogue), use: overview)
        router.get("design/units/new", .action(.editCatalogue), use: newUnit)
        router.post("design/units", .action(.editCatalogue), use: createUnit)
        router.post("design/:kinds/:code/versions/:version/publish", .action(.editCatalogue), use: publish)
        router.post("design/:kinds/:code/versions", .action(.editCatalogue), use: newVersion)
        router.post("design/deprecate", .action(.editCatalogue), use: deprecate)
        router.get("design/validation", .action(.readDrafts), use: validation)
        DraftEditorPagesController(pages: pages, catalogue: catalogue).addRoutes(to: router)
    }

    @Sendable func overview(_ request: Request, context: Context) async throws -> Response {
        try await renderOverview(request, context, problem: nil)
    }

    private func renderOverview(_ request: Request, _ context: Context, problem: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = pages.language(request)
        let table = pages.translations.table(language)
        var rows: [[String: Any]] = []
        var published: [[String: Any]] = []
        let page = try PageRequest(size: PageRequest.maximumSize)
        for kind in [CatalogueKind.unit, .outcome, .epa, .programme] {
            for summary in try await catalogue.repository.list(kind, filter: CatalogueFilter(), page: page).items {
                let versionPath = "/design/\(kind.plural)/\(summary.code)/versions"
                var row: [String: Any] = ["kind": table[kind.plural] ?? kind.plural, "code": summary.code, "title": summary.title, "version": summary.version,
                                          "status": table[PageValues.statusKey(summary.status)] ?? summary.status.rawValue, "href": PageValues.href(kind, summary.code),
                                          "isDraft": summary.status == .draft, "canStartVersion": summary.status == .published,
                                          "publish": "\(versionPath)/\(summary.version)/publish", "newVersion": versionPath]
                if summary.status == .draft, let edit = DraftEditorPagesController.href(VersionKey(kind, summary.code, summary.version)) { row["edit"] = edit }
                rows.append(row)
                if summary.status == .published {
                    published.append(["value": "\(kind.plural)/\(summary.code)/\(summary.version)",
                                      "label": "\(summary.code)@\(summary.version) — \(summary.title)"])
                }
            }
        }
        var values: [String: Any] = ["rows": rows, "published": published, "hasPublished": !published.isEmpty]
        if let problem { values["problem"] = problem }
        let query = QueryParameters(request: request)
        if let code = query.string("published") { values["notice"] = table["published"] ?? ""; values["noticeHref"] = query.string("href").map { Pages.localPath($0) } ?? PageValues.href(.unit, code) }
        if query.string("saved") != nil { values["notice"] = table["draftSaved"] ?? "" }
        if query.string("started") != nil { values["notice"] = table["versionStarted"] ?? "" }
        if query.string("deprecated") != nil { values["notice"] = table["design.deprecated"] ?? "" }
        return pages.render("design", title: "designTitle", values, request: request, context: context, status: status)
    }

    struct DeprecateForm: Decodable {
        var csrf: String?
        /// `KINDS/CODE/VERSION`, as the overview's list offers it.
        var entry: String?
        var replacedBy: String?
    }

    /// Deprecates a published version, naming what replaces it when there is something.
    @Sendable func deprecate(_ request: Request, context: Context) async throws -> Response {
        let form = try await Pages.form(DeprecateForm.self, request, context: context)
        try Pages.checkCSRF(form.csrf, context)
        let parts = (form.entry ?? "").split(separator: "/").map(String.init)
        let code = parts.count == 3 ? parts[1] : ""
        do {
            guard parts.count == 3, let kind = CatalogueKind(plural: parts[0]), let version = Int(parts[2]) else {
                throw ErkendError.invalid("entry", "choose the published entry to deprecate")
            }
            let replacement = try form.replacedBy?.nonBlank.map { try EntityReference(parsing: $0) }
            _ = try await catalogue.deprecate(VersionKey(kind, code, version), replacedBy: replacement, by: context.principal)
        } catch let error as ErkendError where error.code == .invalidInput || error.code == .conflict {
            return try await renderOverview(request, context, problem: pages.problem(error, request, area: "deprecate"), status: .unprocessableContent)
        }
        return Pages.redirect("/design?deprecated=\(code)")
    }

    struct UnitForm: Decodable {
        var csrf: String?
        var action: String?
        var code: String?
        var titleNl: String?
        var titleEn: String?
        var unitKind: String?
        var nlqf: String?
        var ects: String?
        var outcomeCode: String?
        var outcomeStatement: String?
        var skillQuery: String?
        var skill: String?
    }

    @Sendable func newUnit(_ request: Request, context: Context) async throws -> Response {
        try await renderForm(request, context, form: UnitForm(), problem: nil)
    }

    @Sendable func createUnit(_ request: Request, context: Context) async throws -> Response {
        let form = try await Pages.form(UnitForm.self, request, context: context)
        try Pages.checkCSRF(form.csrf, context)
        if form.action == "search" { return try await renderForm(request, context, form: form, problem: nil) }
        do {
            let code = (form.code ?? "").trimmingCharacters(in: .whitespaces)
            let outcomeCode = form.outcomeCode?.nonBlank ?? "\(code)-LU1"
            let level = QualificationLevel(nlqf: try number(form.nlqf, "nlqf"))
            var alignments: [SkillAlignment] = []
            if let skill = form.skill?.nonBlank { alignments.append(SkillAlignment(skill: try ConceptURI(skill))) }
            let outcome = LearningOutcome(code: outcomeCode, statement: LocalizedText(nl: form.outcomeStatement?.nonBlank),
                                          level: level, alignments: alignments)
            let hasOutcome = form.outcomeStatement?.nonBlank != nil
            let unit = LearningUnit(code: code, unitKind: form.unitKind.flatMap(LearningUnit.UnitKind.init(rawValue:)) ?? .module,
                                    title: LocalizedText(nl: form.titleNl?.nonBlank, en: form.titleEn?.nonBlank),
                                    outcomes: hasOutcome ? [EntityReference(outcomeCode)] : [], workload: Workload(ects: try decimal(form.ects, "ects")),
                                    level: level)
            let entities: [AnyCatalogueEntity] = hasOutcome ? [.outcome(outcome), .unit(unit)] : [.unit(unit)]
            _ = try await catalogue.create(together: entities)
            return Pages.redirect("/design?saved=\(code)")
        } catch let error as ErkendError where error.code == .invalidInput || error.code == .conflict {
            return try await renderForm(request, context, form: form, problem: pages.problem(error, request, area: "design"), status: .unprocessableContent)
        }
    }

    struct CSRFForm: Decodable {
        var csrf: String?
    }

    /// Publishes a draft; for a unit, its outcomes that are still drafts first, so the unit can rest on them.
    @Sendable func publish(_ request: Request, context: Context) async throws -> Response {
        let form = try await Pages.form(CSRFForm.self, request, context: context)
        try Pages.checkCSRF(form.csrf, context)
        let kind = try kindParameter(context)
        let code = try context.parameters.require("code")
        guard let version = Int(try context.parameters.require("version")) else { throw ErkendError.invalid("version", "must be a whole number") }
        let key = VersionKey(kind, code, version)
        if case .unit(let unit) = try await catalogue.requireEntity(key) {
            for reference in unit.outcomes {
                let versions = try await catalogue.repository.versions(.outcome, code: reference.code)
                if let draft = versions.last, draft.status == .draft, !versions.contains(where: { $0.status == .published }) {
                    _ = try await catalogue.publish(draft.key)
                }
            }
        }
        do {
            _ = try await catalogue.publish(key)
        } catch let error as ErkendError where error.code == .ruleViolation || error.code == .conflict {
            throw ErkendError(error.code, error.message + ": " + error.details.map(\.message).joined(separator: "; "))
        }
        return Pages.redirect("/design?published=\(code)&href=\(PageValues.href(kind, code))")
    }

    @Sendable func newVersion(_ request: Request, context: Context) async throws -> Response {
        let form = try await Pages.form(CSRFForm.self, request, context: context)
        try Pages.checkCSRF(form.csrf, context)
        let draft = try await catalogue.newVersion(try kindParameter(context), code: try context.parameters.require("code"))
        return Pages.redirect("/design?started=\(draft.entity.code)")
    }

    @Sendable func validation(_ request: Request, context: Context) async throws -> Response {
        let language = pages.language(request)
        let report = try await catalogue.validate()
        let table = pages.translations.table(language)
        // Findings about a draft lead a designer to its field in the edit form; others to the entry.
        var drafts = Set<VersionKey>()
        for kind in DraftEditorPagesController.editableKinds where AccessPolicy.decide(context.principal, .editCatalogue) == .allowed {
            let filter = CatalogueFilter(status: .draft, latestOnly: false)
            for summary in try await catalogue.repository.list(kind, filter: filter, page: try PageRequest(size: PageRequest.maximumSize)).items {
                drafts.insert(VersionKey(kind, summary.code, summary.version))
            }
        }
        let rows = report.findings.map { finding -> [String: Any] in
            // The core writes findings in English, naming codes and levels; an English page shows those
            // words, another language its own per rule (the entry and the field are shown beside it).
            var message = finding.message, fix = finding.fix
            if language != "en", let own = table["validation.\(finding.rule.rawValue)"] {
                let parts = own.split(separator: "|", maxSplits: 1).map(String.init)
                message = parts[0]
                if parts.count > 1 { fix = parts[1] }
            }
            return ["severity": finding.severity.rawValue, "entity": "\(finding.entity.code)@\(finding.entity.version)", "path": finding.path,
                    "message": message, "fix": fix,
                    "href": (drafts.contains(finding.entity) ? DraftEditorPagesController.href(finding.entity, path: finding.path) : nil)
                        ?? PageValues.href(finding.entity.kind, finding.entity.code),
                    "kind": table[finding.entity.kind.plural] ?? finding.entity.kind.plural]
        }
        return pages.render("validation", title: "validationReport", ["findings": rows], request: request, context: context)
    }

    // MARK: - Building blocks

    private func renderForm(_ request: Request, _ context: Context, form: UnitForm, problem: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = pages.language(request)
        var values: [String: Any] = [
            "script": "erkend.js", "code": form.code ?? "", "titleNl": form.titleNl ?? "", "titleEn": form.titleEn ?? "", "nlqf": form.nlqf ?? "",
            "ects": form.ects ?? "", "outcomeCode": form.outcomeCode ?? "", "outcomeStatement": form.outcomeStatement ?? "", "skillQuery": form.skillQuery ?? "",
            "unitKinds": LearningUnit.UnitKind.allCases.map { ["value": $0.rawValue, "selected": $0.rawValue == (form.unitKind ?? "module")] },
        ]
        var options: [[String: Any]] = []
        if let chosen = form.skill?.nonBlank, let uri = try? ConceptURI(chosen) {
            let label = try await catalogue.taxonomy.concept(uri).flatMap { PageValues.text($0.preferredLabel, language) } ?? chosen
            options.append(["uri": chosen, "label": label, "checked": true])
        }
        if let text = form.skillQuery?.nonBlank {
            let found = try await catalogue.taxonomy.search(SkillQuery(text: String(text.prefix(200)), page: try PageRequest(size: 10)))
            for concept in found.items where concept.uri.rawValue != form.skill {
                options.append(["uri": concept.uri.rawValue, "label": PageValues.text(concept.preferredLabel, language) ?? concept.uri.rawValue, "checked": false])
            }
            values["searched"] = true
        }
        values["skillOptions"] = options
        values["noSkills"] = form.skillQuery?.nonBlank != nil && options.isEmpty
        if let problem { values["problem"] = problem }
        return pages.render("design-unit", title: "newUnit", values, request: request, context: context, status: status)
    }

    private func kindParameter(_ context: Context) throws -> CatalogueKind {
        guard let kind = CatalogueKind(plural: try context.parameters.require("kinds")) else { throw ErkendError.notFound("that kind of catalogue entry") }
        return kind
    }

    private func number(_ text: String?, _ field: String) throws -> Int? {
        guard let text = text?.nonBlank else { return nil }
        guard let value = Int(text) else { throw ErkendError.invalid(field, "must be a whole number") }
        return value
    }

    private func decimal(_ text: String?, _ field: String) throws -> Double? {
        guard let text = text?.nonBlank else { return nil }
        guard let value = Double(text.replacingOccurrences(of: ",", with: ".")) else { throw ErkendError.invalid(field, "must be a number") }
        return value
    }
}

import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird

/// Designers write EPAs (with their entrustment scale and decision rule) and programmes (with
/// phases, the units and EPA targets of each phase, and the choice rules) as drafts, through the
/// catalogue service as the API does. `/design/drafts/KINDS/new` is an empty form;
/// `/design/drafts/KINDS/CODE/VERSION` edits a draft, and is where each finding of the
/// validation report about a draft leads, to the field with `#id`.
struct DraftEditorPagesController: Sendable {
    typealias Context = ErkendRequestContext
    let pages: Pages
    let catalogue: CatalogueService

    static let editableKinds: [CatalogueKind] = [.epa, .programme]

    func addRoutes(to router: GuardedRouter) {
        router.get("design/drafts/:kinds/new", .action(.editCatalogue), use: newDraft)
        router.post("design/drafts/:kinds", .action(.editCatalogue), use: create)
        router.get("design/drafts/:kinds/:code/:version", .action(.editCatalogue), use: edit)
        router.post("design/drafts/:kinds/:code/:version", .action(.editCatalogue), use: save)
    }

    /// The edit page of a draft, with the field a validation path is about as its anchor.
    static func href(_ key: VersionKey, path: String? = nil) -> String? {
        guard editableKinds.contains(key.kind) else { return nil }
        let code = key.code.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? key.code
        let anchor = path.flatMap { DraftForms.anchor(key.kind, $0) }.map { "#\($0)" } ?? ""
        return "/design/drafts/\(key.kind.plural)/\(code)/\(key.version)\(anchor)"
    }

    @Sendable func newDraft(_ request: Request, context: Context) async throws -> Response {
        let kind = try kindParameter(context)
        let fields = kind == .epa ? DraftForms.fields(EPA(code: "", title: LocalizedText())) : FormFields([:])
        return try await render(kind, fields, key: nil, request: request, context: context)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        let kind = try kindParameter(context)
        var fields = try await FormFields.read(request, context: context)
        try Pages.checkCSRF(fields["csrf"], context)
        DraftForms.applyPicks(&fields)
        do {
            let entity: AnyCatalogueEntity = kind == .epa ? .epa(try DraftForms.epa(fields, base: nil)) : .programme(try DraftForms.programme(fields, base: nil))
            let draft = try await catalogue.create(entity)
            return Pages.redirect((Self.href(draft.key) ?? "/design") + "?saved=1")
        } catch let error as ErkendError where error.code == .invalidInput || error.code == .conflict {
            return try await render(kind, fields, key: nil, problem: error, request: request, context: context)
        }
    }

    @Sendable func edit(_ request: Request, context: Context) async throws -> Response {
        let key = try keyParameter(context)
        let stored = try await catalogue.requireEntity(key)
        guard stored.status == .draft else { return Pages.redirect(PageValues.href(key.kind, key.code)) }
        let fields: FormFields
        switch stored {
        case .epa(let epa): fields = DraftForms.fields(epa)
        case .programme(let programme): fields = DraftForms.fields(programme)
        default: throw ErkendError.notFound("that kind of catalogue entry")
        }
        return try await render(key.kind, fields, key: key, request: request, context: context)
    }

    @Sendable func save(_ request: Request, context: Context) async throws -> Response {
        let key = try keyParameter(context)
        var fields = try await FormFields.read(request, context: context)
        try Pages.checkCSRF(fields["csrf"], context)
        fields["code"] = key.code  // a code never changes
        DraftForms.applyPicks(&fields)
        let stored = try await catalogue.requireEntity(key)
        do {
            let entity: AnyCatalogueEntity
            switch stored {
            case .epa(let epa): entity = .epa(try DraftForms.epa(fields, base: epa))
            case .programme(let programme): entity = .programme(try DraftForms.programme(fields, base: programme))
            default: throw ErkendError.notFound("that kind of catalogue entry")
            }
            _ = try await catalogue.updateDraft(key, with: entity)
            return Pages.redirect((Self.href(key) ?? "/design") + "?saved=1")
        } catch let error as ErkendError where error.code == .invalidInput || error.code == .conflict {
            return try await render(key.kind, fields, key: key, problem: error, request: request, context: context)
        }
    }

    // MARK: - The form

    private func render(_ kind: CatalogueKind, _ f: FormFields, key: VersionKey?, problem: ErkendError? = nil,
                        request: Request, context: Context) async throws -> Response {
        let table = pages.translations.table(pages.language(request))
        var values: [String: Any] = [:]
        for (name, value) in f.values where !name.contains("-") && name != "csrf" { values[name] = value }
        values["isNew"] = key == nil
        values["action"] = key.flatMap { Self.href($0) } ?? "/design/drafts/\(kind.plural)"
        if let key {
            values["version"] = key.version
            values["publish"] = "/design/\(kind.plural)/\(key.code)/versions/\(key.version)/publish"
            values["page"] = PageValues.href(kind, key.code)
        }
        // The specific problem (the core's words) also stands next to the field it is about.
        var fieldError: (anchor: String, message: String)?
        if let problem {
            values["problem"] = pages.problem(problem, request, area: "draft")
            if let detail = problem.details.first, let anchor = DraftForms.anchor(kind, detail.location) {
                values["problemAnchor"] = anchor
                fieldError = (anchor, detail.message)
                values["fieldErrors"] = [anchor: detail.message]
            }
        }
        if key != nil, QueryParameters(request: request).string("saved") != nil { values["notice"] = table["draftSaved"] ?? "" }
        let template: String
        if kind == .epa {
            template = "design-epa"
            values["levels"] = rows(f, "level", ["code", "supervision", "labelNl", "labelEn", "descriptionNl"], blank: 1)
        } else {
            template = "design-programme"
            values["phases"] = rows(f, "phase", ["code", "titleNl", "months", "units", "epaTargets"], blank: key == nil && f.rowCount("phase") == 0 ? 2 : 1)
            values["groups"] = rows(f, "group", ["code", "titleNl", "choose", "units", "phase"], blank: 1)
            try await addChoices(&values, language: pages.language(request))
            values["script"] = "erkend.js"
            values["sectors"] = Programme.Sector.allCases.map { ["value": $0.rawValue, "selected": $0.rawValue == (f["sector"] ?? "mbo")] }
        }
        if let fieldError, let match = fieldError.anchor.wholeMatch(of: /(level|phase|group)-(\d+)-([A-Za-z]+)/), let index = Int(match.2),
           var rows = values["\(match.1)s"] as? [[String: Any]], rows.indices.contains(index) {
            rows[index]["errors"] = [String(match.3): fieldError.message]
            values["\(match.1)s"] = rows
        }
        let title = kind == .epa ? (key == nil ? "draft.newEpa" : "draft.editEpa") : (key == nil ? "draft.newProgramme" : "draft.editProgramme")
        return pages.render(template, title: title, values, request: request, context: context,
                            status: problem == nil ? .ok : .unprocessableContent)
    }

    /// The published units and EPAs (with each level of the EPA's scale) a phase can pick from,
    /// so a designer chooses by title instead of typing codes.
    private func addChoices(_ values: inout [String: Any], language: String) async throws {
        var filter = CatalogueFilter(status: .published)
        filter.excludeDrafts = true
        let page = try PageRequest(size: PageRequest.maximumSize)
        var units: [[String: Any]] = []
        for summary in try await catalogue.repository.list(.unit, filter: filter, page: page).items {
            var title = summary.title
            if case .unit(let unit)? = try await catalogue.resolve(.unit, EntityReference(summary.code)) { title = PageValues.text(unit.title, language) ?? title }
            units.append(["code": summary.code, "title": title])
        }
        var epas: [[String: Any]] = []
        for summary in try await catalogue.repository.list(.epa, filter: filter, page: page).items {
            guard case .epa(let epa)? = try await catalogue.resolve(.epa, EntityReference(summary.code)) else { continue }
            let levels = epa.scale.levels.map { level -> [String: Any] in
                ["value": "\(summary.code)=\(level.code)", "level": level.code, "label": PageValues.text(level.label, language) ?? ""]
            }
            epas.append(["code": summary.code, "title": PageValues.text(epa.title, language) ?? summary.title, "levels": levels])
        }
        values["unitChoices"] = units
        values["epaChoices"] = epas
        values["hasChoices"] = !units.isEmpty || !epas.isEmpty
    }

    /// The numbered rows of the form with `blank` empty rows after them to add one.
    private func rows(_ f: FormFields, _ prefix: String, _ names: [String], blank: Int) -> [[String: Any]] {
        let count = f.rowCount(prefix)
        return (0..<(count + blank)).map { index in
            var row: [String: Any] = ["index": index, "number": index + 1, "isNew": index >= count]
            for name in names { row[name] = f["\(prefix)-\(index)-\(name)"] ?? "" }
            row["removed"] = f["\(prefix)-\(index)-remove"] != nil
            return row
        }
    }

    private func kindParameter(_ context: Context) throws -> CatalogueKind {
        guard let kind = CatalogueKind(plural: try context.parameters.require("kinds")), Self.editableKinds.contains(kind) else {
            throw ErkendError.notFound("that kind of catalogue entry")
        }
        return kind
    }

    private func keyParameter(_ context: Context) throws -> VersionKey {
        let kind = try kindParameter(context)
        guard let version = Int(try context.parameters.require("version")) else { throw ErkendError.invalid("version", "must be a whole number") }
        return VersionKey(kind, try context.parameters.require("code"), version)
    }
}

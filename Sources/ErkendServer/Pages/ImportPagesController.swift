import ErkendCore
import ErkendInterop
import Foundation
import HTTPTypes
import Hummingbird

/// Uploading files in the browser, without script: a catalogue (the JSON of
/// `GET /api/v1/catalog/export`, as `POST /api/v1/catalog/import` takes it) for designers, and a
/// learner CSV file (as `erkend learners import` reads it) for coaches and administrators.
/// Both are all-or-nothing, as the API and the command are: the result page shows the counts,
/// or every problem with its row and field and that nothing was imported.
struct ImportPagesController: Sendable {
    typealias Context = ErkendRequestContext
    let pages: Pages
    let catalogue: CatalogueService
    let store: any ProgressionStorage
    let now: @Sendable () -> Date

    func addRoutes(to router: GuardedRouter) {
        router.get("imports/catalogue", .action(.editCatalogue), use: cataloguePage)
        router.post("imports/catalogue", .action(.editCatalogue), use: importCatalogue)
        router.get("imports/learners", .action(.manageLearners), use: learnersPage)
        router.post("imports/learners", .action(.manageLearners), use: importLearners)
    }

    @Sendable func cataloguePage(_ request: Request, context: Context) async throws -> Response {
        render(.catalogue, [:], request: request, context: context)
    }

    @Sendable func learnersPage(_ request: Request, context: Context) async throws -> Response {
        render(.learners, [:], request: request, context: context)
    }

    @Sendable func importCatalogue(_ request: Request, context: Context) async throws -> Response {
        do {
            let (_, file) = try await upload(request, context)
            let bundle = try JSONIO.decode(CatalogueAdminController.Export.self, from: Data(file.body.readableBytesView))
            let plan = try await catalogue.importEntities(bundle.entities, description: bundle.catalogue)
            let table = pages.translations.table(pages.language(request))
            let counts: [[String: Any]] = [CatalogueKind.outcome, .unit, .epa, .programme].map { kind in
                let count = plan.summary[kind]
                return ["what": table[kind.plural] ?? kind.plural, "added": count.added, "updated": count.updated, "unchanged": count.unchanged]
            }
            return render(.catalogue, ["done": true, "file": file.filename ?? "", "catalogueCounts": counts,
                                       "findings": plan.report.findings.count], request: request, context: context)
        } catch let error as ErkendError where Self.shown.contains(error.code) {
            return render(.catalogue, problems(error, request), request: request, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func importLearners(_ request: Request, context: Context) async throws -> Response {
        do {
            let (_, file) = try await upload(request, context)
            let name = file.filename?.nonBlank ?? "learners.csv"
            let csv = try LearnerCSV(data: Data(file.body.readableBytesView), source: name)
            let audit = AuditRecord(at: now(), actor: context.principal.auditActor, channel: context.principal.auditChannel,
                                    action: AuditAction.learnersImported, target: name)
            let outcome = try await LearnerFileImport.run(csv, catalogue: catalogue.repository, progression: store, audit: audit)
            let summary = outcome.summary
            let notes = (csv.warnings + outcome.notes).map(Self.row)
            return render(.learners, ["done": true, "file": name, "rows": outcome.rows,
                                      "learnerCounts": [["added": summary.learnersAdded, "updated": summary.learnersUpdated, "enrolments": summary.enrolments,
                                                         "placements": summary.placements, "mentors": summary.mentors]],
                                      "notes": notes, "hasNotes": !notes.isEmpty, "ignored": csv.ignoredColumns.joined(separator: ", ")],
                          request: request, context: context)
        } catch let error as ErkendError where Self.shown.contains(error.code) {
            return render(.learners, problems(error, request), request: request, context: context, status: .unprocessableContent)
        }
    }

    // MARK: - Building blocks

    enum Kind: String { case catalogue, learners }

    /// The errors of a file that the page lists; anything else is the friendly error page.
    static let shown: Set<ErkendError.Code> = [.invalidInput, .importFailed, .conflict, .ruleViolation, .tooLarge, .unsupportedMediaType]

    /// The form's CSRF field, then its one file.
    private func upload(_ request: Request, _ context: Context) async throws -> (UploadForm, UploadForm.Part) {
        let form = try await UploadForm.read(request, context: context)
        try Pages.checkCSRF(form.field("csrf"), context)
        guard let file = form.part("file"), file.body.readableBytes > 0 else { throw ErkendError.invalid("file", "choose a file to upload") }
        return (form, file)
    }

    /// `file.csv:12` and `column naam: …` become a row, a field and the problem.
    static func row(_ detail: ErkendError.Detail) -> [String: String] {
        var row = ["row": detail.location, "field": "", "message": detail.message, "lang": "en"]
        if detail.location.range(of: #":\d+$"#, options: .regularExpression) != nil, let colon = detail.location.lastIndex(of: ":") {
            row["row"] = String(detail.location[detail.location.index(after: colon)...])
        }
        if detail.message.hasPrefix("column "), let separator = detail.message.range(of: ": ") {
            row["field"] = String(detail.message[detail.message.index(detail.message.startIndex, offsetBy: 7)..<separator.lowerBound])
            row["message"] = String(detail.message[separator.upperBound...])
        }
        return row
    }

    private func problems(_ error: ErkendError, _ request: Request) -> [String: Any] {
        let details = error.details.isEmpty ? [ErkendError.Detail(location: "", message: error.message)] : error.details
        let language = pages.language(request)
        let table = pages.translations.table(language)
        let rows = details.map { detail -> [String: String] in
            var row = Self.row(detail)
            // A problem the core names by its code is said in the page's language (en.json holds the same sentences; an
            // English page keeps the core's own words, which can say more); the rest stays in English.
            if language != "en", let code = detail.code, var text = table["imports.problem.\(code)"] {
                for (name, value) in detail.values ?? [:] { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
                row["message"] = text
                row["lang"] = language
            }
            return row
        }
        return ["failed": true, "problem": pages.problem(error, request, area: "imports"), "problems": rows, "count": details.count]
    }

    private func render(_ kind: Kind, _ values: [String: Any], request: Request, context: Context, status: HTTPResponse.Status = .ok) -> Response {
        var all = values
        all["isCatalogue"] = kind == .catalogue
        all["action"] = "/imports/\(kind.rawValue)"
        all["accept"] = kind == .catalogue ? ".json,application/json" : ".csv,text/csv"
        all["script"] = "erkend.js"
        return pages.render("imports", title: kind == .catalogue ? "imports.catalogueTitle" : "imports.learnersTitle", all,
                            request: request, context: context, status: status)
    }
}

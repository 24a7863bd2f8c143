import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird

/// Learners' own pages and what coaches, committees and mentors see of them: progress and
/// phase, what's next, the skills profile with its currency, evidence, and per EPA a chart
/// of the observations with the decision form and its rule check. Who sees what is the
/// access policy's call, through each route's action.
struct LearnerPagesController: Sendable {
    typealias Context = ErkendRequestContext
    let pages: Pages
    let service: ProgressionService
    let privacy: PrivacyService

    func addRoutes(to router: GuardedRouter) {
        router.get("learners", .action(.listLearners), use: list)
        router.get("learners/:learner", .learner(Action.readLearner), use: learner)
        router.get("learners/:learner/epas/:epa", .learner(Action.readLearner), use: epa)
        router.post("learners/:learner/epas/:epa/decisions", .learner(Action.decideEntrustment), use: decide)
        router.get("reentrustments", .action(.reviewEntrustments), use: reentrustments)
        router.post("learners/:learner/sharing", .learner(Action.manageConsent), use: share)
        router.post("learners/:learner/signoff-requests", .learner(Action.requestSignoff), use: askSignoff)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let principal = context.principal
        let query = QueryParameters(request: request).string("q").map { String($0.trimmingCharacters(in: .whitespaces).prefix(200)) } ?? ""
        let learners: [Learner]
        if !AccessPolicy.seesAllLearners(principal), let mentor = principal.mentor {
            learners = try await service.storage.placements.learners(ofMentor: mentor)
                .filter { principal.mentees.contains($0.id) && (query.isEmpty || $0.name.localizedCaseInsensitiveContains(query)) }
        } else {
            learners = try await service.storage.learners.list(filter: LearnerFilter(text: query.isEmpty ? nil : query),
                                                               page: try PageRequest(size: PageRequest.maximumSize)).items
        }
        let rows = learners.map { learner -> [String: Any] in
            var row: [String: Any] = ["name": learner.name, "href": "/learners/\(learner.id)"]
            if let number = learner.studentNumber { row["studentNumber"] = number }
            return row
        }
        var values: [String: Any] = ["q": query, "learners": rows]
        // A mentor with an account also sees what waits for their signature; the link itself is only in their mail.
        if let mentor = principal.mentor, !AccessPolicy.seesAllLearners(principal) {
            values["mentor"] = true
            let requests = try await requestRows(mentor, request: request)
            values["requests"] = requests
            values["hasRequests"] = !requests.isEmpty
            values["records"] = try await recordRows(mentor, request: request)
        }
        if AccessPolicy.decide(principal, .manageLearners) == .allowed { values["canImport"] = true }
        return pages.render("learners", title: principal.mentor != nil && !AccessPolicy.seesAllLearners(principal) ? "mentor.learnersTitle" : "learnersTitle",
                            values, request: request, context: context)
    }

    /// What the mentor recorded themselves, per learner, also after the placement ended: their own
    /// observations and the practice statements they signed (never a co-mentor's).
    private func recordRows(_ mentor: Mentor.ID, request: Request) async throws -> [[String: Any]] {
        let language = pages.language(request)
        var rows: [[String: Any]] = []
        for record in try await service.mentorRecords(mentor: mentor) where !(record.observations.isEmpty && record.statements.isEmpty) {
            var row: [String: Any] = ["learner": record.learner.name]
            if record.placementCurrent {
                row["learnerHref"] = "/learners/\(record.learner.id)"
                row["placement"] = pages.text("mentor.placementCurrent", request)
            } else {
                row["placement"] = record.placementEnds.map { pages.text("mentor.placementEnded", request, ["date": $0.description]) } ?? ""
            }
            var observations: [[String: Any]] = []
            for observation in record.observations.prefix(20) {
                observations.append(["date": observation.date.description, "epa": try await epaTitle(observation.epa.code, language),
                                     "level": observation.level])
            }
            row["observations"] = observations
            row["hasObservations"] = !observations.isEmpty
            row["hasStatements"] = !record.statements.isEmpty
            row["statements"] = record.statements.map { statement -> [String: Any] in
                ["id": statement.id.rawValue,
                 "period": pages.text("mentor.statementPeriod", request, ["start": statement.periodStart.description, "end": statement.periodEnd.description,
                                                                          "signed": statement.signedOn?.description ?? "—"]),
                 "tasks": statement.tasks.map(\.description).joined(separator: "; ")]
            }
            rows.append(row)
        }
        return rows
    }

    /// A mentor's open sign-off requests: whose, what, since when, until when, and where the link went.
    private func requestRows(_ mentor: Mentor.ID, request: Request) async throws -> [[String: Any]] {
        let language = pages.language(request)
        var rows: [[String: Any]] = []
        for open in try await service.openRequests(mentor: mentor).sorted(by: { $0.expiresAt < $1.expiresAt }) {
            var row: [String: Any] = ["learnerHref": "/learners/\(open.learner)", "asked": PageValues.date(open.createdAt),
                                      "until": PageValues.date(open.expiresAt)]
            row["learner"] = try await service.storage.learners.learner(open.learner)?.name ?? open.learner.rawValue
            switch open.purpose {
            case .observation(let epa): row["what"] = try await epaTitle(epa.code, language)
            case .practiceStatement: row["what"] = pages.text("mentor.statement", request)
            }
            if let delivery = try await service.delivery(of: open.id) { row["sentTo"] = delivery.sentTo }
            rows.append(row)
        }
        return rows
    }

    @Sendable func learner(_ request: Request, context: Context) async throws -> Response {
        try await renderLearner(request, context, problem: nil)
    }

    private func renderLearner(_ request: Request, _ context: Context, problem: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let id = try learnerID(context)
        let language = pages.language(request)
        let table = pages.translations.table(language)
        let record = try await service.record(id)
        let reports = try await service.progress(id)
        var values: [String: Any] = ["name": record.learner.name, "id": id.rawValue]
        if let number = record.learner.studentNumber { values["studentNumber"] = number }
        var programmes: [[String: Any]] = []
        for (index, report) in reports.enumerated() {
            var programme = try await programmeValues(report, id: id, language: language)
            programme["key"] = "p\(index + 1)"
            programmes.append(programme)
        }
        values["programmes"] = programmes

        let skills = reports.first?.skills
        var skillRows: [[String: Any]] = []
        for standing in (skills?.skills ?? []).sorted(by: { $0.currency < $1.currency }) {
            let label = try await service.taxonomy.concept(standing.skill).flatMap { PageValues.text($0.preferredLabel, language) } ?? standing.skill.rawValue
            let key: String
            switch standing.status {
            case .current: key = "skillCurrent"
            case .fading: key = "skillFading"
            case .stale: key = "skillStale"
            }
            skillRows.append(["label": label, "uri": standing.skill.rawValue, "currency": PageValues.percent(standing.currency),
                              "status": table[key] ?? key, "statusClass": standing.status.rawValue, "newest": standing.newestEvidence.description])
        }
        values["skills"] = skillRows
        values["due"] = try await dueRows(skills?.reentrustmentDue ?? [], language: language)

        let observations = try await service.observations(id, epa: nil).sorted { $0.date > $1.date }
        var observationRows: [[String: Any]] = []
        for observation in observations.prefix(50) { observationRows.append(try await observationRow(observation, id: id, language: language)) }
        values["observations"] = observationRows
        var decisionRows: [[String: Any]] = []
        for decision in try await service.decisions(id).sorted(by: { $0.decidedOn > $1.decidedOn }) {
            var row: [String: Any] = ["date": decision.decidedOn.description, "level": decision.level, "committee": decision.committee,
                                      "epa": try await epaTitle(decision.epa.code, language), "withdrawn": decision.isWithdrawn]
            if let until = decision.validUntil { row["validUntil"] = until.description }
            decisionRows.append(row)
        }
        values["decisions"] = decisionRows
        // Asking a workplace mentor for a sign-off: the link goes to the mentor by e-mail, never to this page.
        if AccessPolicy.decide(context.principal, .requestSignoff(id)) == .allowed {
            var mentors: [[String: Any]] = []
            var seen: Set<Mentor.ID> = []
            for placement in try await service.storage.placements.placements(learner: id)
            where placement.endDate.map({ $0 >= service.today }) ?? true {
                for mentor in placement.mentors where seen.insert(mentor).inserted {
                    if let found = try await service.storage.mentors.mentor(mentor) {
                        mentors.append(["id": mentor.rawValue, "label": "\(found.name) (\(found.organisation))"])
                    }
                }
            }
            var epas: [[String: Any]] = []
            var codes: Set<String> = []
            for report in reports {
                for epa in report.progress.epas where codes.insert(epa.epa.code).inserted {
                    epas.append(["code": epa.epa.code, "label": try await epaTitle(epa.epa.code, language)])
                }
            }
            if !mentors.isEmpty, !epas.isEmpty {
                values["askSignoff"] = true
                values["signoffMentors"] = mentors
                values["signoffEPAs"] = epas
            }
            if let sentTo = QueryParameters(request: request).string("asked") {
                values["asked"] = pages.text("ask.sent", request, ["address": String(sentTo.prefix(120))])
            }
            // The requests made so far and where each stands, in words (a link withdrawn by an erasure says so).
            var requestRows: [[String: Any]] = []
            for asked in try await service.storage.signoffs.requests(learner: id).prefix(50) {
                var row: [String: Any] = ["id": asked.id.rawValue, "asked": PageValues.date(asked.createdAt)]
                let status = asked.status(at: service.now())
                row["status"] = pages.text("ask.status.\(status.rawValue)", request)
                row["statusClass"] = status.rawValue
                row["mentor"] = try await service.storage.mentors.mentor(asked.mentor)?.name ?? asked.mentor.rawValue
                switch asked.purpose {
                case .observation(let epa): row["what"] = try await epaTitle(epa.code, language)
                case .practiceStatement: row["what"] = pages.text("mentor.statement", request)
                }
                requestRows.append(row)
            }
            values["signoffRequests"] = requestRows
            values["hasSignoffRequests"] = !requestRows.isEmpty
        }
        if let problem { values["askProblem"] = problem }
        // The sharing switches: what the learner lets their workplace mentors see beyond what the school needs.
        if AccessPolicy.decide(context.principal, .manageConsent(id)) == .allowed {
            let consents = try await privacy.privacy.consents(learner: id)
            values["sharing"] = ConsentPurpose.allCases.map { purpose -> [String: Any] in
                let given = consents.first { $0.purpose == purpose }
                var row: [String: Any] = ["purpose": purpose.rawValue, "label": table["sharing.\(purpose.rawValue)"] ?? purpose.rawValue,
                                          "granted": given?.granted ?? false]
                if let given { row["since"] = PageValues.date(given.at) }
                return row
            }
            values["sharingAllowed"] = true
            values["shared"] = QueryParameters(request: request).string("shared") != nil
        }
        if AccessPolicy.decide(context.principal, .exportPersonalData(id)) == .allowed {
            values["export"] = "/api/v1/learners/\(id)/export"
            values["exportLabel"] = table[context.principal.learner == id ? "privacyExport" : "privacyExportStaff"] ?? ""
        }
        return pages.render("learner", title: record.learner.name, values, request: request, context: context, status: status, personal: true)
    }

    @Sendable func epa(_ request: Request, context: Context) async throws -> Response {
        try await renderEPA(request, context, level: QueryParameters(request: request).string("level"), problem: nil, form: nil,
                            decided: QueryParameters(request: request).string("decided") != nil)
    }

    struct DecisionForm: Decodable {
        var csrf: String?
        var level: String?
        var committee: String?
        var deciders: String?
        var validUntil: String?
        var scope: String?
        var overrideReason: String?
    }

    @Sendable func decide(_ request: Request, context: Context) async throws -> Response {
        let id = try learnerID(context)
        let code = try context.parameters.require("epa")
        let form = try await Pages.form(DecisionForm.self, request, context: context)
        try Pages.checkCSRF(form.csrf, context)
        do {
            let validUntil = try form.validUntil?.nonBlank.map { try Day(parsing: $0) }
            let deciders = (form.deciders ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let input = NewDecision(epa: EntityReference(code), level: form.level ?? "", committee: form.committee ?? "", deciders: deciders,
                                    scope: form.scope?.nonBlank, validUntil: validUntil, overrideReason: form.overrideReason?.nonBlank)
            _ = try await service.decide(id, input, by: context.principal)
        } catch let error as ErkendError where error.code == .invalidInput || error.code == .ruleViolation || error.code == .conflict {
            return try await renderEPA(request, context, level: form.level, problem: pages.problem(error, request, area: "decision"), form: form,
                                       decided: false, status: .unprocessableContent)
        }
        return Pages.redirect("/learners/\(id)/epas/\(code)?decided=1")
    }

    struct SignoffForm: Decodable {
        var csrf: String?
        var mentor: String?
        var epa: String?
    }

    /// Asks a mentor for a sign-off of an EPA; the page then says where the link went (masked).
    @Sendable func askSignoff(_ request: Request, context: Context) async throws -> Response {
        let id = try learnerID(context)
        let form = try await Pages.form(SignoffForm.self, request, context: context)
        try Pages.checkCSRF(form.csrf, context)
        let sentTo: String
        do {
            let mentor = try Mentor.ID(validating: form.mentor ?? "")
            let (asked, _) = try await service.requestSignoff(id, NewSignoffRequest(mentor: mentor, epa: EntityReference(form.epa ?? "")), by: context.principal)
            sentTo = try await service.delivery(of: asked.id)?.sentTo ?? ""
        } catch let error as ErkendError where error.code == .invalidInput || error.code == .ruleViolation || error.code == .conflict {
            return try await renderLearner(request, context, problem: pages.problem(error, request, area: "ask"), status: .unprocessableContent)
        }
        let address = sentTo.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "@.-_"))) ?? ""
        return Pages.redirect("/learners/\(id)?asked=\(address)#ask-heading")
    }

    /// A ticked checkbox sends `on`; one that is not ticked sends nothing.
    struct SharingForm: Decodable {
        var csrf: String?
        var grades: String?
        var evidence: String?
        enum CodingKeys: String, CodingKey {
            case csrf
            case grades = "grades-to-mentors"
            case evidence = "evidence-to-mentors"
        }
    }

    /// The sharing switches as one form: a purpose that is ticked is shared, one that is not is not;
    /// only what changed is recorded (each change with its audit entry).
    @Sendable func share(_ request: Request, context: Context) async throws -> Response {
        let id = try learnerID(context)
        let form = try await Pages.form(SharingForm.self, request, context: context)
        try Pages.checkCSRF(form.csrf, context)
        let ticked: [ConsentPurpose: Bool] = [.gradesToMentors: form.grades == "on", .evidenceToMentors: form.evidence == "on"]
        _ = try await privacy.setConsents(id, ticked, by: context.principal)
        return Pages.redirect("/learners/\(id)?shared=1#sharing-heading")
    }

    @Sendable func reentrustments(_ request: Request, context: Context) async throws -> Response {
        let language = pages.language(request)
        let list = try await service.reentrustmentDue(filter: LearnerFilter(), page: try PageRequest(size: PageRequest.maximumSize))
        var rows: [[String: Any]] = []
        for entry in list.learners {
            for due in try await dueRows(entry.due, language: language) {
                var row = due
                row["name"] = entry.name
                row["learnerHref"] = "/learners/\(entry.learner)"
                row["href"] = "/learners/\(entry.learner)/epas/\(due["code"] as? String ?? "")"
                rows.append(row)
            }
        }
        return pages.render("reentrustments", title: "reentrustmentsTitle", ["rows": rows, "asOf": list.asOf.description], request: request, context: context)
    }

    // MARK: - Building blocks

    private func renderEPA(_ request: Request, _ context: Context, level requested: String?, problem: String?, form: DecisionForm?, decided: Bool,
                           status: HTTPResponse.Status = .ok) async throws -> Response {
        let id = try learnerID(context)
        let code = try context.parameters.require("epa")
        let language = pages.language(request)
        let table = pages.translations.table(language)
        let record = try await service.record(id)
        guard case .epa(let epa)? = try await service.catalogue.resolve(.epa, EntityReference(code)) else { throw ErkendError.notFound("EPA \(code)") }
        let observations = try await service.observations(id, epa: code).sorted { $0.date < $1.date }
        let target = try await service.progress(id).lazy.flatMap(\.progress.epas).first { $0.epa.code == code }
        let title = PageValues.text(epa.title, language) ?? epa.code
        var values: [String: Any] = ["name": record.learner.name, "learnerHref": "/learners/\(id)", "epaTitle": title, "epaCode": code,
                                     "epaHref": PageValues.href(.epa, code), "decided": decided, "action": "/learners/\(id)/epas/\(code)/decisions"]
        if let target {
            values["target"] = target.targetLevel
            if let current = target.currentLevel { values["current"] = current }
        }
        let chart = ProgressChart(levels: epa.scale.levels.map(\.code),
                                  points: observations.map { .init(day: $0.date, level: $0.level, observer: $0.observer.name) },
                                  title: "\(table["chartTitle"] ?? ""): \(title)", description: table["chartDescription"] ?? "", target: target?.targetLevel)
        values["chart"] = observations.isEmpty ? "" : chart.svg()
        values["hasObservations"] = !observations.isEmpty
        var rows: [[String: Any]] = []
        for observation in observations.reversed() { rows.append(try await observationRow(observation, id: id, language: language)) }
        values["observations"] = rows

        if AccessPolicy.decide(context.principal, .decideEntrustment(id)) == .allowed {
            let level = requested.flatMap { epa.scale.level($0)?.code } ?? target?.targetLevel ?? epa.scale.levels.last?.code ?? ""
            let check = try await service.checkDecisionRule(id, epa: EntityReference(code), level: level)
            var decision: [String: Any] = [
                "level": level, "committee": form?.committee?.nonBlank ?? "Examencommissie",
                "deciders": form?.deciders?.nonBlank ?? context.principal.displayName ?? "",
                "validUntil": form?.validUntil?.nonBlank ?? "", "scope": form?.scope?.nonBlank ?? "", "overrideReason": form?.overrideReason?.nonBlank ?? "",
                "ruleMet": check.isMet,
                "levels": epa.scale.levels.map { ["code": $0.code, "label": PageValues.text($0.label, language) ?? $0.code, "selected": $0.code == level] },
            ]
            decision["shortfalls"] = check.shortfalls.map { shortfall -> String in
                switch shortfall {
                case .observations(let have, let need):
                    pages.translations.text("shortObservations", language, ["have": "\(have)", "need": "\(need)", "level": level])
                case .observers(let have, let need):
                    pages.translations.text("shortObservers", language, ["have": "\(have)", "need": "\(need)"])
                }
            }
            let basis = Set(check.qualifying)
            var basisRows: [[String: Any]] = []
            for observation in observations where basis.contains(observation.id) {
                basisRows.append(try await observationRow(observation, id: id, language: language))
            }
            decision["basis"] = basisRows
            values["decision"] = decision
        }
        if let problem { values["problem"] = problem }
        return pages.render("learner-epa", title: "\(title) — \(record.learner.name)", values, request: request, context: context, status: status, personal: true)
    }

    private func programmeValues(_ report: ProgressReport, id: Learner.ID, language: String) async throws -> [String: Any] {
        let table = pages.translations.table(language)
        let programme = try await service.catalogue.resolve(.programme, EntityReference(report.enrolment.programme.code, version: report.enrolment.programme.version))
        let programmeTitle = programme.flatMap { entity -> String? in
            if case .programme(let programme) = entity { return PageValues.text(programme.title, language) }
            return nil
        } ?? report.enrolment.programme.code
        var values: [String: Any] = ["title": programmeTitle, "href": PageValues.href(.programme, report.enrolment.programme.code),
                                     "cohort": report.enrolment.cohort, "percent": report.progress.percent]
        switch report.phases.current {
        case .phase(let code):
            let phase = report.phases.phases.first { $0.code == code }
            values["position"] = phase.flatMap { PageValues.text($0.title, language) } ?? code
        case .finalRequirements: values["position"] = table["finalRequirements"] ?? ""
        case .completed: values["position"] = table["programmeComplete"] ?? ""
        }
        values["phases"] = report.phases.phases.map { phase -> [String: Any] in
            ["title": PageValues.text(phase.title, language) ?? phase.code, "done": phase.isComplete,
             "state": table[phase.isComplete ? "phaseDone" : "phaseOpen"] ?? ""]
        }
        var nextUnits: [[String: Any]] = []
        for unit in report.phases.toNextPhase.units {
            var row: [String: Any] = ["code": unit.code, "href": PageValues.href(.unit, unit.code), "title": unit.code]
            if case .unit(let resolved)? = try await service.catalogue.resolve(.unit, unit) { row["title"] = PageValues.text(resolved.title, language) ?? unit.code }
            nextUnits.append(row)
        }
        values["nextUnits"] = nextUnits
        var nextEPAs: [[String: Any]] = []
        for gap in report.phases.toNextPhase.epaLevels {
            nextEPAs.append(["title": try await epaTitle(gap.epa.code, language), "href": "/learners/\(id)/epas/\(gap.epa.code)",
                             "current": gap.currentLevel ?? table["noDecisionYet"] ?? "", "target": gap.targetLevel])
        }
        values["nextEPAs"] = nextEPAs
        values["nothingNext"] = nextUnits.isEmpty && nextEPAs.isEmpty
        var epas: [[String: Any]] = []
        for epa in report.progress.epas {
            epas.append(["title": try await epaTitle(epa.epa.code, language), "href": "/learners/\(id)/epas/\(epa.epa.code)",
                         "current": epa.currentLevel ?? table["noDecisionYet"] ?? "", "target": epa.targetLevel,
                         "percent": PageValues.percent(epa.share), "observations": report.observationCounts[epa.epa.code] ?? 0])
        }
        values["epas"] = epas
        return values
    }

    private func dueRows(_ due: [ReentrustmentDue], language: String) async throws -> [[String: Any]] {
        var rows: [[String: Any]] = []
        for item in due {
            let reasons = item.reasons.map { reason -> String in
                switch reason {
                case .validityEnds(let day, _): pages.translations.text("validityEnds", language, ["day": day.description])
                case .skillsFading: pages.translations.text("skillsFadingReason", language)
                }
            }
            rows.append(["code": item.epa.code, "epa": try await epaTitle(item.epa.code, language), "level": item.level, "reasons": reasons.joined(separator: "; ")])
        }
        return rows
    }

    private func observationRow(_ observation: Observation, id: Learner.ID, language: String) async throws -> [String: Any] {
        var row: [String: Any] = ["date": observation.date.description, "level": observation.level, "observer": observation.observer.name,
                                  "feedback": observation.feedback, "epa": try await epaTitle(observation.epa.code, language),
                                  "href": "/learners/\(id)/epas/\(observation.epa.code)"]
        // How the mentor's signature was known to be theirs; staff-recorded observations name their account instead.
        if let method = observation.identityMethod { row["identity"] = pages.translations.text("identity.\(method.rawValue)", language, [:]) }
        return row
    }

    private func epaTitle(_ code: String, _ language: String) async throws -> String {
        if case .epa(let epa)? = try await service.catalogue.resolve(.epa, EntityReference(code)) { return PageValues.text(epa.title, language) ?? code }
        return code
    }

    private func learnerID(_ context: Context) throws -> Learner.ID {
        try Learner.ID(validating: try context.parameters.require("learner"))
    }
}

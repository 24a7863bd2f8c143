import ErkendCore
import Foundation

/// How a draft EPA or programme reads as the fields of its edit form, and back. Rows are
/// numbered (`level-0-code`, `phase-1-units`, `group-0-choose`); a row with its remove box
/// ticked, or with an empty code, is left out. What the form does not show (English
/// descriptions, outcomes, skills) is kept from the stored draft.
enum DraftForms {
    // MARK: - EPAs

    static func fields(_ epa: EPA) -> FormFields {
        var f = FormFields([:])
        f["code"] = epa.code
        f["titleNl"] = epa.title["nl"]
        f["titleEn"] = epa.title["en"]
        f["descriptionNl"] = epa.description["nl"]
        f["nlqf"] = epa.level.nlqf.map(String.init)
        f["halfLife"] = epa.skillHalfLifeYears.map(number)
        f["scaleId"] = epa.scale.id
        f["scaleTitleNl"] = epa.scale.title["nl"]
        for (index, level) in epa.scale.levels.enumerated() {
            f["level-\(index)-code"] = level.code
            f["level-\(index)-supervision"] = String(level.supervision)
            f["level-\(index)-labelNl"] = level.label["nl"]
            f["level-\(index)-labelEn"] = level.label["en"]
            f["level-\(index)-descriptionNl"] = level.description["nl"]
        }
        f["minimumObservations"] = String(epa.decisionRule.minimumObservations)
        f["minimumObservers"] = String(epa.decisionRule.minimumObservers)
        f["windowMonths"] = epa.decisionRule.windowMonths.map(String.init)
        return f
    }

    static func epa(_ f: FormFields, base: EPA?) throws -> EPA {
        let code = f.text("code") ?? base?.code ?? ""
        var epa = base ?? EPA(code: code, title: LocalizedText())
        epa.code = code
        epa.title["nl"] = f.text("titleNl")
        epa.title["en"] = f.text("titleEn")
        epa.description["nl"] = f.text("descriptionNl")
        epa.level.nlqf = try f.int("nlqf")
        epa.skillHalfLifeYears = try f.decimal("halfLife")
        var levels: [EntrustmentScale.Level] = []
        for index in 0..<f.rowCount("level") where f.text("level-\(index)-remove") == nil {
            guard let levelCode = f.text("level-\(index)-code") else { continue }
            let old = base?.scale.level(levelCode)
            guard let supervision = try f.int("level-\(index)-supervision") else {
                throw ErkendError.invalid("level-\(index)-supervision", "level \(levelCode) needs a degree of supervision from 1 to 5")
            }
            var label = old?.label ?? LocalizedText()
            label["nl"] = f.text("level-\(index)-labelNl")
            label["en"] = f.text("level-\(index)-labelEn")
            var description = old?.description ?? LocalizedText()
            description["nl"] = f.text("level-\(index)-descriptionNl")
            levels.append(EntrustmentScale.Level(code: levelCode, supervision: supervision, label: label, description: description))
        }
        var scaleTitle = epa.scale.title
        scaleTitle["nl"] = f.text("scaleTitleNl")
        epa.scale = EntrustmentScale(id: f.text("scaleId") ?? epa.scale.id, title: scaleTitle, levels: levels)
        epa.decisionRule = DecisionRule(minimumObservations: try f.int("minimumObservations") ?? DecisionRule.standard.minimumObservations,
                                        minimumObservers: try f.int("minimumObservers") ?? DecisionRule.standard.minimumObservers,
                                        windowMonths: try f.int("windowMonths"))
        return epa
    }

    // MARK: - Programmes

    static func fields(_ programme: Programme) -> FormFields {
        var f = FormFields([:])
        f["code"] = programme.code
        f["titleNl"] = programme.title["nl"]
        f["titleEn"] = programme.title["en"]
        f["sector"] = programme.sector.rawValue
        f["crebo"] = programme.crebo
        f["nlqf"] = programme.level.nlqf.map(String.init)
        f["minimumEcts"] = programme.minimumCredits?.ects.map(number)
        for (index, phase) in programme.phases.enumerated() {
            f["phase-\(index)-code"] = phase.code
            f["phase-\(index)-titleNl"] = phase.title["nl"]
            f["phase-\(index)-months"] = phase.durationMonths.map(String.init)
            f["phase-\(index)-units"] = phase.units.map(\.description).joined(separator: ", ")
            f["phase-\(index)-epaTargets"] = phase.epaTargets.map { "\($0.epa)=\($0.level)" }.joined(separator: ", ")
        }
        for (index, group) in programme.choiceGroups.enumerated() {
            f["group-\(index)-code"] = group.code
            f["group-\(index)-titleNl"] = group.title["nl"]
            f["group-\(index)-choose"] = String(group.choose)
            f["group-\(index)-units"] = group.units.map(\.description).joined(separator: ", ")
            f["group-\(index)-phase"] = group.phase
        }
        return f
    }

    static func programme(_ f: FormFields, base: Programme?) throws -> Programme {
        let code = f.text("code") ?? base?.code ?? ""
        var programme = base ?? Programme(code: code, title: LocalizedText())
        programme.code = code
        programme.title["nl"] = f.text("titleNl")
        programme.title["en"] = f.text("titleEn")
        if let sector = f.text("sector") {
            guard let known = Programme.Sector(rawValue: sector) else { throw ErkendError.invalid("sector", "is one of mbo, hbo, wo or other") }
            programme.sector = known
        }
        programme.crebo = f.text("crebo")
        programme.level.nlqf = try f.int("nlqf")
        if let ects = try f.decimal("minimumEcts") {
            var credits = programme.minimumCredits ?? Workload()
            credits.ects = ects
            programme.minimumCredits = credits
        } else if programme.minimumCredits?.sbu == nil {
            programme.minimumCredits = nil
        } else {
            programme.minimumCredits?.ects = nil
        }
        var phases: [Phase] = []
        for index in 0..<f.rowCount("phase") where f.text("phase-\(index)-remove") == nil {
            guard let phaseCode = f.text("phase-\(index)-code") else { continue }
            var phase = base?.phases.first { $0.code == phaseCode } ?? Phase(code: phaseCode, title: LocalizedText())
            phase.title["nl"] = f.text("phase-\(index)-titleNl")
            phase.durationMonths = try f.int("phase-\(index)-months")
            phase.units = try references(f.text("phase-\(index)-units"), field: "phase-\(index)-units")
            phase.epaTargets = try targets(f.text("phase-\(index)-epaTargets"), field: "phase-\(index)-epaTargets")
            phases.append(phase)
        }
        programme.phases = phases
        var groups: [ChoiceGroup] = []
        for index in 0..<f.rowCount("group") where f.text("group-\(index)-remove") == nil {
            guard let groupCode = f.text("group-\(index)-code") else { continue }
            var title = base?.choiceGroups.first { $0.code == groupCode }?.title ?? LocalizedText()
            title["nl"] = f.text("group-\(index)-titleNl")
            guard let choose = try f.int("group-\(index)-choose") else {
                throw ErkendError.invalid("group-\(index)-choose", "say how many units of group \(groupCode) a learner chooses")
            }
            groups.append(ChoiceGroup(code: groupCode, title: title, choose: choose,
                                      units: try references(f.text("group-\(index)-units"), field: "group-\(index)-units"),
                                      phase: f.text("group-\(index)-phase")))
        }
        programme.choiceGroups = groups
        return programme
    }

    /// What was picked from a phase's lists (`phase-N-pickUnit`, `phase-N-pickEpa`) joins the
    /// phase's units or EPA targets, once; the form works the same with or without script.
    static func applyPicks(_ f: inout FormFields) {
        for index in 0..<f.rowCount("phase") {
            for (pick, field) in [("pickUnit", "units"), ("pickEpa", "epaTargets")] {
                guard let picked = f["phase-\(index)-\(pick)"]?.trimmingCharacters(in: .whitespaces), !picked.isEmpty else { continue }
                let current = f["phase-\(index)-\(field)"]?.trimmingCharacters(in: .whitespaces) ?? ""
                let items = current.split(whereSeparator: { $0 == "," || $0 == ";" }).map { $0.trimmingCharacters(in: .whitespaces) }
                if !items.contains(picked) { f["phase-\(index)-\(field)"] = current.isEmpty ? picked : current + ", " + picked }
                f["phase-\(index)-\(pick)"] = nil
            }
        }
    }

    /// Codes separated by commas, semicolons or spaces; `CODE@2` pins a version.
    static func references(_ text: String?, field: String) throws -> [EntityReference] {
        try items(text).map { item in
            do { return try EntityReference(parsing: item) } catch {
                throw ErkendError.invalid(field, "'\(item)' is not a code; write codes separated by commas, such as SD-U1, SD-U2")
            }
        }
    }

    /// EPA targets as `EPA-CODE=LEVEL`, separated by commas.
    static func targets(_ text: String?, field: String) throws -> [EPATarget] {
        try items(text).map { item in
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty, let epa = try? EntityReference(parsing: parts[0]) else {
                throw ErkendError.invalid(field, "'\(item)' is not a target; write the EPA's code, '=' and the level, such as SD-EPA-1=3")
            }
            return EPATarget(epa: epa, level: parts[1])
        }
    }

    private static func items(_ text: String?) -> [String] {
        guard let text else { return [] }
        // Around '=' no separator: "SD-EPA-1 = 3" is one target.
        let joined = text.replacingOccurrences(of: #"\s*=\s*"#, with: "=", options: .regularExpression)
        return joined.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    // MARK: - Anchors

    /// The id of the form field a validation finding or a shape error is about (`phases[1].epaTargets[0].level`
    /// → `phase-1-epaTargets`), or `nil` when the form has no such field.
    static func anchor(_ kind: CatalogueKind, _ path: String) -> String? {
        // A form field's own name (from an error of this form) is its id already.
        if path.range(of: #"^(level|phase|group)-\d+-[A-Za-z]+$"#, options: .regularExpression) != nil { return path }
        let steps = path.split(separator: ".").map(String.init)
        guard let first = steps.first else { return nil }
        let (name, index) = step(first)
        let second = steps.count > 1 ? step(steps[1]).name : nil
        switch kind {
        case .epa:
            switch name {
            case "code", "nlqf", "halfLife", "scaleId", "titleNl", "titleEn", "descriptionNl", "minimumObservations", "minimumObservers", "windowMonths": return name
            case "title": return "titleNl"
            case "level": return "nlqf"
            case "skillHalfLifeYears": return "halfLife"
            case "decisionRule": return second.flatMap { ["minimumObservations", "minimumObservers", "windowMonths"].contains($0) ? $0 : nil } ?? "minimumObservations"
            case "scale":
                guard second == "levels", steps.count > 1, let row = step(steps[1]).index else { return "scaleId" }
                let field = steps.count > 2 ? steps[2] : "code"
                return "level-\(row)-" + (["supervision": "supervision", "label": "labelNl", "description": "descriptionNl"][field] ?? "code")
            default: return nil
            }
        case .programme:
            switch name {
            case "code", "titleNl", "titleEn", "sector", "crebo", "nlqf", "minimumEcts": return name
            case "title": return "titleNl"
            case "level": return "nlqf"
            case "minimumCredits": return "minimumEcts"
            case "phases":
                guard let index else { return "phase-0-code" }
                let field = ["units": "units", "epaTargets": "epaTargets", "durationMonths": "months", "title": "titleNl"][second ?? ""] ?? "code"
                return "phase-\(index)-\(field)"
            case "choiceGroups":
                guard let index else { return "group-0-code" }
                let field = ["units": "units", "choose": "choose", "phase": "phase", "title": "titleNl"][second ?? ""] ?? "code"
                return "group-\(index)-\(field)"
            default: return nil
            }
        default:
            return nil
        }
    }

    /// `phases[2]` → ("phases", 2); `title` → ("title", nil).
    private static func step(_ text: String) -> (name: String, index: Int?) {
        guard let open = text.firstIndex(of: "["), text.hasSuffix("]") else { return (text, nil) }
        return (String(text[..<open]), Int(text[text.index(after: open)..<text.index(before: text.endIndex)]))
    }
}

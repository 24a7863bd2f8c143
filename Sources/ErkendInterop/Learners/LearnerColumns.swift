import Foundation

/// What the columns of a learner file mean. Names are matched after
/// `normalized(_:)`, so `Studentnummer`, `BPV start` and `Praktijkopleider
/// e-mail` are found as people type them, in Dutch or in English.
struct LearnerColumns {
    enum Field: CaseIterable, Hashable {
        case id, studentNumber, name, firstName, namePrefix, lastName, email, dateOfBirth
        case programme, cohort, startDate
        case workplace, department, kind, placementStart, placementEnd

        /// The accepted names, normalised; the first is the one messages use, the second its English name.
        var names: [String] {
            switch self {
            case .id: ["id"]
            case .studentNumber: ["studentnummer", "student_number", "deelnemernummer"]
            case .name: ["naam", "name"]
            case .firstName: ["roepnaam", "first_name", "voornaam"]
            case .namePrefix: ["tussenvoegsel", "name_prefix"]
            case .lastName: ["achternaam", "last_name"]
            case .email: ["email", "emailadres"]
            case .dateOfBirth: ["geboortedatum", "date_of_birth"]
            case .programme: ["opleiding", "programme"]
            case .cohort: ["cohort"]
            case .startDate: ["startdatum", "start_date"]
            case .workplace: ["leerbedrijf", "workplace"]
            case .department: ["afdeling", "department"]
            case .kind: ["soort", "kind"]
            case .placementStart: ["bpv_start", "placement_start"]
            case .placementEnd: ["bpv_eind", "placement_end"]
            }
        }

        /// How messages name a missing column: `studentnummer (or student_number)`.
        var displayName: String {
            names.count > 1 && names[1] != names[0] ? "\(names[0]) (or \(names[1]))" : names[0]
        }

        static let enrolment: [Field] = [.programme, .cohort, .startDate]
        static let placement: [Field] = [.workplace, .department, .kind, .placementStart, .placementEnd]
    }

    /// The columns of one mentor on a placement.
    struct MentorSlot {
        /// `praktijkopleider`, `werkbegeleider` or `mentor`, as normalised.
        var role: String
        /// 1 for the unnumbered set, 2 for `_2`, and so on.
        var number: Int
        var name: CSVColumn?
        var email: CSVColumn?
        var phone: CSVColumn?

        var nameColumnName: String { number == 1 ? role : "\(role)_\(number)" }
        var columns: [CSVColumn] { [name, email, phone].compactMap { $0 } }
    }

    enum MentorPart: CaseIterable {
        case name, email, phone

        var names: [String] {
            switch self {
            case .name: ["", "naam", "name"]
            case .email: ["email", "emailadres"]
            case .phone: ["telefoon", "phone", "telefoonnummer"]
            }
        }
    }

    /// The roles mentor columns start with; placements list their mentors in this order.
    static let mentorRoles = ["praktijkopleider", "werkbegeleider", "mentor"]

    private(set) var fields: [Field: CSVColumn] = [:]
    /// By role (in `mentorRoles` order), then number.
    private(set) var mentors: [MentorSlot] = []
    /// Columns left alone, as the file writes them: a student administration
    /// export has many more columns than a learner import needs.
    private(set) var ignored: [String] = []
    /// Ignored columns whose name is close to a column the file lacks, with that name: likely typos.
    private(set) var lookalikes: [(written: String, meant: String)] = []

    /// Maps the header; problems with it (a required column missing, two
    /// columns for one thing, a name that looks like a typo) go to `problems` at line 1.
    init(header: CSVHeader, problems: inout LearnerImportProblems) {
        // The reader splits on commas only; a semicolon file reads as one column, and every other message would mislead.
        if header.names.contains(where: { $0.contains(";") }) {
            problems.add(line: 1, column: nil, "the columns are separated by semicolons, as Excel saves CSV with Dutch settings; "
                         + "save the file comma-separated (or replace the separators) and import it again")
            return
        }
        var slots: [String: MentorSlot] = [:]
        for (index, written) in header.names.enumerated() where !written.isEmpty {
            let column = CSVColumn(index: index, name: written)
            let name = Self.normalized(written)
            if let field = Field.allCases.first(where: { $0.names.contains(name) }) {
                if let other = fields[field] {
                    problems.add(line: 1, column: written, "this column and '\(other.name)' both give the \(field.displayName); keep one of them")
                } else {
                    fields[field] = column
                }
                continue
            }
            switch Self.mentorColumn(name) {
            case .none:
                ignored.append(written)
            case .some(.unknownPart(let role)):
                problems.add(line: 1, column: written,
                             "this column is not known; a mentor's columns are \(role), \(role)_email and \(role)_telefoon, with _2, _3… for more mentors")
            case .some(.column(let role, let number, let part)):
                let key = "\(role)_\(number)"
                var slot = slots[key] ?? MentorSlot(role: role, number: number)
                let existing: CSVColumn?
                switch part {
                case .name: existing = slot.name; slot.name = slot.name ?? column
                case .email: existing = slot.email; slot.email = slot.email ?? column
                case .phone: existing = slot.phone; slot.phone = slot.phone ?? column
                }
                if let existing {
                    problems.add(line: 1, column: written, "this column and '\(existing.name)' are for the same mentor detail; keep one of them")
                }
                slots[key] = slot
            }
        }
        mentors = slots.values.sorted {
            (Self.mentorRoles.firstIndex(of: $0.role) ?? 0, $0.number) < (Self.mentorRoles.firstIndex(of: $1.role) ?? 0, $1.number)
        }
        // Only names of fields the file lacks: `bpv_status` beside `bpv_start` is a column of its own, not a typo.
        let absent = Field.allCases.filter { fields[$0] == nil }.flatMap(\.names)
        lookalikes = ignored.compactMap { written in
            FieldSuggestion.closest(to: Self.normalized(written), among: absent).map { (written, $0) }
        }
        checkRequired(&problems)
    }

    subscript(field: Field) -> CSVColumn? { fields[field] }

    func has(_ field: Field) -> Bool { fields[field] != nil }

    var hasEnrolment: Bool { Field.enrolment.contains { has($0) } }
    var hasPlacement: Bool { Field.placement.contains { has($0) } || !mentors.isEmpty }

    private func checkRequired(_ problems: inout LearnerImportProblems) {
        func missing(_ field: Field, _ why: String) {
            let typo = lookalikes.first { field.names.contains($0.meant) }.map { " (is '\($0.written)' meant to be \($0.meant)?)" } ?? ""
            problems.add(line: 1, column: field.displayName, code: .columnMissing, "the column is missing\(typo); \(why)")
        }
        if !has(.studentNumber) && !has(.id) {
            missing(.studentNumber, "every learner needs a student number (or give an id column)")
        }
        if !has(.name) && !has(.lastName) {
            missing(.name, "every learner needs a name (or give achternaam, with roepnaam and tussenvoegsel)")
        }
        if hasEnrolment {
            for field in Field.enrolment where !has(field) {
                missing(field, "an enrolment needs opleiding, cohort and startdatum")
            }
        }
        if hasPlacement {
            if !hasEnrolment {
                missing(.programme, "a placement belongs to an enrolment: give opleiding, cohort and startdatum too")
            }
            // At school "mentor" is also the learner's coach; an export naming that column so reads as a workplace mentor.
            let onlyMentors = !Field.placement.contains { has($0) }
            let coach = onlyMentors ? "; mentor columns are for workplace mentors: rename a column with the school's mentor (coach, SLB) to leave it out" : ""
            for field in [Field.workplace, .placementStart] where !has(field) {
                missing(field, "a placement needs leerbedrijf and bpv_start\(coach)")
            }
        }
        for slot in mentors where slot.name == nil {
            let written = slot.columns.map(\.name).joined(separator: ", ")
            problems.add(line: 1, column: slot.nameColumnName, "the column is missing; '\(written)' belongs to a mentor whose name this column gives")
        }
    }

    // MARK: Names

    /// Lower case, `e-mail` as `email`, spaces, hyphens and dots as single underscores.
    static func normalized(_ name: String) -> String {
        let lowered = name.lowercased().replacingOccurrences(of: "e-mail", with: "email")
        var result = ""
        for character in lowered {
            if character == " " || character == "-" || character == "." || character == "_" {
                if !result.isEmpty && !result.hasSuffix("_") { result.append("_") }
            } else {
                result.append(character)
            }
        }
        return result.hasSuffix("_") ? String(result.dropLast()) : result
    }

    private enum MentorColumn {
        case column(role: String, number: Int, part: MentorPart)
        case unknownPart(role: String)
    }

    /// Reads `praktijkopleider`, `praktijkopleider_email_2`, `mentor_phone`…;
    /// the number may come before or after the detail (`praktijkopleider_2_email` too).
    private static func mentorColumn(_ name: String) -> MentorColumn? {
        var words = name.split(separator: "_").map(String.init)
        guard let role = words.first, mentorRoles.contains(role) else { return nil }
        words.removeFirst()
        var number = 1
        if let index = words.firstIndex(where: { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) {
            guard let value = Int(words[index]), (1...99).contains(value) else { return .unknownPart(role: role) }
            number = value
            words.remove(at: index)
        }
        let rest = words.joined(separator: "_")
        guard let part = MentorPart.allCases.first(where: { $0.names.contains(rest) }) else { return .unknownPart(role: role) }
        return .column(role: role, number: number, part: part)
    }
}

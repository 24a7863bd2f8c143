import ErkendCore

/// Turns the records of a learner file into import rows, one record at a
/// time, collecting every problem instead of stopping at the first. Keeps
/// what spans rows: which learners were seen where, the programmes resolved,
/// and each mentor as first met (mentors recur on many rows).
struct LearnerRowBuilder {
    typealias Field = LearnerColumns.Field

    let columns: LearnerColumns
    private(set) var problems: LearnerImportProblems
    private var learnerLines: [Learner.ID: Int] = [:]
    private var studentNumberLines: [String: Int] = [:]
    private var programmes: [String: Result<ExactReference, LearnerCell.Problem>] = [:]
    private var mentors: [Mentor.ID: (mentor: Mentor, line: Int)] = [:]

    init(columns: LearnerColumns, source: String) {
        self.columns = columns
        self.problems = LearnerImportProblems(source: source)
    }

    /// The row of `record`, or `nil` when it has a problem (recorded in `problems`).
    /// The row's `mentors` are filled in by `finished(_:)`, once every row has been read.
    mutating func row(from record: CSVRecord, resolveProgramme: (String) throws -> ExactReference) -> LearnerImportRow? {
        let before = problems.count
        let learner = learner(from: record)
        let enrolment = enrolment(from: record, learner: learner?.id, resolveProgramme: resolveProgramme)
        let placement = placement(from: record, learner: learner?.id, enrolment: enrolment)
        guard problems.count == before, let learner else { return nil }
        return LearnerImportRow(line: record.line, learner: learner, enrolment: enrolment, placement: placement)
    }

    /// The rows with each placement's mentors, every mentor as merged over the whole file.
    func finished(_ rows: [LearnerImportRow]) -> [LearnerImportRow] {
        rows.map { row in
            var row = row
            row.mentors = row.placement?.mentors.compactMap { mentors[$0]?.mentor } ?? []
            return row
        }
    }

    // MARK: Cells

    private func cell(_ field: Field, _ record: CSVRecord) -> String? {
        LearnerCell.text(record[ifPresent: columns[field]])
    }

    /// The column as the file names it, for messages.
    private func columnName(_ field: Field) -> String {
        columns[field]?.name ?? field.names[0]
    }

    private mutating func report(_ field: Field, _ record: CSVRecord, code: LearnerImportProblemCode? = nil, values: [String: String]? = nil,
                                 _ problem: String) {
        problems.add(line: record.line, column: columnName(field), code: code, values: values, problem)
    }

    private mutating func day(_ field: Field, _ record: CSVRecord) -> Day? {
        guard let text = cell(field, record) else { return nil }
        switch LearnerCell.day(text) {
        case .success(let day): return day
        case .failure(let problem): report(field, record, problem.message); return nil
        }
    }

    // MARK: Learner

    private mutating func learner(from record: CSVRecord) -> Learner? {
        let studentNumber = cell(.studentNumber, record)
        let idField: Field = cell(.id, record) != nil || !columns.has(.studentNumber) ? .id : .studentNumber
        var id: Learner.ID?
        if let text = cell(.id, record) ?? studentNumber {
            if Identifier<Learner>.isValid(text) {
                id = Learner.ID(trusted: text)
            } else {
                report(idField, record, "'\(text.prefix(40))' cannot be a learner's id: use 1 to 128 characters without spaces")
            }
        } else {
            report(idField, record, idField == .id ? "the id is empty; every learner needs one" : "the student number is empty; every learner needs one")
        }
        var duplicate = false
        if let id {
            if let first = learnerLines[id] {
                let what = idField == .id ? "id \(id)" : "student number \(id)"
                report(idField, record, code: .duplicateRow, values: ["line": String(first)], "\(what) is also on line \(first); give each learner one row")
                duplicate = true
            } else {
                learnerLines[id] = record.line
            }
        }
        if let studentNumber {
            if let first = studentNumberLines[studentNumber] {
                if !duplicate {
                    report(.studentNumber, record, code: .duplicateRow, values: ["line": String(first)], "student number \(studentNumber) is also on line \(first); give each learner one row")
                }
            } else {
                studentNumberLines[studentNumber] = record.line
            }
        }

        let name: String?
        if columns.has(.name) {
            name = cell(.name, record)
        } else {
            let parts = [Field.firstName, .namePrefix, .lastName].compactMap { cell($0, record) }
            name = parts.isEmpty ? nil : parts.joined(separator: " ")
        }
        if name == nil {
            report(columns.has(.name) ? .name : .lastName, record, code: .nameEmpty, "the name is empty; every learner needs a name")
        }
        let email = cell(.email, record)
        if let email, !LearnerCell.isEmailAddress(email) {
            report(.email, record, code: .emailInvalid, values: ["value": String(email.prefix(60))], "'\(email.prefix(60))' is not an e-mail address")
        }
        let dateOfBirth = day(.dateOfBirth, record)
        guard let id, let name else { return nil }
        return Learner(id: id, name: name, studentNumber: studentNumber, email: email, dateOfBirth: dateOfBirth)
    }

    // MARK: Enrolment

    private mutating func enrolment(from record: CSVRecord, learner: Learner.ID?,
                                    resolveProgramme: (String) throws -> ExactReference) -> Enrolment? {
        let cohort = cell(.cohort, record)
        let start = cell(.startDate, record)
        guard let programmeText = cell(.programme, record) else {
            if let workplace = cell(.workplace, record) {
                report(.programme, record, code: .programmeEmpty, "the programme is empty, but the row places the learner at \(workplace); "
                       + "a placement belongs to an enrolment: fill in opleiding, cohort and startdatum")
            } else if hasPlacementCells(record) {
                report(.programme, record, code: .programmeEmpty, "the programme is empty, but the row gives a placement; "
                       + "a placement belongs to an enrolment: fill in opleiding, cohort and startdatum")
            } else if cohort != nil || start != nil {
                report(.programme, record, code: .programmeEmpty, "the programme is empty, but the row gives a cohort or start date; fill in the programme code, such as SD-25604")
            }
            return nil
        }
        let programme = resolve(programmeText, resolveProgramme)
        if case .failure(let problem) = programme { report(.programme, record, problem.message) }
        if cohort == nil {
            report(.cohort, record, code: .cohortEmpty, "the cohort is empty; give the group the learner started with, such as 2025-2026")
        }
        let startDay = day(.startDate, record)
        if start == nil {
            report(.startDate, record, code: .startDateEmpty, "the start date is empty; \(LearnerCell.dayForms)")
        }
        guard let learner, case .success(let reference) = programme, let cohort, let startDay else { return nil }
        let id = LearnerImportIDs.enrolment(learner: learner, programmeCode: reference.code, start: startDay)
        guard Identifier<Enrolment>.isValid(id) else {
            report(.programme, record, "the enrolment's id \(id.prefix(40))… would be over 128 characters; use a shorter learner id")
            return nil
        }
        return Enrolment(id: Enrolment.ID(trusted: id), learner: learner, programme: reference, startDate: startDay, cohort: cohort)
    }

    /// Asks the resolver once per distinct text: a cohort of 300 names the same two programmes.
    private mutating func resolve(_ text: String, _ resolveProgramme: (String) throws -> ExactReference) -> Result<ExactReference, LearnerCell.Problem> {
        if let known = programmes[text] { return known }
        let result: Result<ExactReference, LearnerCell.Problem>
        do {
            result = .success(try resolveProgramme(text))
        } catch let error as ErkendError {
            result = .failure(LearnerCell.Problem(message: error.message))
        } catch {
            result = .failure(LearnerCell.Problem(message: "'\(text)' cannot be resolved: \(error)"))
        }
        programmes[text] = result
        return result
    }

    // MARK: Placement

    /// Whether the row gives a placement. `soort` alone does not: a spreadsheet
    /// may fill in `bpv` on every row, also for learners not placed yet.
    private func hasPlacementCells(_ record: CSVRecord) -> Bool {
        Field.placement.contains { $0 != .kind && cell($0, record) != nil }
            || columns.mentors.contains { slot in slot.columns.contains { LearnerCell.text(record[$0]) != nil } }
    }

    private mutating func placement(from record: CSVRecord, learner: Learner.ID?, enrolment: Enrolment?) -> Placement? {
        guard hasPlacementCells(record) else { return nil }
        let workplace = cell(.workplace, record)
        if workplace == nil {
            report(.workplace, record, code: .workplaceEmpty, "the workplace is empty, but the row gives a placement; name the leerbedrijf")
        }
        var kind = Placement.Kind.bpv
        if let text = cell(.kind, record) {
            if let parsed = Placement.Kind(rawValue: text.lowercased()) {
                kind = parsed
            } else {
                let allowed = Placement.Kind.allCases.map(\.rawValue)
                report(.kind, record, code: .kindUnknown, values: ["value": String(text.prefix(40))], "'\(text.prefix(40))' is not a kind of placement; use \(allowed.dropLast().joined(separator: ", ")) or \(allowed.last ?? "")")
            }
        }
        let start = day(.placementStart, record)
        if cell(.placementStart, record) == nil {
            report(.placementStart, record, code: .placementStartEmpty, "the placement's start date is empty; \(LearnerCell.dayForms)")
        }
        let end = day(.placementEnd, record)
        if let start, let end, end < start {
            report(.placementEnd, record, code: .placementEndsBeforeStart, values: ["end": end.description, "start": start.description], "the placement ends (\(end)) before it starts (\(start))")
        }
        let mentorIDs = workplace.map { mentors(from: record, organisation: $0) } ?? []
        guard let learner, let enrolment, let workplace, let start else { return nil }
        let id = LearnerImportIDs.placement(enrolment: enrolment.id, start: start)
        guard Identifier<Placement>.isValid(id) else {
            report(.placementStart, record, "the placement's id \(id.prefix(40))… would be over 128 characters; use a shorter learner id")
            return nil
        }
        return Placement(id: Placement.ID(trusted: id), learner: learner, enrolment: enrolment.id, organisation: workplace,
                         department: cell(.department, record), kind: kind, startDate: start, endDate: end, mentors: mentorIDs)
    }

    /// The ids of the row's mentors in column order, each once. A mentor met
    /// before keeps the details first given, gains the ones it lacked, and
    /// must have the same name: two people cannot share one e-mail address.
    private mutating func mentors(from record: CSVRecord, organisation: String) -> [Mentor.ID] {
        var ids: [Mentor.ID] = []
        for slot in columns.mentors {
            let name = LearnerCell.text(record[ifPresent: slot.name])
            let email = LearnerCell.text(record[ifPresent: slot.email])
            let phone = LearnerCell.text(record[ifPresent: slot.phone])
            guard let name else {
                if email != nil || phone != nil {
                    problems.add(line: record.line, column: slot.name?.name ?? slot.nameColumnName,
                                 "the mentor's name is empty, but the row gives their e-mail address or phone number")
                }
                continue
            }
            if let email, !LearnerCell.isEmailAddress(email) {
                problems.add(line: record.line, column: slot.email?.name, "'\(email.prefix(60))' is not an e-mail address")
                continue
            }
            let mentor = Mentor(id: LearnerImportIDs.mentor(email: email, organisation: organisation, name: name),
                                name: name, organisation: organisation, email: email, phone: phone)
            if var known = mentors[mentor.id] {
                guard LearnerImportIDs.folded(known.mentor.name) == LearnerImportIDs.folded(mentor.name) else {
                    problems.add(line: record.line, column: slot.name?.name,
                                 "\(email ?? name) is \(known.mentor.name)'s on line \(known.line), not \(name)'s; "
                                 + "one e-mail address is one mentor: give each their own, or leave it empty")
                    continue
                }
                known.mentor.phone = known.mentor.phone ?? phone
                mentors[mentor.id] = known
            } else {
                mentors[mentor.id] = (mentor, record.line)
            }
            if !ids.contains(mentor.id) { ids.append(mentor.id) }
        }
        return ids
    }
}

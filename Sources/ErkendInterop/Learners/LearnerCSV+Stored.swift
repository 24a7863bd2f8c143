public import ErkendCore

extension LearnerCSV {
    /// Rows ready to store, and what the merge kept against the file.
    public struct Merged: Sendable {
        public var rows: [LearnerImportRow]
        /// An enrolment that stays on its stored programme version although the
        /// file names another (`file:line`, what was kept), for telling whoever imports.
        public var notes: [ErkendError.Detail]
    }

    /// The rows with stored values kept wherever the file is silent, so that
    /// a BPV coordinator's spreadsheet imported after the administration's
    /// export does not erase what only the export holds:
    /// - a column the file does not have leaves the stored value as it is
    ///   (a learner's e-mail address, date of birth and student number; a
    ///   placement's department, kind, end and mentors); an empty cell in a
    ///   column the file has clears it, except a mentor's phone number, which
    ///   the same mentor may have on one row and not on the next;
    /// - a stored enrolment keeps its programme version, status and end: an
    ///   enrolment's version fixes what applies to the learner, and the file
    ///   says neither status nor end (re-importing must not make a withdrawn
    ///   learner active again, nor move anyone to the programme's newer version).
    public func merging(_ rows: [LearnerImportRow], with stored: StoredLearnerRecords) -> Merged {
        var notes: [ErkendError.Detail] = []
        let merged = rows.map { row in
            var row = row
            if let old = stored.learners[row.learner.id] {
                if !columns.has(.email) { row.learner.email = old.email }
                if !columns.has(.dateOfBirth) { row.learner.dateOfBirth = old.dateOfBirth }
                if !columns.has(.studentNumber) { row.learner.studentNumber = old.studentNumber }
            }
            if var enrolment = row.enrolment, let old = stored.enrolments[enrolment.id] {
                if enrolment.programme != old.programme {
                    notes.append(CSVProblem.warning(
                        file: source, line: row.line, column: columns[.programme]?.name,
                        "enrolment \(enrolment.id) stays on \(old.programme), the version it started on; the file names \(enrolment.programme)"))
                }
                enrolment.programme = old.programme
                enrolment.status = old.status
                enrolment.endDate = old.endDate
                row.enrolment = enrolment
            }
            if var placement = row.placement, let old = stored.placements[placement.id] {
                if !columns.has(.department) { placement.department = old.department }
                if !columns.has(.kind) { placement.kind = old.kind }
                if !columns.has(.placementEnd) { placement.endDate = old.endDate }
                if columns.mentors.isEmpty { placement.mentors = old.mentors }
                row.placement = placement
            }
            row.mentors = row.mentors.map { mentor in
                var mentor = mentor
                if mentor.phone == nil { mentor.phone = stored.mentors[mentor.id]?.phone }
                return mentor
            }
            return row
        }
        return Merged(rows: merged, notes: notes)
    }
}

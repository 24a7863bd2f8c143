import ErkendCore

/// Collects every problem of a learner file, so that whoever fixes the file
/// sees all of them at once instead of one per attempt.
struct LearnerImportProblems {
    private struct Problem {
        var line: Int
        var column: String?
        var text: String
        var code: String?
        var values: [String: String]?
    }

    let source: String
    private var problems: [Problem] = []

    init(source: String) {
        self.source = source
    }

    var isEmpty: Bool { problems.isEmpty }
    var count: Int { problems.count }

    /// Records a problem at `line` (1 is the header) in the column named as the file writes it.
    /// `code` names the kind of problem (`LearnerImportProblemCode`) so pages can say it in Dutch.
    mutating func add(line: Int, column: String?, code: LearnerImportProblemCode? = nil, values: [String: String]? = nil, _ problem: String) {
        problems.append(Problem(line: line, column: column, text: problem, code: code?.rawValue, values: values))
    }

    /// Throws one `.importFailed` error holding every problem as a detail
    /// (`file:line`, `column C: problem`), or does nothing when there are none.
    /// A single problem reads as the CSV reader's errors do: "file, line N, column C: problem".
    func check() throws {
        guard let first = problems.first else { return }
        let details = problems.map { problem in
            var detail = CSVProblem.warning(file: source, line: problem.line, column: problem.column, problem.text)
            detail.code = problem.code.map { "learners.\($0)" }
            detail.values = problem.values
            return detail
        }
        if problems.count == 1 {
            let place = [source, "line \(first.line)"] + (first.column.map { ["column \($0)"] } ?? [])
            throw ErkendError(.importFailed, "\(place.joined(separator: ", ")): \(first.text)", details: details)
        }
        throw ErkendError(.importFailed, "\(source) has \(problems.count) problems; nothing was imported", details: details)
    }
}

/// The kinds of problem in a learner file that pages translate (`imports.problem.learners.CODE`);
/// the English words of each stay in the detail's message.
public enum LearnerImportProblemCode: String, Sendable, CaseIterable {
    case noLearners, columnMissing, nameEmpty, emailInvalid, programmeEmpty, cohortEmpty, startDateEmpty
    case workplaceEmpty, placementStartEmpty, placementEndsBeforeStart, kindUnknown, duplicateRow
}

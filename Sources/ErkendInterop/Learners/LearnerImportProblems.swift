import ErkendCore

/// Collects every problem of a learner file, so that whoever fixes the file
/// sees all of them at once instead of one per attempt.
struct LearnerImportProblems {
    private struct Problem {
        var line: Int
        var column: String?
        var text: String
    }

    let source: String
    private var problems: [Problem] = []

    init(source: String) {
        self.source = source
    }

    var isEmpty: Bool { problems.isEmpty }
    var count: Int { problems.count }

    /// Records a problem at `line` (1 is the header) in the column named as the file writes it.
    mutating func add(line: Int, column: String?, _ problem: String) {
        problems.append(Problem(line: line, column: column, text: problem))
    }

    /// Throws one `.importFailed` error holding every problem as a detail
    /// (`file:line`, `column C: problem`), or does nothing when there are none.
    /// A single problem reads as the CSV reader's errors do: "file, line N, column C: problem".
    func check() throws {
        guard let first = problems.first else { return }
        let details = problems.map { CSVProblem.warning(file: source, line: $0.line, column: $0.column, $0.text) }
        if problems.count == 1 {
            let place = [source, "line \(first.line)"] + (first.column.map { ["column \($0)"] } ?? [])
            throw ErkendError(.importFailed, "\(place.joined(separator: ", ")): \(first.text)", details: details)
        }
        throw ErkendError(.importFailed, "\(source) has \(problems.count) problems; nothing was imported", details: details)
    }
}

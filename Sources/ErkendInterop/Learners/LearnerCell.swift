import ErkendCore
import Foundation

/// How the cells of a learner file are read: trimmed text, days, e-mail addresses.
enum LearnerCell {
    /// A cell that cannot be read, with what to write instead.
    struct Problem: Error {
        var message: String
    }

    /// The forms a day may be written in, for messages.
    static let dayForms = "write it as YYYY-MM-DD (2025-09-01) or DD-MM-YYYY (01-09-2025)"

    /// The cell without surrounding white space; `nil` when nothing is left.
    static func text(_ cell: String?) -> String? {
        guard let trimmed = cell?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// `YYYY-MM-DD`, or `D-M-YYYY` as Dutch spreadsheets write days (with `-`
    /// or `/`). Day-first is the only order the Netherlands writes, so the two
    /// forms cannot be confused: the four-digit year is at one end or the other.
    static func day(_ text: String) -> Result<Day, Problem> {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            return .failure(Problem(message: "'\(text.prefix(40))' is not a date; \(dayForms)"))
        }
        let numbers = parts.compactMap { Int($0) }
        let year: Int, month: Int, day: Int
        if parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2, text.contains("-") {
            (year, month, day) = (numbers[0], numbers[1], numbers[2])
        } else if parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2 {
            (year, month, day) = (numbers[2], numbers[1], numbers[0])
        } else {
            return .failure(Problem(message: "'\(text.prefix(40))' is not a date; \(dayForms)"))
        }
        do {
            return .success(try Day(year: year, month: month, day: day))
        } catch {
            return .failure(Problem(message: "'\(text)' is not a day of the calendar; \(dayForms)"))
        }
    }

    /// Whether `text` has the shape of an e-mail address: one `@`, something
    /// before it, a domain with a dot after it, no spaces. Whether it is
    /// delivered is for the mail server to say.
    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return !text.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
    }
}

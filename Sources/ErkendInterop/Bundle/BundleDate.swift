import Foundation

/// Dates in bundle files: ISO 8601 in UTC with whole seconds, `2025-09-01T08:30:00Z`.
enum BundleDate {
    /// Writes a date; a fraction of a second is dropped, so files stay stable.
    static func format(_ date: Date) -> String {
        let seconds = Date(timeIntervalSince1970: (date.timeIntervalSince1970).rounded(.down))
        return seconds.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    /// Reads `2025-09-01T08:30:00Z`, an offset such as `+02:00` instead of `Z`,
    /// or a bare date `2025-09-01` (midnight UTC).
    static func parse(_ text: String) -> Date? {
        let full = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!)
        if let date = try? full.parse(text) { return date }
        let day = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day()
        if text.count == 10, let date = try? day.parse(text) { return date }
        return nil
    }
}

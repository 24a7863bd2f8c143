public import Foundation

/// A calendar day without a time: observations, decisions and results happen
/// on days, in the Netherlands. Written `YYYY-MM-DD` in JSON. Years run from
/// 1 to 9999; arithmetic that would leave that range stops at its ends.
///
/// Converting from or to a `Date` needs a time zone, because the same instant
/// falls on different days in different places; `Day.netherlands` is the default.
public struct Day: Hashable, Sendable, Codable, Strideable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let year: Int
    public let month: Int
    public let day: Int

    public static let earliest = Day(unchecked: 1, 1, 1)
    public static let latest = Day(unchecked: 9999, 12, 31)

    /// Europe/Amsterdam. The fixed +01:00 fallback only matters on a system without time-zone data.
    public static let netherlands: TimeZone = TimeZone(identifier: "Europe/Amsterdam") ?? TimeZone(secondsFromGMT: 3600)!

    /// Refuses days that do not exist, such as 2025-02-29.
    public init(year: Int, month: Int, day: Int) throws {
        guard (1...9999).contains(year), (1...12).contains(month), (1...Day.daysIn(month: month, year: year)).contains(day) else {
            throw ErkendError.invalid("date", "\(year)-\(month)-\(day) is not a calendar day")
        }
        self.init(unchecked: year, month, day)
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            throw ErkendError.invalid("date", "'\(text.prefix(40))' is not a day written as YYYY-MM-DD")
        }
        try self.init(year: year, month: month, day: day)
    }

    /// For literals in code; a literal that is not a valid day is a programming error.
    public init(stringLiteral value: String) {
        do { try self.init(parsing: value) } catch { preconditionFailure("\(value) is not a day: \(error)") }
    }

    /// The day on which `date` falls in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone = Day.netherlands) {
        let parts = Day.calendar(timeZone).dateComponents([.year, .month, .day], from: date)
        self = Day.clamped(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The instant this day starts (local midnight) in `timeZone`.
    public func start(in timeZone: TimeZone = Day.netherlands) -> Date {
        let components = DateComponents(year: year, month: month, day: day)
        if let date = Day.calendar(timeZone).date(from: components) { return date }
        // Only reached where the calendar cannot represent the day; UTC midnight shifted by the zone is as close as it gets.
        let utc = Date(timeIntervalSince1970: Double(ordinal) * 86_400)
        return utc.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: utc)))
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    // MARK: Arithmetic

    /// Days since 1970-01-01 (negative before it).
    public var ordinal: Int { Day.ordinal(year: year, month: month, day: day) }

    /// The day `ordinal` days after 1970-01-01, saturating at `earliest` and `latest`.
    public init(ordinal: Int) {
        let bounded = min(max(ordinal, Day.earliest.ordinal), Day.latest.ordinal)
        let (year, month, day) = Day.civil(fromOrdinal: bounded)
        self.init(unchecked: year, month, day)
    }

    /// The same day of the month `months` months later (earlier when negative);
    /// when that month is shorter, its last day: 2024-01-31 plus one month is 2024-02-29.
    public func adding(months: Int) -> Day {
        let (total, overflow) = (year * 12 + month - 1).addingReportingOverflow(months)
        if overflow { return months > 0 ? .latest : .earliest }
        let newYear = total >= 0 ? total / 12 : (total - 11) / 12
        let newMonth = total - newYear * 12 + 1
        if newYear < 1 { return .earliest }
        if newYear > 9999 { return .latest }
        return Day(unchecked: newYear, newMonth, min(day, Day.daysIn(month: newMonth, year: newYear)))
    }

    public func adding(days: Int) -> Day { advanced(by: days) }

    /// Whole days from `self` to `other`: positive when `other` is later.
    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    public func distance(to other: Day) -> Int { other.ordinal - ordinal }

    public func advanced(by days: Int) -> Day {
        let (target, overflow) = ordinal.addingReportingOverflow(days)
        if overflow { return days > 0 ? .latest : .earliest }
        return Day(ordinal: target)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // MARK: Coding

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { try self.init(parsing: text) } catch let error as ErkendError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // MARK: Private

    private static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private static func clamped(year: Int, month: Int, day: Int) -> Day {
        if year < 1 { return .earliest }
        if year > 9999 { return .latest }
        return Day(unchecked: year, month, day)
    }

    // Day counting is integer arithmetic on the proleptic Gregorian calendar
    // (the well-known days-from-civil conversion); going through Calendar and
    // Date would bring in a time zone for what is only counting.
    private static func ordinal(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromOrdinal ordinal: Int) -> (Int, Int, Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

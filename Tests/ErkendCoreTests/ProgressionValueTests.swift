import ErkendCore
import Foundation
import PropertyBased
import Testing

@Suite("Progression values: ids, days, exact references")
struct ProgressionValueTests {
    @Test("An id is written as a plain string and read back as the same typed id")
    func identifierCodesAsString() throws {
        let id: Learner.ID = "L-42"

        let data = try JSONEncoder().encode([id])
        let decoded = try JSONDecoder().decode([Learner.ID].self, from: data)

        #expect(String(decoding: data, as: UTF8.self) == #"["L-42"]"#)
        #expect(decoded == [id])
    }

    @Test("An empty id or one with spaces is refused when read")
    func identifierRefusesBlank() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Observation.ID].self, from: Data(#"[""]"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Observation.ID].self, from: Data(#"["a b"]"#.utf8)) }
        #expect(throws: ErkendError.self) { try Mentor.ID(validating: "") }
    }

    @Test("A day is written as YYYY-MM-DD and read back")
    func dayCodes() throws {
        let day = try Day(year: 2025, month: 3, day: 7)

        let data = try JSONEncoder().encode([day])

        #expect(String(decoding: data, as: UTF8.self) == #"["2025-03-07"]"#)
        #expect(try JSONDecoder().decode([Day].self, from: data) == [day])
    }

    @Test("Days that do not exist and other spellings are refused", arguments: ["2025-02-29", "2025-13-01", "2025-04-31", "2025-3-7", "07-03-2025", "2025-03-07T10:00", "0000-01-01"])
    func dayRefusesInvalid(text: String) {
        let error = #expect(throws: ErkendError.self) { try Day(parsing: text) }
        #expect(error?.code == .invalidInput)
    }

    @Test("Leap days exist in leap years only")
    func leapDays() throws {
        #expect(try Day(parsing: "2024-02-29").month == 2)
        #expect(try Day(parsing: "2000-02-29").day == 29)
        #expect(throws: ErkendError.self) { try Day(parsing: "1900-02-29") }
    }

    @Test("Adding months keeps the day of the month, or takes the last day of a shorter month")
    func addingMonths() {
        #expect(Day("2024-01-31").adding(months: 1) == "2024-02-29")
        #expect(Day("2025-01-31").adding(months: 1) == "2025-02-28")
        #expect(Day("2025-08-31").adding(months: -6) == "2025-02-28")
        #expect(Day("2025-03-15").adding(months: -15) == "2023-12-15")
        #expect(Day("2025-03-15").adding(months: 12) == "2026-03-15")
    }

    @Test("Days between count whole days, across a leap day and a year end")
    func daysBetween() {
        #expect(Day("2024-02-28").days(until: "2024-03-01") == 2)
        #expect(Day("2025-12-31").days(until: "2026-01-01") == 1)
        #expect(Day("2026-01-01").days(until: "2025-01-01") == -365)
        #expect(Day("1970-01-01").ordinal == 0)
        #expect(Day("2025-06-01").adding(days: 30) == "2025-07-01")
    }

    @Test("Arithmetic past year 9999 or before year 1 stops at the ends of the range")
    func saturates() {
        #expect(Day("9999-12-01").adding(months: 5) == Day.latest)
        #expect(Day("0001-02-01").adding(months: -5) == Day.earliest)
        #expect(Day("9999-12-31").advanced(by: Int.max) == Day.latest)
        #expect(Day("0001-01-01").advanced(by: Int.min) == Day.earliest)
    }

    @Test("The same instant falls on different days in Amsterdam and in UTC")
    func dayFromDateUsesTimeZone() throws {
        // 2025-06-30T22:30:00Z is 00:30 on 1 July in Amsterdam (summer time, +02:00).
        let instant = Date(timeIntervalSince1970: 1_751_322_600)
        let utc = try #require(TimeZone(identifier: "UTC"))

        #expect(Day(instant) == "2025-07-01")
        #expect(Day(instant, in: utc) == "2025-06-30")
    }

    @Test("A day starts at local midnight in the time zone given")
    func dayStart() throws {
        let start = Day("2025-01-15").start()
        let utc = try #require(TimeZone(identifier: "UTC"))

        #expect(start == Date(timeIntervalSince1970: 1_736_895_600)) // 2025-01-14T23:00:00Z
        #expect(Day("2025-01-15").start(in: utc) == Date(timeIntervalSince1970: 1_736_899_200))
        #expect(Day(start) == "2025-01-15")
    }

    @Test("Property: day numbers and calendar days convert both ways, and order agrees")
    func dayOrdinalRoundTrip() async {
        await propertyCheck(input: Gen.int(in: Day.earliest.ordinal...Day.latest.ordinal), Gen.int(in: -5000...5000)) { ordinal, step in
            let day = Day(ordinal: ordinal)
            let other = day.advanced(by: step)
            #expect(day.ordinal == ordinal)
            #expect((try? Day(year: day.year, month: day.month, day: day.day)) == day)
            #expect((day < other) == (day.ordinal < other.ordinal))
        }
    }

    @Test("Property: adding months and taking them off again never moves a day later")
    func monthsRoundTrip() async {
        await propertyCheck(input: Gen.int(in: Day("1900-01-01").ordinal...Day("2200-12-31").ordinal), Gen.int(in: 0...240)) { ordinal, months in
            let day = Day(ordinal: ordinal)
            let there = day.adding(months: months)
            #expect(there >= day)
            #expect(there.adding(months: -months) <= day)
            #expect(there.day <= day.day)
        }
    }

    @Test("An exact reference is written CODE@N and refuses a reference without a version")
    func exactReferenceCoding() throws {
        let data = try JSONEncoder().encode(["EPA-1@2" as ExactReference])

        #expect(String(decoding: data, as: UTF8.self) == #"["EPA-1@2"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ExactReference].self, from: Data(#"["EPA-1"]"#.utf8)) }
    }

    @Test("An exact version satisfies an unpinned reference to its code and a reference pinned to itself only")
    func exactReferenceSatisfies() {
        let version2: ExactReference = "U-1@2"

        #expect(version2.satisfies(EntityReference("U-1")))
        #expect(version2.satisfies(EntityReference("U-1", version: 2)))
        #expect(!version2.satisfies(EntityReference("U-1", version: 1)))
        #expect(!version2.satisfies(EntityReference("U-2")))
    }

    @Test("Records round-trip through JSON unchanged")
    func recordsRoundTrip() throws {
        let encoder = ErkendJSON.encoder()
        let decoder = ErkendJSON.decoder()
        let observation = ProgressionFixture.observation("O-1", level: "3b", on: "2025-03-01")
        let decision = ProgressionFixture.decision("D-1", level: "3b", on: "2025-03-10", validUntil: "2026-03-10", withdrawnOn: "2025-04-01")
        let result = ProgressionFixture.result("R-1", "U-BASIS", on: "2025-01-10", recognisedBy: "RC-1")
        let statement = PracticeStatement(id: "PS-1", learner: "L-1", placement: "PL-1", periodStart: "2025-01-01", periodEnd: "2025-06-30",
                                          tasks: [PerformedTask(reference: .werkproces(code: "B1-K1-W2"), description: "Zorgplan opstellen", frequency: "wekelijks"),
                                                  PerformedTask(reference: .epa(EntityReference("EPA-CARE")), description: "Dagelijkse zorg")],
                                          status: .signed, signedBy: .init(name: "M. Visser", organisation: "Zorggroep"), signedOn: "2025-07-02")

        #expect(try decoder.decode(Observation.self, from: encoder.encode(observation)) == observation)
        #expect(try decoder.decode(EntrustmentDecision.self, from: encoder.encode(decision)) == decision)
        #expect(try decoder.decode(UnitResult.self, from: encoder.encode(result)) == result)
        #expect(try decoder.decode(PracticeStatement.self, from: encoder.encode(statement)) == statement)
        #expect(try decoder.decode(Enrolment.self, from: encoder.encode(ProgressionFixture.enrolment)) == ProgressionFixture.enrolment)
    }
}

import ErkendCore
import Testing

@Suite("Observation validation")
struct ObservationValidationTests {
    typealias F = ProgressionFixture
    let today: Day = "2025-06-30"

    func validate(_ observation: Observation, epa: EPA = F.care, enrolment: Enrolment = F.enrolment, programme: Programme = F.programme) throws {
        try ObservationValidation.validate(observation, epa: epa, enrolment: enrolment, programme: programme, today: today)
    }

    @Test("An observation at a sub-level of the scale, today, within the enrolment, is accepted")
    func accepted() throws {
        try validate(F.observation("O-1", level: "2b", on: today))
    }

    @Test("A level outside the EPA's scale is refused as invalid input naming the level field")
    func levelOffScale() {
        let error = #expect(throws: ErkendError.self) { try validate(F.observation("O-1", level: "3", on: "2025-06-01")) }

        #expect(error?.code == .invalidInput)
        #expect(error?.details.map(\.location) == ["level"])
        #expect(error?.message.contains("use one of 1, 2a, 2b, 3a, 3b, 3c, 4, 5") == true)
    }

    @Test("An observation dated after today is refused")
    func future() {
        let error = #expect(throws: ErkendError.self) { try validate(F.observation("O-1", level: "2a", on: "2025-07-01")) }

        #expect(error?.code == .invalidInput)
        #expect(error?.details.map(\.location) == ["date"])
        #expect(error?.details.first?.message == "2025-07-01 is in the future; record an observation on or after the day it happened (today is 2025-06-30)")
    }

    @Test("An observation before the enrolment started is a rule violation")
    func beforeEnrolment() {
        let error = #expect(throws: ErkendError.self) { try validate(F.observation("O-1", level: "2a", on: "2024-08-31")) }

        #expect(error?.code == .ruleViolation)
        #expect(error?.details.map(\.location) == ["date"])
        #expect(error?.message.contains("before the enrolment started on 2024-09-01") == true)
    }

    @Test("An observation after a finished enrolment ended is a rule violation")
    func afterEnrolmentEnded() {
        var enrolment = F.enrolment
        enrolment.status = .withdrawn
        enrolment.endDate = "2025-03-31"

        let error = #expect(throws: ErkendError.self) { try validate(F.observation("O-1", level: "2a", on: "2025-04-01"), enrolment: enrolment) }

        #expect(error?.code == .ruleViolation)
        #expect(error?.message.contains("after the enrolment ended on 2025-03-31") == true)
    }

    @Test("An EPA the programme does not target is a rule violation naming the EPAs it does")
    func epaNotInProgramme() {
        let other = EPA(code: "EPA-OTHER", title: LocalizedText(en: "Other"))
        let observation = F.observation("O-1", other, level: "2", on: "2025-06-01")

        let error = #expect(throws: ErkendError.self) { try validate(observation, epa: other) }

        #expect(error?.code == .ruleViolation)
        #expect(error?.details.map(\.location) == ["epa"])
        #expect(error?.details.first?.message == "EPA EPA-OTHER is not part of programme P-VZ@3; it targets EPA-CARE, EPA-SOFT")
    }

    @Test("Every problem is named at once, and invalid input wins over rule violations")
    func allProblemsAtOnce() {
        let error = #expect(throws: ErkendError.self) { try validate(F.observation("O-1", level: "7", on: "2024-01-01", learner: "L-2")) }

        #expect(error?.code == .invalidInput)
        #expect(error?.details.map(\.location) == ["learner", "level", "date"])
    }

    @Test("An observation of another EPA version than the one given is refused")
    func versionMismatch() {
        var observation = F.observation("O-1", level: "2a", on: "2025-06-01")
        observation.epa = ExactReference("EPA-CARE", version: 2)

        let error = #expect(throws: ErkendError.self) { try validate(observation) }

        #expect(error?.details.map(\.location) == ["epa"])
    }
}

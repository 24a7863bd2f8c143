import ErkendCore
import PropertyBased
import Testing

@Suite("Decision rule evaluation")
struct DecisionRuleEvaluationTests {
    typealias F = ProgressionFixture
    let decisionDay: Day = "2025-06-30"

    @Test("Three observations at or above the level by two observers within six months meet the rule")
    func ruleMet() throws {
        let observations = [
            F.observation("O-1", level: "3b", on: "2025-02-10", by: "M-1"),
            F.observation("O-2", level: "3c", on: "2025-04-01", by: "M-2"),
            F.observation("O-3", level: "4", on: "2025-06-30", by: "M-1"),
        ]

        let evaluation = try DecisionRuleEvaluation.evaluate(epa: F.care, level: "3b", observations: observations, on: decisionDay)

        #expect(evaluation.isMet)
        #expect(evaluation.qualifying == ["O-1", "O-2", "O-3"])
        #expect(evaluation.observers == ["mentor:M-1", "mentor:M-2"])
        #expect(evaluation.reasons.isEmpty)
        #expect(evaluation.summary == "met: 3 observations at level 3b or higher by 2 different observers")
    }

    @Test("Sub-levels compare by position on the scale: 3a is below 3b, 3c above it")
    func subLevelsCompareByPosition() throws {
        let observations = [
            F.observation("O-1", level: "3a", on: "2025-05-01", by: "M-1"),
            F.observation("O-2", level: "3c", on: "2025-05-02", by: "M-2"),
            F.observation("O-3", level: "2b", on: "2025-05-03", by: "M-3"),
            F.observation("O-4", level: "3b", on: "2025-05-04", by: "M-3"),
        ]

        let evaluation = try DecisionRuleEvaluation.evaluate(epa: F.care, level: "3b", observations: observations, on: decisionDay)

        #expect(evaluation.qualifying == ["O-2", "O-4"])
        #expect(!evaluation.isMet)
    }

    @Test("The reasons say in plain words how many observations and observers are short")
    func reasonsInPlainWords() throws {
        let observations = [
            F.observation("O-1", level: "3", on: "2025-05-01", by: "M-1"),
            F.observation("O-2", level: "4", on: "2025-06-01", by: "M-1"),
        ]
        let epa = F.care.with(scale: .standard)

        let evaluation = try DecisionRuleEvaluation.evaluate(epa: epa, level: "3", observations: observations, on: decisionDay)

        #expect(evaluation.shortfalls == [.observations(have: 2, need: 3), .observers(have: 1, need: 2)])
        #expect(evaluation.summary == "2 of 3 observations at level 3 or higher in the last 6 months; 1 of 2 different observers")
    }

    @Test("An observation exactly at the window's edge counts; the day before it does not")
    func windowEdge() throws {
        // Six months before 2025-06-30 is 2024-12-30.
        let observations = [
            F.observation("O-edge", level: "3b", on: "2024-12-30", by: "M-1"),
            F.observation("O-before", level: "3b", on: "2024-12-29", by: "M-2"),
        ]

        let evaluation = try DecisionRuleEvaluation.evaluate(epa: F.care, level: "3b", observations: observations, on: decisionDay)

        #expect(evaluation.windowStart == "2024-12-30")
        #expect(evaluation.qualifying == ["O-edge"])
    }

    @Test("A window ending on the 31st reaches back to the last day of a shorter month")
    func windowFromMonthEnd() throws {
        let evaluation = try DecisionRuleEvaluation.evaluate(epa: F.care, level: "3b", observations: [], on: "2025-08-31")

        #expect(evaluation.windowStart == "2025-02-28")
    }

    @Test("Observations after the decision day do not count, observations on it do")
    func notAfterDecisionDay() throws {
        let observations = [
            F.observation("O-on", level: "4", on: "2025-06-30", by: "M-1"),
            F.observation("O-after", level: "4", on: "2025-07-01", by: "M-2"),
        ]

        let evaluation = try DecisionRuleEvaluation.evaluate(epa: F.care, level: "3b", observations: observations, on: decisionDay)

        #expect(evaluation.qualifying == ["O-on"])
    }

    @Test("Without a window, observations of any age count, and the reasons say nothing of months")
    func noWindow() throws {
        let observations = [F.observation("O-1", F.software, level: "4", on: "2019-01-01")]

        let evaluation = try DecisionRuleEvaluation.evaluate(epa: F.software, level: "3", observations: observations, on: decisionDay)

        #expect(evaluation.windowStart == nil)
        #expect(evaluation.qualifying == ["O-1"])
        #expect(evaluation.summary == "1 of 2 observations at level 3 or higher")
    }

    @Test("Observations of other EPAs are ignored, and the same observer twice is one observer")
    func otherEPAsAndSameObserver() throws {
        let observations = [
            F.observation("O-1", level: "4", on: "2025-05-01", by: "M-1"),
            F.observation("O-2", level: "4", on: "2025-05-02", by: "M-1"),
            F.observation("O-3", F.software, level: "4", on: "2025-05-03", by: "M-2"),
        ]

        let evaluation = try DecisionRuleEvaluation.evaluate(epa: F.care, level: "3b", observations: observations, on: decisionDay)

        #expect(evaluation.observationCount == 2)
        #expect(evaluation.observerCount == 1)
    }

    @Test("A mentor and a staff member with the same id are different observers")
    func observerIdentityIncludesKind() throws {
        var staff = F.observation("O-2", level: "4", on: "2025-05-02", by: "X")
        staff.observer.kind = .staff
        let observations = [F.observation("O-1", level: "4", on: "2025-05-01", by: "X"), staff]

        let evaluation = try DecisionRuleEvaluation.evaluate(epa: F.care, level: "4", observations: observations, on: decisionDay)

        #expect(evaluation.observerCount == 2)
    }

    @Test("A target level not on the scale is an invalid-input error naming the levels that are")
    func levelNotOnScale() {
        let error = #expect(throws: ErkendError.self) {
            try DecisionRuleEvaluation.evaluate(epa: F.care, level: "3", observations: [], on: decisionDay)
        }

        #expect(error?.code == .invalidInput)
        #expect(error?.details.first?.location == "level")
        #expect(error?.message == "level '3' is not on the scale of EPA EPA-CARE@1; use one of 1, 2a, 2b, 3a, 3b, 3c, 4, 5")
    }

    @Test("Observation levels not on the scale never qualify")
    func unknownObservationLevel() throws {
        let observations = [F.observation("O-1", level: "9", on: "2025-05-01")]

        let evaluation = try DecisionRuleEvaluation.evaluate(epa: F.care, level: "1", observations: observations, on: decisionDay)

        #expect(evaluation.qualifying.isEmpty)
    }

    @Test("Property: adding observations never turns a met rule into an unmet one, nor lowers the counts")
    func monotonicInObservations() async throws {
        let levels = F.subLevelScale.levels.map(\.code)
        let observation = zip(Gen.int(in: 0...(levels.count - 1)), Gen.int(in: -300...30), Gen.int(in: 1...4))
        await propertyCheck(input: observation.array(of: 0...8), observation.array(of: 1...6), Gen.int(in: 0...(levels.count - 1))) { base, extra, target in
            func build(_ items: [(Int, Int, Int)], from start: Int) -> [Observation] {
                items.enumerated().map { index, item in
                    F.observation(Observation.ID(trusted: "O-\(start + index)"), level: levels[item.0],
                                  on: decisionDay.adding(days: item.1), by: "M-\(item.2)")
                }
            }
            let before = build(base, from: 0)
            let after = before + build(extra, from: 100)
            let first = try DecisionRuleEvaluation.evaluate(epa: F.care, level: levels[target], observations: before, on: decisionDay)
            let second = try DecisionRuleEvaluation.evaluate(epa: F.care, level: levels[target], observations: after, on: decisionDay)
            #expect(!first.isMet || second.isMet)
            #expect(second.observationCount >= first.observationCount)
            #expect(second.observerCount >= first.observerCount)
        }
    }

    @Test("Property: the order of the observations does not change the evaluation")
    func orderIndependent() async throws {
        let levels = F.subLevelScale.levels.map(\.code)
        let observation = zip(Gen.int(in: 0...(levels.count - 1)), Gen.int(in: -300...30), Gen.int(in: 1...4))
        await propertyCheck(input: observation.array(of: 0...10), Gen.uint64()) { items, seed in
            let observations = items.enumerated().map { index, item in
                F.observation(Observation.ID(trusted: "O-\(index)"), level: levels[item.0], on: decisionDay.adding(days: item.1), by: "M-\(item.2)")
            }
            var generator = SplitMix64(seed: seed)
            let shuffled = observations.shuffled(using: &generator)
            let first = try DecisionRuleEvaluation.evaluate(epa: F.care, level: "3a", observations: observations, on: decisionDay)
            let second = try DecisionRuleEvaluation.evaluate(epa: F.care, level: "3a", observations: shuffled, on: decisionDay)
            #expect(first == second)
        }
    }
}

extension EPA {
    func with(scale: EntrustmentScale) -> EPA {
        var copy = self
        copy.scale = scale
        return copy
    }
}

/// Phase flow (doorstroom per fase): learners entering and leaving each phase
/// of their programme in the period, those who drop out in it, those in it on
/// the day of reckoning, and those of them without recorded progress for N
/// days. Docs/metrics.md defines it; the rules are these:
///
/// - A phase is *complete* on the first day on which all its units are passed
///   (a passed result of the enrolment, completed or recognised, for the code
///   and, when the programme pins one, the version), all its EPA targets are
///   reached (a decision of the enrolment, never withdrawn, at the target's
///   position on the EPA's scale or higher) and every choice group assigned to
///   it has `choose` of its units passed. A phase without requirements is
///   complete on the enrolment's first day.
/// - As in the progress report, a learner is *in* the first phase not yet
///   complete, so the learner moves on from phase k on the day phases 1…k are
///   all complete (the latest of their completion days), and enters phase k+1
///   that day. Phase 1 is entered on the enrolment's start.
/// - Nothing dated after the day of reckoning or after the enrolment's end
///   counts. A withdrawn enrolment *drops out* of the phase it is in on its end
///   day; a completed one simply stops counting.
public enum PhaseFlow {
    public static let columns = ["programme", "phase", "learners", "entered", "movedOn", "droppedOut", "medianDaysInPhase",
                                 "inPhase", "noProgress"]

    /// The number of days without recorded progress after which a learner counts in `noProgress`, unless asked otherwise.
    public static let defaultNoProgressDays = 90

    /// One enrolment's way through its programme's phases.
    public struct Path: Hashable, Sendable {
        /// Per phase (in programme order) the day the learner entered it, `nil` when not (yet) entered.
        public var entered: [Day?]
        /// Per phase the day the learner moved on from it, `nil` when not (yet) moved on.
        public var movedOn: [Day?]
        /// The phase the enrolment dropped out of and the day, for a withdrawn enrolment.
        public var droppedOut: (phase: Int, day: Day)?
        /// The phase the learner is in on the day of reckoning, `nil` when past every phase or no longer enrolled.
        public var current: Int?

        public static func == (lhs: Path, rhs: Path) -> Bool {
            lhs.entered == rhs.entered && lhs.movedOn == rhs.movedOn && lhs.current == rhs.current
                && lhs.droppedOut?.phase == rhs.droppedOut?.phase && lhs.droppedOut?.day == rhs.droppedOut?.day
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(entered)
            hasher.combine(movedOn)
            hasher.combine(current)
        }
    }

    /// The day each phase of `programme` is complete for one enrolment, from its decisions and results
    /// (already narrowed to the enrolment), before the "first incomplete phase" rule is applied.
    public static func completionDays(programme: Programme, start: Day, decisions: [MetricsFacts.Decision], results: [MetricsFacts.Result],
                                      scales: [String: EntrustmentScale], until last: Day) -> [Day?] {
        var passed: [String: [(version: Int, day: Day)]] = [:]
        for result in results where result.passed && result.achievedOn <= last {
            passed[result.unit.code, default: []].append((result.unit.version, result.achievedOn))
        }
        func unitDay(_ reference: EntityReference) -> Day? {
            (passed[reference.code] ?? []).filter { reference.version == nil || reference.version == $0.version }.map(\.day).min()
        }
        var decided: [String: [MetricsFacts.Decision]] = [:]
        for decision in decisions where decision.withdrawnOn == nil && decision.decidedOn <= last {
            decided[decision.epa, default: []].append(decision)
        }
        func targetDay(_ target: EPATarget) -> Day? {
            let scale = scales[target.epa.code] ?? .standard
            guard let wanted = scale.position(of: target.level) else { return nil }
            return (decided[target.epa.code] ?? []).filter { (scale.position(of: $0.level) ?? -1) >= wanted }.map(\.decidedOn).min()
        }
        return programme.phases.map { phase in
            var days: [Day?] = phase.units.map(unitDay) + phase.epaTargets.map(targetDay)
            for group in programme.choiceGroups where group.phase == phase.code {
                let chosen = Set(group.units).compactMap(unitDay).sorted()
                days.append(group.choose <= 0 ? start : (chosen.count >= group.choose ? chosen[group.choose - 1] : nil))
            }
            guard !days.contains(where: { $0 == nil }) else { return nil }
            return max(start, days.compactMap { $0 }.max() ?? start)
        }
    }

    /// Applies the "first incomplete phase" rule to completion days.
    public static func path(completion: [Day?], start: Day, status: Enrolment.Status, end: Day?, asOf: Day) -> Path {
        var entered = [Day?](repeating: nil, count: completion.count)
        var movedOn = [Day?](repeating: nil, count: completion.count)
        guard start <= asOf, !completion.isEmpty else { return Path(entered: entered, movedOn: movedOn, droppedOut: nil, current: nil) }
        let last = end.map { min($0, asOf) } ?? asOf
        var reached: Day? = start
        for index in completion.indices {
            guard let from = reached else { break }
            entered[index] = from
            if let done = completion[index], done <= last {
                let day = max(from, done)
                movedOn[index] = day
                reached = day
            } else {
                reached = nil
            }
        }
        let open = completion.indices.first { entered[$0] != nil && movedOn[$0] == nil }
        let ended = end.map { $0 <= asOf } ?? false
        var droppedOut: (phase: Int, day: Day)?
        if ended, status == .withdrawn, let open, let end { droppedOut = (open, end) }
        return Path(entered: entered, movedOn: movedOn, droppedOut: droppedOut, current: ended ? nil : open)
    }

    /// The latest day on or before `asOf` with recorded progress for an enrolment: its start, an observation, a decision
    /// never withdrawn, a passed result. Observations are known by their first and last day per EPA: an EPA whose last
    /// observation lies after `asOf` counts its first one (when on or before `asOf`).
    public static func lastProgress(start: Day, observations: [MetricsFacts.ObservationSpan], decisions: [MetricsFacts.Decision],
                                    results: [MetricsFacts.Result], asOf: Day) -> Day {
        var latest = start
        for span in observations {
            if span.last <= asOf { latest = max(latest, span.last) } else if span.first <= asOf { latest = max(latest, span.first) }
        }
        for decision in decisions where decision.withdrawnOn == nil && decision.decidedOn <= asOf { latest = max(latest, decision.decidedOn) }
        for result in results where result.passed && result.achievedOn <= asOf { latest = max(latest, result.achievedOn) }
        return latest
    }

    /// The phase-flow table: one row per programme and phase (programmes by code, phases in programme order).
    /// - Parameter noProgressDays: learners in a phase on the day of reckoning whose last recorded progress is at least
    ///   this many days before it count in `noProgress`.
    public static func table(enrolments: [MetricsFacts.Enrolment], observations: [MetricsFacts.ObservationSpan],
                             decisions: [MetricsFacts.Decision], results: [MetricsFacts.Result], catalogue: PublishedCatalogue,
                             noProgressDays: Int = defaultNoProgressDays, filter: MetricsFilter, asOf: Day,
                             groups: SmallGroups = .standard) -> MetricTable {
        var table = MetricTable(metric: .phaseFlow, asOf: asOf, filter: filter, columns: columns)
        var decisionsOf: [String: [MetricsFacts.Decision]] = [:]
        for decision in decisions { decisionsOf[decision.enrolment, default: []].append(decision) }
        var resultsOf: [String: [MetricsFacts.Result]] = [:]
        for result in results { if let enrolment = result.enrolment { resultsOf[enrolment, default: []].append(result) } }
        var spansOf: [String: [MetricsFacts.ObservationSpan]] = [:]
        for span in observations { spansOf[span.enrolment, default: []].append(span) }
        let scales = catalogue.scales
        let from = filter.from ?? .earliest

        struct Row {
            var learners = Set<String>()
            var entered = 0, movedOn = 0, droppedOut = 0, inPhase = 0, noProgress = 0
            var days: [Int] = []
        }
        var rows: [String: [Row]] = [:]
        var phaseCodes: [String: [String]] = [:]
        for enrolment in enrolments {
            guard let programme = catalogue.programmeVersions[enrolment.programme], !programme.phases.isEmpty else { continue }
            let code = enrolment.programme.code
            // Phases are matched by code across programme versions; the first version seen sets the order.
            if phaseCodes[code] == nil {
                phaseCodes[code] = programme.phases.map(\.code)
                rows[code] = programme.phases.map { _ in Row() }
            }
            func slot(_ index: Int) -> Int {
                let phase = programme.phases[index].code
                if let position = phaseCodes[code]!.firstIndex(of: phase) { return position }
                phaseCodes[code]!.append(phase)
                rows[code]!.append(Row())
                return phaseCodes[code]!.count - 1
            }
            let last = enrolment.end.map { min($0, asOf) } ?? asOf
            let completion = completionDays(programme: programme, start: enrolment.start, decisions: decisionsOf[enrolment.id] ?? [],
                                            results: resultsOf[enrolment.id] ?? [], scales: scales, until: last)
            let path = path(completion: completion, start: enrolment.start, status: enrolment.status, end: enrolment.end, asOf: asOf)
            let quiet: Bool
            if path.current != nil {
                let progress = lastProgress(start: enrolment.start, observations: spansOf[enrolment.id] ?? [], decisions: decisionsOf[enrolment.id] ?? [],
                                            results: resultsOf[enrolment.id] ?? [], asOf: asOf)
                quiet = progress.days(until: asOf) >= noProgressDays
            } else {
                quiet = false
            }
            for index in programme.phases.indices {
                guard let entered = path.entered[index] else { continue }
                let position = slot(index)
                // In the phase on some day of the period: entered by its end, not left before its start.
                let leftOn = path.movedOn[index] ?? (path.droppedOut?.phase == index ? path.droppedOut?.day : nil)
                    ?? (enrolment.end.map { $0 <= asOf } == true ? enrolment.end : nil)
                let present = entered <= asOf && (leftOn.map { $0 >= from } ?? true)
                guard present else { continue }
                rows[code]![position].learners.insert(enrolment.learner)
                if filter.period(contains: entered) { rows[code]![position].entered += 1 }
                if let moved = path.movedOn[index], filter.period(contains: moved) {
                    rows[code]![position].movedOn += 1
                    rows[code]![position].days.append(entered.days(until: moved))
                }
                if let dropped = path.droppedOut, dropped.phase == index, filter.period(contains: dropped.day) { rows[code]![position].droppedOut += 1 }
                if path.current == index {
                    rows[code]![position].inPhase += 1
                    if quiet { rows[code]![position].noProgress += 1 }
                }
            }
        }
        for code in rows.keys.sorted() {
            for (position, row) in rows[code]!.enumerated() {
                guard !row.learners.isEmpty else { continue }
                guard groups.shows(row.learners.count) else { table.suppressedGroups += 1; continue }
                table.rows.append([.text(code), .text(phaseCodes[code]![position]), .integer(row.learners.count), .integer(row.entered),
                                   .integer(row.movedOn), .integer(row.droppedOut), LearnerMetrics.median(row.days).map { .number($0) } ?? .none,
                                   .integer(row.inPhase), .integer(row.noProgress)])
            }
        }
        return table
    }
}

import ErkendCore
import Foundation

/// Realistic progression data against the demo catalogue, for load tests and
/// benchmarks: learners enrolled in both programmes over four years of
/// cohorts, placed at workplaces with their mentors, observed on the
/// programme's EPAs at levels that rise with time, with the entrustment
/// decisions their observations support and the unit results of the phases
/// they passed.
///
/// The same seed gives the same data whatever the chunking, because every
/// learner draws from a generator seeded by the seed and its own number. Ids
/// carry the seed (`g7-L42`), so runs with different seeds can share a
/// database. Decisions are checked with the core's `DecisionRuleEvaluation`,
/// so `ruleMet` is true of every one; records are written with the storage's
/// bulk insert, one audit summary per chunk, not through the service.
struct DemoGenerator {
    /// What a programme offers the generator, read from the catalogue once.
    struct Route {
        var programme: ExactReference
        /// Months from the start at which each phase ends.
        var phaseEnds: [Int]
        var phaseUnits: [[ExactReference]]
        var choices: [(choose: Int, units: [ExactReference])]
        var epas: [(reference: ExactReference, epa: EPA, targets: [Int])]
        var workplaces: [String]
    }

    struct Summary {
        var learners = 0, mentors = 0, placements = 0, observations = 0, decisions = 0, results = 0
    }

    let routes: [Route]
    let seed: UInt64
    let today: Day
    let now: Date
    /// Per workplace, its mentors.
    let mentors: [String: [Mentor]]

    var prefix: String { "g\(seed)" }

    static func learnerID(seed: UInt64, index: Int) -> Learner.ID { Learner.ID(trusted: "g\(seed)-L\(index)") }

    init(catalogue: CatalogueService, seed: UInt64, now: Date) async throws {
        self.seed = seed
        self.now = now
        today = Day(now)
        var routes: [Route] = []
        for (code, workplaces) in [("SD-25604", Self.softwareWorkplaces), ("VP-N4-2026", Self.careWorkplaces)] {
            guard case .programme(let programme)? = try await catalogue.resolve(.programme, EntityReference(code)) else {
                throw CLIError("the database has no programme \(code); load the demo catalogue first (erkend serve --demo, or erkend catalog import Catalogs/demo)")
            }
            func exact(_ kind: CatalogueKind, _ reference: EntityReference) async throws -> AnyCatalogueEntity {
                guard let entity = try await catalogue.resolve(kind, reference) else { throw CLIError("the demo catalogue lacks \(kind.rawValue) \(reference)") }
                return entity
            }
            var ends: [Int] = [], months = 0
            for phase in programme.phases {
                months += phase.durationMonths ?? 12
                ends.append(months)
            }
            var phaseUnits: [[ExactReference]] = []
            for phase in programme.phases {
                var units: [ExactReference] = []
                for unit in phase.units { units.append(ExactReference(try await exact(.unit, unit).entity)) }
                phaseUnits.append(units)
            }
            var choices: [(Int, [ExactReference])] = []
            for group in programme.choiceGroups {
                var units: [ExactReference] = []
                for unit in group.units { units.append(ExactReference(try await exact(.unit, unit).entity)) }
                choices.append((group.choose, units))
            }
            var epas: [(ExactReference, EPA, [Int])] = []
            for reference in programme.allEPAs {
                guard case .epa(let epa) = try await exact(.epa, reference) else { continue }
                let targets = programme.phases.map { phase in
                    phase.epaTargets.first { $0.epa.code == epa.code }.flatMap { epa.scale.position(of: $0.level) } ?? -1
                }
                epas.append((ExactReference(epa), epa, targets))
            }
            routes.append(Route(programme: ExactReference(programme), phaseEnds: ends, phaseUnits: phaseUnits, choices: choices,
                                epas: epas, workplaces: workplaces))
        }
        self.routes = routes
        var mentors: [String: [Mentor]] = [:]
        for (index, workplace) in (Self.softwareWorkplaces + Self.careWorkplaces).enumerated() {
            mentors[workplace] = (0..<3).map { number in
                let name = Self.firstNames[(index * 7 + number * 13) % Self.firstNames.count] + " " + Self.lastNames[(index * 5 + number * 11) % Self.lastNames.count]
                return Mentor(id: Mentor.ID(trusted: "g\(seed)-M\(index)-\(number)"), name: name, organisation: workplace,
                              email: "mentor\(number)@\(workplace.lowercased().filter(\.isLetter)).example.nl")
            }
        }
        self.mentors = mentors
    }

    /// Generates `count` learners in chunks, each chunk one transaction; `progress` hears the learners written so far.
    func generate(into storage: any ProgressionStorage, learners count: Int, observationsEach: Int, chunk: Int = 1_000,
                  progress: (Int) -> Void = { _ in }) async throws -> Summary {
        var summary = Summary()
        let audit = AuditRecord(at: now, actor: .system, channel: .cli("demo-generate-\(prefix)"), action: AuditAction.progressionGenerated,
                                details: ["seed": String(seed)])
        for start in stride(from: 0, to: count, by: chunk) {
            var batch = ProgressionBatch()
            if start == 0 { batch.mentors = mentors.values.flatMap { $0 }.sorted { $0.id.rawValue < $1.id.rawValue } }
            for index in start..<min(count, start + chunk) { add(learner: index, observations: observationsEach, to: &batch) }
            try await storage.bulkInsert(batch, audit: audit)
            summary.mentors += batch.mentors.count
            summary.learners += batch.learners.count
            summary.placements += batch.placements.count
            summary.observations += batch.observations.count
            summary.decisions += batch.decisions.count
            summary.results += batch.results.count
            progress(summary.learners)
        }
        return summary
    }

    /// One learner with an enrolment, a placement, observations, decisions and results.
    func add(learner index: Int, observations count: Int, to batch: inout ProgressionBatch) {
        var random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index))
        let route = routes[random.next() % 10 < 6 ? 0 : 1]
        let id = Self.learnerID(seed: seed, index: index)
        let name = Self.firstNames.randomElement(using: &random)! + " " + Self.lastNames.randomElement(using: &random)!
        batch.learners.append(Learner(id: id, name: name, studentNumber: "\(prefix)-\(index)",
                                      email: "\(prefix).\(index)@student.demo.erkend.nl", dateOfBirth: today.adding(days: -Int.random(in: 5_800...9_500, using: &random))))

        // Cohorts start in September or February, over the last four years, at least a month ago.
        var starts: [Day] = []
        for year in (today.year - 4)...today.year {
            for month in [2, 9] {
                let day = try! Day(year: year, month: month, day: 1)
                if day.days(until: today) >= 30 && day.adding(months: route.phaseEnds.last!) > today.adding(months: -3) { starts.append(day) }
            }
        }
        let start = starts.randomElement(using: &random)!
        let schoolYear = start.month >= 8 ? start.year : start.year - 1
        let enrolment = Enrolment(id: Enrolment.ID(trusted: "\(prefix)-E\(index)"), learner: id, programme: route.programme, startDate: start,
                                  cohort: "\(schoolYear)-\(schoolYear + 1)")
        batch.enrolments.append(enrolment)
        let workplace = route.workplaces.randomElement(using: &random)!
        let mentors = Array(self.mentors[workplace]!.shuffled(using: &random).prefix(Int.random(in: 2...3, using: &random)))
        let placement = Placement(id: Placement.ID(trusted: "\(prefix)-P\(index)"), learner: id, enrolment: enrolment.id, organisation: workplace,
                                  kind: .bpv, startDate: start.adding(days: Int.random(in: 0...45, using: &random)), mentors: mentors.map(\.id))
        batch.placements.append(placement)

        let elapsed = start.days(until: today)
        let days = (0..<count).map { _ in Int.random(in: 7...max(7, elapsed), using: &random) }.sorted()
        var observations: [Observation] = []
        for (number, offset) in days.enumerated() {
            let (reference, epa, targets) = route.epas.randomElement(using: &random)!
            let level = Self.level(on: offset, targets: targets, phaseEnds: route.phaseEnds, scale: epa.scale.levels.count, random: &random)
            let mentor = mentors.randomElement(using: &random)!
            observations.append(Observation(
                id: Observation.ID(trusted: "\(prefix)-O\(index)-\(number)"), learner: id, enrolment: enrolment.id, placement: placement.id,
                epa: reference, date: start.adding(days: offset), level: epa.scale.levels[level].code,
                observer: Observer(kind: .mentor, id: mentor.id.rawValue, name: mentor.name, organisation: workplace),
                context: ObservationContext(workplace: workplace, complexity: ObservationContext.Complexity.allCases.randomElement(using: &random)),
                feedback: DemoStory.feedback.randomElement(using: &random)!, recordedAt: now))
        }
        batch.observations += observations

        // Every six months the committee entrusts each EPA at the highest level its observations support.
        for (number, (reference, epa, _)) in route.epas.enumerated() {
            let mine = observations.filter { $0.epa.code == epa.code }
            var current = -1
            var day = start.adding(months: 6)
            while day <= today {
                for position in stride(from: epa.scale.levels.count - 1, to: current, by: -1) {
                    guard let evaluation = try? DecisionRuleEvaluation.evaluate(epa: epa, level: epa.scale.levels[position].code, observations: mine, on: day),
                          evaluation.isMet else { continue }
                    batch.decisions.append(EntrustmentDecision(
                        id: EntrustmentDecision.ID(trusted: "\(prefix)-D\(index)-\(number)-\(position)"), learner: id, enrolment: enrolment.id,
                        epa: reference, level: epa.scale.levels[position].code, decidedOn: day, committee: "Examencommissie",
                        deciders: ["J. de Boer", "A. Yilmaz"], basis: evaluation.qualifying, scope: workplace, ruleMet: true, recordedAt: now))
                    current = position
                    break
                }
                day = day.adding(months: 6)
            }
        }

        // Units of phases gone by pass (most of them); units of the current phase as far as the learner has come.
        var phaseStart = start
        for (phase, end) in route.phaseEnds.enumerated() {
            let phaseEnd = start.adding(months: end)
            let share = phaseEnd <= today ? 0.92 : max(0, Double(phaseStart.days(until: today)) / Double(phaseStart.days(until: phaseEnd)) - 0.2)
            for unit in route.phaseUnits[phase] where Double.random(in: 0..<1, using: &random) < share {
                result(unit, learner: id, enrolment: enrolment.id, between: phaseStart, and: min(phaseEnd, today), index: index, into: &batch, random: &random)
            }
            phaseStart = phaseEnd
            if phaseEnd > today { break }
        }
        if start.adding(months: route.phaseEnds.last! / 2) <= today {
            for group in route.choices {
                for unit in group.units.shuffled(using: &random).prefix(group.choose) {
                    result(unit, learner: id, enrolment: enrolment.id, between: start.adding(months: 6), and: today, index: index, into: &batch, random: &random)
                }
            }
        }
    }

    private func result(_ unit: ExactReference, learner: Learner.ID, enrolment: Enrolment.ID, between first: Day, and last: Day, index: Int,
                        into batch: inout ProgressionBatch, random: inout SplitMix64) {
        let day = first.adding(days: Int.random(in: 0...max(0, first.days(until: last)), using: &random))
        batch.results.append(UnitResult(id: UnitResult.ID(trusted: "\(prefix)-R\(index)-\(unit.code)"), learner: learner, enrolment: enrolment,
                                        unit: unit, grade: String(format: "%.1f", Double.random(in: 5.5...9.0, using: &random)),
                                        achievedOn: day, assessor: "Assessor demo", basis: .completed))
    }

    /// A level position that climbs from the previous phase's target toward this phase's, with some spread.
    static func level(on day: Int, targets: [Int], phaseEnds: [Int], scale: Int, random: inout SplitMix64) -> Int {
        let month = Double(day) / 30.44
        let phase = phaseEnds.firstIndex { month < Double($0) } ?? phaseEnds.count - 1
        let from = phase == 0 ? 0 : Double(max(0, targets[..<phase].max() ?? 0))
        let to = Double(max(targets[...phase].max() ?? 0, Int(from)))
        let phaseStart = phase == 0 ? 0 : Double(phaseEnds[phase - 1])
        let through = min(1, (month - phaseStart) / (Double(phaseEnds[phase]) - phaseStart))
        let noise = [-1.0, 0, 0, 0, 1][Int(random.next() % 5)]
        return min(scale - 1, max(0, Int((from + through * (to - from) + noise).rounded())))
    }

    static let softwareWorkplaces = ["Codefabriek Utrecht", "Appwerk Amersfoort", "Datawerk Zwolle", "Bits & Bytes BV", "Webbureau Noord",
                                     "Gemeente Arnhem ICT", "Logistiek Digitaal", "Fintech Lab Amsterdam", "Zorgsoft Ede", "Agrodata Wageningen"]
    static let careWorkplaces = ["Ziekenhuis Rijnstad", "Zorggroep Oost", "Thuiszorg Vallei", "Verpleeghuis De Linde", "Revalidatiecentrum Noord",
                                 "GGZ Midden", "UMC Polikliniek", "Hospice Het Baken"]
    static let firstNames = ["Emma", "Noah", "Sanne", "Daan", "Yara", "Lucas", "Fenna", "Mohammed", "Julia", "Sem", "Lotte", "Finn", "Amira",
                             "Levi", "Sophie", "Bram", "Nina", "Ayoub", "Isa", "Thijs", "Zoë", "Milan", "Eva", "Jesse", "Fatima", "Ruben"]
    static let lastNames = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos",
                            "Peters", "Hendriks", "van Dijk", "Yilmaz", "El Amrani", "Kaya", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Demir"]
}

import Foundation

/// The throughput metrics over learners' records, grouped per programme
/// (or per workplace for mentor response). A group of fewer learners than
/// the small-group rule allows is left out and counted in `suppressedGroups`.
public enum LearnerMetrics {
    /// Days in an average month, for "per month".
    public static let daysPerMonth = 365.25 / 12

    /// Credits earned (passed, completed or recognised) per learner-month of enrolment, per programme.
    public static func creditVelocity(enrolments: [MetricsFacts.Enrolment], results: [MetricsFacts.Result], catalogue: PublishedCatalogue,
                                      filter: MetricsFilter, asOf: Day, groups: SmallGroups = .standard) -> MetricTable {
        var table = MetricTable(metric: .creditVelocity, asOf: asOf, filter: filter,
                                columns: ["programme", "learners", "learnerMonths", "ects", "ectsPerLearnerMonth", "sbu", "sbuPerLearnerMonth"])
        let byID = Dictionary(enrolments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        struct Sum { var learners = Set<String>(); var days = 0; var ects = 0.0; var sbu = 0 }
        var sums: [String: Sum] = [:]
        for enrolment in enrolments {
            let first = max(enrolment.start, filter.from ?? enrolment.start)
            let last = enrolment.lastDay(asOf: asOf)
            guard first <= last else { continue }
            sums[enrolment.programme.code, default: Sum()].learners.insert(enrolment.learner)
            sums[enrolment.programme.code, default: Sum()].days += first.days(until: last) + 1
        }
        for result in results where result.passed && result.achievedOn <= asOf && filter.period(contains: result.achievedOn) {
            guard let id = result.enrolment, let enrolment = byID[id], enrolment.start <= result.achievedOn else { continue }
            let workload = catalogue.unitVersions[result.unit]?.workload
            sums[enrolment.programme.code, default: Sum()].ects += workload?.ects ?? 0
            sums[enrolment.programme.code, default: Sum()].sbu += workload?.sbu ?? 0
        }
        for programme in sums.keys.sorted() {
            let sum = sums[programme]!
            guard groups.shows(sum.learners.count) else { table.suppressedGroups += 1; continue }
            let months = Double(sum.days) / daysPerMonth
            table.rows.append([.text(programme), .integer(sum.learners.count), .number(months), .number(sum.ects),
                               months > 0 ? .number(sum.ects / months) : .none, .integer(sum.sbu),
                               months > 0 ? .number(Double(sum.sbu) / months) : .none])
        }
        return table
    }

    /// Evidence from the workplace (mentors' observations, signed practice statements) against evidence
    /// from school (staff observations, units completed at school), per programme.
    public static func workplaceShare(_ counts: [MetricsFacts.EvidenceCount], filter: MetricsFilter, asOf: Day,
                                      groups: SmallGroups = .standard) -> MetricTable {
        var table = MetricTable(metric: .workplaceShare, asOf: asOf, filter: filter,
                                columns: ["programme", "learners", "workplace", "school", "workplaceShare"])
        for (programme, rows) in Dictionary(grouping: counts, by: \.programme).sorted(by: { $0.key < $1.key }) {
            // The store counts learners per source; the largest is a floor of the programme's learners.
            let learners = rows.map(\.learners).max() ?? 0
            guard groups.shows(learners) else { table.suppressedGroups += 1; continue }
            let workplace = rows.filter(\.source.isWorkplace).map(\.records).reduce(0, +)
            let school = rows.filter { !$0.source.isWorkplace }.map(\.records).reduce(0, +)
            table.rows.append([.text(programme), .integer(learners), .integer(workplace), .integer(school),
                               ReuseMetrics.share(workplace, of: workplace + school).map { .number($0) } ?? .none])
        }
        return table
    }

    /// Per workplace: sign-off requests made in the period, how they ended, and days from request to signature.
    public static func mentorResponse(_ requests: [MetricsFacts.SignoffRequest], filter: MetricsFilter, asOf: Day,
                                      groups: SmallGroups = .standard) -> MetricTable {
        var table = MetricTable(metric: .mentorResponse, asOf: asOf, filter: filter,
                                columns: ["workplace", "learners", "requests", "signed", "declined", "expired", "open",
                                          "medianDaysToSign", "declinedShare", "expiredShare"])
        // A link withdrawn by an erasure says nothing about how the workplace answers: it is left out.
        let inPeriod = requests.filter { $0.requestedOn <= asOf && filter.period(contains: $0.requestedOn) && $0.status != .withdrawn }.map { request in
            var request = request
            request.status = request.status(on: asOf)
            return request
        }
        for (workplace, rows) in Dictionary(grouping: inPeriod, by: \.organisation).sorted(by: { $0.key < $1.key }) {
            let learners = Set(rows.map(\.learner)).count
            guard groups.shows(learners) else { table.suppressedGroups += 1; continue }
            func count(_ status: MetricsFacts.SignoffRequest.Status) -> Int { rows.count { $0.status == status } }
            let days = rows.filter { $0.status == .signed }.compactMap { request in request.answeredOn.map { request.requestedOn.days(until: $0) } }
            let ended = count(.signed) + count(.declined) + count(.expired)
            table.rows.append([.text(workplace), .integer(learners), .integer(rows.count), .integer(count(.signed)), .integer(count(.declined)),
                               .integer(count(.expired)), .integer(count(.open)), median(days).map { .number($0) } ?? .none,
                               ReuseMetrics.share(count(.declined), of: ended).map { .number($0) } ?? .none,
                               ReuseMetrics.share(count(.expired), of: ended).map { .number($0) } ?? .none])
        }
        return table
    }

    /// Per programme: entrustments active on the day of reckoning, and how many of them have a currency
    /// (decayed from the decision day with the EPA's half-life) below the policy's renewal threshold; and the
    /// skills learners hold through them and through passed units, each at the currency of its freshest evidence
    /// (as the skills profile reckons it), and how many of those are below the threshold.
    /// - Parameter technicalSkills: skills that take the technical default half-life when their unit or EPA has none.
    public static func currency(enrolments: [MetricsFacts.Enrolment], decisions: [MetricsFacts.Decision], results: [MetricsFacts.Result] = [],
                                catalogue: PublishedCatalogue, technicalSkills: Set<String> = [], policy: CurrencyPolicy = .standard,
                                filter: MetricsFilter, asOf: Day, groups: SmallGroups = .standard) -> MetricTable {
        var table = MetricTable(metric: .currency, asOf: asOf, filter: filter,
                                columns: ["programme", "learners", "entrustments", "belowThreshold", "belowThresholdShare",
                                          "skills", "skillsBelowThreshold", "skillsBelowThresholdShare"])
        let byID = Dictionary(enrolments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let epas = catalogue.newestEPAs
        struct Sum { var learners = Set<String>(); var active = 0; var below = 0; var skills = 0; var skillsBelow = 0 }
        var sums: [String: Sum] = [:]
        // Per enrolment, per skill the highest currency of its evidence. At 50,000 learners this tally was
        // most of the metric's time, spent hashing ESCO URIs: skills are numbered once, each EPA's and unit's
        // skills with their half-lives are worked out once, and an enrolment's skills are looked up by number.
        var numbers: [String: Int] = [:]
        func numbered(_ skills: [String], ownHalfLife: Double?) -> [(skill: Int, halfLife: Double)] {
            skills.map { skill in
                let number = numbers[skill] ?? { let next = numbers.count; numbers[skill] = next; return next }()
                return (number, policy.halfLife(own: ownHalfLife, technical: technicalSkills.contains(skill)).years)
            }
        }
        var epaSkills: [String: [(skill: Int, halfLife: Double)]] = [:]
        var unitSkills: [ExactReference: [(skill: Int, halfLife: Double)]] = [:]
        var held: [String: [Int: Double]] = [:]
        func give(_ skills: [(skill: Int, halfLife: Double)], enrolment: String, day: Day) {
            guard !skills.isEmpty else { return }
            func raise(_ tally: inout [Int: Double]) {
                for (skill, halfLife) in skills {
                    let value = Currency.value(of: day, on: asOf, halfLifeYears: halfLife)
                    if value > tally[skill] ?? 0 { tally[skill] = value }
                }
            }
            raise(&held[enrolment, default: [:]])
        }
        for decision in decisions where filter.epa == nil || filter.epa == decision.epa {
            guard let enrolment = byID[decision.enrolment], decision.decidedOn <= asOf, decision.withdrawnOn.map({ $0 > asOf }) ?? true,
                  decision.validUntil.map({ $0 >= asOf }) ?? true else { continue }
            let epa = epas[decision.epa]
            let halfLife = policy.halfLife(own: epa?.skillHalfLifeYears, technical: false).years
            let value = Currency.value(of: decision.decidedOn, on: asOf, halfLifeYears: halfLife)
            sums[enrolment.programme.code, default: Sum()].learners.insert(enrolment.learner)
            sums[enrolment.programme.code, default: Sum()].active += 1
            if value < policy.fadingBelow { sums[enrolment.programme.code, default: Sum()].below += 1 }
            if let epa {
                let skills = epaSkills[decision.epa] ?? {
                    let skills = numbered(catalogue.skills(ofEPA: epa), ownHalfLife: epa.skillHalfLifeYears)
                    epaSkills[decision.epa] = skills
                    return skills
                }()
                give(skills, enrolment: enrolment.id, day: decision.decidedOn)
            }
        }
        if filter.epa == nil {
            for result in results where result.passed && result.achievedOn <= asOf {
                guard let id = result.enrolment, byID[id] != nil, let unit = catalogue.unitVersions[result.unit] else { continue }
                let skills = unitSkills[result.unit] ?? {
                    let skills = numbered(catalogue.skills(ofUnit: unit), ownHalfLife: unit.skillHalfLifeYears)
                    unitSkills[result.unit] = skills
                    return skills
                }()
                give(skills, enrolment: id, day: result.achievedOn)
            }
        }
        for (id, skills) in held where !skills.isEmpty {
            guard let enrolment = byID[id] else { continue }
            sums[enrolment.programme.code, default: Sum()].learners.insert(enrolment.learner)
            sums[enrolment.programme.code, default: Sum()].skills += skills.count
            sums[enrolment.programme.code, default: Sum()].skillsBelow += skills.values.count { $0 < policy.fadingBelow }
        }
        for programme in sums.keys.sorted() {
            let sum = sums[programme]!
            guard groups.shows(sum.learners.count) else { table.suppressedGroups += 1; continue }
            table.rows.append([.text(programme), .integer(sum.learners.count), .integer(sum.active), .integer(sum.below),
                               ReuseMetrics.share(sum.below, of: sum.active).map { .number($0) } ?? .none,
                               .integer(sum.skills), .integer(sum.skillsBelow),
                               ReuseMetrics.share(sum.skillsBelow, of: sum.skills).map { .number($0) } ?? .none])
        }
        return table
    }

    /// Per programme: recognition cases decided in the period and their results, units credited through
    /// recognition, the credits they carry, and external credentials accepted as evidence.
    public static func recognition(enrolments: [MetricsFacts.Enrolment], cases: [MetricsFacts.RecognitionCase], results: [MetricsFacts.Result],
                                   catalogue: PublishedCatalogue, filter: MetricsFilter, asOf: Day, groups: SmallGroups = .standard) -> MetricTable {
        var table = MetricTable(metric: .recognition, asOf: asOf, filter: filter,
                                columns: ["programme", "learners", "cases", "full", "partial", "refused", "unitsRecognised", "ectsRecognised",
                                          "sbuRecognised", "externalCredentialsAccepted"])
        let programmeOf = Dictionary(enrolments.map { ($0.id, $0.programme.code) }, uniquingKeysWith: { first, _ in first })
        struct Sum { var learners = Set<String>(); var cases = 0; var full = 0; var partial = 0; var refused = 0; var units = 0; var ects = 0.0; var sbu = 0; var external = 0 }
        var sums: [String: Sum] = [:]
        let noProgramme = "(none)"
        for item in cases where item.decidedOn <= asOf && filter.period(contains: item.decidedOn) {
            let key = item.programme ?? noProgramme
            sums[key, default: Sum()].learners.insert(item.learner)
            sums[key, default: Sum()].cases += 1
            switch item.result {
            case .full: sums[key, default: Sum()].full += 1
            case .partial: sums[key, default: Sum()].partial += 1
            case .refused: sums[key, default: Sum()].refused += 1
            }
            if item.result != .refused { sums[key, default: Sum()].external += item.externalCredentials }
        }
        for result in results where result.recognised && result.passed && result.achievedOn <= asOf && filter.period(contains: result.achievedOn) {
            let key = result.enrolment.flatMap { programmeOf[$0] } ?? noProgramme
            let workload = catalogue.unitVersions[result.unit]?.workload
            sums[key, default: Sum()].learners.insert(result.learner)
            sums[key, default: Sum()].units += 1
            sums[key, default: Sum()].ects += workload?.ects ?? 0
            sums[key, default: Sum()].sbu += workload?.sbu ?? 0
        }
        for key in sums.keys.sorted() {
            let sum = sums[key]!
            guard groups.shows(sum.learners.count) else { table.suppressedGroups += 1; continue }
            table.rows.append([.text(key), .integer(sum.learners.count), .integer(sum.cases), .integer(sum.full), .integer(sum.partial),
                               .integer(sum.refused), .integer(sum.units), .number(sum.ects), .integer(sum.sbu), .integer(sum.external)])
        }
        return table
    }

    /// Per published unit that stacks toward a larger award: the programmes it stacks toward, learners who
    /// passed it (any version, in the period), and how many of them are enrolled in one of those programmes.
    public static func stacking(enrolments: [MetricsFacts.Enrolment], results: [MetricsFacts.Result], catalogue: PublishedCatalogue,
                                filter: MetricsFilter, asOf: Day, groups: SmallGroups = .standard) -> MetricTable {
        var table = MetricTable(metric: .stacking, asOf: asOf, filter: filter, columns: ["unit", "toward", "learners", "stacking"])
        var programmesOf: [String: Set<String>] = [:]
        for enrolment in enrolments { programmesOf[enrolment.learner, default: []].insert(enrolment.programme.code) }
        var passed: [String: Set<String>] = [:]
        for result in results where result.passed && result.achievedOn <= asOf && filter.period(contains: result.achievedOn) {
            passed[result.unit.code, default: []].insert(result.learner)
        }
        for unit in catalogue.units.values.filter({ !$0.stackableToward.isEmpty }).sorted(by: { $0.code < $1.code }) {
            let toward = Set(unit.stackableToward.map(\.code))
            if let programme = filter.programme, !toward.contains(programme) { continue }
            let learners = passed[unit.code] ?? []
            guard groups.shows(learners.count) else { table.suppressedGroups += 1; continue }
            let stacking = learners.count { !(programmesOf[$0] ?? []).isDisjoint(with: toward) }
            table.rows.append([.text(unit.code), .text(toward.sorted().joined(separator: " ")), .integer(learners.count), .integer(stacking)])
        }
        return table
    }

    /// A plain count of awards per kind and status.
    public static func awards(_ counts: [MetricsFacts.AwardCount], filter: MetricsFilter, asOf: Day, groups: SmallGroups = .standard) -> MetricTable {
        var table = MetricTable(metric: .awards, asOf: asOf, filter: filter, columns: ["kind", "learners", "awards", "offered", "collected", "revoked"])
        for (kind, rows) in Dictionary(grouping: counts, by: \.kind).sorted(by: { $0.key < $1.key }) {
            let learners = rows.map(\.learners).max() ?? 0
            guard groups.shows(learners) else { table.suppressedGroups += 1; continue }
            func count(_ status: String) -> Int { rows.filter { $0.status == status }.map(\.awards).reduce(0, +) }
            table.rows.append([.text(kind), .integer(learners), .integer(rows.map(\.awards).reduce(0, +)), .integer(count("offered")),
                               .integer(count("collected")), .integer(count("revoked"))])
        }
        return table
    }

    /// The middle value (the mean of the two middle ones for an even count); `nil` for none.
    public static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? Double(sorted[middle - 1] + sorted[middle]) / 2 : Double(sorted[middle])
    }
}

/// Reuse (hergebruik) of the published catalogue: units shared by
/// programmes, outcomes shared by units, skills covered by several
/// programmes. These count catalogue entries, not learners, so no group is
/// suppressed. Rows are sorted most reused first, then by code.
public enum ReuseMetrics {
    /// Per published unit: how many published programmes name it, and which.
    public static func unitReuse(_ catalogue: PublishedCatalogue, filter: MetricsFilter, asOf: Day) -> MetricTable {
        var users: [String: Set<String>] = [:]
        for programme in catalogue.programmes.values where filter.programme == nil || filter.programme == programme.code {
            for unit in catalogue.unitCodes(of: programme) { users[unit, default: []].insert(programme.code) }
        }
        let units = filter.programme == nil ? Set(catalogue.units.keys) : Set(users.keys)
        let rows = units.map { unit -> (String, Set<String>) in (unit, users[unit] ?? []) }
            .sorted { ($0.1.count, $1.0) > ($1.1.count, $0.0) }
            .map { unit, programmes -> [MetricValue] in [.text(unit), .integer(programmes.count), .text(programmes.sorted().joined(separator: " "))] }
        return MetricTable(metric: .unitReuse, asOf: asOf, filter: filter, columns: ["unit", "programmes", "programmeCodes"], rows: rows)
    }

    /// Per published programme: its units, how many of them another published programme also names, and that share.
    public static func programmeReuse(_ catalogue: PublishedCatalogue, filter: MetricsFilter, asOf: Day) -> MetricTable {
        var users: [String: Int] = [:]
        for programme in catalogue.programmes.values {
            for unit in catalogue.unitCodes(of: programme) { users[unit, default: 0] += 1 }
        }
        let rows = catalogue.programmes.values
            .filter { filter.programme == nil || filter.programme == $0.code }
            .map { programme -> (String, Int, Int) in
                let units = catalogue.unitCodes(of: programme)
                return (programme.code, units.count, units.count { (users[$0] ?? 0) > 1 })
            }
            .sorted { (share($0.2, of: $0.1) ?? -1, $1.0) > (share($1.2, of: $1.1) ?? -1, $0.0) }
            .map { code, units, shared -> [MetricValue] in
                [.text(code), .integer(units), .integer(shared), share(shared, of: units).map { .number($0) } ?? .none]
            }
        return MetricTable(metric: .programmeReuse, asOf: asOf, filter: filter, columns: ["programme", "units", "sharedUnits", "sharedShare"], rows: rows)
    }

    /// Per published outcome: how many published units name it.
    public static func outcomeReuse(_ catalogue: PublishedCatalogue, filter: MetricsFilter, asOf: Day) -> MetricTable {
        var users: [String: Set<String>] = [:]
        for unit in catalogue.units.values {
            for outcome in unit.outcomes { users[outcome.code, default: []].insert(unit.code) }
        }
        let rows = catalogue.outcomes.keys.map { ($0, users[$0] ?? []) }
            .sorted { ($0.1.count, $1.0) > ($1.1.count, $0.0) }
            .map { outcome, units -> [MetricValue] in [.text(outcome), .integer(units.count), .text(units.sorted().joined(separator: " "))] }
        return MetricTable(metric: .outcomeReuse, asOf: asOf, filter: filter, columns: ["outcome", "units", "unitCodes"], rows: rows)
    }

    /// Per ESCO skill some published programme covers: how many published programmes cover it.
    public static func skillReuse(_ catalogue: PublishedCatalogue, filter: MetricsFilter, asOf: Day) -> MetricTable {
        var users: [String: Set<String>] = [:]
        for programme in catalogue.programmes.values {
            for skill in catalogue.skills(of: programme) { users[skill, default: []].insert(programme.code) }
        }
        let rows = users.filter { filter.programme == nil || $0.value.contains(filter.programme!) }
            .sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
            .map { skill, programmes -> [MetricValue] in [.text(skill), .integer(programmes.count), .text(programmes.sorted().joined(separator: " "))] }
        return MetricTable(metric: .skillReuse, asOf: asOf, filter: filter, columns: ["skill", "programmes", "programmeCodes"], rows: rows)
    }

    static func share(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }
}

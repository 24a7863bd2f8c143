import ArgumentParser
import ErkendCore
import Foundation

/// `erkend metrics [NAME]`: throughput and reuse metrics as a table, JSON or CSV.
struct MetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Show throughput (doorstroom) and reuse (hergebruik) metrics; without a name, list them.",
        discussion: """
        Docs/metrics.md defines every metric. Groups of fewer than 5 learners are left out (and counted). \
        The same tables as GET /api/v1/metrics/NAME.

        Examples:
          erkend metrics
          erkend metrics time-to-entrustment --programme VPK-25655 --cohort 2025-2026
          erkend metrics time-to-entrustment --from-first-observation --epa VPK-EPA-01 --csv
          erkend metrics phase-flow --from 2025-09-01 --to 2026-08-31 --no-progress-days 60
          erkend metrics unit-reuse --json
        """
    )

    @Argument(help: ArgumentHelp("The metric, such as time-to-entrustment or unit-reuse.", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("Only enrolments in a version of this programme.", valueName: "code"))
    var programme: String?

    @Option(help: "Only enrolments of this cohort, such as 2025-2026.")
    var cohort: String?

    @Option(help: ArgumentHelp("First day of the period (inclusive).", valueName: "YYYY-MM-DD"))
    var from: String?

    @Option(help: ArgumentHelp("Last day of the period (inclusive); the metric is reckoned on it when it is in the past.", valueName: "YYYY-MM-DD"))
    var to: String?

    @Option(help: ArgumentHelp("Only this EPA.", valueName: "code"))
    var epa: String?

    @Option(help: ArgumentHelp("Only enrolments with a placement at this organisation.", valueName: "name"))
    var workplace: String?

    @Option(help: ArgumentHelp("Phase flow: count learners without recorded progress for this many days (default 90).", valueName: "days"))
    var noProgressDays: Int?

    @Flag(help: "Time to entrustment from the first observation of the EPA instead of the enrolment.")
    var fromFirstObservation = false

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Print CSV.")
    var csv = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if let noProgressDays, noProgressDays < 1 { throw ValidationError("--no-progress-days takes a whole number of days from 1") }
    }

    func run() async throws {
        guard let name else {
            let width = MetricName.allCases.map(\.rawValue.count).max() ?? 0
            for metric in MetricName.allCases {
                print(metric.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0) + metric.summary)
            }
            return
        }
        guard let metric = MetricName(rawValue: name) else {
            throw CLIError("no metric '\(name)'; the metrics are: \(MetricName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let filter = MetricsFilter(programme: programme, cohort: cohort, from: try day(from, "--from"), to: try day(to, "--to"),
                                   epa: epa, workplace: workplace, noProgressDays: noProgressDays)
        let storage = try await database.openStorage()
        let service = MetricsService(metrics: storage.metrics, catalogue: storage.catalogue, taxonomy: storage.taxonomy)
        let table = try await reportingErrors {
            try await service.table(metric, filter: filter, origin: fromFirstObservation ? .firstObservation : .enrolment)
        }
        await storage.close()
        if json {
            print(String(decoding: try ErkendJSON.encoder(pretty: true).encode(table), as: UTF8.self))
        } else if csv {
            print(table.csv(), terminator: "")
        } else {
            print(Self.text(table))
        }
    }

    private func day(_ text: String?, _ option: String) throws -> Day? {
        guard let text else { return nil }
        do { return try Day(parsing: text) } catch { throw CLIError("\(option) takes a day as YYYY-MM-DD, got '\(text)'") }
    }

    /// Columns aligned with two spaces between them, then what was left out.
    static func text(_ table: MetricTable) -> String {
        let cells = [table.columns] + table.rows.map { $0.map { $0.plain.isEmpty ? "-" : $0.plain } }
        let widths = table.columns.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        var lines = cells.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        if table.rows.isEmpty { lines.append("(no rows)") }
        var note = "as of \(table.asOf)"
        if table.metric.countsLearners {
            note += "; \(table.suppressedGroups) group(s) of fewer than \(SmallGroups.standard.minimum) learners left out"
        }
        lines.append(note)
        return lines.joined(separator: "\n")
    }
}

import ArgumentParser
import ErkendCore
import ErkendServer
import Foundation

/// `erkend match LEARNER`: from vacancy to skill for one learner.
struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Compare a learner's skills with an ESCO occupation or a vacancy, and suggest units that close the gap.",
        discussion: """
        The target is an occupation's essential skills, skill URIs, and/or free text matched to ESCO skill labels \
        (Dutch and English; each comma-separated phrase gives its best match). Prints the skills the learner has \
        (with currency), those fading, those missing, and published units to take — chosen greedily (most open \
        skills first, prerequisites before the units that need them), which is not always the smallest set. \
        The same as GET /api/v1/learners/LEARNER/match.

        Example: erkend match g7-L5 --occupation http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1
        """
    )

    @Argument(help: "The learner's id (leave out with --programme).")
    var learner: String?

    @Option(help: ArgumentHelp("Instead of a learner: the share of the occupation's essential skills this published programme covers, and the gaps.",
                               valueName: "code"))
    var programme: String?

    @Option(help: ArgumentHelp("An ESCO occupation URI: its essential skills.", valueName: "uri"))
    var occupation: String?

    @Option(help: ArgumentHelp("ESCO skill URIs, comma-separated.", valueName: "uri,…"))
    var skills: String?

    @Option(help: ArgumentHelp("A vacancy's skills in words, comma-separated, matched to ESCO labels.", valueName: "words"))
    var text: String?

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Print CSV: section (have, fading, missing, unit), code, label, currency or covered skills.")
    var csv = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if occupation == nil && skills == nil && text == nil { throw ValidationError("name a target: --occupation, --skills or --text") }
        if (learner == nil) == (programme == nil) { throw ValidationError("name a learner, or a programme with --programme") }
        if programme != nil && occupation == nil { throw ValidationError("--programme needs --occupation") }
    }

    func run() async throws {
        let storage = try await database.openStorage()
        let services = ErkendServices(storage: storage)
        let service = SkillMatchService(progression: services.progression, taxonomy: storage.taxonomy, catalogue: storage.catalogue)
        if let programme, let occupation {
            let coverage = try await reportingErrors { try await service.coverage(programme: programme, occupation: try ConceptURI(occupation)) }
            await storage.close()
            if json {
                print(String(decoding: try ErkendJSON.encoder(pretty: true).encode(coverage), as: UTF8.self))
                return
            }
            let rows = coverage.covered.map { ["covered", $0.skill, $0.label] } + coverage.gaps.map { ["gap", $0.skill, $0.label] }
            if csv {
                let table = MetricTable(metric: .skillReuse, asOf: Day(Date()), filter: MetricsFilter(), columns: ["section", "skill", "label"],
                                        rows: rows.map { $0.map { MetricValue.text($0) } })
                print(table.csv(), terminator: "")
                return
            }
            for row in rows { print(row.joined(separator: "\t")) }
            print("\(programme) covers \(coverage.covered.count) of \(coverage.essential) essential skills"
                  + (coverage.share.map { " (\(Int(($0 * 100).rounded())) %)" } ?? ""))
            return
        }
        guard let learner else { return }
        let match = try await reportingErrors {
            let target = SkillMatchService.Target(occupation: try occupation.map { try ConceptURI($0) },
                                                  skills: try (skills ?? "").split(separator: ",").map { try ConceptURI(String($0).trimmingCharacters(in: .whitespaces)) },
                                                  text: text)
            return try await service.match(try Learner.ID(validating: learner), target: target)
        }
        await storage.close()
        if json {
            print(String(decoding: try ErkendJSON.encoder(pretty: true).encode(match), as: UTF8.self))
            return
        }
        var rows: [[String]] = []
        for (section, list) in [("have", match.have), ("fading", match.fading), ("missing", match.missing)] {
            rows += list.map { [section, $0.skill, $0.label, $0.currency.map { String(format: "%.2f", $0) } ?? ""] }
        }
        rows += match.units.map { ["unit", "\($0.unit)@\($0.version)", $0.title, $0.prerequisiteOf.map { "prerequisite of \($0)" } ?? $0.covers.joined(separator: " ")] }
        if csv {
            let table = MetricTable(metric: .skillReuse, asOf: match.asOf, filter: MetricsFilter(), columns: ["section", "code", "label", "detail"],
                                    rows: rows.map { $0.map { MetricValue.text($0) } })
            print(table.csv(), terminator: "")
            return
        }
        for row in rows { print(row.joined(separator: "\t")) }
        print("\(match.have.count) have, \(match.fading.count) fading, \(match.missing.count) missing; \(match.units.count) unit(s) suggested"
              + (match.uncovered.isEmpty ? "" : "; \(match.uncovered.count) skill(s) no published unit gives"))
    }
}

import ArgumentParser
import ErkendCore
import ErkendServer
import Foundation

/// `erkend progress LEARNER`: where a learner stands.
struct ProgressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show a learner's phase, what is still needed, the share of the way to independent practice, and skills with their currency.",
        discussion: "Example: erkend progress 100234   (a learner id; erkend learners list shows them)"
    )

    @Argument(help: ArgumentHelp("The learner's id.", valueName: "learner"))
    var learner: String

    @Flag(help: "Print the full report as JSON.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await database.openStorage()
        let service = ErkendServices(storage: store).progression
        let reports = try await reportingErrors { try await service.progress(try Learner.ID(validating: learner)) }
        if json {
            print(String(decoding: try ErkendJSON.encoder(pretty: true).encode(reports), as: UTF8.self))
            return
        }
        for report in reports {
            print("programme \(report.enrolment.programme)   cohort \(report.enrolment.cohort)   as of \(report.asOf)")
            let position: String = switch report.phases.current {
            case .phase(let code): "phase \(code)"
            case .finalRequirements: "all phases done; final requirements remain"
            case .completed: "programme completed"
            }
            print("  now: \(position)   \(report.progress.percent)% of the way to independent practice")
            for epa in report.progress.epas {
                print("  EPA \(epa.epa): level \(epa.currentLevel ?? "—") of target \(epa.targetLevel) (\(report.observationCounts[epa.epa.code] ?? 0) observations)")
            }
            let next = report.phases.toNextPhase
            if !next.isEmpty {
                print("  for the next phase:")
                for unit in next.units { print("    unit \(unit)") }
                for gap in next.epaLevels { print("    EPA \(gap.epa) to level \(gap.targetLevel) (now \(gap.currentLevel ?? "—"))") }
                for choice in next.choices { print("    choose \(choice.choose) in \(choice.group)") }
            }
            let fading = report.skills.skills.filter { $0.status != .current }
            print("  skills: \(report.skills.skills.count), of which \(fading.count) fading or stale")
            for due in report.skills.reentrustmentDue {
                let reasons = due.reasons.map { reason -> String in
                    switch reason {
                    case .validityEnds(let day, let days): "the entrustment ends on \(day) (in \(days) days)"
                    case .skillsFading(let skills, let lowest): "\(skills.count) skills fading (lowest currency \(String(format: "%.2f", lowest)))"
                    }
                }
                print("  re-entrustment due: EPA \(due.epa) at level \(due.level): \(reasons.joined(separator: "; "))")
            }
        }
    }
}

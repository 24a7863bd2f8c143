import ArgumentParser
import ErkendCore
import ErkendServer
import Foundation

/// `erkend learners due`: entrustments due for renewal, across learners.
struct LearnersDueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "List learners whose entrustments (bekwaamverklaringen) are due for renewal, most urgent first.",
        discussion: """
        A decision is due when its validity ends within 60 days, or when skills it rests on are fading \
        (their currency has decayed with the skill's half-life). Prints one line per decision: learner id, \
        name, programme, EPA and level, and why. With --json: the same as GET /api/v1/reentrustment-due, \
        for all learners at once.

        Example: erkend learners due --programme VPK-25655 --json
        """
    )

    @Option(help: "Only learners with an enrolment in this cohort, such as 2025-2026.")
    var cohort: String?

    @Option(help: ArgumentHelp("Only learners enrolled in a version of this programme.", valueName: "code"))
    var programme: String?

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await database.openStorage()
        let service = ErkendServices(storage: store).progression
        let filter = LearnerFilter(cohort: cohort, programmeCode: programme)
        let list = try await reportingErrors {
            var request = try PageRequest(size: PageRequest.maximumSize)
            var all = try await service.reentrustmentDue(filter: filter, page: request)
            var lastScanned = all.scanned
            while all.scanned < all.total, lastScanned > 0 {
                request = try PageRequest(page: request.page + 1, size: request.size)
                let next = try await service.reentrustmentDue(filter: filter, page: request)
                all.learners += next.learners
                all.scanned += next.scanned
                lastScanned = next.scanned
            }
            // Learners of later pages may be more urgent than those of earlier ones.
            all.learners = ProgressionService.mostUrgentFirst(all.learners)
            all.page = 1
            all.pageSize = all.scanned
            return all
        }
        if json {
            print(String(decoding: try ErkendJSON.encoder(pretty: true).encode(list), as: UTF8.self))
            return
        }
        for entry in list.learners {
            for due in entry.due {
                let reasons = due.reasons.map { reason in
                    switch reason {
                    case .validityEnds(let day, let inDays): inDays < 0 ? "validity ended on \(day)" : "validity ends on \(day) (in \(inDays) days)"
                    case .skillsFading(let skills, let lowest): "\(skills.count) skill(s) fading, lowest currency \(String(format: "%.2f", lowest))"
                    }
                }
                print([entry.learner.rawValue, entry.name, entry.programme.description, "\(due.epa) level \(due.level)", reasons.joined(separator: "; ")]
                    .joined(separator: "\t"))
            }
        }
        print(list.learners.isEmpty ? "no entrustments due among \(list.total) learners with decisions"
                                    : "\(list.learners.count) of \(list.total) learners with decisions have renewals due (as of \(list.asOf))")
    }
}

import ArgumentParser
import ErkendCore
import Foundation

/// `erkend learners list`.
struct LearnersListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List learners with their enrolments, by name.",
        discussion: """
        Prints one learner per line, tab-separated: id, name, student number, and each enrolment as \
        "cohort programme@version". With --json: an array of {id, name, studentNumber, email, \
        enrolments: [{id, programme, cohort, startDate, status}]}.

        Example: erkend learners list --cohort 2025-2026 --programme SD-25604 --json
        """
    )

    @Option(help: "Only learners with an enrolment in this cohort, such as 2025-2026.")
    var cohort: String?

    @Option(help: ArgumentHelp("Only learners enrolled in a version of this programme.", valueName: "code"))
    var programme: String?

    @Option(help: ArgumentHelp("Only learners whose name, student number or e-mail address contains this text.", valueName: "text"))
    var query: String?

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    /// A learner as listed: the stored learner and its enrolments.
    struct Listed: Encodable {
        var id: String
        var name: String
        var studentNumber: String?
        var email: String?
        var enrolments: [ListedEnrolment]
    }

    struct ListedEnrolment: Encodable {
        var id: String
        var programme: String
        var cohort: String
        var startDate: String
        var status: String
    }

    func run() async throws {
        let store = try await database.openStorage()
        let filter = LearnerFilter(text: query, cohort: cohort, programmeCode: programme)
        let listed = try await reportingErrors {
            var listed: [Listed] = []
            var request = try PageRequest(size: PageRequest.maximumSize)
            while true {
                let page = try await store.progression.learners.list(filter: filter, page: request)
                for learner in page.items {
                    let enrolments = try await store.progression.enrolments.enrolments(learner: learner.id)
                    listed.append(Listed(
                        id: learner.id.rawValue, name: learner.name, studentNumber: learner.studentNumber, email: learner.email,
                        enrolments: enrolments.map {
                            ListedEnrolment(id: $0.id.rawValue, programme: $0.programme.description, cohort: $0.cohort,
                                            startDate: $0.startDate.description, status: $0.status.rawValue)
                        }))
                }
                guard !page.items.isEmpty, request.offset + page.items.count < page.total else { break }
                request = try PageRequest(page: request.page + 1, size: request.size)
            }
            return listed
        }
        if json {
            print(String(decoding: try ErkendJSON.encoder(pretty: true).encode(listed), as: UTF8.self))
            return
        }
        for learner in listed {
            let enrolments = learner.enrolments.map { "\($0.cohort) \($0.programme)\($0.status == "active" ? "" : " (\($0.status))")" }
            print(([learner.id, learner.name, learner.studentNumber ?? "-"] + enrolments).joined(separator: "\t"))
        }
        if listed.isEmpty { print("no learners") }
    }
}

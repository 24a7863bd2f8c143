import ArgumentParser
import ErkendCore
import ErkendServer
import ErkendStore
import Foundation
import Hummingbird
import Logging

/// `erkend bench observations`: observations recorded over HTTP by many clients at once.
struct BenchObservationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "observations",
        abstract: "Record observations over HTTP with wrk and many connections (limit 2,000/s), next to /health in the same run; checks every one was stored.",
        discussion: "Needs wrk and curl (apt-get install wrk curl). Build with -c release first. Example: swift run -c release erkend bench observations --duration 10"
    )

    @Option(help: "Seconds per wrk run.")
    var duration = 10

    @Option(help: "Open connections (concurrent clients).")
    var connections = 64

    @Option(help: "wrk threads.")
    var threads = 2

    @Option(help: "Learners the observations are spread over.")
    var learners = 500

    @Option(help: ArgumentHelp("Where the shipped catalogues are.", valueName: "dir"))
    var catalogs: String?

    @Option(help: "full: each commit is fsynced before it is acknowledged, as erkend serve does; normal: only at checkpoints, to see what full costs.")
    var durability = "full"

    /// `--durability` as the database setting it names.
    var durabilityLevel: ErkendDatabase.Durability {
        get throws {
            guard let level = ErkendDatabase.Durability(rawValue: durability) else { throw CLIError("--durability is full or normal, not '\(durability)'") }
            return level
        }
    }

    func run() async throws {
        guard let wrk = BenchSupport.which("wrk"), let curl = BenchSupport.which("curl") else { throw CLIError("wrk and curl are needed (apt-get install wrk curl)") }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("erkend-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var logger = Logger(label: "erkend-bench")
        logger.logLevel = .warning
        let store = try ErkendStore.open(path: work.appendingPathComponent("observations.sqlite").path, durability: try durabilityLevel).storage
        try await DemoLoader(store: store, catalogs: try CatalogsLocator.locate(catalogs), logger: logger).loadIfEmpty()
        // Enrolled learners without observations yet, in both programmes.
        _ = try await DemoGenerateCommand.generate(into: store, learners: learners, observationsEach: 0, seed: 1, catalogs: catalogs)

        let server = try await BenchServer.start(store, backlog: 4096)
        defer { server.stop() }
        let base = server.base
        let token = try Self.coachToken(curl: curl, base: base)

        // Each learner gets observations of the first EPA of their programme, dated today.
        var targets: [String] = []
        for index in 0..<learners {
            let id = DemoGenerator.learnerID(seed: 1, index: index)
            guard let enrolment = try await store.progression.enrolments.enrolments(learner: id).first else { continue }
            let epa = enrolment.programme.code == "SD-25604" ? "SD-EPA-K1" : "VP-EPA-DIAG"
            targets.append("\(id)|\(epa)")
        }
        let script = work.appendingPathComponent("observations.lua")
        try Self.script(token: token, targets: targets, day: Day(Date()).description).write(to: script, atomically: true, encoding: .utf8)

        func load(_ arguments: [String]) throws -> (rate: Double, succeeded: Int, p99: String, errors: String) {
            let load = BenchServer.Load(wrkOutput: try BenchSupport.run(wrk, ["-t\(threads)", "-c\(connections)", "-d\(duration)s", "--timeout", "10s", "--latency"] + arguments).output)
            let succeeded = load.requests - load.non2xx
            return (Double(succeeded) / Double(duration), succeeded, load.p99, load.errors)
        }
        let trivial = try load(["\(base)/health"])
        let observed = try load(["--script", script.path, base])

        var stored = 0
        for target in targets {
            let id = Learner.ID(trusted: String(target.split(separator: "|")[0]))
            stored += try await store.progression.observations.observations(learner: id, epa: nil).count
        }
        let audit = try await store.audit.verify()
        print("HTTP on loopback, wrk -t\(threads) -c\(connections) -d\(duration)s, server and wrk on the same \(BenchSupport.machine), synchronous = \(durability.uppercased())")
        print("  GET /health (trivial route)                   \(String(format: "%8.0f", trivial.rate)) req/s  p99 \(trivial.p99)  \(trivial.errors)")
        print("  POST /api/v1/learners/{id}/observations       \(String(format: "%8.0f", observed.rate)) req/s  p99 \(observed.p99)  \(observed.errors)  "
              + "(\(String(format: "%.0f", 100 * observed.rate / max(trivial.rate, 1)))% of trivial; limit 2,000/s: \(observed.rate >= 2_000 ? "met" : "NOT met"))")
        // wrk stops counting at the deadline; requests in flight then may still be stored, at most one per connection.
        let complete = stored >= observed.succeeded && stored - observed.succeeded <= connections
        print("  stored: \(stored) observations for \(observed.succeeded) acknowledged over \(targets.count) learners "
              + "(\(complete ? "every acknowledged one stored" : "MISMATCH")); audit log \(audit.isIntact ? "intact" : "NOT intact") with \(audit.checked) entries")

        // The same writes without HTTP, to tell the service's cost from the server's.
        let service = ErkendServices(storage: store).progression
        let parsed = targets.map { target in
            let parts = target.split(separator: "|")
            return (Learner.ID(trusted: String(parts[0])), String(parts[1]))
        }
        let input: @Sendable (String) -> NewObservation = { epa in NewObservation(epa: EntityReference(epa), date: Day(Date()), level: "1", feedback: "Meegekeken bij de overdracht.") }
        let observer = Observer(kind: .staff, id: "bench", name: "Bench")
        var sequential: [Double] = []
        for (learner, epa) in parsed.prefix(300) {
            sequential.append(try await BenchSupport.time { _ = try await service.recordObservation(learner, input(epa), observer: observer, by: .commandLine) })
        }
        var reads: [Double] = [], writes: [Double] = []
        for (index, (learner, _)) in parsed.prefix(300).enumerated() {
            reads.append(try await BenchSupport.time { _ = try await store.progression.learners.learner(learner); _ = try await store.progression.enrolments.enrolments(learner: learner) })
            guard let enrolment = try await store.progression.enrolments.enrolments(learner: learner).first else { continue }
            let observation = Observation(id: Observation.ID(trusted: "bench-\(index)"), learner: learner, enrolment: enrolment.id, epa: ExactReference("SD-EPA-K1", version: 1),
                                          date: Day(Date()), level: "1", observer: observer, feedback: "x", recordedAt: Date())
            let audit = AuditRecord(at: Date(), actor: .system, channel: .cli("bench"), action: AuditAction.observationRecorded, subject: learner)
            writes.append(try await BenchSupport.time { try await store.progression.observations.record(observation, audit: audit) })
        }
        print("  breakdown: learner + enrolments reads p50 \(BenchSupport.format(BenchSupport.percentile(reads, 0.5))); write transaction with audit p50 \(BenchSupport.format(BenchSupport.percentile(writes, 0.5)))")
        let seconds = Double(min(duration, 5))
        let deadline = Date().addingTimeInterval(seconds)
        let written = try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<connections {
                group.addTask {
                    var count = 0
                    while Date() < deadline {
                        let (learner, epa) = parsed[(worker * 7919 + count) % parsed.count]
                        _ = try await service.recordObservation(learner, input(epa), observer: observer, by: .commandLine)
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        print("  in-process, no HTTP: recordObservation one at a time p50 \(BenchSupport.format(BenchSupport.percentile(sequential, 0.5))) "
              + "p99 \(BenchSupport.format(BenchSupport.percentile(sequential, 0.99))); \(connections) concurrent tasks "
              + "\(String(format: "%.0f", Double(written) / seconds))/s")
        if !complete || !audit.isIntact { throw ExitCode(1) }
    }

    /// Signs in as the demo coach and makes an API token that may write learners' records.
    static func coachToken(curl: String, base: String) throws -> String {
        let signIn = try BenchSupport.run(curl, ["-sf", "-D", "-", "-H", "content-type: application/json", "-d",
                                                #"{"username": "coach@demo.erkend.nl", "password": "\#(DemoLoader.demoPassword)"}"#, "\(base)/api/v1/session"])
        let lines = signIn.output.components(separatedBy: "\r\n")
        guard let cookie = lines.first(where: { $0.lowercased().hasPrefix("set-cookie:") })?.dropFirst("set-cookie:".count)
                .split(separator: ";").first?.trimmingCharacters(in: .whitespaces),
              let body = lines.last, let csrf = Self.field("csrfToken", in: body) else {
            throw CLIError("signing in as the demo coach failed: \(signIn.output)")
        }
        let created = try BenchSupport.run(curl, ["-sf", "-H", "Cookie: \(cookie)", "-H", "X-CSRF-Token: \(csrf)", "-H", "content-type: application/json",
                                                  "-d", #"{"name": "bench", "scopes": ["learners:read", "learners:write"]}"#, "\(base)/api/v1/tokens"])
        guard let secret = Self.field("secret", in: created.output) else { throw CLIError("creating an API token failed: \(created.output)") }
        return secret
    }

    static func field(_ name: String, in json: String) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?[name] as? String
    }

    /// A wrk script that POSTs an observation per request, turning through the learners.
    static func script(token: String, targets: [String], day: String) -> String {
        let list = targets.map { "\"\($0)\"" }.joined(separator: ",")
        return """
        local targets = {\(list)}
        local counter = 0
        local next_offset = 0
        function setup(thread)
          thread:set("offset", next_offset)
          next_offset = next_offset + 7919
        end
        function init(args)
          counter = tonumber(offset) or 0
        end
        function request()
          counter = counter + 1
          local target = targets[counter % #targets + 1]
          local sep = string.find(target, "|", 1, true)
          local learner = string.sub(target, 1, sep - 1)
          local epa = string.sub(target, sep + 1)
          local body = '{"epa": "' .. epa .. '", "date": "\(day)", "level": "1", "feedback": "Meegekeken bij de overdracht; stelde goede vragen.", "context": {"complexity": "low"}}'
          return wrk.format("POST", "/api/v1/learners/" .. learner .. "/observations",
            { ["Authorization"] = "Bearer \(token)", ["Content-Type"] = "application/json" }, body)
        end
        """
    }
}

import ErkendTestSupport
import Foundation
import Testing

/// What a SIGKILL leaves behind: the process gets no chance to clean up, as in
/// a crash or an out-of-memory kill. Committed work must survive it whole, and
/// work in progress must vanish whole.
@Suite("Crash safety", .serialized)
struct CrashSafetyTests {
    /// When a kill lands: while the WAL grows (the commit being written), while
    /// the database file grows (the checkpoint after it), or at a random time.
    enum KillMoment: CaseIterable, CustomStringConvertible {
        case whileCommitting, whileCheckpointing, atRandomTime

        var description: String {
            switch self {
            case .whileCommitting: "while the commit was written to the WAL"
            case .whileCheckpointing: "while the WAL was copied into the database"
            case .atRandomTime: "at a random time"
            }
        }
    }

    @Test("A SIGKILLed taxonomy import leaves none of the import or all of it, and a sound database")
    func killedImport() async throws {
        let directory = try TemporaryDirectory("erkend-kill-import")
        let folder = try LargeESCOFolder.locate(or: directory)
        let complete = directory.path("complete.sqlite")
        let started = Date()
        let whole = try ErkendBinary.run(["taxonomy", "import", "esco", folder, "--database", complete])
        let duration = Date().timeIntervalSince(started)
        try #require(whole.status == 0, "\(whole.error)")
        let all = try Self.stats(complete)
        let bytes = try #require(FileManager.default.attributesOfItem(atPath: complete)[.size] as? Int)
        var random = SystemRandomNumberGenerator()

        var outcomes: [String] = []
        for round in 0..<6 {
            let database = directory.path("killed-\(round).sqlite")
            let moment = KillMoment.allCases[round % KillMoment.allCases.count]
            let process = Process()
            process.executableURL = ErkendBinary.url
            process.arguments = ["taxonomy", "import", "esco", folder, "--database", database]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let threshold = Int.random(in: bytes / 20...bytes * 9 / 10, using: &random)
            let deadline = Date().addingTimeInterval(Double.random(in: 0.05...duration, using: &random))
            try process.run()
            let killed = Self.kill(process) {
                switch moment {
                case .whileCommitting: Self.size(database + "-wal") >= threshold
                case .whileCheckpointing: Self.size(database) >= threshold
                case .atRandomTime: Date() >= deadline
                }
            }

            let found = try Self.stats(database)
            let inspection = try DatabaseInspection(database)
            let problems = try inspection.soundnessProblems()
            try inspection.close()
            let verdict = found == all ? "all" : found == Self.empty ? "none" : "PART: \(found)"
            outcomes.append("\(killed ? "killed \(moment)" : "finished before the kill"): \(verdict)")
            #expect(found == all || found == Self.empty, "round \(round), killed \(moment): \(found), expected none or \(all)")
            #expect(problems.isEmpty, "round \(round): \(problems)")
        }
        print("killed imports of \(folder) (\(all["skills"] ?? 0) skills):\n  " + outcomes.joined(separator: "\n  "))
    }

    @Test("A SIGKILLed server loses no acknowledged write and shows no half-written one, kill after kill")
    func killedServer() async throws {
        let directory = try TemporaryDirectory("erkend-kill-serve")
        var server = try ServerProcess(directory: directory)
        var client = try await RegistryClient.signIn(server)
        let acknowledged = Acknowledged()
        var learners: [(learner: String, mentor: String)] = []
        for index in 0..<4 {
            let placed = try await client.placedLearner("Leerling \(index)")
            learners.append(placed)
            await acknowledged.record(.learner, placed.learner)
        }

        var rounds: [String] = []
        for round in 0..<4 {
            let before = await acknowledged.total
            let links = LinkQueue()
            for (learner, mentor) in learners {
                for _ in 0..<5 { if let link = await client.requestSignoff(learner, mentor: mentor) { await links.add(link) } }
            }

            let killAfter = Double.random(in: 0.4...1.6)
            await withTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask { [client, server, learners] in
                        var turn = 0
                        while server.process.isRunning {
                            let learner = learners[(writer + turn) % learners.count].learner
                            turn += 1
                            await acknowledged.attempted()
                            switch writer % 4 {
                            case 0: await acknowledged.record(.observation, await client.recordObservation(learner))
                            case 1: await acknowledged.record(.decision, await client.decide(learner))
                            case 2:
                                guard let link = await links.next() else { try? await Task.sleep(for: .milliseconds(50)); continue }
                                if await client.sign(link.token) != nil { await acknowledged.record(.signoff, link.id) }
                            default: await acknowledged.record(.learner, await client.createLearner("Burst \(round)-\(turn)"))
                            }
                        }
                    }
                }
                try? await Task.sleep(for: .seconds(killAfter))
                server.kill()
            }

            server = try ServerProcess(directory: directory)
            client = RegistryClient(server: server, coach: client.coach, assessor: client.assessor)
            let health = try await server.request("GET", "/health")
            let inspection = try DatabaseInspection(server.database)
            let soundness = try inspection.soundnessProblems()
            let halfWritten = try inspection.halfWritten()
            let missing = try inspection.missing(await acknowledged.snapshot())
            try inspection.close()
            let audit = try await ErkendBinary.runAsync(["audit", "verify", "--database", server.database])

            let written = await acknowledged.total - before
            rounds.append("round \(round): killed after \(String(format: "%.2f", killAfter)) s, \(written) writes acknowledged in the burst, "
                          + "\(await acknowledged.total) in all checked; \(audit.output.trimmingCharacters(in: .whitespacesAndNewlines))")
            #expect(health.status == 200)
            #expect(written > 0, "round \(round) wrote nothing before the kill: \(server.log.suffix(1000))")
            #expect(soundness.isEmpty, "round \(round): \(soundness)")
            #expect(halfWritten.isEmpty, "round \(round): \(halfWritten)")
            #expect(missing.isEmpty, "round \(round): acknowledged but lost: \(missing)")
            #expect(audit.status == 0, "round \(round): \(audit.output) \(audit.error)")
        }
        #expect(server.stop() == 0)
        let snapshot = await acknowledged.snapshot()
        let counts = Acknowledged.Kind.allCases.map { "\($0.rawValue) \(snapshot[$0]?.count ?? 0)" }
        print("killed erkend serve 4 times during bursts of 8 writers (\(await acknowledged.attempts) writes tried; acknowledged: \(counts.joined(separator: ", ")))\n  "
              + rounds.joined(separator: "\n  "))
    }

    // MARK: - Helpers

    static let empty = ["skills": 0, "skillGroups": 0, "occupations": 0, "relations": 0, "obsolete": 0]

    /// The counts `erkend taxonomy stats --json` gives: it opens the database as any restart does.
    static func stats(_ database: String) throws -> [String: Int] {
        let result = try ErkendBinary.run(["taxonomy", "stats", "--json", "--database", database])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], "\(result.error)")
        return empty.keys.reduce(into: [:]) { $0[$1] = json[$1] as? Int ?? -1 }
    }

    static func size(_ path: String) -> Int {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : 0
    }

    /// Polls `ready` every half millisecond and SIGKILLs the process when it holds;
    /// false when the process ended first.
    static func kill(_ process: Process, when ready: () -> Bool) -> Bool {
        while process.isRunning {
            if ready() {
                Foundation.kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return process.terminationReason == .uncaughtSignal
            }
            usleep(500)
        }
        process.waitUntilExit()
        return false
    }
}

/// Sign-off links waiting to be used, each handed out once.
actor LinkQueue {
    private var links: [(id: String, token: String)] = []

    func add(_ link: (id: String, token: String)) { links.append(link) }

    func next() -> (id: String, token: String)? { links.isEmpty ? nil : links.removeFirst() }
}

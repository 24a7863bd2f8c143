import ErkendTestSupport
import Foundation
import GRDB
import Testing

/// `erkend backup` while `erkend serve` writes, and `erkend restore` of what it wrote.
@Suite("Backup and restore", .serialized)
struct BackupRestoreTests {
    @Test("A backup taken under write load restores to a sound database with every write acknowledged before it started, and none sent after it ended")
    func roundTripUnderLoad() async throws {
        let directory = try TemporaryDirectory("erkend-backup")
        let server = try ServerProcess(directory: directory)
        defer { _ = server.stop() }
        let client = try await RegistryClient.signIn(server)
        let (learner, _) = try await client.placedLearner("Leerling met back-up")
        let window = BackupWindow()

        // Writers keep going through the whole backup and a little after it.
        let backup = directory.path("backups/erkend-backup.sqlite")
        var result: ErkendBinary.Result?
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<3 {
                group.addTask { [client] in
                    var turn = 0
                    while await window.keepWriting() {
                        turn += 1
                        let sent = await window.phase
                        switch writer {
                        case 0: await window.record(.learner, await client.createLearner("Schrijver \(turn)"), sentIn: sent)
                        case 1: await window.record(.observation, await client.recordObservation(learner), sentIn: sent)
                        default: await window.record(.decision, await client.decide(learner), sentIn: sent)
                        }
                    }
                }
            }
            while await window.acknowledgedBefore.values.map(\.count).reduce(0, +) < 30 { try? await Task.sleep(for: .milliseconds(20)) }
            await window.enter(.during)
            result = try? await ErkendBinary.runAsync(["backup", backup, "--database", server.database])
            await window.enter(.after)
        }
        let backedUp = try #require(result)
        try #require(backedUp.status == 0, "\(backedUp.error)")

        let restoredDirectory = try TemporaryDirectory("erkend-restored")
        let restoredPath = restoredDirectory.path("erkend.sqlite")
        let restored = try await ErkendBinary.runAsync(["restore", backup, "--database", restoredPath])
        let audit = try await ErkendBinary.runAsync(["audit", "verify", "--database", restoredPath])
        let inspection = try DatabaseInspection(restoredPath)
        let soundness = try inspection.soundnessProblems()
        let halfWritten = try inspection.halfWritten()
        let before = await window.acknowledgedBefore
        let missing = try inspection.missing(before)
        let sentAfter = await window.sentAfter
        let presentFromAfter = try sentAfter.reduce(0) { $0 + (try inspection.present($1.key, $1.value)) }
        try inspection.close()
        let restoredServer = try ServerProcess(directory: restoredDirectory)
        let learnerThere = try await restoredServer.request("GET", "/api/v1/learners/\(learner)", headers: client.coach)
        #expect(restoredServer.stop() == 0)

        #expect(backedUp.output.contains("backed up"), "\(backedUp.output)")
        #expect(restored.status == 0, "\(restored.error)")
        #expect(audit.status == 0, "\(audit.output) \(audit.error)")
        #expect(soundness.isEmpty, "\(soundness)")
        #expect(halfWritten.isEmpty, "\(halfWritten)")
        #expect(missing.isEmpty, "acknowledged before the backup but not in it: \(missing)")
        #expect(sentAfter.values.map(\.count).reduce(0, +) > 0, "the writers stopped before the backup ended")
        #expect(presentFromAfter == 0, "writes sent after the backup ended are in it")
        #expect(learnerThere.status == 200, "a server on the restored database serves its data with the old tokens")
        print("backup under load: \(backedUp.output.trimmingCharacters(in: .whitespacesAndNewlines)); "
              + "\(before.values.map(\.count).reduce(0, +)) writes acknowledged before it, \(await window.duringCount) during, "
              + "\(sentAfter.values.map(\.count).reduce(0, +)) sent after")
    }

    @Test("A restore is refused while erkend serve has the database open, and the database is left as it was")
    func restoreRefusedWhileServing() async throws {
        let directory = try TemporaryDirectory("erkend-restore-busy")
        let server = try ServerProcess(directory: directory)
        defer { _ = server.stop() }
        let backup = directory.path("backup.sqlite")
        try #require(try await ErkendBinary.runAsync(["backup", backup, "--database", server.database]).status == 0)
        let client = try await RegistryClient.signIn(server)
        let learner = try #require(await client.createLearner("Na de back-up"))

        let refused = try await ErkendBinary.runAsync(["restore", backup, "--database", server.database])
        let stillThere = try await server.request("GET", "/api/v1/learners/\(learner)", headers: client.coach)

        #expect(refused.status != 0)
        #expect(refused.error.contains("in use"), "\(refused.error)")
        #expect(stillThere.status == 200)
        #expect(try Self.leftovers(in: directory.url).isEmpty)
    }

    @Test("A restore refuses garbage, other SQLite files, damaged backups and a broken audit chain, leaving the database alone")
    func restoreRefusesBadFiles() async throws {
        let directory = try TemporaryDirectory("erkend-restore-refusals")
        let good = directory.path("good.sqlite")
        let database = try await Self.databaseWithAuditEntries(in: directory)
        try #require(try await ErkendBinary.runAsync(["backup", good, "--database", database]).status == 0)
        let original = try Data(contentsOf: URL(fileURLWithPath: database))

        var random = SystemRandomNumberGenerator()
        let goodBytes = try Data(contentsOf: URL(fileURLWithPath: good))
        try Data((0..<100_000).map { _ in UInt8.random(in: 0...255, using: &random) }).write(to: directory.url.appendingPathComponent("random.sqlite"))
        try Data().write(to: directory.url.appendingPathComponent("empty.sqlite"))
        try goodBytes.prefix(goodBytes.count / 2).write(to: directory.url.appendingPathComponent("truncated.sqlite"))
        // SQLite cannot tell a changed letter in a row from the real one; it can
        // tell b-tree pages whose headers are gone.
        var damaged = goodBytes
        for page in stride(from: 4096, to: damaged.count, by: 4096) { damaged[page] = 0xFF }
        try damaged.write(to: directory.url.appendingPathComponent("damaged.sqlite"))
        let other = try DatabaseQueue(path: directory.path("other-app.sqlite"))
        try await other.write { db in try db.execute(sql: "CREATE TABLE note (text TEXT); INSERT INTO note VALUES ('not Erkend')") }
        try other.close()
        try FileManager.default.copyItem(atPath: good, toPath: directory.path("tampered.sqlite"))
        let tampered = try DatabaseQueue(path: directory.path("tampered.sqlite"))
        try await tampered.write { db in
            try db.execute(sql: "DROP TRIGGER auditEntry_noUpdate")
            // The first entry about a learner (account administration is audited too, without that word).
            try db.execute(sql: """
                UPDATE auditEntry SET body = replace(body, 'learner', 'lerner')
                WHERE sequence = (SELECT min(sequence) FROM auditEntry WHERE body LIKE '%learner%')
                """)
        }
        try tampered.close()

        let cases = ["random": "not an SQLite database", "empty": "not an Erkend database", "truncated": "damaged",
                     "damaged": "damaged", "other-app": "not an Erkend database", "tampered": "audit log is broken", "missing": "no backup"]
        for (name, reason) in cases.sorted(by: { $0.key < $1.key }) {
            let result = try await ErkendBinary.runAsync(["restore", directory.path("\(name).sqlite"), "--database", database])
            #expect(result.status != 0, "\(name) was restored")
            #expect(result.error.contains("\(name).sqlite"), "\(name): \(result.error)")
            #expect(result.error.contains(reason), "\(name): \(result.error)")
            #expect(result.error.split(separator: "\n").count == 1, "\(name): one line: \(result.error)")
        }

        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == original, "the database was changed")
        #expect(try Self.leftovers(in: URL(fileURLWithPath: database).deletingLastPathComponent()).isEmpty)
        let restored = try await ErkendBinary.runAsync(["restore", good, "--database", database])
        #expect(restored.status == 0, "\(restored.error)")
        #expect(restored.output.contains("replaced is kept as"))
    }

    // MARK: - Helpers

    /// The database of a demo server that created three learners (three audit entries) and stopped.
    static func databaseWithAuditEntries(in directory: TemporaryDirectory) async throws -> String {
        let server = try ServerProcess(directory: directory)
        let client = try await RegistryClient.signIn(server)
        for index in 1...3 { try #require(await client.createLearner("Leerling \(index)") != nil) }
        try #require(server.stop() == 0)
        return server.database
    }

    /// Temporary files a backup or restore left in `folder`.
    static func leftovers(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".partial-") || $0.contains(".restoring-") }
    }
}

/// Where writers are relative to a backup, and what they wrote in each phase.
actor BackupWindow {
    enum Phase: Sendable { case before, during, after }

    private(set) var phase = Phase.before
    private(set) var acknowledgedBefore: [Acknowledged.Kind: [String]] = [:]
    private(set) var sentAfter: [Acknowledged.Kind: [String]] = [:]
    private(set) var duringCount = 0
    private var sentAfterCount = 0

    func enter(_ phase: Phase) { self.phase = phase }

    /// Until 20 writes have been sent after the backup ended.
    func keepWriting() -> Bool { sentAfterCount < 20 }

    /// A write sent in `sentIn`, acknowledged (`id` not nil) now.
    func record(_ kind: Acknowledged.Kind, _ id: String?, sentIn: Phase) {
        if sentIn == .after { sentAfterCount += 1 }
        guard let id else { return }
        switch (sentIn, phase) {
        case (.after, _): sentAfter[kind, default: []].append(id)
        case (_, .before): acknowledgedBefore[kind, default: []].append(id)
        default: duringCount += 1
        }
    }
}

import ErkendTestSupport
import Foundation
import GRDB
import Testing

/// The audit chain's head on the command line, and API tokens made there.
@Suite("Audit head and command-line tokens")
struct AuditHeadTests {
    static let password = "a long pass phrase for the test\n"

    static func createAccount(_ username: String, role: String, in database: String) throws {
        let created = try ErkendBinary.run(["accounts", "create", "--username", username, "--name", "Toets", "--role", role, "--database", database],
                                           input: password)
        try #require(created.status == 0, "\(created.error)")
    }

    @Test("erkend audit head prints the newest entry; verify --expect-head fails once entries are cut off the end, which verify alone cannot see")
    func truncatedTail() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("erkend.sqlite")
        try Self.createAccount("een@example.org", role: "coach", in: database)
        try Self.createAccount("twee@example.org", role: "designer", in: database)
        let head = try ErkendBinary.run(["audit", "head", "--database", database])
        #expect(head.status == 0)
        let parts = head.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        #expect(parts.count == 2 && parts[0] == "2" && parts[1].count == 64, "\(head.output)")

        let intact = try ErkendBinary.run(["audit", "verify", "--expect-head", head.output, "--database", database])
        #expect(intact.status == 0, "\(intact.output)")

        // Someone with the file drops the append-only triggers and deletes the newest entry.
        let queue = try DatabaseQueue(path: database)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER auditEntry_noDelete")
            try db.execute(sql: "DELETE FROM auditEntry WHERE sequence = 2")
        }
        try queue.close()
        let alone = try ErkendBinary.run(["audit", "verify", "--database", database])
        #expect(alone.status == 0, "the chain alone cannot see a cut tail")
        let expected = try ErkendBinary.run(["audit", "verify", "--expect-head", head.output, "--database", database])
        #expect(expected.status == 1)
        #expect(expected.output.contains("removed from the end"), "\(expected.output)")
        #expect(!expected.output.contains("ErkendCore"), "in words: \(expected.output)")
    }

    @Test("A broken chain is reported in words, without Swift type names")
    func breakInWords() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("erkend.sqlite")
        for index in 1...3 { try Self.createAccount("n\(index)@example.org", role: "coach", in: database) }
        let queue = try DatabaseQueue(path: database)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER auditEntry_noDelete")
            try db.execute(sql: "DELETE FROM auditEntry WHERE sequence = 2")
        }
        try queue.close()
        let verified = try ErkendBinary.run(["audit", "verify", "--database", database])
        #expect(verified.status == 1)
        #expect(verified.output.contains("entry 2 is missing"), "\(verified.output)")
        for word in ["Break(", "ErkendCore", "Problem."] { #expect(!verified.output.contains(word), "\(verified.output)") }
    }

    @Test("Every backup records the head it contains in NAME.head")
    func backupRecordsHead() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("erkend.sqlite")
        try Self.createAccount("een@example.org", role: "coach", in: database)
        let head = try ErkendBinary.run(["audit", "head", "--database", database])
        let backup = directory.path("backup.sqlite")
        let backedUp = try ErkendBinary.run(["backup", backup, "--database", database])
        try #require(backedUp.status == 0, "\(backedUp.error)")
        let recorded = try String(contentsOfFile: backup + ".head", encoding: .utf8)
        #expect(recorded == head.output)
        let restored = directory.path("restored.sqlite")
        try #require(try ErkendBinary.run(["restore", backup, "--database", restored]).status == 0)
        #expect(try ErkendBinary.run(["audit", "verify", "--expect-head", recorded, "--database", restored]).status == 0)
    }

    @Test("erkend accounts token prints a token with the scopes asked for, and refuses scopes the account's roles cannot use")
    func commandLineToken() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("erkend.sqlite")
        try Self.createAccount("ontwerper@example.org", role: "designer", in: database)
        let made = try ErkendBinary.run(["accounts", "token", "Ontwerper@Example.org", "--scopes", "catalogue:read,catalogue:write", "--lifetime", "30d",
                                         "--database", database])
        #expect(made.status == 0, "\(made.error)")
        let secret = made.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("erk_") && !secret.contains(" "), "only the token on standard output: \(made.output)")
        #expect(made.error.contains("catalogue:read catalogue:write"))
        let admin = try ErkendBinary.run(["accounts", "token", "ontwerper@example.org", "--scopes", "admin", "--database", database])
        #expect(admin.status != 0)
        #expect(admin.error.contains("cannot use admin"), "\(admin.error)")
        let audit = try ErkendBinary.run(["audit", "list", "--database", database])
        #expect(audit.output.contains("token.created"))
        #expect(!audit.output.contains(secret))
    }
}

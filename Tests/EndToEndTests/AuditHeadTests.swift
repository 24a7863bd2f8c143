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

    @Test("A signed checkpoint verifies while the chain still reaches it, and fails once its entry is cut off the end, after a key rotation too, or when forged")
    func signedCheckpoints() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("erkend.sqlite")
        try Self.createAccount("een@example.org", role: "coach", in: database)
        try Self.createAccount("twee@example.org", role: "designer", in: database)
        let signed = try ErkendBinary.run(["audit", "checkpoint", "--database", database])
        try #require(signed.status == 0, "\(signed.error)")
        let line = signed.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.split(separator: ".").count == 3, "a compact JWS: \(line)")
        let file = directory.path("checkpoints.jws")
        try (line + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        // Signing is itself audited: the entry after the signed head says so.
        let listed = try ErkendBinary.run(["audit", "list", "--after", "2", "--database", database])
        #expect(listed.output.contains("audit.checkpoint-signed"), "\(listed.output)")

        let intact = try ErkendBinary.run(["audit", "verify", "--checkpoint", file, "--database", database])
        #expect(intact.status == 0, "\(intact.output) \(intact.error)")
        #expect(intact.output.contains("still holds all 1 signed checkpoint"), "\(intact.output)")

        // After a rotation the checkpoint was signed with an earlier key, which stays published.
        try #require(try ErkendBinary.run(["keys", "rotate", "--database", database]).status == 0)
        #expect(try ErkendBinary.run(["audit", "verify", "--checkpoint", file, "--database", database]).status == 0)

        // A checkpoint made up by someone without the key: the payload changed, the signature kept.
        let parts = line.split(separator: ".").map(String.init)
        let forgedPayload = Data(#"{"seq":2,"head":"\#(String(repeating: "0", count: 64))","iat":1}"#.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let forgedFile = directory.path("forged.jws")
        try [parts[0], forgedPayload, parts[2]].joined(separator: ".").write(toFile: forgedFile, atomically: true, encoding: .utf8)
        let forged = try ErkendBinary.run(["audit", "verify", "--checkpoint", forgedFile, "--database", database])
        #expect(forged.status == 1)
        #expect(forged.output.contains("is NOT valid") && forged.output.contains("signature"), "\(forged.output)")

        // Someone with the file cuts the newest entries off the end: the chain alone still verifies, the checkpoint does not.
        let queue = try DatabaseQueue(path: database)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER auditEntry_noDelete")
            try db.execute(sql: "DELETE FROM auditEntry WHERE sequence >= 2")
        }
        try queue.close()
        #expect(try ErkendBinary.run(["audit", "verify", "--database", database]).status == 0, "the chain alone cannot see a cut tail")
        let cut = try ErkendBinary.run(["audit", "verify", "--checkpoint", file, "--database", database])
        #expect(cut.status == 1)
        #expect(cut.output.contains("removed from the end"), "\(cut.output)")
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

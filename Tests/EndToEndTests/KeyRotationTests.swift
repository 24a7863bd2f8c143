import ErkendCredentials
import ErkendTestSupport
import Foundation
import GRDB
import LinkedData
import Testing

/// `erkend keys rotate` between two runs of `erkend serve`: what was issued before and after both verify.
@Suite("Key rotation", .serialized)
struct KeyRotationTests {
    static let publicURL = CredentialRoutesTests.publicURL

    static func download(_ server: ServerProcess, _ learner: String, _ award: String, _ format: String, as owner: [String: String]) async throws -> Data {
        let file = try await server.request("GET", "/api/v1/learners/\(learner)/awards/\(award)/\(format)", headers: owner)
        #expect(file.status == 200, "\(String(decoding: file.body, as: UTF8.self))")
        return file.body
    }

    @Test("issue, rotate, issue: the new key signs, the old one stays published, and erkend verify and the API accept both credentials; the rotation is audited")
    func issueRotateIssue() async throws {
        let directory = try TemporaryDirectory("erkend-rotation")
        var server = try ServerProcess(arguments: ["--demo", "--public-url", Self.publicURL], directory: directory)
        let database = server.database
        let inspection = try DatabaseInspection(database)
        let rows = try await inspection.queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT award.id, award.learner FROM award JOIN account ON account.learner = award.learner
                WHERE account.username = 'leerling@demo.erkend.nl' AND award.kind = 'unit-passed' ORDER BY award.id LIMIT 2
                """)
        }
        try inspection.close()
        try #require(rows.count == 2)
        let learner: String = rows[0]["learner"], first: String = rows[0]["id"], second: String = rows[1]["id"]

        var owner = try await CredentialRoutesTests.signIn(server, "leerling@demo.erkend.nl")
        let before = try await Self.download(server, learner, first, "ob3", as: owner)
        let jwtBefore = try await Self.download(server, learner, first, "vc-jwt", as: owner)
        #expect(try JSONParser.parse(before)["proof"]?.arrayValue?.first?["verificationMethod"] == "did:web:erkend.test#ed25519-1")
        #expect(server.stop() == 0)

        let rotated = try ErkendBinary.run(["keys", "rotate", "--database", database])
        #expect(rotated.status == 0, "\(rotated.error)")
        #expect(rotated.output.contains("ed25519-2 and p256-2"))
        let listed = try ErkendBinary.run(["keys", "list", "--database", database])
        #expect(listed.output.split(separator: "\n").map { $0.split(separator: "\t").prefix(3).joined(separator: " ") }
                == ["ed25519-2 Ed25519 current", "p256-2 P-256 current", "p256-1 P-256 earlier", "ed25519-1 Ed25519 earlier"])

        server = try ServerProcess(arguments: ["--public-url", Self.publicURL], directory: directory)
        defer { _ = server.stop() }
        let did = try JSONParser.parse(try await server.request("GET", "/.well-known/did.json").body)
        #expect(did["assertionMethod"]?.arrayValue?.count == 4)
        owner = try await CredentialRoutesTests.signIn(server, "leerling@demo.erkend.nl")
        let after = try await Self.download(server, learner, second, "ob3", as: owner)
        #expect(try JSONParser.parse(after)["proof"]?.arrayValue?.first?["verificationMethod"] == "did:web:erkend.test#ed25519-2")

        for (name, body) in [("before", before), ("after", after), ("jwt before", jwtBefore)] {
            let text = String(decoding: body, as: UTF8.self)
            let checked = try await server.json("POST", "/api/v1/verify", body: name.hasPrefix("jwt") ? #"{"credential": "\#(text)"}"# : text)
            #expect(checked.json["valid"] as? Bool == true, "\(name): \(checked.json)")
        }

        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["ERKEND_ISSUED_DIR"] ?? RepositoryRoot.path(".build/issued").path)
            .appendingPathComponent("served")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try before.write(to: folder.appendingPathComponent("rotation-before.json"))
        try after.write(to: folder.appendingPathComponent("rotation-after.json"))
        try await server.request("GET", "/.well-known/did.json").body.write(to: folder.appendingPathComponent("did.rotated.json"))
        #expect(server.stop() == 0)

        for file in ["rotation-before.json", "rotation-after.json"] {
            let verified = try ErkendBinary.run(["verify", folder.appendingPathComponent(file).path, "--public-url", Self.publicURL, "--database", database])
            #expect(verified.status == 0, "\(file): \(verified.output) \(verified.error)")
        }

        let audit = try DatabaseInspection(database)
        defer { try? audit.close() }
        let details = try await audit.queue.read { db in
            try String.fetchAll(db, sql: "SELECT json_extract(body, '$.details') FROM auditEntry WHERE json_extract(body, '$.action') = 'keys.rotated'")
        }
        #expect(details.count == 1)
        #expect(details.first?.contains("ed25519-1") == true && details.first?.contains("ed25519-2") == true)
        #expect(details.first?.contains(try String(contentsOfFile: database + ".keys/ed25519-2.key", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) == false)
    }
}

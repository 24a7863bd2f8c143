import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import GRDB
import Testing

/// The audit log: a hash chain that refuses changes, and finds them when made behind its back.
@Suite("Audit log")
struct AuditLogTests {
    typealias S = ProgressionSamples

    /// A store whose log holds `count` standalone entries about L-1.
    private func storeWithEntries(_ backend: StoreBackend, count: Int = 5) async throws -> (ErkendStore, TemporaryDirectory?) {
        let (store, directory) = try backend.makeStore()
        for index in 1...count {
            try await store.audit.append(AuditRecord(at: S.now, actor: .staff("acc-1"), channel: .session("sess-1"),
                                                     action: AuditAction.personalDataExported, subject: "L-1", target: "export-\(index)"))
        }
        return (store, directory)
    }

    /// Any backend's repositories, whose log holds `count` standalone entries about L-1.
    private func repositoriesWithEntries(_ backend: StoreBackend, count: Int = 5) async throws -> (Repositories, AnyObject?) {
        let (store, keepAlive) = try await backend.makeRepositories()
        for index in 1...count {
            try await store.audit.append(AuditRecord(at: S.now, actor: .staff("acc-1"), channel: .session("sess-1"),
                                                     action: AuditAction.personalDataExported, subject: "L-1", target: "export-\(index)"))
        }
        return (store, keepAlive)
    }

    private func tamper(_ store: ErkendStore, _ sql: String) async throws {
        try await store.database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER auditEntry_noUpdate; DROP TRIGGER auditEntry_noDelete")
            try db.execute(sql: sql)
        }
    }

    @Test("Entries chain from 64 zeros, each hash over the previous hash and the canonical JSON", arguments: StoreBackend.allCases)
    func chainShape(backend: StoreBackend) async throws {
        let (store, directory) = try await repositoriesWithEntries(backend, count: 3)
        defer { _ = directory }

        let entries = try await store.audit.entries(after: 0, limit: 10)
        let verification = try await store.audit.verify()

        #expect(entries.map(\.sequence) == [1, 2, 3])
        #expect(entries[0].previousHash == String(repeating: "0", count: 64))
        #expect(entries[1].previousHash == entries[0].hash)
        #expect(entries[2].previousHash == entries[1].hash)
        #expect(Set(entries.map(\.hash)).count == 3)
        #expect(entries[0].record.target == "export-1")
        #expect(verification == AuditVerification(checked: 3, lastSequence: 3, lastHash: entries[2].hash, firstBreak: nil))
        #expect(try await store.audit.entries(after: 2, limit: 10).map(\.sequence) == [3])
        #expect(try await store.audit.entries(subject: "L-2", page: .first).total == 0)
    }

    @Test("An empty log verifies", arguments: StoreBackend.allCases)
    func emptyLog(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }

        let verification = try await store.audit.verify()

        #expect(verification.isIntact)
        #expect(verification.checked == 0)
        #expect(verification.lastSequence == nil)
    }

    @Test("An incomplete record is refused", arguments: StoreBackend.allCases)
    func incompleteRecord(backend: StoreBackend) async throws {
        let (store, directory) = try await backend.makeRepositories()
        defer { _ = directory }

        let error = await #expect(throws: ErkendError.self) {
            try await store.audit.append(AuditRecord(at: S.now, actor: .staff(""), channel: .session("s"), action: "", target: ""))
        }

        #expect(error?.code == .invalidInput)
        #expect(error?.details.count == 3)
    }

    @Test("The triggers refuse UPDATE and DELETE of entries", arguments: StoreBackend.sqlite)
    func appendOnly(backend: StoreBackend) async throws {
        let (store, directory) = try await storeWithEntries(backend)
        defer { _ = directory }

        await #expect(throws: DatabaseError.self) {
            try await store.database.writer.write { db in try db.execute(sql: "UPDATE auditEntry SET body = '{}' WHERE sequence = 2") }
        }
        await #expect(throws: DatabaseError.self) {
            try await store.database.writer.write { db in try db.execute(sql: "DELETE FROM auditEntry WHERE sequence = 2") }
        }

        #expect(try await store.audit.verify().checked == 5)
        #expect(try await store.audit.verify().isIntact)
    }

    @Test("verify() names the entry whose body was changed with the triggers dropped", arguments: StoreBackend.sqlite)
    func modifiedBody(backend: StoreBackend) async throws {
        let (store, directory) = try await storeWithEntries(backend)
        defer { _ = directory }

        try await tamper(store, "UPDATE auditEntry SET body = replace(body, 'export-3', 'export-X') WHERE sequence = 3")
        let verification = try await store.audit.verify()

        #expect(verification.firstBreak?.sequence == 3)
        #expect(verification.firstBreak?.problem == .bodyChanged)
        #expect(verification.lastSequence == 2, "the chain is trusted up to the entry before")
    }

    @Test("verify() finds a changed body whose hash was recomputed, at the next link", arguments: StoreBackend.sqlite)
    func rehashedBody(backend: StoreBackend) async throws {
        let (store, directory) = try await storeWithEntries(backend)
        defer { _ = directory }
        // The forger's entry 3: the same first two entries in a second log, then a changed
        // third, gives a body and a hash that chain correctly from entry 2.
        let (forger, forgerDirectory) = try await storeWithEntries(backend, count: 2)
        defer { _ = forgerDirectory }
        let forged = try await forger.audit.append(AuditRecord(at: S.now, actor: .staff("acc-1"), channel: .session("sess-1"),
                                                               action: AuditAction.personalDataExported, subject: "L-1", target: "export-X"))
        let body = String(decoding: try ErkendJSON.encoder().encode(forged.record), as: UTF8.self)

        try await tamper(store, "UPDATE auditEntry SET body = '\(body)', hash = '\(forged.hash)' WHERE sequence = 3")
        let verification = try await store.audit.verify()

        #expect(verification.firstBreak?.sequence == 4)
        #expect(verification.firstBreak?.problem == .linkBroken)
    }

    @Test("verify() names a deleted entry", arguments: StoreBackend.sqlite)
    func deletedEntry(backend: StoreBackend) async throws {
        let (store, directory) = try await storeWithEntries(backend)
        defer { _ = directory }

        try await tamper(store, "DELETE FROM auditEntry WHERE sequence = 2")
        let verification = try await store.audit.verify()

        #expect(verification.firstBreak?.sequence == 2)
        #expect(verification.firstBreak?.problem == .entryMissing)
    }

    @Test("verify() names an entry whose link to the one before was changed", arguments: StoreBackend.sqlite)
    func brokenLink(backend: StoreBackend) async throws {
        let (store, directory) = try await storeWithEntries(backend)
        defer { _ = directory }

        try await tamper(store, "UPDATE auditEntry SET previousHash = '\(String(repeating: "a", count: 64))' WHERE sequence = 4")
        let verification = try await store.audit.verify()

        #expect(verification.firstBreak?.sequence == 4)
        #expect(verification.firstBreak?.problem == .linkBroken)
    }

    @Test("verify() notices an indexed column moved to another learner", arguments: StoreBackend.sqlite)
    func changedSubjectColumn(backend: StoreBackend) async throws {
        let (store, directory) = try await storeWithEntries(backend)
        defer { _ = directory }

        try await tamper(store, "UPDATE auditEntry SET subject = 'L-2' WHERE sequence = 5")
        let verification = try await store.audit.verify()

        #expect(verification.firstBreak?.sequence == 5)
        #expect(verification.firstBreak?.problem == .bodyChanged)
    }

    @Test("A sign-off token is stored nowhere in the database, only its hash", arguments: StoreBackend.sqlite)
    func tokenNotStored(backend: StoreBackend) async throws {
        let (store, directory) = try backend.makeStore()
        defer { _ = directory }
        try await S.seed(store)
        try await store.progression.signoffs.create(S.signoffRequest(), token: S.token, audit: S.audit(AuditAction.signoffRequested))

        let copies = try await store.database.writer.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM signoffRequest WHERE instr(id || tokenHash || requestedBy, ?) > 0
                """, arguments: [S.token])
        }
        let auditCopies = try await store.database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM auditEntry WHERE instr(body, ?) > 0", arguments: [S.token])
        }

        #expect(copies == 0)
        #expect(auditCopies == 0)
    }
}

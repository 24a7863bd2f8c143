public import ErkendCore
import Foundation
import Logging
import PostgresNIO

/// Awards in PostgreSQL (`award`): the whole value as JSON in `body`, with the
/// columns queries need beside it. Status changes rewrite `body` and append to
/// the audit log in the same transaction.
///
/// Status entries are drawn at random in the open list; two nodes drawing at
/// once are kept apart by an advisory lock for the drawing, and the unique
/// index on (list, index) would refuse a clash regardless.
public struct PostgresAwardRepository: AwardRepository {
    let database: PostgresDatabase
    /// Serializes the drawing of status entries across connections and nodes.
    static let statusLockKey: Int64 = 0x45_726B_656E_64_04

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func create(_ award: Award, audit: AuditRecord) async throws {
        try award.validate()
        let audit = try audit.about(award.learner, target: award.id.rawValue)
        let logger = database.logger
        try await database.transaction { connection in
            try await PostgresRelations.requireLearner(award.learner, on: connection, logger: logger)
            try await Self.insert(award, on: connection, logger: logger)
            _ = try await PostgresAuditWriter.append(audit, on: connection, logger: logger)
        }
    }

    public func statusLists() async throws -> [Int] {
        let lists = try await database.rows("SELECT DISTINCT status_list FROM award WHERE status_list IS NOT NULL ORDER BY status_list")
            .map { try $0.value("status_list", as: Int.self) }
        return lists.isEmpty ? [1] : lists
    }

    public func revokedIndexes(list: Int) async throws -> [Int] {
        try await database.rows("SELECT status_index FROM award WHERE status_list = \(list) AND status = 'revoked' ORDER BY status_index")
            .map { try $0.value("status_index", as: Int.self) }
    }

    public func award(_ id: Award.ID) async throws -> Award? {
        try await database.rows("SELECT body FROM award WHERE id = \(id.rawValue)").first
            .map { try PostgresText.decode(Award.self, try $0.value("body")) }
    }

    public func awards(learner: Learner.ID) async throws -> [Award] {
        try await database.rows("SELECT body FROM award WHERE learner = \(learner.rawValue) ORDER BY issued_on, id")
            .map { try PostgresText.decode(Award.self, try $0.value("body")) }
    }

    public func markCollected(_ id: Award.ID, audit: AuditRecord) async throws -> Award {
        try await change(id, audit: audit) { award in try award.markCollected() }
    }

    public func revoke(_ id: Award.ID, _ revocation: Award.Revocation, audit: AuditRecord) async throws -> Award {
        // Checked before the transaction too, so a revocation without a reason never opens one.
        try Award.checkRevocation(revocation)
        return try await change(id, audit: audit) { award in try award.revoke(revocation) }
    }

    private func change(_ id: Award.ID, audit: AuditRecord, _ body: @escaping @Sendable (inout Award) throws -> Void) async throws -> Award {
        let logger = database.logger
        return try await database.transaction { connection in
            // FOR UPDATE: two nodes changing one award take turns.
            guard var award = try await connection.rows("SELECT body FROM award WHERE id = \(id.rawValue) FOR UPDATE", logger: logger).first
                .map({ try PostgresText.decode(Award.self, try $0.value("body")) }) else {
                throw ErkendError(.notFound, "no award \(id)")
            }
            let before = award
            try body(&award)
            if award != before {
                try await Self.update(award, on: connection, logger: logger)
                _ = try await PostgresAuditWriter.append(try audit.about(award.learner, target: id.rawValue), on: connection, logger: logger)
            }
            return award
        }
    }

    // MARK: Inside other transactions

    @discardableResult
    static func insert(_ award: Award, on connection: PostgresConnection, logger: Logger) async throws -> Award {
        var award = award
        try award.validate()
        try await PostgresRelations.requireLearner(award.learner, on: connection, logger: logger)
        if try await !connection.rows("SELECT 1 FROM award WHERE id = \(award.id.rawValue)", logger: logger).isEmpty {
            throw ErkendError(.conflict, "award \(award.id) already exists")
        }
        if let existing = try await connection.rows("""
            SELECT id FROM award WHERE source = \(award.source) AND certified_code = \(award.certifies.code) AND certified_version = \(award.certifies.version)
            """, logger: logger).first {
            throw ErkendError(.conflict, "\(award.source) already gave award \(try existing.value("id", as: String.self)) for \(award.certifies)")
        }
        if award.statusEntry == nil { award.statusEntry = try await allocateStatusEntry(on: connection, logger: logger) }
        try await connection.execute("""
            INSERT INTO award (id, learner, kind, certified_code, certified_version, source, issued_on, status, body, status_list, status_index)
            VALUES (\(award.id.rawValue), \(award.learner.rawValue), \(award.kind.rawValue), \(award.certifies.code), \(Int32(award.certifies.version)),
                    \(award.source), \(award.issuedOn.description), \(award.status.rawValue), \(try PostgresText.json(award)),
                    \(award.statusEntry.map { Int32($0.list) }), \(award.statusEntry.map { Int32($0.index) }))
            """, logger: logger)
        return award
    }

    static func allocateStatusEntry(on connection: PostgresConnection, logger: Logger) async throws -> Award.StatusEntry {
        try await connection.execute("SELECT pg_advisory_xact_lock(\(statusLockKey))", logger: logger)
        let highest = try await connection.rows("SELECT max(status_list) FROM award", logger: logger).first?[0].decode(Int?.self)
        var used = 0
        if let highest { used = Int(try await connection.integer("SELECT count(*) FROM award WHERE status_list = \(highest)", logger: logger)) }
        let list = StatusAllocation.openList(highest: highest, used: used)
        var generator = SystemRandomNumberGenerator()
        while true {
            let index = StatusAllocation.candidateIndex(using: &generator)
            if try await connection.rows("SELECT 1 FROM award WHERE status_list = \(list) AND status_index = \(index)", logger: logger).isEmpty {
                return Award.StatusEntry(list: list, index: index)
            }
        }
    }

    static func update(_ award: Award, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.execute("""
            UPDATE award SET status = \(award.status.rawValue), body = \(try PostgresText.json(award)) WHERE id = \(award.id.rawValue)
            """, logger: logger)
    }

    /// The award a passed unit result gives, written with the result (see `SQLiteAwardRepository.awardResult`).
    static func awardResult(_ result: UnitResult, on connection: PostgresConnection, logger: Logger) async throws -> Award.ID? {
        guard result.outcome == .passed else { return nil }
        let validity = try await connection.rows("""
            SELECT (body::json ->> 'validityMonths')::integer FROM catalogue_entity
            WHERE kind = 'unit' AND code = \(result.unit.code) AND version = \(Int32(result.unit.version))
            """, logger: logger).first?[0].decode(Int?.self)
        return try await insert(AwardRules.award(for: result, id: newID(), validityMonths: validity), on: connection, logger: logger).id
    }

    static func awardDecision(_ decision: EntrustmentDecision, on connection: PostgresConnection, logger: Logger) async throws -> Award.ID {
        try await insert(AwardRules.award(for: decision, id: newID()), on: connection, logger: logger).id
    }

    /// Revokes every award not revoked yet that matches `filter` (`source = $1`, `learner = $1`).
    static func revokeAll(where filter: String, _ argument: String, revocation: Award.Revocation,
                          on connection: PostgresConnection, logger: Logger) async throws -> [Award.ID] {
        var bindings = PostgresBindings()
        bindings.append(argument)
        let bodies = try await connection.rows(PostgresQuery(unsafeSQL: "SELECT body FROM award WHERE \(filter) AND status <> 'revoked' ORDER BY id",
                                                             binds: bindings), logger: logger)
        var revoked: [Award.ID] = []
        for row in bodies {
            var award = try PostgresText.decode(Award.self, try row.value("body"))
            award.status = .revoked
            award.revocation = revocation
            try await update(award, on: connection, logger: logger)
            revoked.append(award.id)
        }
        return revoked
    }

    /// On erasure: free text an award copied from its decision and the evidence's words are replaced by `marker`.
    static func redactAll(learner: Learner.ID, marker: String, on connection: PostgresConnection, logger: Logger) async throws {
        for row in try await connection.rows("SELECT body FROM award WHERE learner = \(learner.rawValue) ORDER BY id", logger: logger) {
            var award = try PostgresText.decode(Award.self, try row.value("body"))
            if var entrustment = award.entrustment {
                entrustment.scope = entrustment.scope.map { _ in marker }
                entrustment.basisSummary = marker
                award.entrustment = entrustment
            }
            award.revocation?.reason = marker
            for index in award.evidence.indices {
                award.evidence[index].name = marker
                award.evidence[index].narrative = award.evidence[index].narrative.map { _ in marker }
            }
            try await update(award, on: connection, logger: logger)
        }
    }

    static func newID() -> Award.ID { Award.ID(trusted: UUID().uuidString.lowercased()) }
}

extension PostgresAwardRepository {
    /// Serializes the completion check per learner (with the learner's hash as second key).
    static let completionLockClass: Int32 = 0x4572_6B05

    /// Makes the awards for phases and programmes the record just written completes
    /// (`CompletionAwards`, see `SQLiteAwardRepository.awardCompletions`) and names them in its audit
    /// entry (`details.completionAwards`).
    ///
    /// Two transactions adding records of one learner at once take turns here: the lock is taken after
    /// the caller's record is written and held until commit, and each statement after it sees what the
    /// other committed, so the last one of them sees both records and no completion is missed.
    static func noteCompletions(of learner: Learner.ID, in record: inout AuditRecord, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.execute("SELECT pg_advisory_xact_lock(\(completionLockClass), hashtext(\(learner.rawValue)))", logger: logger)
        let enrolments = try await PostgresEnrolmentRow.fetchAll(where: "learner = $1", [learner.rawValue], orderBy: "start_date, id",
                                                                 on: connection, logger: logger).filter { $0.status != .withdrawn }
        guard !enrolments.isEmpty else { return }
        let decisions = try await PostgresDecisionRow.fetchAll(where: "learner = $1", [learner.rawValue], orderBy: "decided_on, id",
                                                               on: connection, logger: logger)
        let results = try await PostgresUnitResultRow.fetchAll(where: "learner = $1", [learner.rawValue], orderBy: "achieved_on, id",
                                                               on: connection, logger: logger)
        let existing = try await connection.rows("""
            SELECT body FROM award WHERE learner = \(learner.rawValue) AND kind IN ('phase-completed', 'programme-completed')
            """, logger: logger).map { try PostgresText.decode(Award.self, try $0.value("body")) }
        var made: [Award.ID] = []
        for enrolment in enrolments {
            guard let programme = try await programme(enrolment.programme, on: connection, logger: logger) else { continue }
            let catalogue = try await snapshot(of: programme, on: connection, logger: logger)
            let awards: [Award]
            do {
                awards = try CompletionAwards.awards(enrolment: enrolment, programme: programme, catalogue: catalogue,
                                                     decisions: decisions, results: results, existing: existing, ids: newID)
            } catch let error as ErkendError where error.code == .invalidInput {
                continue  // the catalogue lacks what the programme names: progress cannot be judged, so nothing is awarded
            }
            for award in awards { made.append(try await insert(award, on: connection, logger: logger).id) }
        }
        if !made.isEmpty { record.details["completionAwards"] = made.map(\.rawValue).joined(separator: ",") }
    }

    /// After a decision is withdrawn: revokes the learner's phase and programme awards that no longer hold
    /// without it (see `SQLiteAwardRepository.revokeLapsedCompletions`). Returns their ids.
    static func revokeLapsedCompletions(learner: Learner.ID, revocation: Award.Revocation, on connection: PostgresConnection,
                                        logger: Logger) async throws -> [Award.ID] {
        // Taking turns with noteCompletions: a record written at the same time cannot award what this withdrawal undoes.
        try await connection.execute("SELECT pg_advisory_xact_lock(\(completionLockClass), hashtext(\(learner.rawValue)))", logger: logger)
        let awards = try await connection.rows("""
            SELECT body FROM award WHERE learner = \(learner.rawValue) AND kind IN ('phase-completed', 'programme-completed') AND status <> 'revoked'
            FOR UPDATE
            """, logger: logger).map { try PostgresText.decode(Award.self, try $0.value("body")) }
        guard !awards.isEmpty else { return [] }
        let decisions = try await PostgresDecisionRow.fetchAll(where: "learner = $1", [learner.rawValue], orderBy: "decided_on, id",
                                                               on: connection, logger: logger)
        let results = try await PostgresUnitResultRow.fetchAll(where: "learner = $1", [learner.rawValue], orderBy: "achieved_on, id",
                                                               on: connection, logger: logger)
        var revoked: [Award.ID] = []
        for enrolment in try await PostgresEnrolmentRow.fetchAll(where: "learner = $1", [learner.rawValue], orderBy: "start_date, id",
                                                                 on: connection, logger: logger) {
            guard let programme = try await programme(enrolment.programme, on: connection, logger: logger) else { continue }
            let catalogue = try await snapshot(of: programme, on: connection, logger: logger)
            let lapsed: [Award.ID]
            do {
                lapsed = try CompletionAwards.lapsed(enrolment: enrolment, programme: programme, catalogue: catalogue,
                                                     decisions: decisions, results: results, awards: awards)
            } catch let error as ErkendError where error.code == .invalidInput {
                continue
            }
            for var award in awards where lapsed.contains(award.id) {
                award.status = .revoked
                award.revocation = revocation
                try await update(award, on: connection, logger: logger)
                revoked.append(award.id)
            }
        }
        return revoked
    }

    private static func programme(_ reference: ExactReference, on connection: PostgresConnection, logger: Logger) async throws -> Programme? {
        guard let row = try await connection.rows("""
            SELECT kind, body FROM catalogue_entity WHERE kind = 'programme' AND code = \(reference.code) AND version = \(reference.version)
            """, logger: logger).first,
            case .programme(let programme) = try PostgresCatalogueRepository.entity(from: row) else { return nil }
        return programme
    }

    private static func snapshot(of programme: Programme, on connection: PostgresConnection, logger: Logger) async throws -> CatalogueSnapshot {
        var units: [LearningUnit] = []
        var epas: [EPA] = []
        for code in Set(programme.allUnits.map(\.code)) {
            for row in try await connection.rows("SELECT kind, body FROM catalogue_entity WHERE kind = 'unit' AND code = \(code)", logger: logger) {
                if case .unit(let unit) = try PostgresCatalogueRepository.entity(from: row) { units.append(unit) }
            }
        }
        for code in Set(programme.allEPAs.map(\.code)) {
            for row in try await connection.rows("SELECT kind, body FROM catalogue_entity WHERE kind = 'epa' AND code = \(code)", logger: logger) {
                if case .epa(let epa) = try PostgresCatalogueRepository.entity(from: row) { epas.append(epa) }
            }
        }
        return CatalogueSnapshot(epas: epas, units: units)
    }
}

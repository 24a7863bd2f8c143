public import ErkendCore
import Foundation
import GRDB

/// Awards in SQLite (`award`): the whole value as JSON in `body`, with the
/// columns queries need beside it. Status changes rewrite `body` and append to
/// the audit log in the same transaction.
public struct SQLiteAwardRepository: AwardRepository {
    let database: ErkendDatabase

    public init(database: ErkendDatabase) {
        self.database = database
    }

    public func create(_ award: Award, audit: AuditRecord) async throws {
        try award.validate()
        let audit = try audit.about(award.learner, target: award.id.rawValue)
        try await database.transaction { db in
            try StoredRelations.requireLearner(award.learner, in: db)
            try Self.insert(award, in: db)
            try AuditWriter.append(audit, in: db)
        }
    }

    /// Stores many awards in one transaction, each with a status entry drawn at random, and one
    /// audit entry for the batch (its `details.count`). Refuses the whole batch if one award is refused.
    public func createAll(_ awards: [Award], audit: AuditRecord) async throws {
        for award in awards { try award.validate() }
        var record = try audit.about(nil, target: "awards:\(awards.first?.id.rawValue ?? "none")+\(max(0, awards.count - 1))")
        record.details["count"] = String(awards.count)
        let batch = record
        try await database.transaction { db in
            var highest = try Int.fetchOne(db, sql: "SELECT max(statusList) FROM award")
            var used = try highest.map { try Int.fetchOne(db, sql: "SELECT count(*) FROM award WHERE statusList = ?", arguments: [$0]) ?? 0 } ?? 0
            var list = StatusAllocation.openList(highest: highest, used: used)
            var taken = Set(try Int.fetchAll(db, sql: "SELECT statusIndex FROM award WHERE statusList = ?", arguments: [list]))
            var generator = SystemRandomNumberGenerator()
            for var award in awards {
                if StatusAllocation.openList(highest: highest, used: used) != list {
                    list += 1
                    taken = []
                    used = 0
                }
                var index = StatusAllocation.candidateIndex(using: &generator)
                while taken.contains(index) { index = StatusAllocation.candidateIndex(using: &generator) }
                taken.insert(index)
                award.statusEntry = Award.StatusEntry(list: list, index: index)
                try Self.insert(award, in: db)
                highest = list
                used += 1
            }
            try AuditWriter.append(batch, in: db)
        }
    }

    public func statusLists() async throws -> [Int] {
        try await database.writer.read { db in
            let lists = try Int.fetchAll(db, sql: "SELECT DISTINCT statusList FROM award WHERE statusList IS NOT NULL ORDER BY statusList")
            return lists.isEmpty ? [1] : lists
        }
    }

    public func revokedIndexes(list: Int) async throws -> [Int] {
        try await database.writer.read { db in
            try Int.fetchAll(db, sql: "SELECT statusIndex FROM award WHERE statusList = ? AND status = 'revoked' ORDER BY statusIndex",
                             arguments: [list])
        }
    }

    public func award(_ id: Award.ID) async throws -> Award? {
        try await database.writer.read { db in try Self.fetch(id, in: db) }
    }

    public func awards(learner: Learner.ID) async throws -> [Award] {
        try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM award WHERE learner = ? ORDER BY issuedOn, id", arguments: [learner.rawValue])
                .map { try StoredText.decode(Award.self, $0) }
        }
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
        try await database.transaction { db in
            guard var award = try Self.fetch(id, in: db) else { throw ErkendError(.notFound, "no award \(id)") }
            let before = award
            try body(&award)
            if award != before {
                try Self.update(award, in: db)
                try AuditWriter.append(try audit.about(award.learner, target: id.rawValue), in: db)
            }
            return award
        }
    }

    private static func fetch(_ id: Award.ID, in db: Database) throws -> Award? {
        try String.fetchOne(db, sql: "SELECT body FROM award WHERE id = ?", arguments: [id.rawValue])
            .map { try StoredText.decode(Award.self, $0) }
    }

    // MARK: Inside other transactions

    /// Stores a new award with a status list entry drawn at random; refuses a second award for the
    /// same source record and certified version. The caller appends the audit record.
    @discardableResult
    static func insert(_ award: Award, in db: Database) throws -> Award {
        var award = award
        try award.validate()
        try StoredRelations.requireLearner(award.learner, in: db)
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM award WHERE id = ?", arguments: [award.id.rawValue]) == true {
            throw ErkendError(.conflict, "award \(award.id) already exists")
        }
        if let existing = try String.fetchOne(
            db, sql: "SELECT id FROM award WHERE source = ? AND certifiedCode = ? AND certifiedVersion = ?",
            arguments: [award.source, award.certifies.code, award.certifies.version]) {
            throw ErkendError(.conflict, "\(award.source) already gave award \(existing) for \(award.certifies)")
        }
        if award.statusEntry == nil { award.statusEntry = try allocateStatusEntry(in: db) }
        try db.execute(
            sql: """
                INSERT INTO award (id, learner, kind, certifiedCode, certifiedVersion, source, issuedOn, status, body,
                                   statusList, statusIndex)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [award.id.rawValue, award.learner.rawValue, award.kind.rawValue, award.certifies.code,
                        award.certifies.version, award.source, award.issuedOn.description, award.status.rawValue,
                        try StoredText.json(award), award.statusEntry?.list, award.statusEntry?.index])
        return award
    }

    /// A free entry in the open status list, drawn at random.
    static func allocateStatusEntry(in db: Database) throws -> Award.StatusEntry {
        let highest = try Int.fetchOne(db, sql: "SELECT max(statusList) FROM award")
        let used = try highest.map { try Int.fetchOne(db, sql: "SELECT count(*) FROM award WHERE statusList = ?", arguments: [$0]) ?? 0 } ?? 0
        let list = StatusAllocation.openList(highest: highest, used: used)
        var generator = SystemRandomNumberGenerator()
        while true {
            let index = StatusAllocation.candidateIndex(using: &generator)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM award WHERE statusList = ? AND statusIndex = ?", arguments: [list, index]) != true {
                return Award.StatusEntry(list: list, index: index)
            }
        }
    }

    static func update(_ award: Award, in db: Database) throws {
        try db.execute(sql: "UPDATE award SET status = ?, body = ? WHERE id = ?",
                       arguments: [award.status.rawValue, try StoredText.json(award), award.id.rawValue])
    }

    /// The award a passed unit result (or a recognised one) gives, written with the result; its id goes
    /// into the result's own audit entry (`details.award`), so one change stays one entry. A result that
    /// was not passed gives none.
    static func awardResult(_ result: UnitResult, in db: Database) throws -> Award.ID? {
        guard result.outcome == .passed else { return nil }
        let validity = try Int.fetchOne(
            db, sql: "SELECT json_extract(body, '$.validityMonths') FROM catalogueEntity WHERE kind = 'unit' AND code = ? AND version = ?",
            arguments: [result.unit.code, result.unit.version])
        return try insert(AwardRules.award(for: result, id: newID(), validityMonths: validity), in: db).id
    }

    /// The award an entrustment decision gives, written with the decision.
    static func awardDecision(_ decision: EntrustmentDecision, in db: Database) throws -> Award.ID {
        try insert(AwardRules.award(for: decision, id: newID()), in: db).id
    }

    /// Revokes every award that is not revoked yet and matches `filter` (`source = ?`, `learner = ?`);
    /// used when a decision is withdrawn or a learner is erased. Returns the ids, for the caller's audit entry.
    static func revokeAll(where filter: String, _ argument: String, revocation: Award.Revocation, in db: Database) throws -> [Award.ID] {
        let bodies = try String.fetchAll(db, sql: "SELECT body FROM award WHERE \(filter) AND status != 'revoked' ORDER BY id",
                                         arguments: [argument])
        return try bodies.map { body in
            var award = try StoredText.decode(Award.self, body)
            award.status = .revoked
            award.revocation = revocation
            try update(award, in: db)
            return award.id
        }
    }

    /// On erasure: free text an award copied from its decision (scope, the decision basis that may quote
    /// an override reason) and the evidence's words are replaced by `marker`.
    static func redactAll(learner: Learner.ID, marker: String, in db: Database) throws {
        let bodies = try String.fetchAll(db, sql: "SELECT body FROM award WHERE learner = ? ORDER BY id", arguments: [learner.rawValue])
        for body in bodies {
            var award = try StoredText.decode(Award.self, body)
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
            try update(award, in: db)
        }
    }

    static func newID() -> Award.ID { Award.ID(trusted: UUID().uuidString.lowercased()) }
}

extension SQLiteAwardRepository {
    /// The awards for phases and programmes a learner's newest record completes (`CompletionAwards`),
    /// written in the caller's transaction; their ids go into the caller's audit entry
    /// (`details.completionAwards`). An enrolment whose programme version is not in the catalogue, or
    /// whose EPAs or units are missing from it, gives none: the record is written all the same.
    static func awardCompletions(learner: Learner.ID, in db: Database) throws -> [Award.ID] {
        let arguments: StatementArguments = [learner.rawValue]
        let enrolments = try EnrolmentRow.fetchAll(db, where: "learner = ?", arguments, orderBy: "startDate, id")
            .filter { $0.status != .withdrawn }
        guard !enrolments.isEmpty else { return [] }
        let decisions = try DecisionRow.fetchAll(db, where: "learner = ?", arguments, orderBy: "decidedOn, id")
        let results = try UnitResultRow.fetchAll(db, where: "learner = ?", arguments, orderBy: "achievedOn, id")
        let existing = try String.fetchAll(db, sql: "SELECT body FROM award WHERE learner = ? AND kind IN ('phase-completed', 'programme-completed')",
                                           arguments: arguments).map { try StoredText.decode(Award.self, $0) }
        var made: [Award.ID] = []
        for enrolment in enrolments {
            guard let programme = try programme(enrolment.programme, in: db) else { continue }
            let catalogue = try snapshot(of: programme, in: db)
            let awards: [Award]
            do {
                awards = try CompletionAwards.awards(enrolment: enrolment, programme: programme, catalogue: catalogue,
                                                     decisions: decisions, results: results, existing: existing, ids: newID)
            } catch let error as ErkendError where error.code == .invalidInput {
                continue  // the catalogue lacks what the programme names: progress cannot be judged, so nothing is awarded
            }
            for award in awards { made.append(try insert(award, in: db).id) }
        }
        return made
    }

    /// After a decision is withdrawn: revokes the learner's phase and programme awards that no longer
    /// hold without it (`CompletionAwards.lapsed`), in the caller's transaction. Returns their ids.
    static func revokeLapsedCompletions(learner: Learner.ID, revocation: Award.Revocation, in db: Database) throws -> [Award.ID] {
        let arguments: StatementArguments = [learner.rawValue]
        let awards = try String.fetchAll(db, sql: """
            SELECT body FROM award WHERE learner = ? AND kind IN ('phase-completed', 'programme-completed') AND status != 'revoked'
            """, arguments: arguments).map { try StoredText.decode(Award.self, $0) }
        guard !awards.isEmpty else { return [] }
        let decisions = try DecisionRow.fetchAll(db, where: "learner = ?", arguments, orderBy: "decidedOn, id")
        let results = try UnitResultRow.fetchAll(db, where: "learner = ?", arguments, orderBy: "achievedOn, id")
        var revoked: [Award.ID] = []
        for enrolment in try EnrolmentRow.fetchAll(db, where: "learner = ?", arguments, orderBy: "startDate, id") {
            guard let programme = try programme(enrolment.programme, in: db) else { continue }
            let lapsed: [Award.ID]
            do {
                lapsed = try CompletionAwards.lapsed(enrolment: enrolment, programme: programme, catalogue: try snapshot(of: programme, in: db),
                                                     decisions: decisions, results: results, awards: awards)
            } catch let error as ErkendError where error.code == .invalidInput {
                continue
            }
            for var award in awards where lapsed.contains(award.id) {
                award.status = .revoked
                award.revocation = revocation
                try update(award, in: db)
                revoked.append(award.id)
            }
        }
        return revoked
    }

    private static func programme(_ reference: ExactReference, in db: Database) throws -> Programme? {
        guard let body = try String.fetchOne(db, sql: "SELECT body FROM catalogueEntity WHERE kind = 'programme' AND code = ? AND version = ?",
                                             arguments: [reference.code, reference.version]),
              case .programme(let programme) = try CatalogueRow.decode(kind: .programme, body: body) else { return nil }
        return programme
    }

    /// Every version of the units and EPAs a programme names: what `PhaseEvaluation` resolves references in.
    private static func snapshot(of programme: Programme, in db: Database) throws -> CatalogueSnapshot {
        var units: [LearningUnit] = []
        var epas: [EPA] = []
        for code in Set(programme.allUnits.map(\.code)) {
            for body in try String.fetchAll(db, sql: "SELECT body FROM catalogueEntity WHERE kind = 'unit' AND code = ?", arguments: [code]) {
                if case .unit(let unit) = try CatalogueRow.decode(kind: .unit, body: body) { units.append(unit) }
            }
        }
        for code in Set(programme.allEPAs.map(\.code)) {
            for body in try String.fetchAll(db, sql: "SELECT body FROM catalogueEntity WHERE kind = 'epa' AND code = ?", arguments: [code]) {
                if case .epa(let epa) = try CatalogueRow.decode(kind: .epa, body: body) { epas.append(epa) }
            }
        }
        return CatalogueSnapshot(epas: epas, units: units)
    }
}

extension SQLiteAwardRepository {
    /// Makes the awards the record just written completes and names them in its audit entry.
    static func noteCompletions(of learner: Learner.ID, in record: inout AuditRecord, db: Database) throws {
        let made = try awardCompletions(learner: learner, in: db)
        if !made.isEmpty { record.details["completionAwards"] = made.map(\.rawValue).joined(separator: ",") }
    }
}

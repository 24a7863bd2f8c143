import ArgumentParser
import ErkendCore
import ErkendPostgres
import ErkendStore
import Foundation
import GRDB
import Logging
import PostgresNIO

/// `erkend migrate-data --from erkend.sqlite --to postgres://…`: moves a whole installation from its
/// SQLite file into an empty PostgreSQL database, in one transaction, and checks the result.
struct MigrateDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-data",
        abstract: "Move a whole installation from a SQLite file into an empty PostgreSQL database, and check it arrived intact.",
        discussion: """
            Everything moves: the skills framework, every catalogue version, accounts, sessions and API tokens, learners \
            and all their records, sign-off requests, the mail outbox, awards and their status-list entries, OpenID4VCI \
            offers, consents, the access log, metrics counts and the audit log (entries verbatim, so the chain and its \
            head stay the same). The source is checked first (SQLite's quick_check and the audit chain): a damaged \
            source is refused before anything is written. The target must be empty (erkend may have made its tables). \
            Everything is written in one transaction; before it commits, every table's row count and content hash are \
            compared with the source's, and afterwards the audit chain is verified on PostgreSQL. \
            Stop the server on the SQLite file first. The signing keys are files, not data: copy the folder beside the \
            SQLite file (erkend.sqlite.keys) yourself or name where with --keys-to, and start every node with --keys.

            Example: erkend migrate-data --from erkend-data/erkend.sqlite --to postgres://erkend@db.example.nl/erkend --keys-to /etc/erkend/keys
            The PostgreSQL password comes from $ERKEND_DATABASE_PASSWORD, $PGPASSWORD or $ERKEND_DATABASE_PASSWORD_FILE.
            """
    )

    @Option(help: ArgumentHelp("The SQLite database file of the installation.", valueName: "path"))
    var from: String

    @Option(help: ArgumentHelp("The empty PostgreSQL database: postgres://user@host:port/name.", valueName: "url"))
    var to: String

    @Option(help: ArgumentHelp("Copy the credential signing keys (the folder beside the SQLite file) into this folder, which must not exist yet.", valueName: "dir"))
    var keysTo: String?

    func run() async throws {
        guard PostgresLocation.isPostgres(to) else { throw CLIError("--to must be a PostgreSQL database, postgres://user@host:port/name") }
        let location: PostgresLocation
        do { location = try PostgresLocation(url: to) } catch { throw CLIError("\(error)") }
        guard FileManager.default.fileExists(atPath: from) else { throw CLIError("there is no SQLite database at \(from)") }
        let keysFolder = URL(fileURLWithPath: from + ".keys")
        if let keysTo, FileManager.default.fileExists(atPath: keysTo) {
            throw CLIError("--keys-to \(keysTo) exists already; name a folder that does not exist yet")
        }

        let report = try await reportingErrors { () -> MigrateReport in
            let store: ErkendStore
            do { store = try ErkendStore.open(path: from) } catch { throw CLIError("cannot open the SQLite database at \(from): \(error)") }
            let chain = try await store.audit.verify()
            let source = try MigrateSource(store: store)
            let check = try await source.quickCheck()
            guard check == "ok" else { throw CLIError("the SQLite database at \(from) is damaged (quick_check: \(check)); nothing was written") }
            if let broken = chain.firstBreak {
                throw CLIError("the audit log of \(from) is NOT intact (\(broken.message)); nothing was written. Restore a backup whose chain verifies first.")
            }
            print("source \(from): quick_check ok, audit log intact (\(chain.checked) entries)")

            // Opening the store once brings the target's schema up to date.
            let schema = try await PostgresStore.open(url: to, connections: 2)
            await schema.close()
            var logger = Logger(label: "erkend.migrate-data")
            logger.logLevel = .warning
            let connection = try await MigrateTarget.connect(location, logger: logger)
            let report: MigrateReport
            do {
                let target = MigrateTarget(connection: connection, logger: logger)
                let plan = try MigratePlan(source: try await source.tables(), target: try await target.tables(),
                                           references: try await target.references())
                report = try await connection.withTransaction(logger: logger) { connection in
                    try await MigrateRun(source: source, target: MigrateTarget(connection: connection, logger: logger), plan: plan, chain: chain).run()
                }
            } catch let error as PostgresTransactionError {
                try? await connection.close()
                throw MigrateTarget.inWords(error.closureError ?? error.commitError ?? error.beginError ?? error)
            } catch {
                try? await connection.close()
                throw MigrateTarget.inWords(error)
            }
            try? await connection.close()

            // Afterwards, with the repository every node uses: the chain on PostgreSQL.
            let moved = try await PostgresStore.open(url: to, connections: 2)
            let verification = try await moved.audit.verify()
            await moved.close()
            var finished = report
            finished.sourceChain = chain
            finished.targetChain = verification
            return finished
        }
        report.print(to: location)

        if let keysTo {
            guard FileManager.default.fileExists(atPath: keysFolder.path) else {
                throw CLIError("there is no keys folder at \(keysFolder.path) to copy (the installation has not signed a credential yet)")
            }
            try FileManager.default.copyItem(at: keysFolder, to: URL(fileURLWithPath: keysTo))
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: keysTo)
            print("keys: copied \(keysFolder.path) to \(keysTo); start every node with --keys \(keysTo)")
        } else if FileManager.default.fileExists(atPath: keysFolder.path) {
            print("keys: copy \(keysFolder.path) to every node yourself (owner-only) and start them with --keys DIR: without these keys, issued credentials stop verifying")
        }
        let outbox = URL(fileURLWithPath: from).deletingLastPathComponent().appendingPathComponent("outbox")
        if FileManager.default.fileExists(atPath: outbox.path) {
            print("outbox: \(outbox.path) holds mail already written out (no SMTP server); it is not data and is not moved")
        }
        guard report.isIntact else { throw ExitCode(1) }
    }
}

/// Which SQLite table and columns fill which PostgreSQL table, and in what order (tables another refers to first).
struct MigratePlan {
    struct Step {
        let source: MigrateSource.Table
        let target: String
        /// Source column name, target column name and its type.
        let columns: [(source: String, target: String, type: MigrateColumnType)]
        let kind: Kind
    }

    enum Kind {
        /// COPY the rows as they are.
        case copy
        /// The concepts, through the PostgreSQL backend so that the search columns are made.
        case concepts
        /// Kept by a trigger from other rows (observations): compared, not copied.
        case derived
    }

    /// PostgreSQL tables with no SQLite counterpart, and why they stay empty.
    static let targetOnly = [
        "erkend_migration": "the PostgreSQL schema's own list of migrations",
        "sign_in_failure": "the sign-in throttle, which a SQLite node keeps in memory",
        "sign_in_source": "the sign-in throttle, which a SQLite node keeps in memory",
        "guess_bucket": "the guess limits (sign-off links, passwords, codes), which a SQLite node keeps in memory",
    ]
    static let derived: Set<String> = ["metric_observation_span"]
    /// Columns whose PostgreSQL name is not the SQLite name in snake_case.
    static let renamed = ["mailOutbox.values": "template_values"]

    let steps: [Step]

    static func normalized(_ name: String) -> String { name.lowercased().replacingOccurrences(of: "_", with: "") }

    init(source: [MigrateSource.Table], target: [String: [MigrateTarget.Column]], references: [(from: String, to: String)]) throws {
        var byName: [String: String] = [:]
        for name in target.keys { byName[Self.normalized(name)] = name }
        var steps: [String: Step] = [:]
        for table in source {
            guard let name = byName[Self.normalized(table.name)], let columns = target[name] else {
                throw CLIError("the SQLite table \(table.name) has no place in the PostgreSQL schema of this erkend version; nothing was written")
            }
            var mapped: [(source: String, target: String, type: MigrateColumnType)] = []
            for column in table.columns {
                let wanted = Self.renamed["\(table.name).\(column)"].map(Self.normalized) ?? Self.normalized(column)
                guard let match = columns.first(where: { Self.normalized($0.name) == wanted }) else {
                    throw CLIError("the SQLite column \(table.name).\(column) has no place in PostgreSQL's \(name); nothing was written")
                }
                guard let type = MigrateColumnType(postgres: match.type) else {
                    throw CLIError("PostgreSQL's \(name).\(match.name) is of type \(match.type), which migrate-data does not fill")
                }
                mapped.append((column, match.name, type))
            }
            let kind: Kind = name == "concept" ? .concepts : Self.derived.contains(name) ? .derived : .copy
            if kind == .copy {
                for column in columns where !mapped.contains(where: { $0.target == column.name }) && !column.hasDefault && !column.nullable {
                    throw CLIError("PostgreSQL's \(name).\(column.name) needs a value the SQLite table \(table.name) does not have")
                }
            }
            steps[name] = Step(source: table, target: name, columns: mapped, kind: kind)
        }
        for name in target.keys where steps[name] == nil && Self.targetOnly[name] == nil {
            throw CLIError("PostgreSQL's table \(name) has no SQLite counterpart; migrate-data of this version does not know how to fill it")
        }
        // Tables referred to come first.
        var order: [String] = []
        var pending = Set(steps.keys)
        while !pending.isEmpty {
            let ready = pending.filter { name in !references.contains { $0.from == name && $0.to != name && pending.contains($0.to) } }.sorted()
            guard !ready.isEmpty else { throw CLIError("the PostgreSQL tables \(pending.sorted().joined(separator: ", ")) refer to each other in a circle") }
            order += ready
            pending.subtract(ready)
        }
        self.steps = order.map { steps[$0]! }
    }
}

/// What was moved and how it compares, table by table.
struct MigrateReport {
    struct Line {
        let table: String
        let sourceRows: Int
        let targetRows: Int
        let sourceHash: String
        let targetHash: String
        let note: String
        var matches: Bool { sourceRows == targetRows && sourceHash == targetHash }
    }

    var lines: [Line] = []
    var sourceChain: AuditVerification?
    var targetChain: AuditVerification?
    var seconds = 0.0

    var chainsAgree: Bool {
        guard let sourceChain, let targetChain else { return false }
        return targetChain.firstBreak == nil && targetChain.checked == sourceChain.checked && targetChain.lastHash == sourceChain.lastHash
    }

    var isIntact: Bool { lines.allSatisfy(\.matches) && chainsAgree }

    func print(to location: PostgresLocation?) {
        if let location {
            Swift.print("moved into \(location) in one transaction (\(String(format: "%.1f", seconds)) s):")
        } else {
            Swift.print("compared before committing (the transaction is rolled back):")
        }
        let width = max(24, (lines.map(\.table.count).max() ?? 0) + 2)
        Swift.print("  " + "table".padding(toLength: width, withPad: " ", startingAt: 0) + "rows (sqlite → postgres)   content hash          ")
        for line in lines.sorted(by: { $0.table < $1.table }) {
            let rows = "\(line.sourceRows) → \(line.targetRows)".padding(toLength: 27, withPad: " ", startingAt: 0)
            let hash = line.matches ? "\(line.targetHash) same" : "DIFFERENT: \(line.sourceHash) ≠ \(line.targetHash)"
            Swift.print("  " + line.table.padding(toLength: width, withPad: " ", startingAt: 0) + rows + hash + (line.note.isEmpty ? "" : "  (\(line.note))"))
        }
        for (table, why) in MigratePlan.targetOnly.sorted(by: { $0.key < $1.key }) where table != "erkend_migration" {
            Swift.print("  " + table.padding(toLength: width, withPad: " ", startingAt: 0) + "starts empty: \(why)")
        }
        if let targetChain, let sourceChain {
            if chainsAgree {
                Swift.print("audit verify on PostgreSQL: intact, \(targetChain.checked) entries, last \(targetChain.lastSequence.map(String.init) ?? "—") with hash \(targetChain.lastHash ?? "—") — the same head as the SQLite file")
            } else {
                Swift.print("audit verify on PostgreSQL: NOT the same chain (\(targetChain.firstBreak?.message ?? "\(targetChain.checked) entries, head \(targetChain.lastHash ?? "—"), SQLite: \(sourceChain.checked), head \(sourceChain.lastHash ?? "—")"))")
            }
        }
        Swift.print(isIntact ? "every table arrived intact" : "the target does NOT match the source: see above")
    }
}

/// The copying itself, inside the target's transaction.
struct MigrateRun {
    let source: MigrateSource
    let target: MigrateTarget
    let plan: MigratePlan
    /// The source's audit chain as verified before the move.
    let chain: AuditVerification

    func run() async throws -> MigrateReport {
        let started = Date()
        let tables = plan.steps.map(\.target) + MigratePlan.targetOnly.keys.filter { $0 != "erkend_migration" }.sorted()
        try await target.execute("SET LOCAL bytea_output = 'hex'")
        // Nobody else writes while the installation moves in; then the target must be empty.
        try await target.execute(PostgresQuery(unsafeSQL: "LOCK TABLE \(tables.map { "\"\($0)\"" }.joined(separator: ", ")) IN EXCLUSIVE MODE"))
        for table in tables where !(try await target.isEmpty(table)) {
            throw CLIError("the PostgreSQL database is not empty (\(table) has rows); migrate-data only fills an empty one, nothing was written")
        }

        var sourceDigests: [String: TableDigest] = [:]
        var erased: [(id: String, at: String)] = []
        for step in plan.steps {
            var digest = TableDigest()
            switch step.kind {
            case .concepts:
                try await source.rows(step.source, columns: step.columns.map(\.source)) { rows in
                    for row in rows { digest.add(MigrateLine.line(try fields(row, step))) }
                }
                try await PostgresConceptTransfer.copy(try await source.concepts(), on: target.connection, logger: target.logger)
            case .derived:
                try await source.rows(step.source, columns: step.columns.map(\.source)) { rows in
                    for row in rows { digest.add(MigrateLine.line(try fields(row, step))) }
                }
            case .copy:
                // An erased learner refuses new records: they are marked erased once their records are in.
                let erasedColumn = step.target == "learner" ? step.columns.firstIndex { $0.target == "erased_at" } : nil
                try await source.rows(step.source, columns: step.columns.map(\.source)) { rows in
                    var lines: [String] = []
                    lines.reserveCapacity(rows.count)
                    for row in rows {
                        var values = try fields(row, step)
                        digest.add(MigrateLine.line(values))
                        if let erasedColumn, let at = values[erasedColumn] {
                            erased.append((values[0] ?? "", at))
                            values[erasedColumn] = nil
                        }
                        lines.append(MigrateLine.line(values))
                    }
                    try await target.copy(step.target, columns: step.columns.map(\.target), lines: lines)
                }
            }
            sourceDigests[step.target] = digest
        }
        // The snapshot holds the chain that was verified, no more: else something wrote to the file in between.
        if let audit = plan.steps.first(where: { $0.target == "audit_entry" }), sourceDigests[audit.target]?.rows != chain.checked {
            throw CLIError("the SQLite database changed while it was being read (is a server still using it? stop it first); the transaction was rolled back, nothing was written")
        }
        if try await source.store.audit.head()?.hash != chain.lastHash {
            throw CLIError("the SQLite database was written to during the move (is a server still using it? stop it first); the transaction was rolled back, nothing was written")
        }
        if !erased.isEmpty {
            try await target.execute("""
                UPDATE learner SET erased_at = e.at FROM unnest(\(erased.map(\.id))::text[], \(erased.map(\.at))::text[]) AS e(id, at)
                WHERE learner.id = e.id
                """)
        }
        // Serial columns continue after the highest number moved.
        for row in try await target.rows("""
            SELECT table_name::text, column_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'
            """) {
            let (table, column) = (try row[0].decode(String.self), try row[1].decode(String.self))
            try await target.execute(PostgresQuery(unsafeSQL: """
                SELECT setval(pg_get_serial_sequence('"\(table)"', '\(column)'), max("\(column)")) FROM "\(table)" HAVING max("\(column)") IS NOT NULL
                """))
        }

        var report = MigrateReport()
        for step in plan.steps {
            let found = try await target.digest(step.target, columns: step.columns.map { ($0.target, $0.type) })
            let expected = sourceDigests[step.target] ?? TableDigest()
            let note = step.kind == .derived ? "kept by PostgreSQL from the observations, compared" : step.kind == .concepts ? "search columns made anew" : ""
            report.lines.append(.init(table: step.target, sourceRows: expected.rows, targetRows: found.rows,
                                      sourceHash: expected.short, targetHash: found.short, note: note))
        }
        report.seconds = Date().timeIntervalSince(started)
        if let different = report.lines.first(where: { !$0.matches }) {
            report.print(to: nil)
            throw CLIError("the table \(different.table) did not arrive as it is in SQLite; the transaction was rolled back, nothing was written")
        }
        return report
    }

    private func fields(_ row: [DatabaseValue], _ step: MigratePlan.Step) throws -> [String?] {
        try zip(row, step.columns).map { value, column in try MigrateLine.field(value, as: column.type, column: "\(step.source.name).\(column.source)") }
    }
}

import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL schema as named migrations, kept in step with the SQLite
/// backend's (`ErkendStore/Database/Migrations.swift`): the same tables and
/// columns under snake_case names, PostgreSQL's own types (boolean, bigint,
/// tsvector) where SQLite has fewer. A migration that has landed is never
/// edited; changes come as new migrations appended at the end.
///
/// Several nodes may start at once: the migrations run under an advisory lock,
/// each in its own transaction, so exactly one node applies each of them.
enum PostgresMigrations {
    static let all: [(name: String, sql: String)] = [
        ("2026-11-29-taxonomy", """
            CREATE TABLE concept (
                -- The same numbering as the SQLite backend: within one import, new concepts are
                -- numbered by kind, then shortest label first, and large result sets list in id order.
                id bigint PRIMARY KEY,
                uri text NOT NULL UNIQUE,
                key text NOT NULL,
                kind text NOT NULL CHECK (kind IN ('skill', 'skillGroup', 'occupation', 'iscoGroup')),
                code text,
                skill_type text CHECK (skill_type IN ('skill/competence', 'knowledge')),
                reuse_level text CHECK (reuse_level IN ('transversal', 'cross-sector', 'sector-specific', 'occupation-specific')),
                isco_group text,
                modified text,
                obsolete boolean NOT NULL DEFAULT false,
                sort_label text COLLATE "C" NOT NULL,
                preferred_en text,
                preferred_nl text,
                alt_en text,
                alt_nl text,
                description_en text,
                description_nl text,
                other_labels text,
                preferred_other text NOT NULL DEFAULT '',
                alt_other text NOT NULL DEFAULT '',
                collections text NOT NULL DEFAULT '',
                -- Search: the words of the labels, cut and folded as the SQLite backend's index does
                -- (unicode61, diacritics removed), one tsvector per language and one for all of them.
                -- `search_words` keeps the six label columns' words (a line each) for ranking;
                -- `word_count` counts them plus the kind and status tags, as SQLite's index does.
                words_nl tsvector NOT NULL,
                words_en tsvector NOT NULL,
                words_other tsvector NOT NULL,
                words_all tsvector NOT NULL,
                search_words text NOT NULL,
                word_count integer NOT NULL
            );
            CREATE INDEX concept_key ON concept (key);
            CREATE INDEX concept_kind_label ON concept (kind, obsolete, sort_label);
            CREATE INDEX concept_words_nl ON concept USING gin (words_nl);
            CREATE INDEX concept_words_en ON concept USING gin (words_en);
            CREATE INDEX concept_words_other ON concept USING gin (words_other);
            CREATE INDEX concept_words_all ON concept USING gin (words_all);

            CREATE TABLE concept_broader (
                narrower text NOT NULL REFERENCES concept (uri),
                broader text NOT NULL REFERENCES concept (uri),
                PRIMARY KEY (narrower, broader),
                CHECK (narrower <> broader)
            );
            CREATE INDEX concept_broader_broader ON concept_broader (broader);

            CREATE TABLE occupation_skill (
                occupation text NOT NULL REFERENCES concept (uri),
                skill text NOT NULL REFERENCES concept (uri),
                requirement text NOT NULL CHECK (requirement IN ('essential', 'optional')),
                PRIMARY KEY (occupation, skill)
            );
            CREATE INDEX occupation_skill_skill ON occupation_skill (skill);

            CREATE TABLE skill_skill (
                skill text NOT NULL REFERENCES concept (uri),
                related_skill text NOT NULL REFERENCES concept (uri),
                requirement text NOT NULL CHECK (requirement IN ('essential', 'optional')),
                PRIMARY KEY (skill, related_skill)
            );
            """),
        ("2026-11-29-catalogue", """
            CREATE TABLE catalogue_entity (
                kind text NOT NULL CHECK (kind IN ('outcome', 'unit', 'epa', 'programme')),
                code text COLLATE "C" NOT NULL,
                version integer NOT NULL CHECK (version >= 1),
                status text NOT NULL CHECK (status IN ('draft', 'published', 'deprecated')),
                title text NOT NULL,
                level_rank integer,
                published_at text,
                -- The entity's JSON exactly as encoded (text, not jsonb, which would reorder it).
                body text NOT NULL,
                PRIMARY KEY (kind, code, version)
            );
            CREATE INDEX catalogue_entity_status ON catalogue_entity (kind, status, code);

            CREATE TABLE catalogue_link (
                kind text NOT NULL,
                code text NOT NULL,
                version integer NOT NULL,
                target_kind text NOT NULL,
                target_code text NOT NULL,
                target_version integer,
                role text NOT NULL,
                path text COLLATE "C" NOT NULL,
                FOREIGN KEY (kind, code, version) REFERENCES catalogue_entity (kind, code, version) ON DELETE CASCADE
            );
            CREATE INDEX catalogue_link_source ON catalogue_link (kind, code, version);
            CREATE INDEX catalogue_link_target ON catalogue_link (target_kind, target_code);

            CREATE TABLE catalogue_alignment (
                kind text NOT NULL,
                code text NOT NULL,
                version integer NOT NULL,
                skill text NOT NULL,
                relation text NOT NULL,
                FOREIGN KEY (kind, code, version) REFERENCES catalogue_entity (kind, code, version) ON DELETE CASCADE
            );
            CREATE INDEX catalogue_alignment_source ON catalogue_alignment (kind, code, version);
            CREATE INDEX catalogue_alignment_skill ON catalogue_alignment (skill);
            """),
        ("2026-11-29-catalogue-description", """
            -- What the catalogue says about itself (catalog.yaml): one row, as JSON.
            CREATE TABLE catalogue_description (
                id integer PRIMARY KEY CHECK (id = 1),
                json text NOT NULL
            );
            """),
        ("2026-11-29-accounts", """
            CREATE TABLE account (
                id text PRIMARY KEY,
                username text NOT NULL UNIQUE,
                display_name text NOT NULL,
                roles text NOT NULL,
                learner text,
                mentor text,
                disabled boolean NOT NULL DEFAULT false,
                created_at text NOT NULL,
                password_hash text,
                failed_attempts integer NOT NULL DEFAULT 0,
                locked_until text
            );
            CREATE INDEX account_learner ON account (learner);
            CREATE INDEX account_mentor ON account (mentor);

            CREATE TABLE session (
                secret_hash text PRIMARY KEY,
                id text NOT NULL UNIQUE,
                account text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
                csrf_token text NOT NULL,
                created_at text NOT NULL,
                last_seen_at text NOT NULL,
                expires_at text NOT NULL
            );
            CREATE INDEX session_account ON session (account);

            CREATE TABLE api_token (
                secret_hash text PRIMARY KEY,
                id text NOT NULL UNIQUE,
                account text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
                name text NOT NULL,
                scopes text NOT NULL,
                created_at text NOT NULL,
                expires_at text,
                revoked_at text,
                last_used_at text
            );
            CREATE INDEX api_token_account ON api_token (account);
            """),
        ("2026-11-29-audit", """
            -- The audit log, a hash chain: hash = SHA-256(previous_hash || body), hex.
            -- at, action and subject repeat what body says, for lists by learner and time.
            CREATE TABLE audit_entry (
                sequence bigint PRIMARY KEY,
                at text NOT NULL,
                action text NOT NULL,
                subject text,
                body text NOT NULL,
                previous_hash text NOT NULL CHECK (length(previous_hash) = 64),
                hash text NOT NULL CHECK (length(hash) = 64)
            );
            CREATE INDEX audit_entry_subject ON audit_entry (subject, sequence) WHERE subject IS NOT NULL;
            CREATE INDEX audit_entry_hash ON audit_entry (hash);

            -- Append-only. Whoever drops these triggers is still caught by verify().
            CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit log is append-only: entries cannot be %', CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'deleted' END;
            END;
            $$;
            CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
            CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
            CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
            """),
    ]

    /// A number of our own for the advisory lock that serializes migrations across nodes.
    static let lockKey: Int64 = 0x45_726B_656E_64_01

    static func run(on database: PostgresDatabase) async throws {
        let logger = database.logger
        try await database.client.withConnection { connection in
            try await connection.execute("SELECT pg_advisory_lock(\(lockKey))", logger: logger)
            do {
                try await connection.execute("""
                    CREATE TABLE IF NOT EXISTS erkend_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                    """, logger: logger)
                var applied = Set<String>()
                for row in try await connection.rows("SELECT name FROM erkend_migration", logger: logger) {
                    applied.insert(try row[0].decode(String.self))
                }
                for migration in all where !applied.contains(migration.name) {
                    let name = migration.name
                    try await connection.withTransaction(logger: logger) { connection in
                        for statement in statements(migration.sql) {
                            try await connection.execute(PostgresQuery(unsafeSQL: statement), logger: logger)
                        }
                        try await connection.execute("INSERT INTO erkend_migration (name) VALUES (\(name))", logger: logger)
                    }
                }
            } catch {
                _ = try? await connection.execute("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
                throw error
            }
            try await connection.execute("SELECT pg_advisory_unlock(\(lockKey))", logger: logger)
        }
    }

    /// The statements of a migration one by one (the extended protocol takes one at a time): split at
    /// semicolons outside quotes, dollar quotes and comments.
    static func statements(_ sql: String) -> [String] {
        var result: [String] = []
        var current = ""
        var inQuote = false, inDollar = false, inComment = false
        var characters = Array(sql)[...]
        while let character = characters.popFirst() {
            let next = characters.first
            if inComment {
                current.append(character)
                if character == "\n" { inComment = false }
                continue
            }
            if !inQuote && !inDollar && character == "-" && next == "-" { inComment = true; current.append(character); continue }
            if !inDollar && character == "'" { inQuote.toggle() }
            if !inQuote && character == "$" && next == "$" {
                inDollar.toggle()
                current.append(character)
                current.append(characters.removeFirst())
                continue
            }
            if character == ";" && !inQuote && !inDollar {
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { result.append(statement) }
                current = ""
                continue
            }
            current.append(character)
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty, rest.split(separator: "\n").contains(where: { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }) { result.append(rest) }
        return result
    }

    /// The names of the migrations this build knows, in order (for `/ready`-style checks).
    static var names: [String] { all.map(\.name) }
}

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
        ("2026-12-03-progression", """
            -- Learners' progression, privacy, awards and the mail outbox, as in the SQLite backend's migrations
            -- 2026-11-29-progression … 2026-12-03-award-status. Days are ISO text (YYYY-MM-DD) and instants ISO 8601
            -- text in UTC, so both compare as text; COLLATE "C" sorts ids and names byte by byte, as SQLite does.
            -- Records read whole are JSON text in `body`; composite foreign keys (learner, enrolment) make it
            -- impossible to hang a record on another learner's enrolment or placement.
            CREATE TABLE learner (
                id text COLLATE "C" PRIMARY KEY,
                name text COLLATE "C" NOT NULL CHECK (btrim(name) <> ''),
                student_number text UNIQUE,
                email text,
                date_of_birth text,
                erased_at text
            );
            CREATE INDEX learner_name ON learner (name, id);

            CREATE TABLE mentor (
                id text COLLATE "C" PRIMARY KEY,
                name text COLLATE "C" NOT NULL CHECK (btrim(name) <> ''),
                organisation text NOT NULL,
                email text,
                phone text
            );

            CREATE TABLE enrolment (
                id text COLLATE "C" PRIMARY KEY,
                learner text NOT NULL REFERENCES learner (id),
                programme_code text NOT NULL,
                programme_version integer NOT NULL CHECK (programme_version >= 1),
                start_date text COLLATE "C" NOT NULL,
                cohort text NOT NULL,
                status text NOT NULL CHECK (status IN ('active', 'completed', 'withdrawn')),
                end_date text,
                UNIQUE (learner, id)
            );
            CREATE INDEX enrolment_learner ON enrolment (learner);
            CREATE INDEX enrolment_cohort ON enrolment (cohort, learner);
            CREATE INDEX enrolment_programme ON enrolment (programme_code, learner);

            CREATE TABLE placement (
                id text COLLATE "C" PRIMARY KEY,
                learner text NOT NULL,
                enrolment text NOT NULL,
                kind text NOT NULL CHECK (kind IN ('bpv', 'stage', 'leerbaan', 'other')),
                start_date text COLLATE "C" NOT NULL,
                end_date text,
                organisation text,
                body text NOT NULL,
                UNIQUE (learner, id),
                FOREIGN KEY (learner, enrolment) REFERENCES enrolment (learner, id)
            );
            CREATE INDEX placement_learner ON placement (learner);
            CREATE INDEX placement_organisation ON placement (organisation, enrolment);

            CREATE TABLE placement_mentor (
                placement text NOT NULL REFERENCES placement (id),
                mentor text NOT NULL REFERENCES mentor (id),
                position integer NOT NULL,
                PRIMARY KEY (placement, mentor)
            );
            CREATE INDEX placement_mentor_mentor ON placement_mentor (mentor, placement);

            CREATE TABLE observation (
                id text COLLATE "C" PRIMARY KEY,
                learner text NOT NULL,
                enrolment text NOT NULL,
                placement text,
                epa_code text NOT NULL,
                epa_version integer NOT NULL CHECK (epa_version >= 1),
                date text COLLATE "C" NOT NULL,
                observer_kind text NOT NULL CHECK (observer_kind IN ('mentor', 'staff')),
                observer text NOT NULL,
                body text NOT NULL,
                FOREIGN KEY (learner, enrolment) REFERENCES enrolment (learner, id),
                FOREIGN KEY (learner, placement) REFERENCES placement (learner, id)
            );
            CREATE INDEX observation_learner ON observation (learner, epa_code, date);

            CREATE TABLE entrustment_decision (
                id text COLLATE "C" PRIMARY KEY,
                learner text NOT NULL,
                enrolment text NOT NULL,
                epa_code text NOT NULL,
                epa_version integer NOT NULL CHECK (epa_version >= 1),
                decided_on text COLLATE "C" NOT NULL,
                status text NOT NULL CHECK (status IN ('active', 'withdrawn')),
                withdrawn_on text,
                body text NOT NULL,
                CHECK ((status = 'withdrawn') = (withdrawn_on IS NOT NULL)),
                FOREIGN KEY (learner, enrolment) REFERENCES enrolment (learner, id)
            );
            CREATE INDEX entrustment_decision_learner ON entrustment_decision (learner, epa_code, decided_on);
            CREATE INDEX entrustment_decision_enrolment ON entrustment_decision (enrolment, epa_code);

            CREATE TABLE decision_basis (
                decision text NOT NULL REFERENCES entrustment_decision (id),
                observation text NOT NULL REFERENCES observation (id),
                PRIMARY KEY (decision, observation)
            );
            CREATE INDEX decision_basis_observation ON decision_basis (observation);

            CREATE TABLE recognition_case (
                id text COLLATE "C" PRIMARY KEY,
                learner text NOT NULL REFERENCES learner (id),
                enrolment text,
                opened_on text COLLATE "C" NOT NULL,
                result text CHECK (result IN ('full', 'partial', 'refused')),
                decided_on text,
                body text NOT NULL,
                CHECK ((result IS NULL) = (decided_on IS NULL)),
                FOREIGN KEY (learner, enrolment) REFERENCES enrolment (learner, id)
            );
            CREATE INDEX recognition_case_learner ON recognition_case (learner, opened_on);

            CREATE TABLE evidence_content (
                key text PRIMARY KEY,
                recognition_case text NOT NULL REFERENCES recognition_case (id),
                media_type text NOT NULL,
                sha256 text NOT NULL CHECK (length(sha256) = 64),
                size integer NOT NULL CHECK (size BETWEEN 0 AND 5242880),
                content bytea NOT NULL,
                CHECK (octet_length(content) = size)
            );
            CREATE INDEX evidence_content_case ON evidence_content (recognition_case);

            CREATE TABLE unit_result (
                id text COLLATE "C" PRIMARY KEY,
                learner text NOT NULL REFERENCES learner (id),
                enrolment text,
                unit_code text NOT NULL,
                unit_version integer NOT NULL CHECK (unit_version >= 1),
                outcome text NOT NULL CHECK (outcome IN ('passed', 'failed')),
                achieved_on text COLLATE "C" NOT NULL,
                basis text NOT NULL CHECK (basis IN ('completed', 'recognised')),
                recognition_case text REFERENCES recognition_case (id),
                body text NOT NULL,
                CHECK ((basis = 'recognised') = (recognition_case IS NOT NULL)),
                FOREIGN KEY (learner, enrolment) REFERENCES enrolment (learner, id)
            );
            CREATE INDEX unit_result_learner ON unit_result (learner, unit_code, achieved_on);
            CREATE INDEX unit_result_enrolment ON unit_result (enrolment, achieved_on);

            CREATE TABLE practice_statement (
                id text COLLATE "C" PRIMARY KEY,
                learner text NOT NULL,
                placement text NOT NULL,
                status text NOT NULL CHECK (status IN ('requested', 'signed', 'declined')),
                period_start text COLLATE "C" NOT NULL,
                period_end text NOT NULL,
                body text NOT NULL,
                CHECK (period_start <= period_end),
                FOREIGN KEY (learner, placement) REFERENCES placement (learner, id)
            );
            CREATE INDEX practice_statement_learner ON practice_statement (learner, period_start);
            CREATE INDEX practice_statement_placement ON practice_statement (placement, period_start);

            -- Only the SHA-256 of a sign-off token is kept, never the token.
            CREATE TABLE signoff_request (
                id text COLLATE "C" PRIMARY KEY,
                token_hash text NOT NULL UNIQUE CHECK (length(token_hash) = 64),
                purpose text NOT NULL CHECK (purpose IN ('observation', 'practiceStatement')),
                epa_code text,
                epa_version integer CHECK (epa_version >= 1),
                practice_statement text REFERENCES practice_statement (id),
                learner text NOT NULL REFERENCES learner (id),
                mentor text NOT NULL REFERENCES mentor (id),
                requested_by text NOT NULL,
                created_at text COLLATE "C" NOT NULL,
                expires_at text COLLATE "C" NOT NULL,
                status text NOT NULL CHECK (status IN ('open', 'signed', 'declined', 'expired')),
                used_at text,
                resulting_record text,
                decline_reason text,
                on_the_spot boolean NOT NULL DEFAULT false,
                held_submission text,
                held_at text,
                code_hash text,
                code_expires_at text,
                code_attempts integer NOT NULL DEFAULT 0,
                CHECK (created_at < expires_at),
                CHECK ((purpose = 'observation') = (epa_code IS NOT NULL AND epa_version IS NOT NULL)),
                CHECK ((purpose = 'practiceStatement') = (practice_statement IS NOT NULL)),
                CHECK ((status IN ('signed', 'declined')) = (used_at IS NOT NULL)),
                CHECK ((status = 'signed') = (resulting_record IS NOT NULL))
            );
            CREATE INDEX signoff_request_mentor ON signoff_request (mentor, status, expires_at);
            CREATE INDEX signoff_request_learner ON signoff_request (learner);

            -- E-mails waiting to be sent, written in the same transaction as what they announce.
            CREATE TABLE mail_outbox (
                id text COLLATE "C" PRIMARY KEY,
                seq bigserial NOT NULL,
                recipient text NOT NULL,
                recipient_name text NOT NULL,
                template text NOT NULL,
                template_values text NOT NULL,
                about text NOT NULL,
                created_at text COLLATE "C" NOT NULL,
                status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'cancelled')),
                attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                next_attempt_at text COLLATE "C" NOT NULL,
                sent_at text,
                last_error text,
                CHECK ((status = 'sent') = (sent_at IS NOT NULL))
            );
            CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
            CREATE INDEX mail_outbox_about ON mail_outbox (about, created_at);

            -- Who looked at or received a learner's data; identifiers only.
            CREATE TABLE access_log (
                id bigserial PRIMARY KEY,
                at text COLLATE "C" NOT NULL,
                learner text NOT NULL,
                actor text NOT NULL,
                channel text NOT NULL,
                what text NOT NULL
            );
            CREATE INDEX access_log_learner ON access_log (learner, at);

            -- Every consent given or withdrawn; the latest per purpose counts.
            CREATE TABLE consent (
                id bigserial PRIMARY KEY,
                learner text NOT NULL REFERENCES learner (id),
                purpose text COLLATE "C" NOT NULL,
                granted boolean NOT NULL,
                at text NOT NULL,
                recorded_by text NOT NULL
            );
            CREATE INDEX consent_learner ON consent (learner, purpose, id);

            -- What a learner achieved, whatever credential renders it; the whole award as JSON in body.
            CREATE TABLE award (
                id text COLLATE "C" PRIMARY KEY,
                learner text NOT NULL REFERENCES learner (id),
                kind text NOT NULL,
                certified_code text NOT NULL,
                certified_version integer NOT NULL,
                source text NOT NULL,
                issued_on text COLLATE "C" NOT NULL,
                status text NOT NULL CHECK (status IN ('offered', 'collected', 'revoked')),
                body text NOT NULL,
                status_list integer,
                status_index integer,
                UNIQUE (source, certified_code, certified_version)
            );
            CREATE INDEX award_learner ON award (learner, issued_on);
            CREATE UNIQUE INDEX award_status_entry ON award (status_list, status_index) WHERE status_list IS NOT NULL;

            -- Per enrolment and EPA the first and last observation and the count by observer kind,
            -- kept by a trigger with every observation insert (observations are never changed).
            CREATE TABLE metric_observation_span (
                enrolment text NOT NULL,
                epa_code text NOT NULL,
                first_date text NOT NULL,
                last_date text NOT NULL,
                mentor_observations bigint NOT NULL DEFAULT 0,
                staff_observations bigint NOT NULL DEFAULT 0,
                PRIMARY KEY (enrolment, epa_code)
            );
            CREATE FUNCTION observation_metric_span() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO metric_observation_span (enrolment, epa_code, first_date, last_date, mentor_observations, staff_observations)
                VALUES (NEW.enrolment, NEW.epa_code, NEW.date, NEW.date,
                        CASE WHEN NEW.observer_kind = 'mentor' THEN 1 ELSE 0 END, CASE WHEN NEW.observer_kind = 'staff' THEN 1 ELSE 0 END)
                ON CONFLICT (enrolment, epa_code) DO UPDATE SET
                    first_date = least(metric_observation_span.first_date, excluded.first_date),
                    last_date = greatest(metric_observation_span.last_date, excluded.last_date),
                    mentor_observations = metric_observation_span.mentor_observations + excluded.mentor_observations,
                    staff_observations = metric_observation_span.staff_observations + excluded.staff_observations;
                RETURN NULL;
            END;
            $$;
            CREATE TRIGGER observation_metric_span AFTER INSERT ON observation FOR EACH ROW EXECUTE FUNCTION observation_metric_span();

            -- An erased learner stays erased, and no new record about them is accepted, whatever path the insert takes.
            CREATE FUNCTION learner_erased_stays_erased() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'erased learner: no new records';
            END;
            $$;
            CREATE TRIGGER learner_erased_stays_erased BEFORE UPDATE OF name, student_number, email, date_of_birth ON learner
                FOR EACH ROW WHEN (OLD.erased_at IS NOT NULL) EXECUTE FUNCTION learner_erased_stays_erased();
            CREATE FUNCTION refuse_erased_learner() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF (SELECT erased_at FROM learner WHERE id = NEW.learner) IS NOT NULL THEN
                    RAISE EXCEPTION 'erased learner: no new records';
                END IF;
                RETURN NEW;
            END;
            $$;
            CREATE TRIGGER enrolment_erased_learner BEFORE INSERT ON enrolment FOR EACH ROW EXECUTE FUNCTION refuse_erased_learner();
            CREATE TRIGGER placement_erased_learner BEFORE INSERT ON placement FOR EACH ROW EXECUTE FUNCTION refuse_erased_learner();
            CREATE TRIGGER observation_erased_learner BEFORE INSERT ON observation FOR EACH ROW EXECUTE FUNCTION refuse_erased_learner();
            CREATE TRIGGER entrustment_decision_erased_learner BEFORE INSERT ON entrustment_decision FOR EACH ROW EXECUTE FUNCTION refuse_erased_learner();
            CREATE TRIGGER recognition_case_erased_learner BEFORE INSERT ON recognition_case FOR EACH ROW EXECUTE FUNCTION refuse_erased_learner();
            CREATE TRIGGER unit_result_erased_learner BEFORE INSERT ON unit_result FOR EACH ROW EXECUTE FUNCTION refuse_erased_learner();
            CREATE TRIGGER practice_statement_erased_learner BEFORE INSERT ON practice_statement FOR EACH ROW EXECUTE FUNCTION refuse_erased_learner();
            CREATE TRIGGER signoff_request_erased_learner BEFORE INSERT ON signoff_request FOR EACH ROW EXECUTE FUNCTION refuse_erased_learner();
            CREATE TRIGGER consent_erased_learner BEFORE INSERT ON consent FOR EACH ROW EXECUTE FUNCTION refuse_erased_learner();
            """),
        ("2026-12-03-sign-in-throttle", """
            -- The sign-in throttle's counts, shared by every node (in memory on a single SQLite node):
            -- failures per user name and address and per user name, and where accounts signed in from;
            -- keys, names and addresses as their SHA-256 only.
            CREATE TABLE sign_in_failure (
                key text PRIMARY KEY,
                count integer NOT NULL CHECK (count >= 1),
                last_at double precision NOT NULL
            );
            CREATE TABLE sign_in_source (
                username text NOT NULL,
                source text NOT NULL,
                PRIMARY KEY (username, source)
            );
            """),
        ("2026-12-03-credential-offers", """
            -- As the SQLite backend's 2026-12-03-credential-use and 2026-12-03-credential-offers: credential use
            -- per day and kind (never who), and OpenID4VCI offers, nonces and issuances, secrets as hashes only.
            -- Instants as seconds since 1970, as SQLite keeps them for these tables.
            CREATE TABLE metric_credential_use (
                day text NOT NULL,
                kind text NOT NULL CHECK (kind IN ('verification', 'status-list-fetch')),
                count bigint NOT NULL CHECK (count >= 0),
                PRIMARY KEY (day, kind)
            );
            CREATE TABLE credential_offer (
                id text PRIMARY KEY,
                award text NOT NULL REFERENCES award (id),
                learner text NOT NULL,
                code_hash text NOT NULL UNIQUE,
                transaction_code_hash text,
                failed_attempts integer NOT NULL DEFAULT 0,
                expires_at double precision NOT NULL,
                used_at double precision,
                access_token_hash text UNIQUE,
                token_expires_at double precision,
                body text NOT NULL
            );
            CREATE INDEX credential_offer_award ON credential_offer (award);
            CREATE TABLE credential_nonce (
                hash text PRIMARY KEY,
                expires_at double precision NOT NULL
            );
            CREATE TABLE credential_issuance (
                award text NOT NULL REFERENCES award (id),
                holder_thumbprint text NOT NULL,
                configuration text NOT NULL,
                credential_id text NOT NULL,
                issued_at double precision NOT NULL,
                PRIMARY KEY (award, holder_thumbprint)
            );
            """),
        ("2026-12-03-guess-limits", """
            -- The guess limits' token buckets (sign-off links, passwords, pre-authorized codes), shared by every
            -- node (in memory on a single SQLite node); keys (which hold the client's address) as their SHA-256 only.
            CREATE TABLE guess_bucket (
                key text PRIMARY KEY,
                tokens double precision NOT NULL,
                updated_at double precision NOT NULL,
                taken boolean NOT NULL
            );
            CREATE INDEX guess_bucket_updated ON guess_bucket (updated_at);
            """),
        ("2026-12-03-signoff-withdrawn", """
            -- As the SQLite backend's migration of the same name: an erasure withdraws the learner's open
            -- sign-off links with a status of their own instead of marking them expired.
            ALTER TABLE signoff_request DROP CONSTRAINT signoff_request_status_check;
            ALTER TABLE signoff_request ADD CONSTRAINT signoff_request_status_check
                CHECK (status IN ('open', 'signed', 'declined', 'expired', 'withdrawn'));
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

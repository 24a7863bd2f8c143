import GRDB

/// The schema, as named migrations. A migration that has landed is never
/// edited; changes come as new migrations appended at the end.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-29-taxonomy") { db in
            try db.execute(sql: """
                CREATE TABLE concept (
                    id INTEGER PRIMARY KEY,
                    uri TEXT NOT NULL,
                    key TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('skill', 'skillGroup', 'occupation', 'iscoGroup')),
                    code TEXT,
                    skillType TEXT CHECK (skillType IN ('skill/competence', 'knowledge')),
                    reuseLevel TEXT CHECK (reuseLevel IN ('transversal', 'cross-sector', 'sector-specific', 'occupation-specific')),
                    iscoGroup TEXT,
                    modified TEXT,
                    obsolete INTEGER NOT NULL DEFAULT 0 CHECK (obsolete IN (0, 1)),
                    sortLabel TEXT NOT NULL,
                    preferredEn TEXT,
                    preferredNl TEXT,
                    altEn TEXT,
                    altNl TEXT,
                    descriptionEn TEXT,
                    descriptionNl TEXT,
                    -- Labels in languages other than nl and en, as JSON; usually NULL.
                    otherLabels TEXT,
                    -- The same labels as plain text for the search index.
                    preferredOther TEXT NOT NULL DEFAULT '',
                    altOther TEXT NOT NULL DEFAULT '',
                    -- Collection names separated by spaces (digital, transversal, ict…).
                    collections TEXT NOT NULL DEFAULT ''
                );
                CREATE UNIQUE INDEX concept_uri ON concept(uri);
                CREATE INDEX concept_key ON concept(key);
                CREATE INDEX concept_kind_label ON concept(kind, obsolete, sortLabel);

                CREATE TABLE conceptBroader (
                    narrower TEXT NOT NULL REFERENCES concept(uri),
                    broader TEXT NOT NULL REFERENCES concept(uri),
                    PRIMARY KEY (narrower, broader),
                    CHECK (narrower <> broader)
                ) WITHOUT ROWID;
                CREATE INDEX conceptBroader_broader ON conceptBroader(broader);

                CREATE TABLE occupationSkill (
                    occupation TEXT NOT NULL REFERENCES concept(uri),
                    skill TEXT NOT NULL REFERENCES concept(uri),
                    requirement TEXT NOT NULL CHECK (requirement IN ('essential', 'optional')),
                    PRIMARY KEY (occupation, skill)
                ) WITHOUT ROWID;
                CREATE INDEX occupationSkill_skill ON occupationSkill(skill);

                CREATE TABLE skillSkill (
                    skill TEXT NOT NULL REFERENCES concept(uri),
                    relatedSkill TEXT NOT NULL REFERENCES concept(uri),
                    requirement TEXT NOT NULL CHECK (requirement IN ('essential', 'optional')),
                    PRIMARY KEY (skill, relatedSkill)
                ) WITHOUT ROWID;

                -- One row per concept (rowid = concept.id); a column per language and label
                -- kind, so a search can be limited to a language with a column filter and
                -- preferred labels can weigh more than alternative ones. `tags` holds the
                -- rarer kinds and statuses as words (kskillgroup, koccupation, obsolete), so
                -- that filtering happens inside the index on short lists instead of as a
                -- lookup per match; a skill that is current has no tags.
                CREATE VIRTUAL TABLE conceptSearch USING fts5(
                    preferredNl, altNl, preferredEn, altEn, preferredOther, altOther, tags,
                    tokenize = 'unicode61 remove_diacritics 2'
                );
                """)
        }
        migrator.registerMigration("2026-11-29-catalogue") { db in
            try db.execute(sql: """
                CREATE TABLE catalogueEntity (
                    kind TEXT NOT NULL CHECK (kind IN ('outcome', 'unit', 'epa', 'programme')),
                    code TEXT NOT NULL,
                    version INTEGER NOT NULL CHECK (version >= 1),
                    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'deprecated')),
                    title TEXT NOT NULL,
                    levelRank INTEGER,
                    publishedAt TEXT,
                    body TEXT NOT NULL,
                    PRIMARY KEY (kind, code, version)
                ) WITHOUT ROWID;
                CREATE INDEX catalogueEntity_status ON catalogueEntity(kind, status, code);

                CREATE TABLE catalogueLink (
                    kind TEXT NOT NULL,
                    code TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    targetKind TEXT NOT NULL,
                    targetCode TEXT NOT NULL,
                    targetVersion INTEGER,
                    role TEXT NOT NULL,
                    path TEXT NOT NULL,
                    FOREIGN KEY (kind, code, version) REFERENCES catalogueEntity(kind, code, version) ON DELETE CASCADE
                );
                CREATE INDEX catalogueLink_source ON catalogueLink(kind, code, version);
                CREATE INDEX catalogueLink_target ON catalogueLink(targetKind, targetCode);

                CREATE TABLE catalogueAlignment (
                    kind TEXT NOT NULL,
                    code TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    skill TEXT NOT NULL,
                    relation TEXT NOT NULL,
                    FOREIGN KEY (kind, code, version) REFERENCES catalogueEntity(kind, code, version) ON DELETE CASCADE
                );
                CREATE INDEX catalogueAlignment_source ON catalogueAlignment(kind, code, version);
                CREATE INDEX catalogueAlignment_skill ON catalogueAlignment(skill);
                """)
        }
        migrator.registerMigration("2026-11-29-accounts") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    id TEXT PRIMARY KEY,
                    username TEXT NOT NULL UNIQUE,
                    displayName TEXT NOT NULL,
                    roles TEXT NOT NULL,
                    learner TEXT,
                    mentor TEXT,
                    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
                    createdAt TEXT NOT NULL,
                    passwordHash TEXT,
                    failedAttempts INTEGER NOT NULL DEFAULT 0,
                    lockedUntil TEXT
                );
                CREATE INDEX account_learner ON account(learner);
                CREATE INDEX account_mentor ON account(mentor);

                CREATE TABLE session (
                    secretHash TEXT PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    account TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    csrfToken TEXT NOT NULL,
                    createdAt TEXT NOT NULL,
                    lastSeenAt TEXT NOT NULL,
                    expiresAt TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX session_account ON session(account);

                CREATE TABLE apiToken (
                    secretHash TEXT PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    account TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    scopes TEXT NOT NULL,
                    createdAt TEXT NOT NULL,
                    expiresAt TEXT,
                    revokedAt TEXT,
                    lastUsedAt TEXT
                ) WITHOUT ROWID;
                CREATE INDEX apiToken_account ON apiToken(account);
                """)
        }
        migrator.registerMigration("2026-11-29-audit") { db in
            try db.execute(sql: """
                -- The audit log, a hash chain: hash = SHA-256(previousHash || body), hex.
                -- at, action and subject repeat what body says, for lists by learner and time.
                CREATE TABLE auditEntry (
                    sequence INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT,
                    body TEXT NOT NULL,
                    previousHash TEXT NOT NULL CHECK (length(previousHash) = 64),
                    hash TEXT NOT NULL CHECK (length(hash) = 64)
                );
                CREATE INDEX auditEntry_subject ON auditEntry(subject, sequence) WHERE subject IS NOT NULL;

                -- Append-only. Whoever drops these triggers is still caught by verify().
                CREATE TRIGGER auditEntry_noUpdate BEFORE UPDATE ON auditEntry
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed'); END;
                CREATE TRIGGER auditEntry_noDelete BEFORE DELETE ON auditEntry
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted'); END;
                """)
        }
        migrator.registerMigration("2026-11-29-progression") { db in
            // Days are ISO text (YYYY-MM-DD) and instants ISO 8601 text in UTC, so
            // both compare correctly as text. Records that are read whole are kept as
            // JSON in `body`; the columns beside it are what queries filter and sort on.
            // Composite foreign keys (learner, enrolment) make it impossible to hang a
            // record on another learner's enrolment or placement.
            try db.execute(sql: """
                CREATE TABLE learner (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL CHECK (trim(name) <> ''),
                    studentNumber TEXT UNIQUE,
                    email TEXT,
                    dateOfBirth TEXT
                );
                CREATE INDEX learner_name ON learner(name, id);

                CREATE TABLE mentor (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL CHECK (trim(name) <> ''),
                    organisation TEXT NOT NULL,
                    email TEXT,
                    phone TEXT
                );

                CREATE TABLE enrolment (
                    id TEXT PRIMARY KEY NOT NULL,
                    learner TEXT NOT NULL REFERENCES learner(id),
                    programmeCode TEXT NOT NULL,
                    programmeVersion INTEGER NOT NULL CHECK (programmeVersion >= 1),
                    startDate TEXT NOT NULL,
                    cohort TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('active', 'completed', 'withdrawn')),
                    endDate TEXT,
                    UNIQUE (learner, id)
                );
                CREATE INDEX enrolment_cohort ON enrolment(cohort, learner);
                CREATE INDEX enrolment_programme ON enrolment(programmeCode, learner);

                CREATE TABLE placement (
                    id TEXT PRIMARY KEY NOT NULL,
                    learner TEXT NOT NULL,
                    enrolment TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('bpv', 'stage', 'leerbaan', 'other')),
                    startDate TEXT NOT NULL,
                    endDate TEXT,
                    body TEXT NOT NULL,
                    UNIQUE (learner, id),
                    FOREIGN KEY (learner, enrolment) REFERENCES enrolment(learner, id)
                );

                CREATE TABLE placementMentor (
                    placement TEXT NOT NULL REFERENCES placement(id),
                    mentor TEXT NOT NULL REFERENCES mentor(id),
                    position INTEGER NOT NULL,
                    PRIMARY KEY (placement, mentor)
                ) WITHOUT ROWID;
                CREATE INDEX placementMentor_mentor ON placementMentor(mentor, placement);

                CREATE TABLE observation (
                    id TEXT PRIMARY KEY NOT NULL,
                    learner TEXT NOT NULL,
                    enrolment TEXT NOT NULL,
                    placement TEXT,
                    epaCode TEXT NOT NULL,
                    epaVersion INTEGER NOT NULL CHECK (epaVersion >= 1),
                    date TEXT NOT NULL,
                    observerKind TEXT NOT NULL CHECK (observerKind IN ('mentor', 'staff')),
                    observer TEXT NOT NULL,
                    body TEXT NOT NULL,
                    FOREIGN KEY (learner, enrolment) REFERENCES enrolment(learner, id),
                    FOREIGN KEY (learner, placement) REFERENCES placement(learner, id)
                );
                CREATE INDEX observation_learner ON observation(learner, epaCode, date);

                CREATE TABLE entrustmentDecision (
                    id TEXT PRIMARY KEY NOT NULL,
                    learner TEXT NOT NULL,
                    enrolment TEXT NOT NULL,
                    epaCode TEXT NOT NULL,
                    epaVersion INTEGER NOT NULL CHECK (epaVersion >= 1),
                    decidedOn TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('active', 'withdrawn')),
                    withdrawnOn TEXT,
                    body TEXT NOT NULL,
                    CHECK ((status = 'withdrawn') = (withdrawnOn IS NOT NULL)),
                    FOREIGN KEY (learner, enrolment) REFERENCES enrolment(learner, id)
                );
                CREATE INDEX entrustmentDecision_learner ON entrustmentDecision(learner, epaCode, decidedOn);

                -- The observations a decision rests on, so that none can be named that is not stored.
                CREATE TABLE decisionBasis (
                    decision TEXT NOT NULL REFERENCES entrustmentDecision(id),
                    observation TEXT NOT NULL REFERENCES observation(id),
                    PRIMARY KEY (decision, observation)
                ) WITHOUT ROWID;
                CREATE INDEX decisionBasis_observation ON decisionBasis(observation);

                CREATE TABLE recognitionCase (
                    id TEXT PRIMARY KEY NOT NULL,
                    learner TEXT NOT NULL REFERENCES learner(id),
                    enrolment TEXT,
                    openedOn TEXT NOT NULL,
                    result TEXT CHECK (result IN ('full', 'partial', 'refused')),
                    decidedOn TEXT,
                    body TEXT NOT NULL,
                    CHECK ((result IS NULL) = (decidedOn IS NULL)),
                    FOREIGN KEY (learner, enrolment) REFERENCES enrolment(learner, id)
                );
                CREATE INDEX recognitionCase_learner ON recognitionCase(learner, openedOn);

                -- Evidence a case keeps: a credential's JSON or a document, at most 5 MiB.
                CREATE TABLE evidenceContent (
                    key TEXT PRIMARY KEY NOT NULL,
                    recognitionCase TEXT NOT NULL REFERENCES recognitionCase(id),
                    mediaType TEXT NOT NULL,
                    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                    size INTEGER NOT NULL CHECK (size BETWEEN 0 AND 5242880),
                    content BLOB NOT NULL,
                    CHECK (length(content) = size)
                );
                CREATE INDEX evidenceContent_case ON evidenceContent(recognitionCase);

                CREATE TABLE unitResult (
                    id TEXT PRIMARY KEY NOT NULL,
                    learner TEXT NOT NULL REFERENCES learner(id),
                    enrolment TEXT,
                    unitCode TEXT NOT NULL,
                    unitVersion INTEGER NOT NULL CHECK (unitVersion >= 1),
                    outcome TEXT NOT NULL CHECK (outcome IN ('passed', 'failed')),
                    achievedOn TEXT NOT NULL,
                    basis TEXT NOT NULL CHECK (basis IN ('completed', 'recognised')),
                    recognitionCase TEXT REFERENCES recognitionCase(id),
                    body TEXT NOT NULL,
                    CHECK ((basis = 'recognised') = (recognitionCase IS NOT NULL)),
                    FOREIGN KEY (learner, enrolment) REFERENCES enrolment(learner, id)
                );
                CREATE INDEX unitResult_learner ON unitResult(learner, unitCode, achievedOn);
                CREATE INDEX unitResult_case ON unitResult(recognitionCase) WHERE recognitionCase IS NOT NULL;

                CREATE TABLE practiceStatement (
                    id TEXT PRIMARY KEY NOT NULL,
                    learner TEXT NOT NULL,
                    placement TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('requested', 'signed', 'declined')),
                    periodStart TEXT NOT NULL,
                    periodEnd TEXT NOT NULL,
                    body TEXT NOT NULL,
                    CHECK (periodStart <= periodEnd),
                    FOREIGN KEY (learner, placement) REFERENCES placement(learner, id)
                );
                CREATE INDEX practiceStatement_learner ON practiceStatement(learner, periodStart);
                CREATE INDEX practiceStatement_placement ON practiceStatement(placement, periodStart);

                -- Only the SHA-256 of a sign-off token is kept, never the token.
                CREATE TABLE signoffRequest (
                    id TEXT PRIMARY KEY NOT NULL,
                    tokenHash TEXT NOT NULL UNIQUE CHECK (length(tokenHash) = 64),
                    purpose TEXT NOT NULL CHECK (purpose IN ('observation', 'practiceStatement')),
                    epaCode TEXT,
                    epaVersion INTEGER CHECK (epaVersion >= 1),
                    practiceStatement TEXT REFERENCES practiceStatement(id),
                    learner TEXT NOT NULL REFERENCES learner(id),
                    mentor TEXT NOT NULL REFERENCES mentor(id),
                    requestedBy TEXT NOT NULL,
                    createdAt TEXT NOT NULL,
                    expiresAt TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('open', 'signed', 'declined', 'expired')),
                    usedAt TEXT,
                    resultingRecord TEXT,
                    declineReason TEXT,
                    CHECK (createdAt < expiresAt),
                    CHECK ((purpose = 'observation') = (epaCode IS NOT NULL AND epaVersion IS NOT NULL)),
                    CHECK ((purpose = 'practiceStatement') = (practiceStatement IS NOT NULL)),
                    CHECK ((status IN ('signed', 'declined')) = (usedAt IS NOT NULL)),
                    CHECK ((status = 'signed') = (resultingRecord IS NOT NULL))
                );
                CREATE INDEX signoffRequest_mentor ON signoffRequest(mentor, status, expiresAt);
                CREATE INDEX signoffRequest_learner ON signoffRequest(learner);
                """)
        }
        migrator.registerMigration("2026-11-29-privacy") { db in
            try db.execute(sql: """
                -- Who looked at or received a learner's data; identifiers only.
                CREATE TABLE accessLog (
                    id INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    learner TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    what TEXT NOT NULL
                );
                CREATE INDEX accessLog_learner ON accessLog(learner, at);

                -- Every consent given or withdrawn; the latest per purpose counts.
                CREATE TABLE consent (
                    id INTEGER PRIMARY KEY,
                    learner TEXT NOT NULL REFERENCES learner(id),
                    purpose TEXT NOT NULL,
                    granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
                    at TEXT NOT NULL,
                    recordedBy TEXT NOT NULL
                );
                CREATE INDEX consent_learner ON consent(learner, purpose, id);
                """)
        }
        migrator.registerMigration("2026-11-29-catalogue-description") { db in
            try db.execute(sql: """
                -- What the catalogue says about itself (catalog.yaml): one row, as JSON.
                CREATE TABLE catalogueDescription (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    json TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("2026-11-29-concept-search-external-content") { db in
            // The search index reads the labels from `concept` through a view instead
            // of keeping a copy of them: a fifth less to write on a full ESCO import.
            try db.execute(sql: """
                DROP TABLE conceptSearch;
                CREATE VIEW conceptSearchSource AS
                    SELECT id, coalesce(preferredNl, '') AS preferredNl, coalesce(altNl, '') AS altNl,
                           coalesce(preferredEn, '') AS preferredEn, coalesce(altEn, '') AS altEn,
                           preferredOther, altOther,
                           trim(CASE kind WHEN 'skill' THEN '' ELSE 'k' || lower(kind) END
                                || CASE obsolete WHEN 1 THEN ' obsolete' ELSE '' END) AS tags
                    FROM concept;
                CREATE VIRTUAL TABLE conceptSearch USING fts5(
                    preferredNl, altNl, preferredEn, altEn, preferredOther, altOther, tags,
                    tokenize = 'unicode61 remove_diacritics 2',
                    content = 'conceptSearchSource', content_rowid = 'id'
                );
                INSERT INTO conceptSearch (conceptSearch) VALUES ('rebuild');
                """)
        }
        migrator.registerMigration("2026-12-03-awards") { db in
            try db.execute(sql: """
                -- What a learner achieved, whatever credential renders it; the whole award as JSON in body.
                CREATE TABLE award (
                    id TEXT PRIMARY KEY,
                    learner TEXT NOT NULL REFERENCES learner(id),
                    kind TEXT NOT NULL,
                    certifiedCode TEXT NOT NULL,
                    certifiedVersion INTEGER NOT NULL,
                    source TEXT NOT NULL,
                    issuedOn TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('offered', 'collected', 'revoked')),
                    body TEXT NOT NULL,
                    UNIQUE (source, certifiedCode, certifiedVersion)
                );
                CREATE INDEX award_learner ON award(learner, issuedOn);
                """)
        }
        migrator.registerMigration("2026-12-03-mail-outbox") { db in
            try db.execute(sql: """
                -- E-mails waiting to be sent, written in the same transaction as what they announce
                -- (a sign-off request); the background sender delivers them, with retries.
                -- `values` holds what the template shows (a sign-off link) only until delivery.
                CREATE TABLE mailOutbox (
                    id TEXT PRIMARY KEY NOT NULL,
                    recipient TEXT NOT NULL,
                    recipientName TEXT NOT NULL,
                    template TEXT NOT NULL,
                    "values" TEXT NOT NULL,
                    about TEXT NOT NULL,
                    createdAt TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'cancelled')),
                    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                    nextAttemptAt TEXT NOT NULL,
                    sentAt TEXT,
                    lastError TEXT,
                    CHECK ((status = 'sent') = (sentAt IS NOT NULL))
                );
                CREATE INDEX mailOutbox_due ON mailOutbox(status, nextAttemptAt);
                CREATE INDEX mailOutbox_about ON mailOutbox(about, createdAt);
                """)
        }
        migrator.registerMigration("2026-12-03-signoff-on-the-spot") { db in
            try db.execute(sql: """
                -- Signing on the spot: the signature is held here (not stored as evidence) until the
                -- mentor confirms it with the one-time code mailed to them; only the code's hash is kept.
                ALTER TABLE signoffRequest ADD COLUMN onTheSpot INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE signoffRequest ADD COLUMN heldSubmission TEXT;
                ALTER TABLE signoffRequest ADD COLUMN heldAt TEXT;
                ALTER TABLE signoffRequest ADD COLUMN codeHash TEXT;
                ALTER TABLE signoffRequest ADD COLUMN codeExpiresAt TEXT;
                ALTER TABLE signoffRequest ADD COLUMN codeAttempts INTEGER NOT NULL DEFAULT 0;
                """)
        }
        migrator.registerMigration("2026-12-03-learner-erasure") { db in
            // An erased learner is marked, and from then on the store refuses any new
            // record about them (issue 14): the triggers hold whatever path the insert takes.
            var sql = """
                ALTER TABLE learner ADD COLUMN erasedAt TEXT;
                CREATE TRIGGER learner_erasedStaysErased BEFORE UPDATE OF name, studentNumber, email, dateOfBirth ON learner
                WHEN OLD.erasedAt IS NOT NULL
                BEGIN SELECT RAISE(ABORT, '\(Migrations.erasedLearnerMessage)'); END;

                """
            for table in ["enrolment", "placement", "observation", "entrustmentDecision", "recognitionCase", "unitResult",
                          "practiceStatement", "signoffRequest", "consent"] {
                sql += """
                    CREATE TRIGGER \(table)_erasedLearner BEFORE INSERT ON \(table)
                    WHEN (SELECT erasedAt FROM learner WHERE id = NEW.learner) IS NOT NULL
                    BEGIN SELECT RAISE(ABORT, '\(Migrations.erasedLearnerMessage)'); END;

                    """
            }
            try db.execute(sql: sql)
        }
        migrator.registerMigration("2026-12-03-metrics") { db in
            // Metrics (issue 12, Docs/metrics.md). Per enrolment and EPA the first and last observation and the
            // count by observer kind, kept by a trigger in the same statement as every observation insert
            // (observations are never updated or deleted), so time-to-entrustment and workplace-share need not
            // scan millions of observations. Plus indexes for the filters metrics use.
            try db.execute(sql: """
                CREATE TABLE metricObservationSpan (
                    enrolment TEXT NOT NULL,
                    epaCode TEXT NOT NULL,
                    firstDate TEXT NOT NULL,
                    lastDate TEXT NOT NULL,
                    mentorObservations INTEGER NOT NULL DEFAULT 0,
                    staffObservations INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (enrolment, epaCode)
                ) WITHOUT ROWID;

                INSERT INTO metricObservationSpan (enrolment, epaCode, firstDate, lastDate, mentorObservations, staffObservations)
                SELECT enrolment, epaCode, min(date), max(date), sum(observerKind = 'mentor'), sum(observerKind = 'staff')
                FROM observation GROUP BY enrolment, epaCode;

                CREATE TRIGGER observation_metricSpan AFTER INSERT ON observation
                BEGIN
                    INSERT INTO metricObservationSpan (enrolment, epaCode, firstDate, lastDate, mentorObservations, staffObservations)
                    VALUES (NEW.enrolment, NEW.epaCode, NEW.date, NEW.date, NEW.observerKind = 'mentor', NEW.observerKind = 'staff')
                    ON CONFLICT (enrolment, epaCode) DO UPDATE SET
                        firstDate = min(firstDate, excluded.firstDate),
                        lastDate = max(lastDate, excluded.lastDate),
                        mentorObservations = mentorObservations + excluded.mentorObservations,
                        staffObservations = staffObservations + excluded.staffObservations;
                END;

                CREATE INDEX metric_placementOrganisation ON placement(json_extract(body, '$.organisation'), enrolment);
                CREATE INDEX metric_decisionEnrolment ON entrustmentDecision(enrolment, epaCode);
                CREATE INDEX metric_unitResultEnrolment ON unitResult(enrolment, achievedOn);
                """)
        }
        migrator.registerMigration("2026-12-03-award-status") { db in
            try db.execute(sql: """
                -- Each award's entry in a status list (W3C Bitstring and IETF Token lists share the number
                -- and index), drawn at random when the award is stored.
                ALTER TABLE award ADD COLUMN statusList INTEGER;
                ALTER TABLE award ADD COLUMN statusIndex INTEGER;
                CREATE UNIQUE INDEX award_statusEntry ON award(statusList, statusIndex) WHERE statusList IS NOT NULL;
                """)
        }
        migrator.registerMigration("2026-12-03-credential-use") { db in
            // Credential use (Docs/metrics.md): verifications and status-list fetches per day and kind, never who.
            // The server counts in memory and adds its counts here in batches.
            try db.execute(sql: """
                CREATE TABLE metricCredentialUse (
                    day TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('verification', 'status-list-fetch')),
                    count INTEGER NOT NULL CHECK (count >= 0),
                    PRIMARY KEY (day, kind)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("2026-12-03-credential-offers") { db in
            try db.execute(sql: """
                -- OpenID4VCI pre-authorized code flow. Only hashes of the secrets are kept. A code is spent by
                -- one UPDATE … WHERE usedAt IS NULL, so two processes on one database cannot both redeem it.
                CREATE TABLE credentialOffer (
                    id TEXT PRIMARY KEY NOT NULL,
                    award TEXT NOT NULL REFERENCES award(id),
                    learner TEXT NOT NULL,
                    codeHash TEXT NOT NULL UNIQUE,
                    transactionCodeHash TEXT,
                    failedAttempts INTEGER NOT NULL DEFAULT 0,
                    expiresAt REAL NOT NULL,
                    usedAt REAL,
                    accessTokenHash TEXT UNIQUE,
                    tokenExpiresAt REAL,
                    body TEXT NOT NULL
                );
                CREATE INDEX credentialOffer_award ON credentialOffer(award);
                CREATE TABLE credentialNonce (
                    hash TEXT PRIMARY KEY NOT NULL,
                    expiresAt REAL NOT NULL
                );
                -- One row per credential issued through OpenID4VCI: never twice for one award and holder key.
                CREATE TABLE credentialIssuance (
                    award TEXT NOT NULL REFERENCES award(id),
                    holderThumbprint TEXT NOT NULL,
                    configuration TEXT NOT NULL,
                    credentialID TEXT NOT NULL,
                    issuedAt REAL NOT NULL,
                    PRIMARY KEY (award, holderThumbprint)
                );
                """)
        }
        migrator.registerMigration("2026-12-03-signoff-withdrawn") { db in
            // An erasure withdraws the learner's open sign-off links with a status of their own,
            // `withdrawn`, instead of marking them expired (issue 9). SQLite cannot change a CHECK
            // constraint, so the table is rebuilt as the 12-step recipe of ALTER TABLE says, with its
            // indexes and its erased-learner trigger. GRDB runs migrations with foreign keys deferred.
            try db.execute(sql: """
                CREATE TABLE signoffRequest_new (
                    id TEXT PRIMARY KEY NOT NULL,
                    tokenHash TEXT NOT NULL UNIQUE CHECK (length(tokenHash) = 64),
                    purpose TEXT NOT NULL CHECK (purpose IN ('observation', 'practiceStatement')),
                    epaCode TEXT,
                    epaVersion INTEGER CHECK (epaVersion >= 1),
                    practiceStatement TEXT REFERENCES practiceStatement(id),
                    learner TEXT NOT NULL REFERENCES learner(id),
                    mentor TEXT NOT NULL REFERENCES mentor(id),
                    requestedBy TEXT NOT NULL,
                    createdAt TEXT NOT NULL,
                    expiresAt TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('open', 'signed', 'declined', 'expired', 'withdrawn')),
                    usedAt TEXT,
                    resultingRecord TEXT,
                    declineReason TEXT,
                    onTheSpot INTEGER NOT NULL DEFAULT 0,
                    heldSubmission TEXT,
                    heldAt TEXT,
                    codeHash TEXT,
                    codeExpiresAt TEXT,
                    codeAttempts INTEGER NOT NULL DEFAULT 0,
                    CHECK (createdAt < expiresAt),
                    CHECK ((purpose = 'observation') = (epaCode IS NOT NULL AND epaVersion IS NOT NULL)),
                    CHECK ((purpose = 'practiceStatement') = (practiceStatement IS NOT NULL)),
                    CHECK ((status IN ('signed', 'declined')) = (usedAt IS NOT NULL)),
                    CHECK ((status = 'signed') = (resultingRecord IS NOT NULL))
                );
                INSERT INTO signoffRequest_new (id, tokenHash, purpose, epaCode, epaVersion, practiceStatement, learner, mentor, requestedBy,
                                                createdAt, expiresAt, status, usedAt, resultingRecord, declineReason, onTheSpot, heldSubmission,
                                                heldAt, codeHash, codeExpiresAt, codeAttempts)
                    SELECT id, tokenHash, purpose, epaCode, epaVersion, practiceStatement, learner, mentor, requestedBy,
                           createdAt, expiresAt, status, usedAt, resultingRecord, declineReason, onTheSpot, heldSubmission,
                           heldAt, codeHash, codeExpiresAt, codeAttempts
                    FROM signoffRequest;
                DROP TABLE signoffRequest;
                ALTER TABLE signoffRequest_new RENAME TO signoffRequest;
                CREATE INDEX signoffRequest_mentor ON signoffRequest(mentor, status, expiresAt);
                CREATE INDEX signoffRequest_learner ON signoffRequest(learner);
                CREATE TRIGGER signoffRequest_erasedLearner BEFORE INSERT ON signoffRequest
                WHEN (SELECT erasedAt FROM learner WHERE id = NEW.learner) IS NOT NULL
                BEGIN SELECT RAISE(ABORT, '\(Migrations.erasedLearnerMessage)'); END;
                """)
        }
        return migrator
    }

    /// What the erasure triggers abort with; `StoreErrors` turns it into words.
    static let erasedLearnerMessage = "erased learner: no new records"
}

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
                \(ConceptIndexes.create)

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
        return migrator
    }
}

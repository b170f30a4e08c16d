-- Accounts, sign-in, sessions, children's profiles, consent, the audit log and inspections.
-- Times are Unix seconds UTC.

CREATE TABLE accounts (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('parent', 'operator', 'supervisor', 'admin')),
    phone           TEXT    UNIQUE,
    username        TEXT    UNIQUE,
    password_hash   TEXT,
    totp_secret     TEXT,
    totp_last_step  INTEGER NOT NULL DEFAULT 0,
    facility_id     INTEGER REFERENCES facilities (id),
    department      TEXT,
    display_name    TEXT    NOT NULL,
    is_demo         BOOLEAN NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    deleted_at      INTEGER,
    CHECK (kind <> 'parent' OR phone IS NOT NULL OR deleted_at IS NOT NULL),
    CHECK (kind = 'parent' OR username IS NOT NULL),
    CHECK ((kind = 'operator') = (facility_id IS NOT NULL)),
    CHECK ((kind = 'supervisor') = (department IS NOT NULL))
);

CREATE TABLE recovery_codes (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    code_hash   TEXT    NOT NULL,
    used_at     INTEGER
);
CREATE INDEX recovery_codes_account ON recovery_codes (account_id);

-- One-time sign-in codes sent to parents' phones, stored as keyed hashes.
CREATE TABLE login_codes (
    id          INTEGER PRIMARY KEY,
    phone       TEXT    NOT NULL,
    code_hash   TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    used_at     INTEGER
);
CREATE INDEX login_codes_phone ON login_codes (phone, created_at);

-- Staff who passed the password step and must still give the second factor.
CREATE TABLE pending_logins (
    token_hash  TEXT    PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0
);

-- Server-side sessions; the cookie holds a random token, the table only its hash.
CREATE TABLE sessions (
    token_hash    TEXT    PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    idle_timeout  INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Events counted by rate limits, keyed for example by "code-phone:138…" or "code-ip:1.2.3.4".
CREATE TABLE rate_events (
    key  TEXT    NOT NULL,
    at   INTEGER NOT NULL
);
CREATE INDEX rate_events_key ON rate_events (key, at);

CREATE TABLE children (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
    birth_date  TEXT    NOT NULL,
    sex         TEXT    NOT NULL CHECK (sex IN ('female', 'male')),
    relation    TEXT    NOT NULL CHECK (relation IN ('mother', 'father', 'grandparent', 'guardian')),
    id_number   TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX children_account ON children (account_id);

-- Separate, explicit consent to processing children's data (PIPL art. 29), kept as evidence.
CREATE TABLE consents (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    policy_version  TEXT    NOT NULL,
    purpose         TEXT    NOT NULL,
    granted_at      INTEGER NOT NULL,
    withdrawn_at    INTEGER
);
CREATE INDEX consents_account ON consents (account_id);

-- Who did what, when, from where. Append-only: the triggers refuse changes.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    actor      TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    target     TEXT    NOT NULL,
    client_ip  TEXT    NOT NULL,
    outcome    TEXT    NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Inspection records belong to the department that made them.
CREATE TABLE inspections (
    id            INTEGER PRIMARY KEY,
    facility_id   INTEGER NOT NULL REFERENCES facilities (id),
    department    TEXT    NOT NULL,
    inspected_on  TEXT    NOT NULL,
    result        TEXT    NOT NULL CHECK (result IN ('pass', 'fix', 'fail')),
    note          TEXT    NOT NULL,
    recorded_by   INTEGER NOT NULL REFERENCES accounts (id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX inspections_facility ON inspections (facility_id);

-- Development only: the text messages the log sender "sent", for tests and demos.
CREATE TABLE dev_inbox (
    id          INTEGER PRIMARY KEY,
    phone       TEXT    NOT NULL,
    message     TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

-- Filing (备案) online: organisations register as applicants, file their facility, and a
-- reviewer returns items, accepts or refuses. Times are Unix seconds UTC.

-- Accounts gain the kind 'applicant': an organisation that registered and may only work on its
-- filing until it is accepted (then it becomes the facility's operator). SQLite cannot change a
-- CHECK in place, so the table is rebuilt the documented way (create, copy, drop, rename). The
-- store runs SQLite migrations on a connection with foreign keys off, so dropping the old table
-- removes no session, child or other row that refers to an account, and checks every
-- reference afterwards (store::db::migrate).
CREATE TABLE accounts_with_applicants (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('parent', 'operator', 'supervisor', 'admin', 'applicant')),
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
INSERT INTO accounts_with_applicants (id, kind, phone, username, password_hash, totp_secret, totp_last_step, facility_id, department, display_name, is_demo, created_at, deleted_at)
SELECT id, kind, phone, username, password_hash, totp_secret, totp_last_step, facility_id, department, display_name, is_demo, created_at, deleted_at
FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_with_applicants RENAME TO accounts;

CREATE TABLE filings (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('initial', 'change', 'closure')),
    -- The account that files: the applicant (initial filing) or the facility's operator.
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    -- Set for changes and closures, and for an initial filing once it is accepted.
    facility_id     INTEGER REFERENCES facilities (id),
    -- The organisation's credit code: given at registration; a change of a facility filed
    -- before filing went online may not know it.
    credit_code     TEXT    CHECK (credit_code IS NULL OR length(credit_code) = 18),
    organisation    TEXT    NOT NULL CHECK (length(organisation) BETWEEN 2 AND 60),
    contact_phone   TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'accepted', 'refused')),
    -- The facts as JSON (domain::filing::FilingFacts), NULL until first saved.
    facts           TEXT,
    -- How many times it was submitted; returned items belong to a round.
    round           INTEGER NOT NULL DEFAULT 0,
    submitted_at    INTEGER,
    review_due_at   INTEGER,
    decided_at      INTEGER,
    decided_by      TEXT,
    refusal_reason  TEXT,
    -- The facility's filing number: given when a first filing is accepted, repeated on its changes.
    filing_number   TEXT,
    -- Why the facility closes (closure filings only).
    closure_reason  TEXT    CHECK (closure_reason IS NULL OR length(closure_reason) BETWEEN 1 AND 300),
    op_id           TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK (kind = 'initial' OR facility_id IS NOT NULL),
    CHECK (kind <> 'initial' OR credit_code IS NOT NULL),
    CHECK ((kind = 'closure') = (closure_reason IS NOT NULL)),
    CHECK (state NOT IN ('submitted', 'returned', 'accepted', 'refused') OR ((facts IS NOT NULL OR kind = 'closure') AND submitted_at IS NOT NULL))
);
-- One open initial filing per applicant, one open filing per facility.
CREATE UNIQUE INDEX filings_open_initial ON filings (account_id) WHERE kind = 'initial' AND state IN ('draft', 'submitted', 'returned');
CREATE UNIQUE INDEX filings_open_facility ON filings (facility_id) WHERE facility_id IS NOT NULL AND state IN ('draft', 'submitted', 'returned');
CREATE INDEX filings_queue ON filings (state, review_due_at);
CREATE UNIQUE INDEX filings_number ON filings (filing_number) WHERE kind = 'initial';

-- Every uploaded version of every document; the newest version of an item is the one filed.
CREATE TABLE filing_materials (
    id           INTEGER PRIMARY KEY,
    filing_id    INTEGER NOT NULL REFERENCES filings (id) ON DELETE CASCADE,
    item         TEXT    NOT NULL,
    version      INTEGER NOT NULL CHECK (version >= 1),
    file_name    TEXT    NOT NULL,
    mime         TEXT    NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png')),
    size         INTEGER NOT NULL CHECK (size BETWEEN 1 AND 10485760),
    sha256       TEXT    NOT NULL,
    bytes        BLOB    NOT NULL,
    uploaded_by  TEXT    NOT NULL,
    uploaded_at  INTEGER NOT NULL,
    UNIQUE (filing_id, item, version)
);

-- The items a reviewer sent back, per submission round, each with its reason.
CREATE TABLE filing_returns (
    id           INTEGER PRIMARY KEY,
    filing_id    INTEGER NOT NULL REFERENCES filings (id) ON DELETE CASCADE,
    round        INTEGER NOT NULL,
    item         TEXT    NOT NULL,
    reason       TEXT    NOT NULL CHECK (length(reason) BETWEEN 1 AND 300),
    returned_by  TEXT    NOT NULL,
    returned_at  INTEGER NOT NULL,
    UNIQUE (filing_id, round, item)
);

-- The organisation behind a filed facility, and when an accepted closure filing closed it (a
-- closed facility leaves the finder; its page stays, marked as no longer filed).
ALTER TABLE facilities ADD COLUMN credit_code TEXT;
ALTER TABLE facilities ADD COLUMN closed_at INTEGER;

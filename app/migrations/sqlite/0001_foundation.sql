-- Facilities, their classes, and the operation log that makes every write exactly-once.
-- Integers are INTEGER (64-bit); times are Unix seconds UTC; booleans are 0/1.

CREATE TABLE facilities (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kind                TEXT    NOT NULL CHECK (kind IN ('nursery', 'kindergarten', 'employer', 'community', 'medical')),
    ownership           TEXT    NOT NULL CHECK (ownership IN ('public', 'private', 'public_built', 'public_aided')),
    inclusive           BOOLEAN NOT NULL,
    capped_monthly_fee  INTEGER CHECK (capped_monthly_fee IS NULL OR capped_monthly_fee >= 0),
    filing_status       TEXT    NOT NULL CHECK (filing_status IN ('not_filed', 'under_review', 'filed', 'revoked')),
    filing_number       TEXT,
    grade               TEXT    NOT NULL CHECK (grade IN ('1', '2', '3', 'none')),
    unit_code           INTEGER NOT NULL,
    address             TEXT    NOT NULL,
    lon                 REAL    NOT NULL CHECK (lon BETWEEN -180 AND 180),
    lat                 REAL    NOT NULL CHECK (lat BETWEEN -90 AND 90),
    phone               TEXT    NOT NULL,
    opening_hours       TEXT    NOT NULL,
    service_types       TEXT    NOT NULL,
    is_demo             BOOLEAN NOT NULL DEFAULT 0,
    created_at          INTEGER NOT NULL
);
CREATE INDEX facilities_unit ON facilities (unit_code);

CREATE TABLE classes (
    id                INTEGER PRIMARY KEY,
    facility_id       INTEGER NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    level             TEXT    NOT NULL CHECK (level IN ('infant', 'toddler', 'older')),
    filed_capacity    INTEGER NOT NULL CHECK (filed_capacity >= 0),
    staffed_capacity  INTEGER NOT NULL CHECK (staffed_capacity >= 0),
    enrolled          INTEGER NOT NULL CHECK (enrolled >= 0),
    held              INTEGER NOT NULL DEFAULT 0 CHECK (held >= 0),
    monthly_fee       INTEGER NOT NULL CHECK (monthly_fee >= 0),
    updated_at        INTEGER NOT NULL,
    -- A place is never promised twice: children in places plus places held fit in both capacities.
    CHECK (enrolled + held <= filed_capacity),
    CHECK (enrolled + held <= staffed_capacity),
    UNIQUE (facility_id, level)
);

-- History of the figures an operator confirmed (who, when, what): supervisors read it later.
CREATE TABLE class_figure_confirmations (
    id                INTEGER PRIMARY KEY,
    class_id          INTEGER NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
    staffed_capacity  INTEGER NOT NULL,
    enrolled          INTEGER NOT NULL,
    confirmed_by      TEXT    NOT NULL,
    op_id             TEXT    NOT NULL,
    confirmed_at      INTEGER NOT NULL
);
CREATE INDEX class_figure_confirmations_class ON class_figure_confirmations (class_id);

-- One row per client operation id, written in the same transaction as the change it made.
-- A replay finds the row and returns the stored result instead of applying the change again.
CREATE TABLE operations (
    op_id        TEXT    PRIMARY KEY,
    actor        TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    request      TEXT    NOT NULL,
    result       TEXT,
    created_at   INTEGER NOT NULL
);

-- Small facts about this database, e.g. whether demo data was loaded.
CREATE TABLE meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

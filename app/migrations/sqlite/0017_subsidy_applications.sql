-- Monthly enrolment snapshots (kept from this version on) and subsidy applications (plan items
-- 11–13). A snapshot row is written during its month and never after; an application's figures
-- follow the live data while it is a draft and are kept as submitted.
CREATE TABLE enrolment_snapshots (
    facility_id   INTEGER NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    month         TEXT    NOT NULL CHECK (length(month) = 7),
    level         TEXT    NOT NULL CHECK (level IN ('infant', 'toddler', 'older')),
    enrolled      INTEGER NOT NULL CHECK (enrolled >= 0),
    filed_places  INTEGER NOT NULL CHECK (filed_places >= 0),
    taken_at      INTEGER NOT NULL,
    is_demo       BOOLEAN NOT NULL DEFAULT 0,
    PRIMARY KEY (facility_id, month, level)
);

CREATE TABLE subsidy_applications (
    id                 INTEGER PRIMARY KEY,
    facility_id        INTEGER NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    kind               TEXT    NOT NULL CHECK (kind IN ('opening', 'operating', 'rent')),
    year               INTEGER NOT NULL CHECK (year BETWEEN 2024 AND 9999),
    state              TEXT    NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'approved', 'refused')),
    rent_per_m2_fen    INTEGER CHECK (rent_per_m2_fen IS NULL OR rent_per_m2_fen BETWEEN 0 AND 100000),
    housing_supported  BOOLEAN NOT NULL DEFAULT 0,
    -- The figures as submitted (JSON of domain::subsidy::SubsidyFigures); NULL while a draft.
    figures            TEXT,
    amount_fen         INTEGER CHECK (amount_fen IS NULL OR amount_fen >= 0),
    decision_reason    TEXT,
    opened_by          INTEGER NOT NULL REFERENCES accounts (id),
    opened_at          INTEGER NOT NULL,
    submitted_at       INTEGER,
    decided_at         INTEGER,
    decided_by         TEXT,
    updated_at         INTEGER NOT NULL,
    UNIQUE (facility_id, kind, year)
);
-- The opening subsidy is paid once per facility: at most one that is not refused.
CREATE UNIQUE INDEX subsidy_applications_one_opening ON subsidy_applications (facility_id) WHERE kind = 'opening' AND state <> 'refused';

-- The rent contracts of rent-subsidy applications; every version is kept.
CREATE TABLE subsidy_documents (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES subsidy_applications (id) ON DELETE CASCADE,
    version         INTEGER NOT NULL CHECK (version >= 1),
    file_name       TEXT    NOT NULL,
    mime            TEXT    NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png')),
    size            INTEGER NOT NULL CHECK (size BETWEEN 1 AND 10485760),
    sha256          TEXT    NOT NULL,
    bytes           BLOB    NOT NULL,
    uploaded_by     TEXT    NOT NULL,
    uploaded_at     INTEGER NOT NULL,
    UNIQUE (application_id, version)
);

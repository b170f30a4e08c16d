-- Complaints and reports (投诉举报): filed by families (signed in or anonymous), routed to the
-- departments responsible (app::domain::complaint::routing), handled through the states of
-- app::domain::complaint::state with deadlines from app::domain::complaint::deadline.
-- Times are Unix seconds UTC.

CREATE TABLE complaints (
    id                 BIGSERIAL PRIMARY KEY,
    -- The public tracking code, e.g. TS-26-7KQ4M2.
    code               TEXT    NOT NULL UNIQUE,
    kind               TEXT    NOT NULL CHECK (kind IN ('complaint', 'report', 'suggestion')),
    category           TEXT    NOT NULL,
    urgent             BOOLEAN NOT NULL DEFAULT FALSE,
    -- About a facility in the directory, or a place outside it (name, address, optional point).
    facility_id        BIGINT REFERENCES facilities (id),
    place_name         TEXT,
    place_address      TEXT,
    place_lon          DOUBLE PRECISION,
    place_lat          DOUBLE PRECISION,
    occurred_on        TEXT    NOT NULL,
    description        TEXT    NOT NULL,
    -- The signed-in author; NULL for an anonymous complaint, which has a password hash instead.
    account_id         BIGINT REFERENCES accounts (id),
    password_hash      TEXT,
    state              TEXT    NOT NULL CHECK (state IN ('pending', 'dispatched', 'accepted', 'replied', 'closed', 'merged')),
    state_since        BIGINT NOT NULL,
    filed_at           BIGINT NOT NULL,
    -- The reply deadline counts from here: filing, or the latest reopening.
    reply_clock_from   BIGINT NOT NULL,
    extension_days     BIGINT NOT NULL DEFAULT 0 CHECK (extension_days BETWEEN 0 AND 15),
    -- When the current step is due (NULL: nothing due); written with every change of state.
    due_at             BIGINT,
    -- Where it stands in an inbox (app::domain::complaint::deadline::inbox_order): its deadline,
    -- the largest number when it waits without one (answered, not closed); NULL once closed or
    -- merged. Copied to its complaint_departments rows, so each department's inbox is one
    -- index range however many complaints the district has.
    inbox_order        BIGINT,
    -- The current step was found overdue and the lead department told, once per step.
    overdue_at         BIGINT,
    reply_text         TEXT,
    replied_at         BIGINT,
    finding            TEXT CHECK (finding IN ('substantiated', 'partly_substantiated', 'unfounded')),
    action_taken       TEXT,
    closed_at          BIGINT,
    verdict            TEXT CHECK (verdict IN ('satisfied', 'mostly_satisfied', 'dissatisfied')),
    verdict_at         BIGINT,
    -- The family's dissatisfaction reopened it (which it does once).
    reopened           BOOLEAN NOT NULL DEFAULT FALSE,
    merged_into        BIGINT REFERENCES complaints (id),
    op_id              TEXT    NOT NULL,
    is_demo            BOOLEAN NOT NULL DEFAULT FALSE,
    CHECK ((facility_id IS NULL) = (place_name IS NOT NULL)),
    CHECK ((account_id IS NULL) = (password_hash IS NOT NULL))
);
CREATE INDEX complaints_inbox ON complaints (inbox_order, id) WHERE inbox_order IS NOT NULL;
-- The overdue watch: steps with a deadline not yet found late.
CREATE INDEX complaints_due ON complaints (due_at) WHERE overdue_at IS NULL;
CREATE INDEX complaints_account ON complaints (account_id, id);
CREATE INDEX complaints_facility_closed ON complaints (facility_id, closed_at);
-- Exactly-once and the per-day limits count complaints by author and time.
CREATE INDEX complaints_filed ON complaints (filed_at);

-- The departments a complaint is dispatched to; `replying` marks the one that answers (主办).
CREATE TABLE complaint_departments (
    complaint_id  BIGINT NOT NULL REFERENCES complaints (id),
    department    TEXT    NOT NULL,
    replying      BOOLEAN NOT NULL DEFAULT FALSE,
    -- The complaint's inbox_order, kept equal to it.
    inbox_order   BIGINT,
    PRIMARY KEY (complaint_id, department)
);
CREATE INDEX complaint_departments_inbox ON complaint_departments (department, inbox_order, complaint_id) WHERE inbox_order IS NOT NULL;

-- What happened to a complaint, in order: the family's timeline and the handling audit.
-- `actor` is family, system, a department code's staff (department + account) or the operator.
CREATE TABLE complaint_events (
    id            BIGSERIAL PRIMARY KEY,
    complaint_id  BIGINT NOT NULL REFERENCES complaints (id),
    at            BIGINT NOT NULL,
    action        TEXT    NOT NULL,
    actor         TEXT    NOT NULL,
    department    TEXT,
    account_id    BIGINT REFERENCES accounts (id),
    -- The words of a reply, reason, explanation or finding; JSON details (departments, days).
    text          TEXT,
    detail        TEXT
);
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, id);

-- Photos, re-encoded on the server (no location or other metadata), in the database so that
-- every server instance serves them. Seen by the handling departments only.
CREATE TABLE complaint_photos (
    id            BIGSERIAL PRIMARY KEY,
    complaint_id  BIGINT NOT NULL REFERENCES complaints (id),
    position      BIGINT NOT NULL CHECK (position BETWEEN 1 AND 3),
    mime          TEXT    NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
    width         BIGINT NOT NULL,
    height        BIGINT NOT NULL,
    bytes         BYTEA NOT NULL,
    UNIQUE (complaint_id, position)
);

-- Notices to a department (e.g. the lead department: a complaint is overdue).
CREATE TABLE department_notices (
    id            BIGSERIAL PRIMARY KEY,
    department    TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    complaint_id  BIGINT REFERENCES complaints (id),
    created_at    BIGINT NOT NULL,
    read_at       BIGINT
);
CREATE INDEX department_notices_department ON department_notices (department, id);

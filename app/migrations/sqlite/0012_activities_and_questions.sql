-- Parenting activities and talks families book, and questions families ask the health
-- commission's experts (家长课堂: 亲子活动、育儿讲座、问专家). Times are Unix seconds UTC.

CREATE TABLE activities (
    id            INTEGER PRIMARY KEY,
    kind          TEXT    NOT NULL CHECK (kind IN ('parent_child', 'talk')),
    host          TEXT    NOT NULL CHECK (host IN ('health_centre', 'facility', 'guidance_centre')),
    -- Set when a facility holds it: its operator publishes and sees the bookings.
    facility_id   INTEGER REFERENCES facilities (id),
    host_name     TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    title_en      TEXT    NOT NULL,
    place         TEXT    NOT NULL,
    age_from      INTEGER NOT NULL CHECK (age_from >= 0),
    age_to        INTEGER NOT NULL CHECK (age_to <= 36),
    starts_at     INTEGER NOT NULL,
    ends_at       INTEGER NOT NULL,
    -- Places are families: one booking holds one family's place.
    capacity      INTEGER NOT NULL CHECK (capacity > 0),
    booked        INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0),
    published_by  INTEGER NOT NULL REFERENCES accounts (id),
    op_id         TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    CHECK (booked <= capacity),
    CHECK (ends_at > starts_at),
    CHECK (age_from < age_to),
    CHECK ((host = 'facility') = (facility_id IS NOT NULL))
);
CREATE INDEX activities_time ON activities (starts_at, id);

CREATE TABLE activity_bookings (
    id           INTEGER PRIMARY KEY,
    activity_id  INTEGER NOT NULL REFERENCES activities (id),
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    state        TEXT    NOT NULL CHECK (state IN ('booked', 'cancelled')),
    op_id        TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
-- One place per family and activity.
CREATE UNIQUE INDEX activity_bookings_one ON activity_bookings (activity_id, account_id) WHERE state = 'booked';
CREATE INDEX activity_bookings_account ON activity_bookings (account_id, id);

-- Health-commission accounts that answer families' questions.
CREATE TABLE experts (
    account_id  INTEGER PRIMARY KEY REFERENCES accounts (id),
    -- e.g. 儿童保健科主治医师: shown under each answer.
    title       TEXT    NOT NULL
);

CREATE TABLE expert_questions (
    id            INTEGER PRIMARY KEY,
    -- The asker; NULL once the account is deleted (the public answer stays, it names nobody).
    account_id    INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    age_months    INTEGER NOT NULL CHECK (age_months BETWEEN 0 AND 36),
    topic         TEXT    NOT NULL,
    question      TEXT    NOT NULL,
    may_publish   BOOLEAN NOT NULL,
    asked_at      INTEGER NOT NULL,
    due_at        INTEGER NOT NULL,
    answer        TEXT,
    answered_by   INTEGER REFERENCES accounts (id),
    answered_at   INTEGER,
    published     BOOLEAN NOT NULL DEFAULT 0,
    op_id         TEXT    NOT NULL,
    CHECK ((answer IS NULL) = (answered_at IS NULL)),
    CHECK (NOT published OR (may_publish AND answer IS NOT NULL))
);
CREATE INDEX expert_questions_open ON expert_questions (answered_at, due_at, id);
CREATE INDEX expert_questions_account ON expert_questions (account_id, id);
CREATE INDEX expert_questions_published ON expert_questions (published, answered_at);

-- Booking: place applications with offers and a waitlist, published visit and care slots,
-- and in-app notices. Times are Unix seconds UTC.

CREATE TABLE applications (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    -- NULL once the parent deletes the child: the history stays without the child's data.
    child_id        INTEGER REFERENCES children (id) ON DELETE SET NULL,
    facility_id     INTEGER NOT NULL REFERENCES facilities (id),
    class_id        INTEGER NOT NULL REFERENCES classes (id),
    start_month     TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('offered', 'confirmed', 'waitlisted', 'enrolled', 'declined', 'cancelled', 'expired', 'lapsed', 'withdrawn')),
    -- Order in the queue: when the family applied.
    queued_at       INTEGER NOT NULL,
    offered_until   INTEGER,
    renew_by        INTEGER,
    reminded_at     INTEGER,
    decline_reason  TEXT,
    op_id           TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK (state <> 'offered' OR offered_until IS NOT NULL),
    CHECK (state <> 'waitlisted' OR renew_by IS NOT NULL)
);
-- One open application per child and class.
CREATE UNIQUE INDEX applications_one_open ON applications (child_id, class_id) WHERE state IN ('offered', 'confirmed', 'waitlisted');
CREATE INDEX applications_queue ON applications (class_id, state, queued_at, id);
CREATE INDEX applications_account ON applications (account_id, id);
CREATE INDEX applications_facility ON applications (facility_id, id);
CREATE INDEX applications_due ON applications (state, offered_until);

-- Visit slots and hourly or temporary care slots a facility publishes.
CREATE TABLE slots (
    id           INTEGER PRIMARY KEY,
    facility_id  INTEGER NOT NULL REFERENCES facilities (id),
    kind         TEXT    NOT NULL CHECK (kind IN ('visit', 'hourly', 'temporary')),
    starts_at    INTEGER NOT NULL,
    ends_at      INTEGER NOT NULL,
    capacity     INTEGER NOT NULL CHECK (capacity >= 0),
    booked       INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0),
    op_id        TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    CHECK (booked <= capacity),
    CHECK (ends_at > starts_at)
);
CREATE INDEX slots_facility ON slots (facility_id, starts_at);

CREATE TABLE slot_bookings (
    id          INTEGER PRIMARY KEY,
    slot_id     INTEGER NOT NULL REFERENCES slots (id),
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    child_id    INTEGER REFERENCES children (id) ON DELETE SET NULL,
    state       TEXT    NOT NULL CHECK (state IN ('booked', 'cancelled')),
    op_id       TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX slot_bookings_one ON slot_bookings (slot_id, child_id) WHERE state = 'booked';
CREATE INDEX slot_bookings_account ON slot_bookings (account_id, id);

-- In-app notices: a code and parameters the page words in the reader's language.
CREATE TABLE notices (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    params      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    read_at     INTEGER
);
CREATE INDEX notices_account ON notices (account_id, id);

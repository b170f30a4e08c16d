-- Facilities' staff rosters (plan item 9). A person is known by the resident ID number, so the
-- same carer on two facilities' current rosters is found and counted once. Days are YYYY-MM-DD.

CREATE TABLE staff_members (
    id                     INTEGER PRIMARY KEY,
    facility_id            INTEGER NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    name                   TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
    -- Shown in full only to the facility's operator and the health commission.
    id_number              TEXT    NOT NULL CHECK (length(id_number) = 18),
    role                   TEXT    NOT NULL CHECK (role IN ('lead', 'carer', 'health', 'cook', 'security', 'other')),
    class_level            TEXT    CHECK (class_level IS NULL OR (role = 'carer' AND class_level IN ('infant', 'toddler', 'older'))),
    qualification          TEXT    NOT NULL CHECK (qualification IN ('none', 'carer', 'nanny', 'teacher')),
    employed_from          TEXT    NOT NULL,
    -- Set when the person leaves; NULL while employed.
    employed_until         TEXT,
    health_issued          TEXT    NOT NULL,
    health_expires         TEXT    NOT NULL CHECK (health_expires > health_issued),
    -- The pre-employment check for offences against minors; NULL until done.
    background_checked_on  TEXT,
    is_demo                BOOLEAN NOT NULL DEFAULT FALSE,
    op_id                  TEXT,
    created_at             INTEGER NOT NULL
);
-- One current entry per person and facility.
CREATE UNIQUE INDEX staff_members_current ON staff_members (facility_id, id_number) WHERE employed_until IS NULL;
-- Finding the same person on other facilities' rosters.
CREATE INDEX staff_members_person ON staff_members (id_number) WHERE employed_until IS NULL;

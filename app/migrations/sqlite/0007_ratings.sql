-- Ratings (家长评价): one per child and facility, from families with a relationship in our own
-- records. Stars per aspect; `overall` is computed by app::domain::rating (never typed).
-- Withdrawn and hidden ratings stay (for the author, the audit and the edit rule) and count
-- nowhere. Times are Unix seconds UTC; `rated_on` is the China date of the last change.

CREATE TABLE ratings (
    id             INTEGER PRIMARY KEY,
    facility_id    INTEGER NOT NULL REFERENCES facilities (id),
    account_id     INTEGER NOT NULL REFERENCES accounts (id),
    child_id       INTEGER REFERENCES children (id) ON DELETE SET NULL,
    relationship   TEXT    NOT NULL CHECK (relationship IN ('enrolled', 'hourly_care', 'visited')),
    safety         INTEGER NOT NULL CHECK (safety BETWEEN 1 AND 5),
    hygiene_meals  INTEGER NOT NULL CHECK (hygiene_meals BETWEEN 1 AND 5),
    care           INTEGER NOT NULL CHECK (care BETWEEN 1 AND 5),
    communication  INTEGER NOT NULL CHECK (communication BETWEEN 1 AND 5),
    environment    INTEGER NOT NULL CHECK (environment BETWEEN 1 AND 5),
    fees           INTEGER NOT NULL CHECK (fees BETWEEN 1 AND 5),
    overall        REAL    NOT NULL CHECK (overall BETWEEN 1 AND 5),
    text           TEXT,
    text_state     TEXT    NOT NULL CHECK (text_state IN ('none', 'published', 'held', 'hidden')),
    state          TEXT    NOT NULL CHECK (state IN ('published', 'hidden', 'withdrawn')),
    author_label   TEXT    NOT NULL,
    rated_on       TEXT    NOT NULL,
    op_id          TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    CHECK ((text IS NULL) = (text_state = 'none'))
);
CREATE UNIQUE INDEX ratings_one_per_child ON ratings (facility_id, child_id);
CREATE INDEX ratings_facility ON ratings (facility_id, state, updated_at);
CREATE INDEX ratings_account ON ratings (account_id, id);

-- Every version a rating had, the first included: the edit history.
CREATE TABLE rating_versions (
    id             INTEGER PRIMARY KEY,
    rating_id      INTEGER NOT NULL REFERENCES ratings (id),
    safety         INTEGER NOT NULL,
    hygiene_meals  INTEGER NOT NULL,
    care           INTEGER NOT NULL,
    communication  INTEGER NOT NULL,
    environment    INTEGER NOT NULL,
    fees           INTEGER NOT NULL,
    text           TEXT,
    created_at     INTEGER NOT NULL
);
CREATE INDEX rating_versions_rating ON rating_versions (rating_id, id);

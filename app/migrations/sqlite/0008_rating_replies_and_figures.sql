-- Ratings, the operator's and the supervisor's side: one public reply per rating, reports of a
-- rating by its facility, and the reason a supervisor gives when hiding one.

ALTER TABLE ratings ADD COLUMN reply_text TEXT;
-- When the reply was first posted (it may be changed for 7 days from then) and last changed.
ALTER TABLE ratings ADD COLUMN replied_at INTEGER;
ALTER TABLE ratings ADD COLUMN reply_changed_at INTEGER;
-- Shown to the author when a supervisor hides the rating or its text.
ALTER TABLE ratings ADD COLUMN hidden_reason TEXT;

-- A facility asks a supervisor to look at a rating. One open report per rating at a time.
CREATE TABLE rating_reports (
    id          INTEGER PRIMARY KEY,
    rating_id   INTEGER NOT NULL REFERENCES ratings (id),
    facility_id INTEGER NOT NULL REFERENCES facilities (id),
    reason      TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('open', 'kept', 'hidden')),
    created_at  INTEGER NOT NULL,
    decided_at  INTEGER
);
CREATE UNIQUE INDEX rating_reports_one_open ON rating_reports (rating_id) WHERE state = 'open';
CREATE INDEX rating_reports_state ON rating_reports (state, id);
CREATE INDEX ratings_text_state ON ratings (text_state) WHERE text_state = 'held';

-- Each facility's rating figures, as app::domain::rating::score computes them (the one
-- definition), stored so the finder can filter and sort 100,000 facilities without reading
-- their ratings: refreshed in the transaction of every rating change and once a day (ratings
-- older than 24 months count half). `rating_score` is what pages show (NULL below 3 ratings);
-- the sort key is computed from the weighted sum and total with the district's mean.
ALTER TABLE facilities ADD COLUMN rating_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE facilities ADD COLUMN rating_score REAL;
ALTER TABLE facilities ADD COLUMN rating_weighted_sum REAL NOT NULL DEFAULT 0;
ALTER TABLE facilities ADD COLUMN rating_weight_total REAL NOT NULL DEFAULT 0;
-- The China date the figures were computed for.
ALTER TABLE facilities ADD COLUMN rating_as_of TEXT;
CREATE INDEX facilities_rating_score ON facilities (rating_score);
-- The district's mean, summed over rated facilities only.
CREATE INDEX facilities_rated ON facilities (rating_count, rating_weighted_sum, rating_weight_total) WHERE rating_count > 0;

-- The rest of each facility's rating figures, stored beside the count and score of 0008 so a
-- facility's page reads its figures from one row however many ratings it has: the weighted
-- mean stars per aspect (NULL below 3 ratings, as the score) and how many ratings fall under
-- each star level. Written with the others, from app::domain::rating::score::summarise.
ALTER TABLE facilities ADD COLUMN rating_safety REAL;
ALTER TABLE facilities ADD COLUMN rating_hygiene_meals REAL;
ALTER TABLE facilities ADD COLUMN rating_care REAL;
ALTER TABLE facilities ADD COLUMN rating_communication REAL;
ALTER TABLE facilities ADD COLUMN rating_environment REAL;
ALTER TABLE facilities ADD COLUMN rating_fees REAL;
ALTER TABLE facilities ADD COLUMN rating_stars_1 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE facilities ADD COLUMN rating_stars_2 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE facilities ADD COLUMN rating_stars_3 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE facilities ADD COLUMN rating_stars_4 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE facilities ADD COLUMN rating_stars_5 INTEGER NOT NULL DEFAULT 0;
-- Figures stored before this have no aspects or star levels: mark them all out of date, so
-- pages compute them from the ratings until the daily refresh stores them in full.
UPDATE facilities SET rating_as_of = NULL;
-- A facility's newest ratings in the order its page lists them (newest change first, then
-- the larger id): the first page reads ten index entries, however many ratings there are.
DROP INDEX ratings_facility;
CREATE INDEX ratings_facility_newest ON ratings (facility_id, state, updated_at, id);

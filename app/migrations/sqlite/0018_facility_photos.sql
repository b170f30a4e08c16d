-- Photos of a facility's place for its public page: each decoded and encoded again by the server
-- in a phone and a desktop size, public once the health commission has checked it. A facility
-- has at most 12 pending or published photos, counted in `photo_count` so that the limit is one
-- conditional update (two uploads at once cannot both take the twelfth).
ALTER TABLE facilities ADD COLUMN photo_count INTEGER NOT NULL DEFAULT 0 CHECK (photo_count BETWEEN 0 AND 12);

CREATE TABLE facility_photos (
    id             INTEGER PRIMARY KEY,
    facility_id    INTEGER NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    subject        TEXT    NOT NULL CHECK (subject IN ('room', 'outdoor', 'kitchen', 'sleeping', 'other')),
    caption        TEXT    NOT NULL CHECK (length(caption) BETWEEN 2 AND 40),
    state          TEXT    NOT NULL CHECK (state IN ('pending', 'published', 'rejected')),
    width          INTEGER NOT NULL CHECK (width > 0),
    height         INTEGER NOT NULL CHECK (height > 0),
    phone_bytes    BLOB    NOT NULL,
    desktop_bytes  BLOB    NOT NULL,
    sha256         TEXT    NOT NULL,
    uploaded_by    TEXT    NOT NULL,
    uploaded_at    INTEGER NOT NULL,
    reviewed_by    TEXT,
    reviewed_at    INTEGER,
    reject_reason  TEXT
);
CREATE INDEX facility_photos_facility ON facility_photos (facility_id, state);
CREATE INDEX facility_photos_pending ON facility_photos (state, uploaded_at);

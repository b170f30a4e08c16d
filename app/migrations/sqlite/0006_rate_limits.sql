-- Rate limits as one row per key: the start of the key's current window and the events
-- counted in it. Taking an event is one conditional upsert (store::accounts::take_rate), so
-- parallel requests cannot count past the limit as a count-then-insert could.
CREATE TABLE rate_limits (
    key           TEXT   PRIMARY KEY,
    window_start  INTEGER NOT NULL,
    events        INTEGER NOT NULL CHECK (events >= 0)
);
CREATE INDEX rate_limits_window ON rate_limits (window_start);

DROP TABLE rate_events;

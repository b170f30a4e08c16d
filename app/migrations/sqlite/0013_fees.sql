-- Fees facilities publish (收费公示, plan item 19) and the district's price caps for 普惠
-- facilities. A fee entry is never changed: a new price is a new entry from a later day.
-- Amounts are in fen (1/100 yuan); days are YYYY-MM-DD in China time; times are Unix seconds UTC.

CREATE TABLE fee_items (
    id            INTEGER PRIMARY KEY,
    facility_id   INTEGER NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    -- Which entries are the same item (care:infant:full_day, meals, other:材料费:once): a later
    -- entry of the same item replaces the earlier one from its day on.
    item_key      TEXT    NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('care', 'meals', 'other')),
    class_level   TEXT    CHECK (class_level IS NULL OR class_level IN ('infant', 'toddler', 'older')),
    service_type  TEXT    CHECK (service_type IS NULL OR service_type IN ('full_day', 'half_day', 'hourly', 'temporary')),
    name          TEXT,
    unit          TEXT    NOT NULL CHECK (unit IN ('month', 'day', 'hour', 'once')),
    amount_fen    INTEGER NOT NULL CHECK (amount_fen >= 0),
    applies_from  TEXT    NOT NULL CHECK (length(applies_from) = 10),
    -- The operator's account; NULL for demo entries.
    published_by  INTEGER REFERENCES accounts (id),
    op_id         TEXT,
    is_demo       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    INTEGER NOT NULL,
    CHECK ((kind = 'care') = (class_level IS NOT NULL AND service_type IS NOT NULL)),
    CHECK ((kind = 'other') = (name IS NOT NULL)),
    UNIQUE (facility_id, item_key, applies_from)
);
CREATE INDEX fee_items_due ON fee_items (applies_from);

-- The most a 普惠 facility may charge for care, per class level and kind of care, per the care's
-- unit (month for full and half days, hour for 计时托, day for 临时托).
CREATE TABLE price_caps (
    class_level   TEXT    NOT NULL CHECK (class_level IN ('infant', 'toddler', 'older')),
    service_type  TEXT    NOT NULL CHECK (service_type IN ('full_day', 'half_day', 'hourly', 'temporary')),
    cap_fen       INTEGER NOT NULL CHECK (cap_fen >= 0),
    -- Invented values (演示数据) until the district enters its own.
    is_demo       BOOLEAN NOT NULL,
    PRIMARY KEY (class_level, service_type)
);
INSERT INTO price_caps (class_level, service_type, cap_fen, is_demo) VALUES
    ('infant', 'full_day', 260000, 1), ('toddler', 'full_day', 240000, 1), ('older', 'full_day', 220000, 1),
    ('infant', 'half_day', 160000, 1), ('toddler', 'half_day', 150000, 1), ('older', 'half_day', 140000, 1),
    ('infant', 'hourly', 4000, 1), ('toddler', 'hourly', 3500, 1), ('older', 'hourly', 3000, 1),
    ('infant', 'temporary', 20000, 1), ('toddler', 'temporary', 18000, 1), ('older', 'temporary', 16000, 1);

-- Pinyin initials of a facility's name and address ("slh" finds 双龙湖), filled by the server,
-- and an index for the distance filter's bounding box.
ALTER TABLE facilities ADD COLUMN search_initials TEXT NOT NULL DEFAULT '';
CREATE INDEX facilities_lat ON facilities (lat);

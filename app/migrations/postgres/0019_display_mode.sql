-- 长辈版 (elder mode) or the standard layout, as the person last chose it while signed in;
-- NULL until they choose. The device keeps its own copy in a cookie (domain::display).
ALTER TABLE accounts ADD COLUMN display_mode TEXT CHECK (display_mode IN ('standard', 'elder'));

-- `classes.enrolled` gets one source of truth: children the operator enrolled directly
-- (`enrolled_direct`, the figures form) plus applications in state 'enrolled'. The store
-- recomputes `enrolled` from these two in one place (store::booking::recount_enrolled).
ALTER TABLE classes ADD COLUMN enrolled_direct INTEGER NOT NULL DEFAULT 0 CHECK (enrolled_direct >= 0);

UPDATE classes SET enrolled_direct = MAX(enrolled - (SELECT COUNT(*) FROM applications a WHERE a.class_id = classes.id AND a.state = 'enrolled'), 0);
UPDATE classes SET enrolled = enrolled_direct + (SELECT COUNT(*) FROM applications a WHERE a.class_id = classes.id AND a.state = 'enrolled');

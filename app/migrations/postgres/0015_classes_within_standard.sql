-- Every stored class within the national class size (乳儿班 10, 托小班 15, 托大班 20): earlier demo
-- data filed 11 places in some 乳儿班. A class is lowered to the standard, and its staffed figure
-- with it, only where the children in it and the places held still fit: a class holding more
-- children than the standard allows keeps its figures, since no migration may take a child's
-- place away (the operator's figures form refuses any new figure above the standard).
UPDATE classes
SET staffed_capacity = CASE
        WHEN staffed_capacity > (CASE level WHEN 'infant' THEN 10 WHEN 'toddler' THEN 15 ELSE 20 END)
        THEN (CASE level WHEN 'infant' THEN 10 WHEN 'toddler' THEN 15 ELSE 20 END)
        ELSE staffed_capacity END,
    filed_capacity = (CASE level WHEN 'infant' THEN 10 WHEN 'toddler' THEN 15 ELSE 20 END)
WHERE filed_capacity > (CASE level WHEN 'infant' THEN 10 WHEN 'toddler' THEN 15 ELSE 20 END)
  AND enrolled + held <= (CASE level WHEN 'infant' THEN 10 WHEN 'toddler' THEN 15 ELSE 20 END);

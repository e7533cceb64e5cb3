-- Capture (issue 17): a value printed after another of its kind under one label ("Issued / due  04/02/2024 /
-- 25/02/2024", "Datum / fällig am 12.03.2024 / 26.03.2024") is read next time as the same one of them.
-- value_index holds its place among the values of its kind in its cell (2: the second); NULL for the first.
ALTER TABLE capture_learned_fields ADD COLUMN value_index INTEGER;

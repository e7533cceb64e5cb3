-- Capture (issue 17): learning also from the fields the bookkeeper confirmed (saved unchanged), and the line
-- table and the currency of a supplier. For a learned line table, columns_json holds where quantity, unit price
-- and amount stand across the page ([{ "role", "x", "w" }], page fractions) and label its header row; NULL for
-- every other field. taught_by says whether the latest teaching was a correction or a confirmation.
ALTER TABLE capture_learned_fields ADD COLUMN columns_json TEXT;
ALTER TABLE capture_learned_fields ADD COLUMN taught_by TEXT NOT NULL DEFAULT 'correction';

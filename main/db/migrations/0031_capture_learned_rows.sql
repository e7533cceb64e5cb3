-- Capture (issue 17): a learned amount that stands in a row of figures (a VAT table's total row: "Summe |
-- 6.966,12 | 1.323,56 | 8.289,68") is read next time in the row starting with the same label, in the column it
-- was taught in, wherever rows above it come and go. row_label holds that row's label (folded); NULL otherwise.
ALTER TABLE capture_learned_fields ADD COLUMN row_label TEXT;

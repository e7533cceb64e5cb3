-- Capture (issue 17): how each supplier prints its invoice fields, learned when the bookkeeper corrects a field
-- on the review screen and saves. One row per company, supplier and field (the latest correction wins); the next
-- invoice from the supplier reads the field this way first and shows it as learned. Boxes are page fractions.
CREATE TABLE capture_learned_fields (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  supplier_id TEXT NOT NULL REFERENCES suppliers(id) ON DELETE CASCADE,
  -- supplierName, invoiceNumber, date, dueDate, orderNumber, subtotal, tax, total
  field TEXT NOT NULL,
  -- The label printed before or above the value (lower case, no accents), or NULL when it stands alone.
  label TEXT,
  -- same (in the label's cell), right (the next cell), below (under the label), or NULL.
  placement TEXT,
  -- first or last: the page counted from the start or the end.
  page TEXT NOT NULL,
  box_json TEXT NOT NULL,
  -- A date's day/month order (dmy, mdy) or an amount's decimal mark (comma, point), when it mattered.
  format TEXT,
  -- The value as printed when taught (the supplier's printed name for supplierName).
  example TEXT NOT NULL,
  times_taught INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (company_id, supplier_id, field)
);
CREATE INDEX capture_learned_fields_supplier ON capture_learned_fields(company_id, supplier_id);

-- Who set a supplier's coding defaults (issue 16): 'bookkeeper' on the supplier's page, 'import' when they came
-- from the accounting system's own default for that supplier (QuickBooks Online's vendor prefill account, Xero's
-- contact purchase account and tracking). An import fills and refreshes its own, never the bookkeeper's.
ALTER TABLE supplier_coding_defaults ADD COLUMN set_by TEXT NOT NULL DEFAULT 'bookkeeper'
  CHECK (set_by IN ('bookkeeper', 'import'));

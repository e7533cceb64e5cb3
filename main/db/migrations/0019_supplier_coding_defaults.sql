-- What a supplier's document lines are usually coded to (issue 16): new lines of its documents start with its
-- default item or account, class and tax rate, and its documents with its default location. One row per supplier
-- that has any; an entry removed from the mirrored lists leaves the default empty rather than blocking.
CREATE TABLE supplier_coding_defaults (
  supplier_id TEXT PRIMARY KEY REFERENCES suppliers(id) ON DELETE CASCADE,
  item_id TEXT REFERENCES list_entries(id) ON DELETE SET NULL,
  account_id TEXT REFERENCES list_entries(id) ON DELETE SET NULL,
  class_id TEXT REFERENCES list_entries(id) ON DELETE SET NULL,
  location_id TEXT REFERENCES list_entries(id) ON DELETE SET NULL,
  tax_rate_id TEXT REFERENCES tax_rates(id) ON DELETE SET NULL,
  updated_at TEXT NOT NULL,
  CHECK (item_id IS NULL OR account_id IS NULL)
);

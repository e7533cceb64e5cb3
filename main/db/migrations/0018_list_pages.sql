-- The Lists page (issue 16). An entry the bookkeeper hides is left out of the pickers but kept, mirrored and sent as
-- before (hidden_at NULL: shown): hiding never deletes anything in the accounting system. And when each list of a
-- connection was last imported, with the counts of that import, for the page to say "imported 5 minutes ago".
ALTER TABLE list_entries ADD COLUMN hidden_at TEXT;

CREATE TABLE list_imports (
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  -- new: entries not yet mirrored added; update: those mirrored refreshed; all: both (the connection's full import).
  mode TEXT NOT NULL CHECK (mode IN ('new', 'update', 'all')),
  imported_at TEXT NOT NULL,
  -- Entries read from the system, and what the import did with them.
  seen INTEGER NOT NULL DEFAULT 0,
  added INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  deactivated INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (connection_id, kind)
);

-- State the accounting methods (accounting.* API) keep per connection, for every system alike:
-- where the automatic payments poll resumes, and when each supplier was last brought in step in each direction
-- (so "last change wins" can tell which side changed since).
CREATE TABLE accounting_checkpoints (
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  name TEXT NOT NULL, -- e.g. 'payments'
  value TEXT NOT NULL, -- the other system's own change time, never our clock
  updated_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, name)
);

CREATE TABLE supplier_sync_state (
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  supplier_id TEXT NOT NULL REFERENCES suppliers(id) ON DELETE CASCADE,
  -- our supplier's updated_at and their record's change time when the two were last in step
  ours_at TEXT NOT NULL,
  theirs_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, supplier_id)
);

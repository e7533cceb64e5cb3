-- Supplier import of a large list (issue 18): one row per import of a connection's supplier list (QuickBooks
-- vendors, Xero supplier contacts, NetSuite vendors), read page by page. Each page's suppliers and this row's cursor
-- and counts are written in one transaction, so after a crash or a restart the import continues with the page
-- after the last one written, and a page read twice changes nothing (suppliers are matched by external id).
CREATE TABLE supplier_import_runs (
  id TEXT PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  -- running: pages are being read (or the app stopped while they were: resumed on the next start);
  -- failed: stopped on an error, resumed from its cursor on the next start; finished: every page written.
  status TEXT NOT NULL CHECK (status IN ('running', 'failed', 'finished')),
  -- The system's position of the next page (JSON: start position, page number or offset); NULL = the first page.
  cursor_json TEXT,
  pages_done INTEGER NOT NULL DEFAULT 0,
  entries_read INTEGER NOT NULL DEFAULT 0,
  -- How many the list holds, where the system says so.
  total INTEGER,
  added INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  matched INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  -- Names of suppliers not imported and why (JSON array, at most a few dozen kept).
  skipped_json TEXT NOT NULL DEFAULT '[]',
  requests INTEGER NOT NULL DEFAULT 0,
  message TEXT,
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT
);
-- At most one unfinished import per connection: a second click continues it.
CREATE UNIQUE INDEX supplier_import_runs_open ON supplier_import_runs(connection_id) WHERE status <> 'finished';
CREATE INDEX supplier_import_runs_connection ON supplier_import_runs(connection_id, started_at);

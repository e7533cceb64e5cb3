-- List imports that resume page by page (issue 16), as the supplier import does (0017): one row per import of one
-- list of a connection, in one of the Lists page's modes. Each page's entries and this row's cursor and counts are
-- written in one transaction, so an import stopped by a failed page, a lost network or a closed app continues with
-- the page after the last one written, and a page read twice changes nothing (entries are matched by external id).
CREATE TABLE list_import_runs (
  id TEXT PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  -- new: Import new; update: Update existing; all: part of an import of every list (lists.import).
  mode TEXT NOT NULL CHECK (mode IN ('new', 'update', 'all')),
  -- The import of every list this run belongs to (its lists are read one after another); NULL for one list.
  batch TEXT,
  -- running: pages are being read (or the app stopped while they were); failed: stopped on an error;
  -- finished: every page written. Running and failed runs are continued by the next import of that list and mode.
  status TEXT NOT NULL CHECK (status IN ('running', 'failed', 'finished')),
  -- The system's position of the next page (JSON: start position, offset and limit); NULL = the first page.
  cursor_json TEXT,
  pages_done INTEGER NOT NULL DEFAULT 0,
  -- Entries of this list read so far, and how many it holds where the system says so.
  entries_read INTEGER NOT NULL DEFAULT 0,
  total INTEGER,
  added INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  deactivated INTEGER NOT NULL DEFAULT 0,
  requests INTEGER NOT NULL DEFAULT 0,
  message TEXT,
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT
);
-- At most one unfinished import per list and mode: Import new and Update existing keep their meanings, and a second
-- click of the same one continues it.
CREATE UNIQUE INDEX list_import_runs_open ON list_import_runs(connection_id, kind, mode) WHERE status <> 'finished';
CREATE INDEX list_import_runs_batch ON list_import_runs(batch) WHERE batch IS NOT NULL;

-- A parent read on a later page than its child: the child keeps its parent's external id, and is linked once the
-- parent is mirrored.
ALTER TABLE list_entries ADD COLUMN parent_external_id TEXT;

-- QuickBooks Desktop list imports that resume across Web Connector sessions (issue 16). A qbXML iterator dies with
-- its session, so a list is read in two passes whose progress is ours, not QuickBooks': first the ids of the list
-- (ListID, EditSequence, TimeModified, Name: a cheap iterated query) into qbd_list_ids, then the full records by
-- ListID in batches. Each batch's records are mirrored in the same transaction that marks its ids fetched, so a
-- session that breaks costs at most the batch in flight and the next session fetches only the ids not fetched yet.
-- Ids whose EditSequence equals the mirrored one are skipped (a record's EditSequence changes with every change).
CREATE TABLE qbd_list_reads (
  id TEXT PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  -- lists.ts's names: accounts, classes, terms, items, vendors, customers.
  list TEXT NOT NULL,
  -- new: Import new (ids not mirrored); update: Update existing (mirrored ids whose EditSequence changed);
  -- all: both (Import every list, the first session, the supplier import).
  mode TEXT NOT NULL CHECK (mode IN ('new', 'update', 'all')),
  -- ids: the id pass is under way (restarted from its start by a new session: ids are cheap);
  -- fetch: every id is recorded, the records are fetched by ListID.
  phase TEXT NOT NULL CHECK (phase IN ('ids', 'fetch')),
  -- FromModifiedDate of the id pass (mode all: the list's checkpoint); NULL reads every id.
  since TEXT,
  -- The greatest TimeModified the id pass saw: the list's next checkpoint once the read is done (mode all).
  seen TEXT,
  -- The Lists page's import run of this read (none for vendors, whose progress is the supplier import's).
  run_id TEXT REFERENCES list_import_runs(id) ON DELETE SET NULL,
  -- The session that last sent a request of this read (a read left by another session is "stopped").
  session_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX qbd_list_reads_open ON qbd_list_reads(connection_id, list, mode);

CREATE TABLE qbd_list_ids (
  read_id TEXT NOT NULL REFERENCES qbd_list_reads(id) ON DELETE CASCADE,
  list_id TEXT NOT NULL,
  edit_sequence TEXT,
  -- pending: to fetch; fetched: mirrored by this read; skipped: nothing to fetch (mode, or EditSequence unchanged).
  state TEXT NOT NULL CHECK (state IN ('pending', 'fetched', 'skipped')),
  -- Order of the id pass, so batches go in QuickBooks' list order.
  seq INTEGER NOT NULL,
  PRIMARY KEY (read_id, list_id)
) WITHOUT ROWID;
CREATE INDEX qbd_list_ids_pending ON qbd_list_ids(read_id, state, seq);

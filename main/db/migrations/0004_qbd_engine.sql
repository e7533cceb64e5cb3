-- QuickBooks Desktop engine state (main/connectors/quickbooks-desktop/). The Web Connector calls us, so what a
-- session learned (host, company, closing date) and where imports stopped must outlive the session: iterators die
-- with it, so list and payment imports resume from a modified-date checkpoint instead.

CREATE TABLE qbd_state (
  connection_id TEXT PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
  -- From HostQuery/CompanyQuery/PreferencesQuery (strHCPResponse) on a session's first sendRequestXML.
  qbxml_version TEXT,
  host_json TEXT,
  company_name TEXT,
  company_file TEXT,
  closing_date TEXT,
  -- Lists: 1 until a full import finished (set again by requestListImport). lists_json holds per-list checkpoints
  -- {"vendors": {"from": "2026-01-01T00:00:00", "done": false}, ...}.
  lists_requested INTEGER NOT NULL DEFAULT 1,
  lists_json TEXT NOT NULL DEFAULT '{}',
  lists_imported_at TEXT,
  -- Payments: modified-date checkpoint of the scheduled import; a requested on-demand range (JSON) or NULL.
  payments_checkpoint TEXT,
  payments_requested_json TEXT,
  payments_cursor_json TEXT NOT NULL DEFAULT '{}',
  last_session_at TEXT,
  last_session_ok INTEGER,
  last_session_message TEXT,
  updated_at TEXT NOT NULL
);

-- An Add sent to QuickBooks whose answer has not been applied yet. While a row exists the write may have landed
-- with its answer lost, so the next attempt queries (RefNumber + vendor, or FullName) and compares ExternalGUID
-- before adding again. The row is written (and committed) before the message leaves, removed when the answer is
-- applied.
CREATE TABLE qbd_inflight (
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  -- The outbox idempotency key for documents; 'vendor:<supplier id>' or 'item:<full name>' for list adds.
  idempotency_key TEXT NOT NULL,
  request_type TEXT NOT NULL,
  external_guid TEXT NOT NULL,
  -- How to find it again: {"refNumber": "...", "vendor": "..."} or {"fullName": "..."}.
  lookup_json TEXT NOT NULL,
  session_id TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, idempotency_key)
);

-- The TxnLineID QuickBooks gave each line of a purchase order we sent, by our line position, so a bill or item
-- receipt for that order links line by line (ItemLineAdd/LinkToTxn) and keeps its own amounts. Linking the whole
-- order (LinkToTxnID) would bring in all of the order's open lines instead of ours.
CREATE TABLE qbd_txn_lines (
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  txn_line_id TEXT NOT NULL,
  PRIMARY KEY (connection_id, document_id, position)
);

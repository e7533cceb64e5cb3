-- QuickBooks Web Connector service (main/connectors/quickbooks-desktop/qbwc/): the .qwc identity of each
-- connection, live tickets and the record of every session. The Web Connector password is in the keychain only.

-- OwnerID and FileID of the .qwc file: braced GUIDs made once per connection and kept, because the Web Connector
-- stores FileID inside the company file and a new one would look like another application. AppName is kept for
-- the same reason: QuickBooks' authorization is given to that name, so renaming the connection must not change it.
CREATE TABLE qbwc_identity (
  connection_id TEXT PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
  owner_id TEXT NOT NULL,
  file_id TEXT NOT NULL,
  app_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- One row per authenticate call that got past the password check (and the refusals worth showing: busy, none).
-- ticket_hash: SHA-256 of the ticket (the ticket itself is a bearer secret and is not stored).
CREATE TABLE qbwc_sessions (
  id TEXT PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  ticket_hash TEXT,
  -- running | done | failed | expired | nothing_to_do | busy | replaced | refused | interrupted
  outcome TEXT NOT NULL,
  started_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  ended_at TEXT,
  company_file TEXT,
  summary_json TEXT,
  -- [{"code": "0x80040408", "message": "...", "fix": "..."}]
  errors_json TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX qbwc_sessions_connection ON qbwc_sessions(connection_id, started_at);
CREATE UNIQUE INDEX qbwc_sessions_ticket ON qbwc_sessions(ticket_hash) WHERE ticket_hash IS NOT NULL;

-- Where the running app answers the Web Connector (written by whoever listens: headless server or Electron), so
-- qbd.qwc can put the right AppURL in the file.
CREATE TABLE qbwc_endpoint (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  url TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

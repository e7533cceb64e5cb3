-- The founding schema. Never edit a migration that has shipped; add the next number instead.
-- Money is stored in integer minor units (*_minor); quantities and prices as decimal text.
-- Times are ISO 8601 UTC text. Ids are UUID text.

CREATE TABLE companies (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  base_currency TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- A company's link to one accounting system (or ServiceTrade). Settings only: secrets live in the keychain.
CREATE TABLE connections (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  system TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'not_connected',
  status_message TEXT,
  settings_json TEXT NOT NULL DEFAULT '{}',
  credential_names_json TEXT NOT NULL DEFAULT '[]',
  connected_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX connections_company ON connections(company_id);

CREATE TABLE suppliers (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  email TEXT,
  phone TEXT,
  address TEXT,
  city TEXT,
  state TEXT,
  postal_code TEXT,
  country TEXT,
  account_number TEXT,
  tax_id TEXT,
  currency TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- Accounting systems require unique vendor names; catching duplicates here saves a failed send later.
CREATE UNIQUE INDEX suppliers_company_name ON suppliers(company_id, name COLLATE NOCASE);

CREATE TABLE tax_rates (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  percent TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX tax_rates_company_name ON tax_rates(company_id, name COLLATE NOCASE);

-- Reference lists: entries of our own (connection_id NULL) or mirrored from an accounting system.
CREATE TABLE list_entries (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  connection_id TEXT REFERENCES connections(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  external_id TEXT,
  name TEXT NOT NULL,
  code TEXT,
  parent_id TEXT REFERENCES list_entries(id) ON DELETE SET NULL,
  active INTEGER NOT NULL DEFAULT 1,
  data_json TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL
);
CREATE INDEX list_entries_company_kind ON list_entries(company_id, kind, name);
CREATE UNIQUE INDEX list_entries_external ON list_entries(connection_id, kind, external_id)
  WHERE connection_id IS NOT NULL AND external_id IS NOT NULL;

CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  number TEXT NOT NULL,
  status TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 0,
  supplier_id TEXT NOT NULL REFERENCES suppliers(id),
  supplier_name TEXT NOT NULL, -- denormalised for list and search speed; kept in step on supplier rename
  date TEXT NOT NULL,
  due_date TEXT,
  currency TEXT NOT NULL,
  supplier_invoice_number TEXT,
  memo TEXT,
  discount_json TEXT,
  fields_json TEXT NOT NULL DEFAULT '{}',
  linked_document_id TEXT REFERENCES documents(id),
  subtotal_minor INTEGER NOT NULL,
  discount_minor INTEGER NOT NULL,
  net_minor INTEGER NOT NULL,
  tax_minor INTEGER NOT NULL,
  gross_minor INTEGER NOT NULL,
  payment_status TEXT,
  sync_status TEXT NOT NULL DEFAULT 'not_sent', -- the aggregate over document_sync, for filtering
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX documents_company_type_number ON documents(company_id, type, number);
CREATE INDEX documents_company_date ON documents(company_id, date DESC, id);
CREATE INDEX documents_company_status_date ON documents(company_id, status, date DESC);
CREATE INDEX documents_company_type_date ON documents(company_id, type, date DESC);
CREATE INDEX documents_company_supplier_date ON documents(company_id, supplier_id, date DESC);
CREATE INDEX documents_company_sync_date ON documents(company_id, sync_status, date DESC);
CREATE INDEX documents_linked ON documents(linked_document_id);

CREATE TABLE document_lines (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  description TEXT NOT NULL,
  quantity TEXT NOT NULL,
  unit_price TEXT NOT NULL,
  discount_json TEXT,
  item_id TEXT REFERENCES list_entries(id),
  account_id TEXT REFERENCES list_entries(id),
  tax_rate_id TEXT REFERENCES tax_rates(id),
  tax_percent TEXT, -- the rate as it was when the line was saved
  customer_id TEXT REFERENCES list_entries(id),
  class_id TEXT REFERENCES list_entries(id),
  amount_minor INTEGER NOT NULL,
  line_discount_minor INTEGER NOT NULL,
  document_discount_minor INTEGER NOT NULL,
  net_minor INTEGER NOT NULL,
  tax_minor INTEGER NOT NULL
);
CREATE UNIQUE INDEX document_lines_position ON document_lines(document_id, position);

-- Who did what and when, for every transition.
CREATE TABLE document_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  comment TEXT
);
CREATE INDEX document_events_document ON document_events(document_id, id);

-- Files are kept in the data directory under attachments/, named by their sha256.
CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  mime_type TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX attachments_document ON attachments(document_id);
CREATE INDEX attachments_sha ON attachments(sha256);

-- Our record <-> the other system's id, with its concurrency token and the hash of the last payload sent.
CREATE TABLE external_links (
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  entity_type TEXT NOT NULL, -- document | supplier | list_entry | tax_rate
  entity_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  sync_token TEXT, -- SyncToken / EditSequence / UpdatedDateUTC
  payload_hash TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, entity_type, entity_id)
);
CREATE UNIQUE INDEX external_links_external ON external_links(connection_id, entity_type, external_id);

-- Sync status of one document on one connection.
CREATE TABLE document_sync (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  external_id TEXT,
  last_message TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (document_id, connection_id)
);
CREATE INDEX document_sync_connection ON document_sync(connection_id, status);

-- The outbox: written in the same transaction as the change it carries. A crash delays a job, never loses it.
CREATE TABLE outbox_jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  kind TEXT NOT NULL, -- send_document | cancel_document | ...
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  payload_json TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'pending', -- pending | running | done | failed | waiting | superseded
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX outbox_ready ON outbox_jobs(status, connection_id, next_attempt_at, id);
CREATE INDEX outbox_entity ON outbox_jobs(entity_type, entity_id);

-- One entry per attempt and outcome. Secrets never go here.
CREATE TABLE integration_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  company_id TEXT REFERENCES companies(id) ON DELETE CASCADE,
  document_id TEXT REFERENCES documents(id) ON DELETE CASCADE,
  connection_id TEXT REFERENCES connections(id) ON DELETE SET NULL,
  action TEXT NOT NULL,
  result TEXT NOT NULL, -- success | failure | retry | info
  message TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX integration_log_company ON integration_log(company_id, id DESC);
CREATE INDEX integration_log_document ON integration_log(document_id, id DESC);

CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  external_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  date TEXT NOT NULL,
  amount_minor INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'active', -- active | canceled
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX payments_external ON payments(connection_id, external_id, document_id);
CREATE INDEX payments_document ON payments(document_id);

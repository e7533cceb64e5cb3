-- ServiceTrade: companies (customers), locations, jobs and invoices pulled incrementally per connection; the last
-- checkpoint of each pull; each job's QuickBooks state per QuickBooks Desktop connection.
-- Rows are keyed by (connection, ServiceTrade id) so a refresh is an idempotent upsert; our own id (`id`) is what
-- the API and the renderer use. `updated` is ServiceTrade's Unix timestamp, kept to tell a change from a re-pull.

CREATE TABLE servicetrade_companies (
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT,
  updated INTEGER,
  pulled_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, external_id)
);

CREATE TABLE servicetrade_locations (
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  external_id TEXT NOT NULL,
  company_external_id TEXT,
  name TEXT NOT NULL,
  ref_number TEXT,
  store_number TEXT,
  street TEXT,
  city TEXT,
  state TEXT,
  postal_code TEXT,
  status TEXT,
  updated INTEGER,
  pulled_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, external_id)
);

CREATE TABLE servicetrade_jobs (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  external_id TEXT NOT NULL,
  number TEXT NOT NULL,
  name TEXT,
  type TEXT,
  status TEXT NOT NULL,
  description TEXT,
  customer_external_id TEXT,
  customer_name TEXT NOT NULL,
  location_external_id TEXT,
  location_name TEXT,
  scheduled_date TEXT, -- ISO 8601 UTC, from ServiceTrade's Unix timestamp
  updated INTEGER,
  pulled_at TEXT NOT NULL,
  -- What the jobs search matches, in one narrow column: number, name, customer and location.
  search_text TEXT GENERATED ALWAYS AS (
    lower(number || char(31) || ifnull(name, '') || char(31) || customer_name || char(31) || ifnull(location_name, ''))
  ) STORED,
  UNIQUE (connection_id, external_id)
);
-- Covering for the unfiltered list and for searches: count and page ids come from the index alone.
CREATE INDEX servicetrade_jobs_list ON servicetrade_jobs(company_id, scheduled_date, id, search_text);
CREATE INDEX servicetrade_jobs_status ON servicetrade_jobs(company_id, status, scheduled_date, id);
CREATE INDEX servicetrade_jobs_customer ON servicetrade_jobs(company_id, customer_external_id, scheduled_date, id);

CREATE TABLE servicetrade_invoices (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  external_id TEXT NOT NULL,
  invoice_number TEXT,
  name TEXT,
  type TEXT,
  status TEXT NOT NULL,
  job_external_id TEXT,
  customer_external_id TEXT,
  location_external_id TEXT,
  total_price TEXT,
  transaction_date TEXT,
  items_json TEXT NOT NULL DEFAULT '[]',
  updated INTEGER,
  pulled_at TEXT NOT NULL,
  UNIQUE (connection_id, external_id)
);
CREATE INDEX servicetrade_invoices_list ON servicetrade_invoices(company_id, status, transaction_date);

-- The last successful pull of each kind: the next pull asks for records updated after `updated_after`.
CREATE TABLE servicetrade_checkpoints (
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  entity TEXT NOT NULL, -- company | location | job | invoice
  updated_after INTEGER NOT NULL,
  pulled_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, entity)
);

-- A job's state in one QuickBooks Desktop connection: queued by jobs.send, then sent or failed by the engine.
-- names_json keeps each level's entity key and full name ([{key, level, fullName}]) so that later previews know
-- which names are taken and by whom.
CREATE TABLE servicetrade_job_qb (
  job_id TEXT NOT NULL REFERENCES servicetrade_jobs(id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  state TEXT NOT NULL, -- queued | sent | failed
  full_name TEXT NOT NULL,
  names_json TEXT NOT NULL DEFAULT '[]',
  list_id TEXT, -- QuickBooks' ListID of the job once sent
  message TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (job_id, connection_id)
);
CREATE INDEX servicetrade_job_qb_connection ON servicetrade_job_qb(connection_id, state);

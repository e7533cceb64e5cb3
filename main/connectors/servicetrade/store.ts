// What a ServiceTrade pull writes: idempotent upserts keyed by (connection, ServiceTrade id), and the checkpoint
// of each kind. An upsert reports whether the record changed (new, or a different `updated`), so a re-pulled
// boundary record is not counted as a change. Synchronous; the caller wraps each page in a transaction.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { StCompany, StInvoice, StJob, StLocation } from './schemas.js';

/** 'job_full': when every job list was last read whole (updated_after = that time, Unix seconds). */
export type PullEntity = 'company' | 'location' | 'job' | 'invoice' | 'job_full';

export function readCheckpoint(db: Database, connectionId: string, entity: PullEntity): number | null {
  const row = db
    .prepare<[string, string], { updated_after: number }>(
      'SELECT updated_after FROM servicetrade_checkpoints WHERE connection_id = ? AND entity = ?',
    )
    .get(connectionId, entity);
  return row?.updated_after ?? null;
}

export function writeCheckpoint(
  db: Database,
  connectionId: string,
  entity: PullEntity,
  updatedAfter: number,
  at: string,
): void {
  db.prepare(
    `INSERT INTO servicetrade_checkpoints (connection_id, entity, updated_after, pulled_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (connection_id, entity) DO UPDATE SET updated_after = excluded.updated_after, pulled_at = excluded.pulled_at`,
  ).run(connectionId, entity, updatedAfter, at);
}

/** When the connection last finished a pull (the job checkpoint's time), or null. */
export function lastPulledAt(db: Database, connectionId: string): string | null {
  return (
    db
      .prepare<[string], { at: string | null }>(
        `SELECT MAX(pulled_at) AS at FROM servicetrade_checkpoints WHERE connection_id = ? AND entity = 'job'`,
      )
      .get(connectionId)?.at ?? null
  );
}

function previousUpdated(db: Database, table: string, connectionId: string, externalId: string) {
  return db
    .prepare<[string, string], { updated: number | null }>(
      `SELECT updated FROM ${table} WHERE connection_id = ? AND external_id = ?`,
    )
    .get(connectionId, externalId);
}

const changed = (before: { updated: number | null } | undefined, updated: number | null) =>
  !before || before.updated !== updated || updated === null;

export function upsertCompany(db: Database, connectionId: string, c: StCompany, at: string): boolean {
  const before = previousUpdated(db, 'servicetrade_companies', connectionId, c.id);
  db.prepare(
    `INSERT INTO servicetrade_companies (connection_id, external_id, name, status, updated, pulled_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (connection_id, external_id) DO UPDATE SET name = excluded.name, status = excluded.status,
       updated = excluded.updated, pulled_at = excluded.pulled_at`,
  ).run(connectionId, c.id, c.name, c.status, c.updated, at);
  // A rename does not touch the company's jobs in ServiceTrade, so their rows take the new name here.
  db.prepare(
    `UPDATE servicetrade_jobs SET customer_name = ?
     WHERE connection_id = ? AND customer_external_id = ? AND customer_name IS NOT ?`,
  ).run(c.name, connectionId, c.id, c.name);
  return changed(before, c.updated);
}

export function upsertLocation(db: Database, connectionId: string, l: StLocation, at: string): boolean {
  const before = previousUpdated(db, 'servicetrade_locations', connectionId, l.id);
  db.prepare(
    `INSERT INTO servicetrade_locations (connection_id, external_id, company_external_id, name, ref_number,
       store_number, street, city, state, postal_code, status, updated, pulled_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (connection_id, external_id) DO UPDATE SET company_external_id = excluded.company_external_id,
       name = excluded.name, ref_number = excluded.ref_number, store_number = excluded.store_number,
       street = excluded.street, city = excluded.city, state = excluded.state, postal_code = excluded.postal_code,
       status = excluded.status, updated = excluded.updated, pulled_at = excluded.pulled_at`,
  ).run(
    connectionId,
    l.id,
    l.company?.id ?? null,
    l.name,
    l.refNumber,
    l.storeNumber,
    l.address?.street ?? null,
    l.address?.city ?? null,
    l.address?.state ?? null,
    l.address?.postalCode ?? null,
    l.status,
    l.updated,
    at,
  );
  db.prepare(
    `UPDATE servicetrade_jobs SET location_name = ?
     WHERE connection_id = ? AND location_external_id = ? AND location_name IS NOT ?`,
  ).run(l.name, connectionId, l.id, l.name);
  return changed(before, l.updated);
}

const isoOf = (unix: number | null) => (unix === null ? null : new Date(unix * 1000).toISOString());

/** What a pull changed on one job: for the job's integration log (nothing is logged for a job seen first). */
export interface JobUpsert {
  /** New, or a different `updated` than stored. */
  changed: boolean;
  /** servicetrade_jobs.id */
  id: string;
  isNew: boolean;
  /** Plain-language differences in what the Jobs page and the QuickBooks names show, e.g. "status scheduled → completed". */
  differences: string[];
}

interface JobSnapshot {
  id: string;
  number: string;
  name: string | null;
  type: string | null;
  status: string;
  customer_name: string;
  location_name: string | null;
  scheduled_date: string | null;
  updated: number | null;
  missing_since: string | null;
}

const JOB_FIELDS: [keyof JobSnapshot, string][] = [
  ['number', 'number'],
  ['name', 'name'],
  ['type', 'type'],
  ['status', 'status'],
  ['customer_name', 'customer'],
  ['location_name', 'location'],
  ['scheduled_date', 'scheduled date'],
];

function snapshot(db: Database, connectionId: string, externalId: string): JobSnapshot | undefined {
  return db
    .prepare<[string, string], JobSnapshot>(
      `SELECT id, number, name, type, status, customer_name, location_name, scheduled_date, updated, missing_since
       FROM servicetrade_jobs WHERE connection_id = ? AND external_id = ?`,
    )
    .get(connectionId, externalId);
}

const shown = (v: string | number | null) => (v === null || v === '' ? '(none)' : String(v));

export function upsertJob(
  db: Database,
  companyId: string,
  connectionId: string,
  j: StJob,
  at: string,
): JobUpsert {
  const before = snapshot(db, connectionId, j.id);
  db.prepare(
    `INSERT INTO servicetrade_jobs (id, company_id, connection_id, external_id, number, name, type, status,
       description, customer_external_id, customer_name, location_external_id, location_name, scheduled_date,
       updated, pulled_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
       COALESCE(NULLIF(?, ''), (SELECT name FROM servicetrade_companies WHERE connection_id = ? AND external_id = ?), ''),
       ?,
       COALESCE(NULLIF(?, ''), (SELECT name FROM servicetrade_locations WHERE connection_id = ? AND external_id = ?)),
       ?, ?, ?)
     ON CONFLICT (connection_id, external_id) DO UPDATE SET number = excluded.number, name = excluded.name,
       type = excluded.type, status = excluded.status, description = excluded.description,
       customer_external_id = excluded.customer_external_id, customer_name = excluded.customer_name,
       location_external_id = excluded.location_external_id, location_name = excluded.location_name,
       scheduled_date = excluded.scheduled_date, updated = excluded.updated, pulled_at = excluded.pulled_at,
       missing_since = NULL`,
  ).run(
    randomUUID(),
    companyId,
    connectionId,
    j.id,
    j.number,
    j.name,
    j.type,
    j.status,
    j.description,
    j.customer?.id ?? null,
    j.customer?.name ?? '',
    connectionId,
    j.customer?.id ?? null,
    j.location?.id ?? null,
    j.location?.name ?? '',
    connectionId,
    j.location?.id ?? null,
    isoOf(j.scheduledDate),
    j.updated,
    at,
  );
  const after = snapshot(db, connectionId, j.id);
  if (!after) throw new Error(`ServiceTrade job ${j.id} vanished after it was stored`);
  const differences = before
    ? [
        ...(before.missing_since !== null ? ['it is back in ServiceTrade'] : []),
        ...JOB_FIELDS.filter(([key]) => before[key] !== after[key]).map(([key, label]) =>
          key === 'scheduled_date'
            ? `${label} ${shown(before[key]?.slice(0, 10) ?? null)} → ${shown(after[key]?.slice(0, 10) ?? null)}`
            : `${label} ${shown(before[key])} → ${shown(after[key])}`,
        ),
      ]
    : [];
  return { changed: changed(before, j.updated), id: after.id, isNew: !before, differences };
}

/** What a pull changed on one invoice: for the invoice's integration log. */
export interface InvoiceUpsert {
  changed: boolean;
  /** servicetrade_invoices.id */
  id: string;
  /** The status stored before, or null for an invoice seen first. */
  statusBefore: string | null;
}

export function upsertInvoice(
  db: Database,
  companyId: string,
  connectionId: string,
  inv: StInvoice,
  at: string,
): InvoiceUpsert {
  const before = db
    .prepare<[string, string], { updated: number | null; status: string }>(
      `SELECT updated, status FROM servicetrade_invoices WHERE connection_id = ? AND external_id = ?`,
    )
    .get(connectionId, inv.id);
  db.prepare(
    `INSERT INTO servicetrade_invoices (id, company_id, connection_id, external_id, invoice_number, name, type,
       status, job_external_id, customer_external_id, location_external_id, total_price, transaction_date,
       items_json, updated, pulled_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (connection_id, external_id) DO UPDATE SET invoice_number = excluded.invoice_number,
       name = excluded.name, type = excluded.type, status = excluded.status,
       job_external_id = excluded.job_external_id, customer_external_id = excluded.customer_external_id,
       location_external_id = excluded.location_external_id, total_price = excluded.total_price,
       transaction_date = excluded.transaction_date, items_json = excluded.items_json, updated = excluded.updated,
       pulled_at = excluded.pulled_at`,
  ).run(
    randomUUID(),
    companyId,
    connectionId,
    inv.id,
    inv.invoiceNumber,
    inv.name,
    inv.type,
    inv.status,
    inv.job?.id ?? null,
    inv.customer?.id ?? null,
    inv.location?.id ?? null,
    inv.totalPrice === null || inv.totalPrice === undefined ? null : String(inv.totalPrice),
    isoOf(inv.transactionDate),
    JSON.stringify(inv.items ?? []),
    inv.updated,
    at,
  );
  const id = db
    .prepare<[string, string], { id: string }>(
      'SELECT id FROM servicetrade_invoices WHERE connection_id = ? AND external_id = ?',
    )
    .get(connectionId, inv.id)?.id;
  if (id === undefined) throw new Error(`ServiceTrade invoice ${inv.id} vanished after it was stored`);
  return { changed: changed(before, inv.updated), id, statusBefore: before?.status ?? null };
}

/** The connection's invoices we hold as pending_accounting: their ServiceTrade ids. */
export function pendingInvoiceIds(db: Database, connectionId: string): string[] {
  return db
    .prepare<[string], { external_id: string }>(
      `SELECT external_id FROM servicetrade_invoices WHERE connection_id = ? AND status = 'pending_accounting'`,
    )
    .all(connectionId)
    .map((r) => r.external_id);
}

/**
 * After every job list was read whole: the connection's stored jobs that none returned are marked missing (once,
 * when first found so); the job rows are kept. Returns the newly missing ones, for their logs.
 */
export function markMissingJobs(
  db: Database,
  connectionId: string,
  seen: ReadonlySet<string>,
  at: string,
): { id: string; number: string }[] {
  const stored = db
    .prepare<[string], { id: string; external_id: string; number: string }>(
      'SELECT id, external_id, number FROM servicetrade_jobs WHERE connection_id = ? AND missing_since IS NULL',
    )
    .all(connectionId);
  const missing = stored.filter((j) => !seen.has(j.external_id));
  const mark = db.prepare('UPDATE servicetrade_jobs SET missing_since = ? WHERE id = ?');
  db.transaction(() => {
    for (const job of missing) mark.run(at, job.id);
  })();
  return missing.map(({ id, number }) => ({ id, number }));
}

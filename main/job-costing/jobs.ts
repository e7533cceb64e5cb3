// Pulled ServiceTrade jobs as the API shows them, their QuickBooks names, and queueing them for QuickBooks
// Desktop.
//
// ---------------------------------------------------------------------------------------------------------------
// The contract with the QuickBooks Desktop session's unit for jobs (main/job-costing/qbd-jobs.ts), which sends
// the jobs in the Web Connector session (delivery 'session': the sync worker leaves these rows alone):
//
// jobs.send writes, in one transaction per call, for each job whose names can be made (the outbox row through
// main/sync/outbox.ts):
//   outbox_jobs: connection_id = the QuickBooks Desktop connection, kind = 'send_job', entity_type = 'job',
//                entity_id = servicetrade_jobs.id, idempotency_key = 'job:<servicetrade_jobs.id>:send',
//                status = 'pending', payload_json = SendJobPayload (below);
//   servicetrade_job_qb: (job_id, connection_id) state 'queued', full_name, names_json = the levels.
// A job already queued or sent to that connection (an outbox row with that key in pending, running, waiting or
// done) is not queued again.
//
// The engine, for each pending 'send_job' row of the connection, in id order:
//   1. For each level of payload.levels in order (customer, [location], [job]): look the full name up in
//      QuickBooks (CustomerQuery FullName); if it exists, link it (an existing customer or job with the same full
//      name is never duplicated); else CustomerAdd with Name = level.name and, below the first level,
//      ParentRef FullName = the previous level's fullName. The job level (payload.customerMapping other than
//      'customer') is an empty sub-customer: Name, JobStatus = payload.job.qbdJobStatus, JobDesc =
//      payload.job.description (already cut to 99 characters); no items, no comments.
//   2. On success: markJobSent(db, { jobId, connectionId, listId }) and the outbox row to 'done'.
//      On a QuickBooks error the user must fix (e.g. 3100 name in use by a vendor): markJobFailed(db, {...,
//      message}) with a plain-language message, the outbox row to 'failed'. Transient: leave it pending.
//   Purchase orders and bills costed to the job then carry payload.fullName as the line's CustomerRef FullName.
// ---------------------------------------------------------------------------------------------------------------
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { ConnectionT } from '../../preload/contract.js';
import type { JobPreview, JobQbState, ServiceTradeJob } from '../../preload/contracts/servicetrade.js';
import { findConnection } from '../db/repos/connections.js';
import { likePattern } from '../db/sql-helpers.js';
import { AppError, notFound } from '../domain/errors.js';
import { enqueueJobCosting, jobQueued, type JobKind } from '../sync/outbox.js';
import {
  jobNames,
  JobNamingSettings,
  NameRegistry,
  type CustomerMapping,
  type JobNameResult,
  type JobNameSource,
  type NamedLevel,
} from '../domain/job-names.js';

type JobT = z.infer<typeof ServiceTradeJob>;
type QbState = z.infer<typeof JobQbState>;

export const SEND_JOB_KIND = 'send_job' satisfies JobKind;
export const jobIdempotencyKey = (jobId: string) => `job:${jobId}:send`;

/** QuickBooks Desktop's JobStatus for a ServiceTrade job status. */
export function qbdJobStatus(status: string): 'Pending' | 'Awarded' | 'InProgress' | 'Closed' | 'NotAwarded' {
  switch (status) {
    case 'new':
    case 'bidding':
      return 'Pending';
    case 'scheduled':
      return 'Awarded';
    case 'closed':
      return 'Closed';
    case 'canceled':
      return 'NotAwarded';
    default:
      return 'InProgress'; // completed, pending_invoice, sending_invoice, invoiced
  }
}

/** What a 'send_job' outbox row carries (payload_json). */
export const SendJobPayload = z.object({
  version: z.literal(1),
  customerMapping: z.enum(['customer', 'customer:job', 'customer:location:job']),
  fullName: z.string(),
  levels: z.array(
    z.object({
      level: z.enum(['customer', 'location', 'job']),
      key: z.string(),
      name: z.string(),
      fullName: z.string(),
    }),
  ),
  job: z.object({
    serviceTradeConnectionId: z.string(),
    externalId: z.string(),
    number: z.string(),
    status: z.string(),
    qbdJobStatus: z.enum(['Pending', 'Awarded', 'InProgress', 'Closed', 'NotAwarded']),
    /** JobDesc: at most 99 characters. */
    description: z.string().max(99).nullable(),
  }),
});
export type SendJobPayload = z.infer<typeof SendJobPayload>;

interface JobRow {
  id: string;
  connection_id: string;
  external_id: string;
  number: string;
  name: string | null;
  type: string | null;
  status: string;
  description: string | null;
  customer_external_id: string | null;
  customer_name: string;
  location_external_id: string | null;
  location_name: string | null;
  scheduled_date: string | null;
  missing_since: string | null;
  ref_number: string | null;
  store_number: string | null;
  street: string | null;
  city: string | null;
  qb_state: QbState | null;
  qb_connection_id: string | null;
  qb_full_name: string | null;
  qb_message: string | null;
  qb_updated_at: string | null;
}

// The job with its location's details and its latest QuickBooks state. The customer and location names on the job
// row are kept current by the pull (a rename in ServiceTrade shows after a refresh).
const JOB_SELECT = `
  SELECT j.id, j.connection_id, j.external_id, j.number, j.name, j.type, j.status, j.description,
    j.customer_external_id, j.customer_name, j.location_external_id, j.location_name, j.scheduled_date,
    j.missing_since, l.ref_number, l.store_number, l.street, l.city,
    q.state AS qb_state, q.connection_id AS qb_connection_id, q.full_name AS qb_full_name, q.message AS qb_message,
    q.updated_at AS qb_updated_at
  FROM servicetrade_jobs j
  LEFT JOIN servicetrade_locations l ON l.connection_id = j.connection_id AND l.external_id = j.location_external_id
  LEFT JOIN servicetrade_job_qb q ON q.rowid = (
    SELECT q2.rowid FROM servicetrade_job_qb q2 WHERE q2.job_id = j.id ORDER BY q2.updated_at DESC LIMIT 1)`;

function toJob(r: JobRow): JobT {
  return {
    id: r.id,
    connectionId: r.connection_id,
    externalId: r.external_id,
    number: r.number,
    name: r.name,
    type: r.type,
    status: r.status,
    description: r.description,
    customer: { id: r.customer_external_id, name: r.customer_name },
    location:
      r.location_external_id !== null ? { id: r.location_external_id, name: r.location_name ?? '' } : null,
    scheduledDate: r.scheduled_date,
    missingSince: r.missing_since,
    quickbooks: {
      state: r.qb_state ?? 'not_sent',
      connectionId: r.qb_connection_id,
      fullName: r.qb_full_name === '' ? null : r.qb_full_name,
      message: r.qb_message,
      updatedAt: r.qb_updated_at,
    },
  };
}

export interface JobQuery {
  companyId: string;
  status?: string | undefined;
  customerId?: string | undefined;
  scheduledFrom?: string | undefined;
  scheduledTo?: string | undefined;
  quickbooksState?: QbState | undefined;
  search?: string | undefined;
  offset: number;
  limit: number;
}

/**
 * One page of jobs. The filters and the order read servicetrade_jobs alone (its customer and location names are
 * kept current by the pull), so the count and the page's ids come from the (company, scheduled date, id) index;
 * only the page's rows are then joined to their location and QuickBooks state.
 */
export function listJobs(db: Database, query: JobQuery): { total: number; items: JobT[] } {
  const where = ['j.company_id = @companyId'];
  const params: Record<string, string | number> = { companyId: query.companyId };
  if (query.status) {
    where.push('j.status = @status');
    params['status'] = query.status;
  }
  if (query.customerId) {
    where.push('j.customer_external_id = @customerId');
    params['customerId'] = query.customerId;
  }
  if (query.scheduledFrom) {
    where.push('j.scheduled_date >= @from');
    params['from'] = `${query.scheduledFrom}T00:00:00.000Z`;
  }
  if (query.scheduledTo) {
    where.push('j.scheduled_date < @to');
    params['to'] = new Date(Date.parse(`${query.scheduledTo}T00:00:00.000Z`) + 86_400_000).toISOString();
  }
  if (query.quickbooksState) {
    if (query.quickbooksState === 'not_sent') {
      where.push('NOT EXISTS (SELECT 1 FROM servicetrade_job_qb q WHERE q.job_id = j.id)');
    } else {
      where.push(
        `(SELECT q.state FROM servicetrade_job_qb q WHERE q.job_id = j.id ORDER BY q.updated_at DESC LIMIT 1) = @qbState`,
      );
      params['qbState'] = query.quickbooksState;
    }
  }
  if (query.search) {
    where.push(`j.search_text LIKE @search ESCAPE '\\'`);
    params['search'] = likePattern(query.search.toLowerCase());
  }
  const filter = `FROM servicetrade_jobs j WHERE ${where.join(' AND ')}`;
  const total = db
    .prepare<Record<string, string | number>, { n: number }>(`SELECT COUNT(*) AS n ${filter}`)
    .get(params)?.n;
  // Newest scheduled first; jobs without a date come last (SQLite sorts NULL lowest).
  const rows = db
    .prepare<Record<string, string | number>, JobRow>(
      `WITH page AS (
         SELECT j.id, j.scheduled_date ${filter} ORDER BY j.scheduled_date DESC, j.id DESC LIMIT @limit OFFSET @offset)
       ${JOB_SELECT} JOIN page ON page.id = j.id ORDER BY page.scheduled_date DESC, page.id DESC`,
    )
    .all({ ...params, limit: query.limit, offset: query.offset });
  return { total: total ?? 0, items: rows.map(toJob) };
}

function jobRow(db: Database, id: string): JobRow {
  const row = db.prepare<[string], JobRow>(`${JOB_SELECT} WHERE j.id = ?`).get(id);
  if (!row) throw notFound('Job', id);
  return row;
}

export function getJob(db: Database, id: string): JobT {
  return toJob(jobRow(db, id));
}

function nameSource(row: JobRow): JobNameSource {
  return {
    jobId: row.external_id,
    jobNumber: row.number,
    jobType: row.type,
    jobName: row.name,
    customer: { id: row.customer_external_id ?? `job-${row.external_id}`, name: row.customer_name },
    location:
      row.location_external_id === null
        ? null
        : {
            id: row.location_external_id,
            name: row.location_name ?? '',
            ref: row.ref_number,
            storeNumber: row.store_number,
            street: row.street,
            city: row.city,
          },
  };
}

/** The QuickBooks Desktop connection the jobs go to, with its naming settings, checked. */
function targetConnection(
  db: Database,
  connectionId: string,
  rows: JobRow[],
  override?: Record<string, unknown>,
): { connection: ConnectionT; naming: JobNamingSettings } {
  const connection = findConnection(db, connectionId);
  if (!connection) throw notFound('Connection', connectionId);
  if (connection.system !== 'quickbooks_desktop') {
    throw new AppError(
      'invalid_input',
      `Jobs go to QuickBooks Desktop for job costing; '${connection.name}' is not a QuickBooks Desktop connection.`,
      { problems: [{ field: 'connectionId', message: 'is not a QuickBooks Desktop connection' }] },
    );
  }
  const companyIds = new Set(
    rows.map(
      (r) =>
        db
          .prepare<[string], { company_id: string }>('SELECT company_id FROM servicetrade_jobs WHERE id = ?')
          .get(r.id)?.company_id,
    ),
  );
  if ([...companyIds].some((id) => id !== connection.companyId)) {
    throw new AppError(
      'invalid_input',
      `'${connection.name}' belongs to another company than these jobs. Choose this company's QuickBooks Desktop connection.`,
      { problems: [{ field: 'connectionId', message: 'belongs to another company' }] },
    );
  }
  if (override) {
    // A preview of settings not saved yet (the connection's settings panel): its problems are on their fields.
    const trial = JobNamingSettings.safeParse({ ...connection.settings, ...override });
    if (!trial.success) {
      const problems = trial.error.issues.map((issue) => {
        const field = issue.path.map(String).join('.');
        return { field, message: `${field} ${issue.message}` };
      });
      throw new AppError(
        'invalid_input',
        `The job naming settings are not valid: ${problems.map((p) => p.message).join('; ')}.`,
        { problems },
      );
    }
    return { connection, naming: trial.data };
  }
  const naming = JobNamingSettings.safeParse(connection.settings);
  if (!naming.success) {
    const issue = naming.error.issues[0];
    throw new AppError(
      'invalid_input',
      `The customer mapping of '${connection.name}' is not valid: ${issue?.path.join('.') ?? 'settings'} ${issue?.message ?? ''}. Fix it in the connection's settings.`,
    );
  }
  return { connection, naming: naming.data };
}

/** Names already given out on this connection (queued or sent jobs), so a new name cannot take one of them. */
function registryFor(db: Database, connectionId: string): NameRegistry {
  const registry = new NameRegistry();
  const rows = db
    .prepare<[string], { names_json: string }>(
      `SELECT names_json FROM servicetrade_job_qb WHERE connection_id = ? AND state IN ('queued', 'sent')
       ORDER BY updated_at, job_id`,
    )
    .all(connectionId);
  for (const row of rows) {
    for (const level of JSON.parse(row.names_json) as NamedLevel[]) registry.claim(level);
  }
  return registry;
}

function uniqueRows(db: Database, jobIds: string[]): JobRow[] {
  return [...new Set(jobIds)].map((id) => jobRow(db, id));
}

export interface PreviewItem {
  row: JobRow;
  result: JobNameResult;
}

function namesFor(db: Database, jobIds: string[], connectionId: string, override?: Record<string, unknown>) {
  const rows = uniqueRows(db, jobIds);
  const { connection, naming } = targetConnection(db, connectionId, rows, override);
  const registry = registryFor(db, connection.id);
  const items: PreviewItem[] = rows.map((row) => ({
    row,
    result: jobNames(nameSource(row), naming, registry),
  }));
  return { connection, naming, items };
}

/** The jobs' QuickBooks names under the connection's naming settings, or under `naming` (not saved yet) over them. */
export function previewJobs(
  db: Database,
  jobIds: string[],
  connectionId: string,
  naming?: Record<string, unknown>,
): { customerMapping: CustomerMapping; items: z.infer<typeof JobPreview>[] } {
  const { naming: settings, items } = namesFor(db, jobIds, connectionId, naming);
  return {
    customerMapping: settings.customerMapping,
    items: items.map(({ row, result }) => ({
      jobId: row.id,
      number: row.number,
      ok: result.ok,
      fullName: result.fullName,
      levels: result.levels.map(({ level, name, fullName }) => ({ level, name, fullName })),
      errors: result.ok ? [] : result.errors,
      notes: result.notes,
    })),
  };
}

function setQbState(
  db: Database,
  state: {
    jobId: string;
    connectionId: string;
    state: QbState;
    fullName: string;
    names: NamedLevel[];
    message: string | null;
    at: string;
  },
): void {
  db.prepare(
    `INSERT INTO servicetrade_job_qb (job_id, connection_id, state, full_name, names_json, message, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (job_id, connection_id) DO UPDATE SET state = excluded.state, full_name = excluded.full_name,
       names_json = excluded.names_json, message = excluded.message, updated_at = excluded.updated_at`,
  ).run(
    state.jobId,
    state.connectionId,
    state.state,
    state.fullName,
    JSON.stringify(state.names),
    state.message,
    state.at,
  );
}

export interface SendResult {
  queued: string[];
  alreadyQueued: string[];
  invalid: { jobId: string; number: string; errors: string[] }[];
  connection: ConnectionT;
  /** For the integration log: one line per job. */
  logLines: { jobId: string; result: 'info' | 'failure'; message: string }[];
}

/** Validates the names and queues the jobs for the QuickBooks Desktop engine, all in one transaction. */
export function sendJobs(db: Database, jobIds: string[], connectionId: string, now = new Date()): SendResult {
  return db.transaction(() => {
    const { connection, naming, items } = namesFor(db, jobIds, connectionId);
    const at = now.toISOString();
    const out: SendResult = { queued: [], alreadyQueued: [], invalid: [], connection, logLines: [] };
    for (const { row, result } of items) {
      const key = jobIdempotencyKey(row.id);
      if (jobQueued(db, connection.id, key)) {
        out.alreadyQueued.push(row.id);
        continue;
      }
      if (row.missing_since !== null) {
        // Deleted in ServiceTrade: nothing new is made for it in QuickBooks (its state there is left as it is).
        const error = `It is no longer in ServiceTrade (deleted there; found missing on ${row.missing_since.slice(0, 10)}), so it is not sent.`;
        out.invalid.push({ jobId: row.id, number: row.number, errors: [error] });
        out.logLines.push({
          jobId: row.id,
          result: 'failure',
          message: `Job ${row.number} was not queued for ${connection.name}: ${error}`,
        });
        continue;
      }
      if (!result.ok) {
        out.invalid.push({ jobId: row.id, number: row.number, errors: result.errors });
        setQbState(db, {
          jobId: row.id,
          connectionId: connection.id,
          state: 'invalid',
          fullName: result.fullName ?? '',
          names: [],
          message: result.errors.join(' '),
          at,
        });
        out.logLines.push({
          jobId: row.id,
          result: 'failure',
          message: `Job ${row.number} was not queued for ${connection.name}: ${result.errors.join(' ')}`,
        });
        continue;
      }
      const payload: SendJobPayload = {
        version: 1,
        customerMapping: naming.customerMapping,
        fullName: result.fullName,
        levels: result.levels,
        job: {
          serviceTradeConnectionId: row.connection_id,
          externalId: row.external_id,
          number: row.number,
          status: row.status,
          qbdJobStatus: qbdJobStatus(row.status),
          description: row.description === null ? null : row.description.slice(0, 99),
        },
      };
      enqueueJobCosting(db, {
        connectionId: connection.id,
        kind: SEND_JOB_KIND,
        entityId: row.id,
        key,
        payload,
        now,
      });
      setQbState(db, {
        jobId: row.id,
        connectionId: connection.id,
        state: 'queued',
        fullName: result.fullName,
        names: result.levels,
        message: null,
        at,
      });
      out.queued.push(row.id);
      out.logLines.push({
        jobId: row.id,
        result: 'info',
        message: `Job ${row.number} queued for ${connection.name} as "${result.fullName}"; it is created at the next Web Connector session.`,
      });
    }
    return out;
  })();
}

/** For the QuickBooks Desktop engine: the job exists in QuickBooks now (created or linked). */
export function markJobSent(
  db: Database,
  done: { jobId: string; connectionId: string; listId: string | null; now?: Date },
): void {
  db.prepare(
    `UPDATE servicetrade_job_qb SET state = 'sent', list_id = ?, message = NULL, updated_at = ?
     WHERE job_id = ? AND connection_id = ?`,
  ).run(done.listId, (done.now ?? new Date()).toISOString(), done.jobId, done.connectionId);
}

/** For the QuickBooks Desktop engine: QuickBooks refused the job; `message` says how to fix it. */
export function markJobFailed(
  db: Database,
  failed: { jobId: string; connectionId: string; message: string; now?: Date },
): void {
  db.prepare(
    `UPDATE servicetrade_job_qb SET state = 'failed', message = ?, updated_at = ? WHERE job_id = ? AND connection_id = ?`,
  ).run(failed.message, (failed.now ?? new Date()).toISOString(), failed.jobId, failed.connectionId);
}

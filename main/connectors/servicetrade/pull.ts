// One refresh of a ServiceTrade connection: companies, locations and jobs changed since the last checkpoint
// (`updatedAfter`, every page up to `totalPages`), then the invoices waiting for accounting. Each page is
// written in its own transaction; a kind's checkpoint moves only after all its pages are stored, so an
// interrupted refresh re-reads from the old checkpoint and the upserts make that harmless.
//
// Jobs: ServiceTrade's `GET /job` answers only *scheduled* jobs unless told otherwise, and `status=all` still
// leaves out canceled ones, so the job list is asked once per status, naming each (JOB_STATUSES).
//
// Deleted jobs: ServiceTrade reports none, so once a day (FULL_JOB_READ_EVERY_S, and on the first pull) the job
// lists are read whole, without `updatedAfter`; a stored job none returns is marked missing (kept, logged on the job).
//
// Each job or invoice that a pull changes gets an entry on its own timeline (the integration log by entity): what
// changed on a job already stored, an invoice's new status. A job seen for the first time gets none, so a first pull
// of a large account does not bury the Activity page.
//
// Transient failures (network, timeout, 429, 5xx) are retried a few times with backoff, each retry written to
// the integration log; what still fails ends the refresh with a ConnectorError that the log and the caller see.
import type { Database } from 'better-sqlite3';
import type { ConnectionT } from '../../../preload/contract.js';
import { ConnectorError, type ConnectorContext } from '../contract.js';
import { ServiceTradeClient } from './client.js';
import {
  envelope,
  JOB_STATUSES,
  pageOf,
  ServiceTradeSettings,
  StCompany,
  StInvoice,
  StJob,
  StLocation,
} from './schemas.js';
import {
  markMissingJobs,
  pendingInvoiceIds,
  readCheckpoint,
  upsertCompany,
  upsertInvoice,
  upsertJob,
  upsertLocation,
  writeCheckpoint,
  type PullEntity,
} from './store.js';

export interface LogFn {
  (entry: {
    companyId: string | null;
    connectionId: string | null;
    action: string;
    result: 'success' | 'failure' | 'retry' | 'info';
    message: string;
    detail?: string | null;
    /** The job or invoice the entry concerns (its timeline on the Jobs page). */
    entityType?: 'job' | 'st_invoice';
    entityId?: string;
  }): void;
}

export interface PullDeps {
  db: Database;
  connection: ConnectionT;
  ctx: ConnectorContext;
  log: LogFn;
  /** Waits between retries (tests may pass their own). */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  /** Read every job list whole now (to find jobs deleted in ServiceTrade), whenever the last whole read was. */
  fullJobRead?: boolean;
}

export interface PullCount {
  /** Records ServiceTrade returned. */
  fetched: number;
  /** Of those, records that were new or had changed since we last stored them. */
  changed: number;
}

export interface PullSummary {
  companies: PullCount;
  locations: PullCount;
  jobs: PullCount;
  invoices: PullCount;
  /** Jobs found deleted in ServiceTrade by this pull (0 when it did not read the job lists whole). */
  deletedJobs: number;
}

export const REFRESH_ACTION = 'servicetrade_refresh';
/** A pulled job or invoice that changed in ServiceTrade: written to its own timeline. */
export const JOB_CHANGED_ACTION = 'job_changed';
export const INVOICE_CHANGED_ACTION = 'invoice_changed';
/** A job no job list returns any more: deleted in ServiceTrade (its API does not say so otherwise). */
export const JOB_MISSING_ACTION = 'job_missing';
/**
 * How often the job lists are read whole to find deleted jobs: ServiceTrade reports no deletions, and a whole read
 * costs one request per hundred jobs, so once a day beside the incremental pulls.
 */
export const FULL_JOB_READ_EVERY_S = 24 * 60 * 60;
/** Attempts per request before a transient failure ends the refresh. */
export const MAX_ATTEMPTS = 4;
/**
 * The checkpoint never moves closer than this to the refresh's start, so a record changed while the refresh was
 * paging (which may land on a page already read) is read again next time.
 */
const CHECKPOINT_LAG_S = 300;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function clientFor(
  connection: ConnectionT,
  ctx: ConnectorContext,
  fetchImpl?: typeof fetch,
): { client: ServiceTradeClient; settings: ServiceTradeSettings } {
  const settings = ServiceTradeSettings.parse(connection.settings);
  const client = new ServiceTradeClient({
    connectionId: connection.id,
    baseUrl: settings.baseUrl,
    secrets: ctx.secrets,
    timeoutMs: settings.timeoutMs,
    signal: ctx.signal,
    beforeRequest: () => ctx.acquireRequestSlot(),
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return { client, settings };
}

export async function pullServiceTrade(deps: PullDeps): Promise<PullSummary> {
  const { db, connection } = deps;
  const { client, settings } = clientFor(connection, deps.ctx, deps.fetch);
  const sleep = deps.sleep ?? realSleep;
  const startedAtS = Math.floor(Date.now() / 1000);
  const companyId = connection.companyId;

  /** Runs one request with retries on transient failures, logging each retry. */
  async function withRetry<T>(what: string, run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof ConnectorError) || error.kind !== 'transient' || attempt >= MAX_ATTEMPTS) {
          throw error;
        }
        if (deps.ctx.signal.aborted) throw error;
        const delay = Math.min(error.retryAfterMs ?? settings.retryBaseMs * 2 ** (attempt - 1), 60_000);
        deps.log({
          companyId,
          connectionId: connection.id,
          action: REFRESH_ACTION,
          result: 'retry',
          message: `${error.userMessage} Reading ${what} again in ${formatDelay(delay)} (attempt ${attempt + 1} of ${MAX_ATTEMPTS}).`,
          detail: error.detail ?? null,
        });
        await sleep(delay);
      }
    }
  }

  /** Entries about changed jobs and invoices, written once their page is committed. */
  const changes: Parameters<LogFn>[0][] = [];
  function flushChanges(): void {
    for (const entry of changes.splice(0)) deps.log(entry);
  }
  /** The ServiceTrade ids every job list returned, when this pull reads them whole. */
  let seenJobs: Set<string> | null = null;
  function jobStored(j: StJob, at: string): boolean {
    seenJobs?.add(j.id);
    const result = upsertJob(db, companyId, connection.id, j, at);
    if (!result.isNew && result.differences.length > 0) {
      changes.push({
        companyId,
        connectionId: connection.id,
        action: JOB_CHANGED_ACTION,
        result: 'info',
        message: `Job ${j.number} changed in ServiceTrade: ${result.differences.join('; ')}.`,
        entityType: 'job',
        entityId: result.id,
      });
    }
    return result.changed;
  }
  function invoiceStored(inv: StInvoice, at: string): boolean {
    const result = upsertInvoice(db, companyId, connection.id, inv, at);
    if (result.statusBefore !== inv.status) {
      const label = inv.name ?? `invoice ${inv.id}`;
      changes.push({
        companyId,
        connectionId: connection.id,
        action: INVOICE_CHANGED_ACTION,
        result: 'info',
        message:
          result.statusBefore === null
            ? `ServiceTrade ${label} pulled: it is ${invoiceStatusText(inv.status)}.`
            : `ServiceTrade ${label} is now ${invoiceStatusText(inv.status)} (it was ${invoiceStatusText(result.statusBefore)}).`,
        entityType: 'st_invoice',
        entityId: result.id,
      });
    }
    return result.changed;
  }

  /**
   * Reads every page of one list and stores it page by page; returns the counts and the newest `updated` seen.
   */
  async function pullList<T extends { updated: number | null }>(
    what: string,
    path: string,
    key: string,
    schema: Parameters<typeof pageOf>[1],
    query: Record<string, string | number | undefined>,
    store: (record: T, at: string) => boolean,
  ): Promise<PullCount & { maxUpdated: number | null }> {
    const count = { fetched: 0, changed: 0, maxUpdated: null as number | null };
    const pageSchema = pageOf(key, schema);
    let totalPages = 1;
    for (let page = 1; page <= totalPages; page++) {
      const answer = await withRetry(what, () => client.get(path, { ...query, page }, pageSchema));
      const data = answer.data as { totalPages: number } & Record<string, T[]>;
      totalPages = data.totalPages;
      const records = data[key] ?? [];
      const at = new Date().toISOString();
      db.transaction(() => {
        for (const record of records) {
          count.fetched++;
          if (store(record, at)) count.changed++;
          if (record.updated !== null && (count.maxUpdated === null || record.updated > count.maxUpdated)) {
            count.maxUpdated = record.updated;
          }
        }
      })();
      flushChanges();
    }
    return count;
  }

  function nextCheckpoint(entity: PullEntity, maxUpdated: number | null): void {
    const previous = readCheckpoint(db, connection.id, entity);
    const candidate = Math.min(maxUpdated ?? previous ?? 0, startedAtS - CHECKPOINT_LAG_S);
    writeCheckpoint(db, connection.id, entity, Math.max(previous ?? 0, candidate), new Date().toISOString());
  }

  const since = (entity: PullEntity) => readCheckpoint(db, connection.id, entity) ?? undefined;

  const companies = await pullList<StCompany>(
    'customers',
    '/company',
    'companies',
    StCompany,
    { updatedAfter: since('company') },
    (c, at) => upsertCompany(db, connection.id, c, at),
  );
  nextCheckpoint('company', companies.maxUpdated);

  const locations = await pullList<StLocation>(
    'locations',
    '/location',
    'locations',
    StLocation,
    { updatedAfter: since('location') },
    (l, at) => upsertLocation(db, connection.id, l, at),
  );
  nextCheckpoint('location', locations.maxUpdated);

  const jobs: PullCount & { maxUpdated: number | null } = { fetched: 0, changed: 0, maxUpdated: null };
  const lastFull = readCheckpoint(db, connection.id, 'job_full');
  const fullRead =
    deps.fullJobRead === true || lastFull === null || startedAtS - lastFull >= FULL_JOB_READ_EVERY_S;
  const jobsSince = fullRead ? undefined : since('job');
  if (fullRead) seenJobs = new Set();
  for (const status of JOB_STATUSES) {
    const part = await pullList<StJob>(
      `${status.replace('_', ' ')} jobs`,
      '/job',
      'jobs',
      StJob,
      { status, updatedAfter: jobsSince },
      jobStored,
    );
    jobs.fetched += part.fetched;
    jobs.changed += part.changed;
    if (part.maxUpdated !== null && (jobs.maxUpdated === null || part.maxUpdated > jobs.maxUpdated)) {
      jobs.maxUpdated = part.maxUpdated;
    }
  }
  nextCheckpoint('job', jobs.maxUpdated);
  let deletedJobs = 0;
  if (seenJobs) {
    // Every list was read to its last page (a failure would have ended the pull above): what none returned is gone.
    const at = new Date().toISOString();
    const missing = markMissingJobs(db, connection.id, seenJobs, at);
    deletedJobs = missing.length;
    for (const job of missing) {
      deps.log({
        companyId,
        connectionId: connection.id,
        action: JOB_MISSING_ACTION,
        result: 'info',
        message: `Job ${job.number} is no longer in ServiceTrade (deleted there). It stays listed here, marked deleted, and is not sent to QuickBooks any more; whatever QuickBooks already has for it is left as it is.`,
        entityType: 'job',
        entityId: job.id,
      });
    }
    writeCheckpoint(db, connection.id, 'job_full', startedAtS, at);
  }

  // The pending_accounting queue is read whole each time (it is short). Invoices we hold as pending that left
  // the queue are read one by one to learn their new status (processed, void, ...).
  const seen = new Set<string>();
  const invoices = await pullList<StInvoice>(
    'invoices waiting for accounting',
    '/invoice',
    'invoices',
    StInvoice,
    { status: 'pending_accounting' },
    (inv, at) => {
      seen.add(inv.id);
      return invoiceStored(inv, at);
    },
  );
  for (const id of pendingInvoiceIds(db, connection.id)) {
    if (seen.has(id)) continue;
    const answer = await withRetry(`invoice ${id}`, () =>
      client.get(`/invoice/${encodeURIComponent(id)}`, {}, envelope(StInvoice)),
    );
    invoices.fetched++;
    const at = new Date().toISOString();
    if (invoiceStored(answer.data, at)) invoices.changed++;
    flushChanges();
  }
  nextCheckpoint('invoice', invoices.maxUpdated);

  const strip = ({ fetched, changed }: PullCount): PullCount => ({ fetched, changed });
  return {
    companies: strip(companies),
    locations: strip(locations),
    jobs: strip(jobs),
    invoices: strip(invoices),
    deletedJobs,
  };
}

/** An invoice status as the bookkeeper reads it. */
function invoiceStatusText(status: string): string {
  return status === 'pending_accounting' ? 'waiting for accounting' : `'${status.replace(/_/g, ' ')}'`;
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

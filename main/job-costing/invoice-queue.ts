// ServiceTrade invoices (pending_accounting) queued for QuickBooks Desktop, and the write-back of QuickBooks'
// invoice number to ServiceTrade once QuickBooks accepted one.
//
// ---------------------------------------------------------------------------------------------------------------
// The contract with the QuickBooks Desktop session's unit for invoices (main/job-costing/qbd-invoices.ts):
//
// queueInvoices writes, in one transaction, for each invoice (the outbox row through main/sync/outbox.ts):
//   outbox_jobs: connection_id = the QuickBooks Desktop connection, kind = 'send_invoice',
//                entity_type = 'st_invoice', entity_id = servicetrade_invoices.id,
//                idempotency_key = 'stinvoice:<servicetrade_invoices.id>:send', payload_json = SendInvoicePayload;
//   servicetrade_invoice_qb: (invoice_id, connection_id) state 'queued'.
// The invoice's job is queued first (a 'send_job' row, so an earlier id) when it is not in QuickBooks yet.
//
// The engine waits while the job is queued, fails the invoice when the job failed, and otherwise sends InvoiceAdd
// with CustomerRef = the job's full name (ExternalGUID from the key; a lost answer is looked up by customer and
// ExternalGUID before any second Add). On success: markInvoiceSent (write-back becomes pending); on a QuickBooks
// error the user must fix: markInvoiceFailed. runWriteBacks (the ServiceTrade refresh schedule) then writes the
// number back, retrying on the next run while ServiceTrade is unreachable.
// ---------------------------------------------------------------------------------------------------------------
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { ConnectionT } from '../../preload/contract.js';
import { findConnection } from '../db/repos/connections.js';
import { AppError, notFound } from '../domain/errors.js';
import { enqueueJobCosting, jobQueued, type JobKind } from '../sync/outbox.js';
import { ConnectorError, type ConnectorContext } from '../connectors/contract.js';
import { writeBackInvoice } from '../connectors/servicetrade/invoices.js';
import { sendJobs } from './jobs.js';

export const SEND_INVOICE_KIND = 'send_invoice' satisfies JobKind;
export const INVOICE_ENTITY = 'st_invoice' as const;
export const invoiceIdempotencyKey = (invoiceId: string) => `stinvoice:${invoiceId}:send`;

/** What a 'send_invoice' outbox row carries. */
export const SendInvoicePayload = z.object({
  version: z.literal(1),
  invoiceId: z.string(),
  externalId: z.string(),
  /** servicetrade_jobs.id of the invoiced job. */
  jobId: z.string(),
  jobNumber: z.string(),
  serviceTradeConnectionId: z.string(),
  /** YYYY-MM-DD, or null for QuickBooks' today. */
  txnDate: z.string().nullable(),
  memo: z.string().max(4000),
  lines: z.array(
    z.object({
      description: z.string(),
      quantity: z.number(),
      price: z.number(),
      /** The ServiceTrade item's name: used when QuickBooks has an item of that name, else the default item. */
      itemName: z.string().nullable(),
    }),
  ),
});
export type SendInvoicePayload = z.infer<typeof SendInvoicePayload>;

const StItem = z
  .object({
    description: z.string().nullish(),
    name: z.string().nullish(),
    quantity: z.coerce.number().nullish(),
    price: z.coerce.number().nullish(),
    libItem: z.object({ name: z.string().nullish() }).passthrough().nullish(),
  })
  .passthrough();

interface InvoiceRow {
  id: string;
  company_id: string;
  connection_id: string;
  external_id: string;
  name: string | null;
  status: string;
  job_external_id: string | null;
  transaction_date: string | null;
  items_json: string;
}

export interface QueueInvoicesResult {
  queued: string[];
  alreadyQueued: string[];
  invalid: { invoiceId: string; errors: string[] }[];
  connection: ConnectionT;
  /** For the integration log: each line on the invoice's (or its job's) timeline. */
  logLines: {
    result: 'info' | 'failure';
    message: string;
    entityType: 'job' | 'st_invoice';
    entityId: string;
  }[];
}

function setInvoiceState(
  db: Database,
  s: { invoiceId: string; connectionId: string; state: string; message: string | null; at: string },
): void {
  db.prepare(
    `INSERT INTO servicetrade_invoice_qb (invoice_id, connection_id, state, message, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (invoice_id, connection_id) DO UPDATE SET state = excluded.state, message = excluded.message,
       updated_at = excluded.updated_at`,
  ).run(s.invoiceId, s.connectionId, s.state, s.message, s.at);
}

/** Queues ServiceTrade invoices (and their jobs when not in QuickBooks yet) for a QuickBooks Desktop connection. */
export function queueInvoices(
  db: Database,
  invoiceIds: string[],
  connectionId: string,
  now = new Date(),
): QueueInvoicesResult {
  return db.transaction(() => {
    const connection = findConnection(db, connectionId);
    if (!connection) throw notFound('Connection', connectionId);
    if (connection.system !== 'quickbooks_desktop') {
      throw new AppError(
        'invalid_input',
        `ServiceTrade invoices go to QuickBooks Desktop; '${connection.name}' is not a QuickBooks Desktop connection.`,
        { problems: [{ field: 'connectionId', message: 'is not a QuickBooks Desktop connection' }] },
      );
    }
    const at = now.toISOString();
    const out: QueueInvoicesResult = { queued: [], alreadyQueued: [], invalid: [], connection, logLines: [] };
    for (const invoiceId of [...new Set(invoiceIds)]) {
      const inv = db
        .prepare<[string], InvoiceRow>(
          `SELECT id, company_id, connection_id, external_id, name, status, job_external_id, transaction_date, items_json
           FROM servicetrade_invoices WHERE id = ?`,
        )
        .get(invoiceId);
      if (!inv) throw notFound('Invoice', invoiceId);
      if (inv.company_id !== connection.companyId) {
        throw new AppError(
          'invalid_input',
          `'${connection.name}' belongs to another company than invoice ${inv.name ?? inv.external_id}.`,
        );
      }
      const key = invoiceIdempotencyKey(inv.id);
      if (jobQueued(db, connection.id, key)) {
        out.alreadyQueued.push(inv.id);
        continue;
      }
      const label = inv.name ?? `ServiceTrade invoice ${inv.external_id}`;
      const reject = (error: string) => {
        out.invalid.push({ invoiceId: inv.id, errors: [error] });
        setInvoiceState(db, {
          invoiceId: inv.id,
          connectionId: connection.id,
          state: 'failed',
          message: error,
          at,
        });
        out.logLines.push({
          result: 'failure',
          message: `${label} was not queued: ${error}`,
          entityType: INVOICE_ENTITY,
          entityId: inv.id,
        });
      };
      if (inv.status !== 'pending_accounting') {
        reject(`it is '${inv.status}' in ServiceTrade; only invoices waiting for accounting are sent.`);
        continue;
      }
      const job = inv.job_external_id
        ? db
            .prepare<[string, string], { id: string; number: string }>(
              'SELECT id, number FROM servicetrade_jobs WHERE connection_id = ? AND external_id = ?',
            )
            .get(inv.connection_id, inv.job_external_id)
        : undefined;
      if (!job) {
        reject(
          'its job has not been pulled from ServiceTrade yet. Refresh the ServiceTrade connection, then send it again.',
        );
        continue;
      }
      const jobState = db
        .prepare<[string, string], { state: string }>(
          'SELECT state FROM servicetrade_job_qb WHERE job_id = ? AND connection_id = ?',
        )
        .get(job.id, connection.id)?.state;
      if (jobState !== 'sent' && jobState !== 'queued') {
        // Not in QuickBooks yet: the job goes first (an earlier outbox row), in the same session.
        const sent = sendJobs(db, [job.id], connection.id, now);
        for (const line of sent.logLines) {
          out.logLines.push({
            result: line.result,
            message: line.message,
            entityType: 'job',
            entityId: line.jobId,
          });
        }
        if (sent.invalid.length > 0) {
          reject(
            `its job ${job.number} cannot be created in QuickBooks: ${sent.invalid[0]!.errors.join(' ')}`,
          );
          continue;
        }
      }
      const items = z.array(StItem).safeParse(JSON.parse(inv.items_json));
      const payload: SendInvoicePayload = {
        version: 1,
        invoiceId: inv.id,
        externalId: inv.external_id,
        jobId: job.id,
        jobNumber: job.number,
        serviceTradeConnectionId: inv.connection_id,
        txnDate: inv.transaction_date ? inv.transaction_date.slice(0, 10) : null,
        memo: `ServiceTrade ${label}`.slice(0, 4000),
        lines: (items.success ? items.data : []).map((item) => ({
          description: item.description ?? item.name ?? '',
          quantity: item.quantity ?? 1,
          price: item.price ?? 0,
          itemName: item.libItem?.name ?? null,
        })),
      };
      enqueueJobCosting(db, {
        connectionId: connection.id,
        kind: SEND_INVOICE_KIND,
        entityId: inv.id,
        key,
        payload,
        now,
      });
      setInvoiceState(db, {
        invoiceId: inv.id,
        connectionId: connection.id,
        state: 'queued',
        message: null,
        at,
      });
      out.queued.push(inv.id);
      out.logLines.push({
        result: 'info',
        message: `${label} queued for ${connection.name} on job ${job.number}; it is created at the next Web Connector session.`,
        entityType: INVOICE_ENTITY,
        entityId: inv.id,
      });
    }
    return out;
  })();
}

/**
 * After a pull, when the ServiceTrade connection says so (settings.autoSendInvoicesTo): queues the pending_accounting
 * invoices never queued for that QuickBooks Desktop connection. One that failed waits for the bookkeeper.
 */
export function autoQueueInvoices(
  db: Database,
  serviceTrade: ConnectionT,
  now = new Date(),
): QueueInvoicesResult | null {
  const target = serviceTrade.settings['autoSendInvoicesTo'];
  if (typeof target !== 'string' || target === '') return null;
  const ids = db
    .prepare<[string, string], { id: string }>(
      `SELECT i.id FROM servicetrade_invoices i WHERE i.connection_id = ? AND i.status = 'pending_accounting'
         AND NOT EXISTS (SELECT 1 FROM servicetrade_invoice_qb q WHERE q.invoice_id = i.id AND q.connection_id = ?)
       ORDER BY i.transaction_date, i.id`,
    )
    .all(serviceTrade.id, target)
    .map((r) => r.id);
  if (ids.length === 0) return null;
  return queueInvoices(db, ids, target, now);
}

/** The job's full name in QuickBooks and its state there (for the engine). */
export function jobInQuickBooks(
  db: Database,
  jobId: string,
  connectionId: string,
): { state: string; fullName: string; message: string | null } | undefined {
  return db
    .prepare<[string, string], { state: string; fullName: string; message: string | null }>(
      'SELECT state, full_name AS fullName, message FROM servicetrade_job_qb WHERE job_id = ? AND connection_id = ?',
    )
    .get(jobId, connectionId);
}

/** For the engine: QuickBooks holds the invoice now; its number waits to be written back to ServiceTrade. */
export function markInvoiceSent(
  db: Database,
  done: { invoiceId: string; connectionId: string; txnId: string; refNumber: string | null; now: Date },
): void {
  db.prepare(
    `UPDATE servicetrade_invoice_qb SET state = 'sent', txn_id = ?, ref_number = ?, message = NULL,
       writeback_state = 'pending', writeback_attempts = 0, writeback_message = NULL, updated_at = ?
     WHERE invoice_id = ? AND connection_id = ?`,
  ).run(done.txnId, done.refNumber, done.now.toISOString(), done.invoiceId, done.connectionId);
}

/** For the engine: QuickBooks refused the invoice; `message` says how to fix it. */
export function markInvoiceFailed(
  db: Database,
  failed: { invoiceId: string; connectionId: string; message: string; now: Date },
): void {
  db.prepare(
    `UPDATE servicetrade_invoice_qb SET state = 'failed', message = ?, updated_at = ? WHERE invoice_id = ? AND connection_id = ?`,
  ).run(failed.message, failed.now.toISOString(), failed.invoiceId, failed.connectionId);
}

/** Write-backs give up (and show the problem) after this many failed attempts. */
export const WRITEBACK_MAX_ATTEMPTS = 10;

export interface WriteBackRunDeps {
  db: Database;
  /** The ServiceTrade connection whose invoices' numbers are written back. */
  connection: ConnectionT;
  ctx: ConnectorContext;
  fetch?: typeof fetch;
  log: (entry: {
    companyId: string;
    connectionId: string;
    action: string;
    result: 'success' | 'failure' | 'retry' | 'info';
    message: string;
    detail?: string;
    entityType?: 'job' | 'st_invoice';
    entityId?: string;
  }) => void;
  now?: () => Date;
}

/**
 * Writes QuickBooks' invoice numbers back to ServiceTrade for the invoices QuickBooks accepted. A transient
 * failure (ServiceTrade down) leaves the write-back pending for the next run; nothing is lost.
 */
export async function runWriteBacks(deps: WriteBackRunDeps): Promise<{ done: number; failed: number }> {
  const now = deps.now ?? (() => new Date());
  const rows = deps.db
    .prepare<
      [string],
      {
        invoice_id: string;
        connection_id: string;
        external_id: string;
        name: string | null;
        ref_number: string | null;
        writeback_attempts: number;
      }
    >(
      `SELECT q.invoice_id, q.connection_id, i.external_id, i.name, q.ref_number, q.writeback_attempts
       FROM servicetrade_invoice_qb q JOIN servicetrade_invoices i ON i.id = q.invoice_id
       WHERE i.connection_id = ? AND q.writeback_state = 'pending' ORDER BY q.updated_at`,
    )
    .all(deps.connection.id);
  let done = 0;
  let failed = 0;
  const update = deps.db.prepare(
    `UPDATE servicetrade_invoice_qb SET writeback_state = ?, writeback_attempts = ?, writeback_message = ?,
       updated_at = ? WHERE invoice_id = ? AND connection_id = ?`,
  );
  for (const row of rows) {
    const label = row.name ?? `invoice ${row.external_id}`;
    const base = {
      companyId: deps.connection.companyId,
      connectionId: deps.connection.id,
      action: 'invoice_writeback',
      entityType: INVOICE_ENTITY,
      entityId: row.invoice_id,
    };
    try {
      await writeBackInvoice(
        {
          db: deps.db,
          connection: deps.connection,
          ctx: deps.ctx,
          ...(deps.fetch ? { fetch: deps.fetch } : {}),
        },
        row.external_id,
        row.ref_number ?? '',
      );
      update.run(
        'done',
        row.writeback_attempts + 1,
        null,
        now().toISOString(),
        row.invoice_id,
        row.connection_id,
      );
      done += 1;
      deps.log({
        ...base,
        result: 'success',
        message: `ServiceTrade ${label} now carries QuickBooks invoice number ${row.ref_number ?? ''} and is marked processed.`,
      });
    } catch (error) {
      const attempts = row.writeback_attempts + 1;
      const transient = !(error instanceof ConnectorError) || error.kind === 'transient';
      const giveUp = !transient || attempts >= WRITEBACK_MAX_ATTEMPTS;
      const message =
        error instanceof ConnectorError
          ? error.userMessage
          : error instanceof Error
            ? error.message
            : String(error);
      update.run(
        giveUp ? 'failed' : 'pending',
        attempts,
        message,
        now().toISOString(),
        row.invoice_id,
        row.connection_id,
      );
      if (giveUp) failed += 1;
      deps.log({
        ...base,
        result: giveUp ? 'failure' : 'retry',
        message: giveUp
          ? `QuickBooks invoice number ${row.ref_number ?? ''} could not be written back to ServiceTrade ${label}: ${message}`
          : `ServiceTrade could not take QuickBooks invoice number ${row.ref_number ?? ''} for ${label} yet; tried again at the next refresh. ${message}`,
      });
    }
  }
  return { done, failed };
}

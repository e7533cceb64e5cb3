// The handlers of preload/contracts/servicetrade.ts: refresh a ServiceTrade connection, list its jobs, customers
// and invoices, preview the jobs' QuickBooks names and queue jobs for QuickBooks Desktop (see
// main/job-costing/jobs.ts for what the QuickBooks Desktop engine does with them).
import type { servicetradeContract } from '../../preload/contracts/servicetrade.js';
import { getConnection } from '../db/repos/connections.js';
import { ConnectorError } from '../connectors/contract.js';
import {
  getJob,
  listJobs,
  previewJobs,
  queueInvoices,
  refreshConnection,
  sendJobs,
} from '../job-costing/index.js';
import { AppError, notFound } from '../domain/errors.js';
import { listLog } from '../sync/log.js';
import type { ApiContext, AreaHandlers } from './context.js';

function serviceTradeConnection(ctx: ApiContext, connectionId: string) {
  const connection = getConnection(ctx.db, connectionId);
  if (connection.system !== 'servicetrade') {
    throw new AppError('invalid_input', `'${connection.name}' is not a ServiceTrade connection.`, {
      problems: [{ field: 'connectionId', message: 'is not a ServiceTrade connection' }],
    });
  }
  if (connection.status === 'not_connected' || connection.status === 'connecting') {
    throw new AppError(
      'invalid_input',
      `Connect '${connection.name}' first (Connections → Connect), then refresh.`,
    );
  }
  return connection;
}

/** The job's timeline: entries about the job and about its invoices. */
function jobLog(ctx: ApiContext, jobId: string, offset: number, limit: number) {
  const job = ctx.db
    .prepare<[string], { connection_id: string; external_id: string }>(
      'SELECT connection_id, external_id FROM servicetrade_jobs WHERE id = ?',
    )
    .get(jobId);
  if (!job) throw notFound('Job', jobId);
  const invoices = ctx.db
    .prepare<[string, string], { id: string }>(
      'SELECT id FROM servicetrade_invoices WHERE connection_id = ? AND job_external_id = ?',
    )
    .all(job.connection_id, job.external_id);
  return listLog(ctx.db, {
    entities: [
      { type: 'job', id: jobId },
      ...invoices.map((i) => ({ type: 'st_invoice' as const, id: i.id })),
    ],
    offset,
    limit,
  });
}

interface InvoiceRow {
  id: string;
  connection_id: string;
  external_id: string;
  invoice_number: string | null;
  name: string | null;
  type: string | null;
  status: string;
  job_id: string | null;
  job_number: string | null;
  customer_name: string | null;
  total_price: string | null;
  transaction_date: string | null;
  qb_connection_id: string | null;
  qb_state: 'queued' | 'sent' | 'failed' | null;
  qb_ref_number: string | null;
  qb_message: string | null;
  qb_writeback: 'pending' | 'done' | 'failed' | null;
}

export const servicetradeHandlers: AreaHandlers<typeof servicetradeContract> = {
  'servicetrade.refresh': async ({ connectionId }, ctx) => {
    const connection = serviceTradeConnection(ctx, connectionId);
    try {
      return await refreshConnection(
        {
          db: ctx.db,
          connectorContext: (c) => ctx.connectorContext(c),
          log: (entry) => ctx.log(entry),
          announce: (id) => ctx.emit({ type: 'connection', connectionId: id }),
        },
        connection,
      );
    } catch (error) {
      if (error instanceof ConnectorError) {
        // Not 'unauthorized': that is HTTP 401, which the renderer takes as its own API token being refused.
        throw new AppError(
          error.kind === 'auth' ? 'forbidden' : error.kind === 'needs_user' ? 'invalid_input' : 'internal',
          error.userMessage,
          error.detail !== undefined ? { detail: error.detail } : {},
        );
      }
      throw error;
    }
  },
  'servicetrade.customers.list': ({ companyId }, ctx) =>
    ctx.db
      .prepare<[string], { id: string; name: string }>(
        `SELECT c.external_id AS id, c.name FROM servicetrade_companies c
         JOIN connections k ON k.id = c.connection_id
         WHERE k.company_id = ? AND EXISTS (
           SELECT 1 FROM servicetrade_jobs j WHERE j.connection_id = c.connection_id AND j.customer_external_id = c.external_id)
         ORDER BY c.name COLLATE NOCASE`,
      )
      .all(companyId),
  'servicetrade.invoices.list': ({ companyId, status, offset, limit }, ctx) => {
    const where = ['i.company_id = @companyId'];
    if (status) where.push('i.status = @status');
    const params = { companyId, status: status ?? '', offset, limit };
    const from = `FROM servicetrade_invoices i
      LEFT JOIN servicetrade_jobs j ON j.connection_id = i.connection_id AND j.external_id = i.job_external_id
      LEFT JOIN servicetrade_companies c ON c.connection_id = i.connection_id AND c.external_id = i.customer_external_id
      LEFT JOIN servicetrade_invoice_qb q ON q.rowid = (
        SELECT q2.rowid FROM servicetrade_invoice_qb q2 WHERE q2.invoice_id = i.id ORDER BY q2.updated_at DESC LIMIT 1)
      WHERE ${where.join(' AND ')}`;
    const total =
      ctx.db.prepare<typeof params, { n: number }>(`SELECT COUNT(*) AS n ${from}`).get(params)?.n ?? 0;
    const rows = ctx.db
      .prepare<typeof params, InvoiceRow>(
        `SELECT i.id, i.connection_id, i.external_id, i.invoice_number, i.name, i.type, i.status,
           j.id AS job_id, j.number AS job_number, COALESCE(c.name, j.customer_name) AS customer_name,
           i.total_price, i.transaction_date, q.connection_id AS qb_connection_id, q.state AS qb_state,
           q.ref_number AS qb_ref_number, COALESCE(q.message, q.writeback_message) AS qb_message,
           q.writeback_state AS qb_writeback
         ${from} ORDER BY i.transaction_date DESC, i.external_id DESC LIMIT @limit OFFSET @offset`,
      )
      .all(params);
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        connectionId: r.connection_id,
        externalId: r.external_id,
        invoiceNumber: r.invoice_number,
        name: r.name,
        type: r.type,
        status: r.status,
        jobId: r.job_id,
        jobNumber: r.job_number,
        customerName: r.customer_name,
        totalPrice: r.total_price,
        transactionDate: r.transaction_date,
        quickbooks:
          r.qb_connection_id && r.qb_state
            ? {
                connectionId: r.qb_connection_id,
                state: r.qb_state,
                refNumber: r.qb_ref_number,
                message: r.qb_message,
                writeBack: r.qb_writeback,
              }
            : null,
      })),
    };
  },
  'servicetrade.invoices.log': ({ invoiceId, offset, limit }, ctx) => {
    const exists = ctx.db
      .prepare<[string], { id: string }>('SELECT id FROM servicetrade_invoices WHERE id = ?')
      .get(invoiceId);
    if (!exists) throw notFound('Invoice', invoiceId);
    return listLog(ctx.db, { entities: [{ type: 'st_invoice', id: invoiceId }], offset, limit });
  },
  'jobs.list': (input, ctx) => listJobs(ctx.db, input),
  'jobs.log': ({ jobId, offset, limit }, ctx) => jobLog(ctx, jobId, offset, limit),
  'jobs.get': ({ id }, ctx) => getJob(ctx.db, id),
  'jobs.preview': ({ jobIds, connectionId, naming }, ctx) =>
    previewJobs(ctx.db, jobIds, connectionId, naming),
  'servicetrade.invoices.send': ({ invoiceIds, connectionId }, ctx) => {
    const result = queueInvoices(ctx.db, invoiceIds, connectionId);
    // After the commit: the log never announces a queueing that was rolled back.
    for (const line of result.logLines) {
      ctx.log({
        companyId: result.connection.companyId,
        connectionId: result.connection.id,
        action: 'send_invoice',
        result: line.result,
        message: line.message,
        entityType: line.entityType,
        entityId: line.entityId,
      });
    }
    ctx.emit({ type: 'connection', connectionId: result.connection.id });
    return { queued: result.queued, alreadyQueued: result.alreadyQueued, invalid: result.invalid };
  },
  'jobs.send': ({ jobIds, connectionId }, ctx) => {
    const result = sendJobs(ctx.db, jobIds, connectionId);
    // After the commit: the log never announces a queueing that was rolled back.
    for (const line of result.logLines) {
      ctx.log({
        companyId: result.connection.companyId,
        connectionId: result.connection.id,
        action: 'send_job',
        result: line.result,
        message: line.message,
        entityType: 'job',
        entityId: line.jobId,
      });
    }
    ctx.emit({ type: 'connection', connectionId: result.connection.id });
    ctx.kickSync();
    return { queued: result.queued, alreadyQueued: result.alreadyQueued, invalid: result.invalid };
  },
};

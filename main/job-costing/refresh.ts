// One ServiceTrade refresh of a connection (its schedule is refresh-schedule.ts): the pull (main/connectors/servicetrade/
// pull.ts), then the invoices queued for QuickBooks Desktop and the invoice numbers written back.
// "Refresh now" and the schedule share one refresh per connection at a time: a second request while one runs
// gets the running one's result instead of starting another pull. The outcome goes to the integration log in
// plain language; an authorization ServiceTrade refuses marks the connection "reconnect".
import type { Database } from 'better-sqlite3';
import type { ConnectionT } from '../../preload/contract.js';
import { ConnectorError, type ConnectorContext } from '../connectors/contract.js';
import {
  pullServiceTrade,
  REFRESH_ACTION,
  type LogFn,
  type PullSummary,
} from '../connectors/servicetrade/pull.js';
import { autoQueueInvoices, runWriteBacks } from './invoice-queue.js';

export interface RefreshDeps {
  db: Database;
  connectorContext(connection: ConnectionT): ConnectorContext;
  log: LogFn;
  /** Announces that the connection's data changed (the renderer reloads its jobs). */
  announce(connectionId: string): void;
  sleep?: (ms: number) => Promise<void>;
}

const running = new Map<string, Promise<PullSummary>>();

export function isRefreshing(connectionId: string): boolean {
  return running.has(connectionId);
}

/** The refreshes running now (by the schedule or "Refresh now"), for a shutdown that lets them end. */
export function refreshesInFlight(): Promise<PullSummary>[] {
  return [...running.values()];
}

export function refreshConnection(deps: RefreshDeps, connection: ConnectionT): Promise<PullSummary> {
  const current = running.get(connection.id);
  if (current) return current;
  const run = runRefresh(deps, connection).finally(() => running.delete(connection.id));
  running.set(connection.id, run);
  return run;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

async function runRefresh(deps: RefreshDeps, connection: ConnectionT): Promise<PullSummary> {
  const base = { companyId: connection.companyId, connectionId: connection.id, action: REFRESH_ACTION };
  try {
    const summary = await pullServiceTrade({
      db: deps.db,
      connection,
      ctx: deps.connectorContext(connection),
      log: deps.log,
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });
    if (connection.status !== 'connected') {
      deps.db
        .prepare(
          `UPDATE connections SET status = 'connected', status_message = NULL, updated_at = ? WHERE id = ?`,
        )
        .run(new Date().toISOString(), connection.id);
    }
    deps.log({
      ...base,
      result: 'success',
      message:
        `ServiceTrade refreshed: ${plural(summary.jobs.changed, 'new or changed job')}, ` +
        `${plural(summary.locations.changed, 'location')}, ${plural(summary.companies.changed, 'customer')}, ` +
        `${plural(summary.invoices.changed, 'invoice')} waiting for accounting` +
        (summary.deletedJobs > 0
          ? `; ${plural(summary.deletedJobs, 'job')} deleted in ServiceTrade (marked, kept here).`
          : '.'),
      detail: JSON.stringify(summary),
    });
    try {
      const queued = autoQueueInvoices(deps.db, connection);
      for (const line of queued?.logLines ?? []) {
        deps.log({
          ...base,
          action: 'send_invoice',
          result: line.result,
          message: line.message,
          entityType: line.entityType,
          entityId: line.entityId,
        });
      }
      if (queued && queued.queued.length > 0) deps.announce(queued.connection.id);
    } catch (error) {
      deps.log({
        ...base,
        action: 'send_invoice',
        result: 'failure',
        message: `ServiceTrade invoices were not queued for QuickBooks automatically: ${error instanceof Error ? error.message : String(error)}. Check the QuickBooks Desktop connection chosen in the ServiceTrade connection's settings.`,
      });
    }
    // QuickBooks invoice numbers waiting to go back to ServiceTrade (each failure logged and kept for next time).
    await runWriteBacks({ db: deps.db, connection, ctx: deps.connectorContext(connection), log: deps.log });
    deps.announce(connection.id);
    return summary;
  } catch (error) {
    const known = error instanceof ConnectorError;
    const message = known
      ? error.userMessage
      : 'Refreshing from ServiceTrade failed unexpectedly. Try again; if it keeps failing, report it.';
    if (known && error.kind === 'auth') {
      deps.db
        .prepare(
          `UPDATE connections SET status = 'needs_reconnect', status_message = ?, updated_at = ? WHERE id = ?`,
        )
        .run(message, new Date().toISOString(), connection.id);
    }
    deps.log({
      ...base,
      result: 'failure',
      message,
      detail: known ? (error.detail ?? null) : error instanceof Error ? error.message : String(error),
    });
    deps.announce(connection.id);
    throw error;
  }
}

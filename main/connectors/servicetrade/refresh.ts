// "Refresh now" and the schedule share one refresh per connection at a time: a second request while one runs
// gets the running one's result instead of starting another pull. The outcome goes to the integration log in
// plain language; an authorization ServiceTrade refuses marks the connection "reconnect".
import type { Database } from 'better-sqlite3';
import type { ConnectionT } from '../../../preload/contract.js';
import { findConnection, listConnections } from '../../db/repos/connections.js';
import { ConnectorError, type ConnectorContext } from '../contract.js';
import { pullServiceTrade, REFRESH_ACTION, type LogFn, type PullSummary } from './pull.js';
import { ServiceTradeSettings } from './schemas.js';
import { lastPulledAt } from './store.js';
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

/**
 * Pulls each connected ServiceTrade connection when its `refreshMinutes` have passed since its last pull. Checks
 * once a minute; the timer does not keep the process alive.
 */
export class RefreshSchedule {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** When the schedule last started each connection's refresh: a failing one waits its interval too. */
  private readonly attempted = new Map<string, number>();
  /** Stops the schedule's own refreshes' requests when the app closes. */
  private readonly abort = new AbortController();
  private readonly deps: RefreshDeps;

  constructor(
    deps: RefreshDeps,
    private readonly checkEveryMs = 60_000,
  ) {
    this.deps = {
      ...deps,
      connectorContext: (connection) => {
        const ctx = deps.connectorContext(connection);
        return { ...ctx, signal: AbortSignal.any([ctx.signal, this.abort.signal]) };
      },
    };
  }

  start(): void {
    if (this.timer) return;
    this.stopped = false;
    this.timer = setInterval(() => void this.tick(), this.checkEveryMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.abort.abort(new DOMException('Ledgerbridge is stopping', 'AbortError'));
    // Let a refresh in flight end (its requests are aborted) before the database closes, but never hold up
    // quitting for long: what it had not stored yet is pulled again next time.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...running.values()]),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 5_000);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }

  /** Starts the refreshes that are due; returns them (for tests). */
  tick(now = Date.now()): Promise<unknown>[] {
    if (this.stopped) return [];
    const started: Promise<unknown>[] = [];
    let connections: ConnectionT[];
    try {
      connections = listConnections(this.deps.db).filter(
        (c) => c.system === 'servicetrade' && c.status === 'connected',
      );
    } catch {
      return []; // the database is closing
    }
    for (const connection of connections) {
      const parsed = ServiceTradeSettings.safeParse(connection.settings);
      const minutes = parsed.success ? parsed.data.refreshMinutes : 15;
      if (minutes === 0 || isRefreshing(connection.id)) continue;
      const last = lastPulledAt(this.deps.db, connection.id);
      if (last !== null && now - Date.parse(last) < minutes * 60_000) continue;
      const attempted = this.attempted.get(connection.id);
      if (attempted !== undefined && now - attempted < minutes * 60_000) continue;
      this.attempted.set(connection.id, now);
      const fresh = findConnection(this.deps.db, connection.id);
      if (!fresh) continue;
      // Failures are already in the integration log; the next tick tries again.
      started.push(refreshConnection(this.deps, fresh).catch(() => undefined));
    }
    return started;
  }
}

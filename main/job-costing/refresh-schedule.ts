// The ServiceTrade refresh schedule: each connected ServiceTrade connection is pulled when its refreshMinutes have
// passed since its last pull. app.ts builds it and hands it to main/accounting/schedules.ts, which starts and stops
// it with the payments poll.
import type { ConnectionT } from '../../preload/contract.js';
import { findConnection, listConnections } from '../db/repos/connections.js';
import { isRefreshing, refreshConnection, refreshesInFlight, type RefreshDeps } from './refresh.js';
import { ServiceTradeSettings } from '../connectors/servicetrade/schemas.js';
import { lastPulledAt } from '../connectors/servicetrade/store.js';

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
      Promise.allSettled(refreshesInFlight()),
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

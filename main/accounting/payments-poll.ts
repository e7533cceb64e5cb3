// The automatic payments poll, started by the composition root (main/app.ts).
import type { AccountingContext } from './context.js';
import { importPayments } from './payments.js';

/**
 * The automatic payments poll: every `intervalMs`, each connected connection whose connector can import payments
 * and whose settings leave importPayments on runs what payments.sync runs. One round at a time; a failure is
 * logged by the handler and does not stop the schedule.
 */
export function startPaymentsPoll(ctx: AccountingContext, intervalMs = 15 * 60_000): { stop(): void } {
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      const rows = ctx.db
        .prepare<[], { id: string; system: string; settings_json: string }>(
          `SELECT id, system, settings_json FROM connections WHERE status = 'connected'`,
        )
        .all();
      for (const row of rows) {
        if (typeof ctx.connectors.get(row.system)?.importPayments !== 'function') continue;
        const settings = JSON.parse(row.settings_json) as { importPayments?: unknown };
        if (settings.importPayments === false) continue;
        await importPayments(ctx, row.id, null).catch(() => undefined); // logged by importPayments
      }
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void round().catch(() => undefined), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

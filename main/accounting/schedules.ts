// What runs on its own once the core is up: the payments poll of the accounting systems and the ServiceTrade
// refresh. The composition root (main/app.ts) starts them when it starts the sync worker, and stops them on
// close before the database closes.
import type { AccountingContext } from './context.js';
import { startPaymentsPoll } from './payments-poll.js';

export interface Schedules {
  start(): void;
  /** Stops both; waits (briefly) for a ServiceTrade refresh in flight, whoever started it. */
  stop(): Promise<void>;
}

export function createSchedules(deps: {
  accounting: AccountingContext;
  /** The ServiceTrade refresh schedule (main/job-costing/refresh-schedule.ts), built by app.ts. */
  serviceTrade: { start(): void; stop(): Promise<void> };
  /** How often the payments poll runs (15 minutes by default). */
  paymentsEveryMs?: number;
}): Schedules {
  const serviceTrade = deps.serviceTrade;
  let payments: { stop(): void } | null = null;
  return {
    start() {
      if (payments) return;
      serviceTrade.start();
      payments = startPaymentsPoll(deps.accounting, deps.paymentsEveryMs);
    },
    async stop() {
      payments?.stop();
      await serviceTrade.stop();
    },
  };
}

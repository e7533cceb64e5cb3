// What the job-costing tests share: the QuickBooks Desktop simulator as the fake Web Connector's QuickBooks, and
// running Web Connector sessions until the engine has nothing left to do.
import { openDatabase } from '../../../main/db/database.js';
import {
  QbdHresultError,
  QbdLostResponseError,
  type QbdSimulator,
} from '../../simulators/quickbooks-desktop/simulator.js';
import {
  ConnectionLost,
  QuickBooksFailure,
  type QuickBooksStandIn,
} from '../../simulators/web-connector/fake-web-connector.js';
import type { QbwcHarness } from '../qbwc/harness.js';

export function quickbooks(sim: QbdSimulator): QuickBooksStandIn {
  return {
    hostResponse: () => sim.hostResponse(),
    handle(xml) {
      try {
        return sim.handle(xml);
      } catch (error) {
        if (error instanceof QbdHresultError) throw new QuickBooksFailure(error.hresult, error.message);
        if (error instanceof QbdLostResponseError) throw new ConnectionLost();
        throw error;
      }
    },
    close: () => sim.endSession(),
  };
}

/** Runs sessions until the Web Connector is told there is no work ('none'); throws after `max` sessions. */
export async function runUntilIdle(harness: QbwcHarness, qb: QuickBooksStandIn, max = 12): Promise<void> {
  const errors: string[] = [];
  for (let i = 0; i < max; i += 1) {
    const run = await harness.webConnector(qb).runSession();
    if (run.auth[1] === 'none') return;
    errors.push(`${run.auth.join('|')} ${run.lastError ?? ''}`);
    // A session whose answer was lost is replaced once it has been silent longer than the busy window.
    harness.clock.advance(11 * 60_000);
  }
  const db = openDatabase(harness.core.dataDir);
  const outbox = db.prepare('SELECT kind, status, next_attempt_at, last_error FROM outbox_jobs').all();
  db.close();
  throw new Error(`still busy after ${max} sessions: ${JSON.stringify({ errors, outbox })}`);
}

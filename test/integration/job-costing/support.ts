// What the job-costing tests share: the ServiceTrade simulator and the Web Connector harness started for one test
// and closed after it, ServiceTrade connected to the harness's company, the QuickBooks Desktop simulator as the fake
// Web Connector's QuickBooks, and running Web Connector sessions until the engine has nothing left to do.
import { afterEach } from 'vitest';
import { openDatabase } from '../../../main/db/database.js';
import { ServiceTradeSimulator } from '../../simulators/servicetrade/simulator.js';
import {
  wsdlOracleAvailable,
  type QuickBooksStandIn,
} from '../../simulators/web-connector/fake-web-connector.js';
import { startQbwc, type QbwcHarness } from '../qbwc/harness.js';

/** The Web Connector's WSDL oracle is needed; without it the tests skip, except on CI where they fail. */
export const wsdlReady = wsdlOracleAvailable() || process.env['CI'] === 'true';

export interface PerTest {
  /** The ServiceTrade simulator, with the API client 'client-1' / 'secret-1'. */
  serviceTrade(): Promise<ServiceTradeSimulator>;
  qbwc(options?: Parameters<typeof startQbwc>[0]): Promise<QbwcHarness>;
}

/** What a test starts through the returned functions is closed after it (call once, at the top of the file). */
export function closedAfterEachTest(): PerTest {
  let h: QbwcHarness | undefined;
  let st: ServiceTradeSimulator | undefined;
  afterEach(async () => {
    await h?.close();
    await st?.close();
    h = undefined;
    st = undefined;
  });
  return {
    async serviceTrade() {
      st = await new ServiceTradeSimulator().start();
      st.clients.set('client-1', 'secret-1');
      return st;
    },
    async qbwc(options) {
      h = await startQbwc(options);
      return h;
    },
  };
}

/** Connects ServiceTrade (the simulator) to the harness's company and pulls its jobs. */
export async function connectServiceTrade(
  harness: QbwcHarness,
  st: ServiceTradeSimulator,
): Promise<{ companyId: string; stConnectionId: string }> {
  const companyId = (await harness.core.call('companies.list', {}))[0]!.id;
  const created = await harness.core.call('connections.create', {
    companyId,
    system: 'servicetrade',
    settings: { baseUrl: st.baseUrl, retryBaseMs: 1, timeoutMs: 2000 },
    credentials: { clientId: 'client-1', clientSecret: 'secret-1' },
  });
  const stConnection = (await harness.core.call('connections.connect', { id: created.id })).connection;
  await harness.core.call('servicetrade.refresh', { connectionId: stConnection.id });
  return { companyId, stConnectionId: stConnection.id };
}

export { quickbooks } from '../qbwc/harness.js';

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

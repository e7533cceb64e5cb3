// Sending approved documents to Xero through the real core and sync worker, against the Xero simulator running in
// its own process (so the CPU time printed is ours alone; the simulator checks every body against Xero's OpenAPI).
//
//   npx tsx bench/xero-send.ts [--documents 5000] [--suppliers 50] [--latency-ms 0]
//   npx tsx bench/xero-send.ts --documents 600 --suppliers 500    (suppliers new to Xero, looked up and created
//                                                                 in bulk: target ≤ 0.1 requests each)
//
// Prints: HTTP requests per document (creates alone: floor 1/50 = 0.02), peak requests in any rolling minute and
// peak requests in flight as the simulator saw them against Xero's limits per organisation (60 a minute, 5 in
// flight, 5,000 a day), the requests by route, throttled answers, and our own time (wall and CPU of this process).
// Xero's minute limit, not our CPU, sets the wall time: the engine's policy keeps to 58 calls a minute. Documents
// are created and approved while the worker is stopped; then the worker starts and the clock runs until it is idle.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DATABASE_FILE } from '../main/db/database.js';
import { XeroConnector } from '../main/connectors/xero/index.js';
import * as bench from './support/send-bench.js';

const options = bench.sendBenchOptions({ documents: 5000, suppliers: 50 });
const CLIENT_ID = 'bench-client';

interface SimStats {
  requests: number;
  byRoute: Record<string, number>;
  peakPerMinute: number;
  peakConcurrency: number;
  throttled: number;
  tokenRefreshes: number;
  replays: number;
}
interface StatsAnswer {
  stats: SimStats;
  problems: number;
  firstProblems: unknown[];
}

const sim = await bench.startSimulator<{ baseUrl: string; settings: Record<string, unknown> }>('xero', {
  XERO_CLIENT_ID: CLIENT_ID,
  XERO_LATENCY_MS: String(options.latencyMs),
});
await sim.ask({ type: 'seed', entity: 'Account', fields: { Code: '310', Name: 'Job Materials' } }, 'seeded');
await sim.ask(
  { type: 'seed', entity: 'Item', fields: { Code: 'AF-20', Name: 'Air filter', AccountCode: '310' } },
  'seeded',
);

const { app, call, dataDir, close } = await bench.startBenchApp('xero', new XeroConnector());
try {
  const { company, connection } = await bench.companyWithConnection(call, 'NZD', {
    system: 'xero',
    settings: sim.ready.settings,
    credentials: { clientId: CLIENT_ID },
  });
  await bench.connectByConsent(call, company.id, connection.id);
  const gst = await call('taxRates.create', {
    companyId: company.id,
    name: 'GST on Expenses',
    percent: '15',
  });
  const { seedMs } = await bench.seedMixedDocuments(call, company.id, options, gst.id);

  const round = await bench.timeUntilIdle(
    app,
    () => sim.ask<StatsAnswer>({ type: 'stats' }, 'stats'),
    () => app.sync.start(),
  );
  const before = round.before.stats;
  const after = round.after.stats;

  const outcome = await bench.sentAndFailed(call, company.id);
  const counts = await sim.ask<{ purchaseOrders: number; bills: number; contacts: number }>(
    { type: 'count' },
    'count',
  );
  // Jobs that took more than one attempt, and why (a retry costs calls against Xero's limits).
  const db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE), { readonly: true });
  const retried = db
    .prepare<[], { attempts: number; last_error: string | null; n: number }>(
      `SELECT attempts, last_error, COUNT(*) AS n FROM outbox_jobs WHERE attempts > 1 GROUP BY attempts, last_error`,
    )
    .all();
  const dispatchedTwice = db
    .prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM outbox_jobs WHERE attempts > 1`)
    .get()!.n;
  db.close();
  const requests = after.requests - before.requests;
  const problems = round.after.problems;
  console.log(
    `Xero send: ${options.documents} approved documents, ${options.suppliers} suppliers (simulator latency ${options.latencyMs} ms)`,
  );
  console.log(
    `  ${bench.figures.outcome(outcome, `${counts.bills} bills, ${counts.purchaseOrders} purchase orders, ${counts.contacts} contacts`)}`,
  );
  console.log(
    `  ${bench.figures.requests(requests, options.documents, 4, 'creates alone: floor 1/50 = 0.0200')}`,
  );
  console.log(
    `  ${bench.figures.byKind('by route', bench.increase(before.byRoute, after.byRoute), after.throttled - before.throttled, `; token refreshes ${after.tokenRefreshes}`)}`,
  );
  const forContacts = Object.entries(bench.increase(before.byRoute, after.byRoute))
    .filter(([route]) => /^(GET|PUT) \/Contacts$/.test(route))
    .reduce((sum, [, n]) => sum + n, 0);
  console.log(`  ${bench.figures.perSupplier(forContacts, options.suppliers, 0.1)}`);
  console.log(`  peak requests per rolling minute: ${after.peakPerMinute} (Xero's limit 60; our policy 58)`);
  console.log(`  peak requests in flight: ${after.peakConcurrency} (Xero's limit 5; our policy 5)`);
  console.log(
    `  daily limit: ${requests} of 5,000 calls (${((requests / 5000) * 100).toFixed(1)}%) for these ${options.documents} documents`,
  );
  console.log(
    `  ${bench.figures.ownTime(round, options.documents, 1, ` (58 calls a minute alone need ≥ ${Math.max(0, (requests - 58) / 58).toFixed(1)} min)`)}`,
  );
  console.log(
    `  jobs that took more than one attempt: ${dispatchedTwice}${retried.length ? ` ${JSON.stringify(retried)}` : ''}`,
  );
  console.log(
    `  spec problems seen by the simulator: ${problems}${problems ? ` e.g. ${JSON.stringify(round.after.firstProblems)}` : ''}`,
  );
  console.log(`  ${bench.figures.seeding('the documents', seedMs)}`);
} finally {
  await close();
  sim.close();
}

// Sending approved documents to QuickBooks Online through the real core and sync worker, against the simulator
// running in its own process (so the CPU time printed is ours alone).
//
//   npx tsx bench/qbo-send.ts [--documents 5000] [--suppliers 50] [--latency-ms 0]
//   npx tsx bench/qbo-send.ts --documents 600 --suppliers 500    (suppliers new to QuickBooks, looked up and
//                                                                created in bulk: target ≤ 0.1 requests each)
//
// Prints: HTTP requests per document (the batch floor is 1/30 ≈ 0.033 for the creates alone), peak requests in
// any rolling minute and peak requests in flight as the simulator saw them (Intuit's limits: 500 and 10), the
// requests by kind, and our own time (wall and CPU of this process). Documents are created and approved while the
// worker is stopped, then the worker is started and the clock runs until it is idle.
import { QuickBooksOnlineConnector } from '../main/connectors/quickbooks-online/index.js';
import * as bench from './support/send-bench.js';

const options = bench.sendBenchOptions({ documents: 5000, suppliers: 50 });

interface SimStats {
  requests: number;
  byPath: Record<string, number>;
  byContent: Record<string, number>;
  peakPerMinute: number;
  peakConcurrency: number;
  throttled: number;
  tokenRefreshes: number;
}

const sim = await bench.startSimulator<{
  baseUrl: string;
  realmId: string;
  settings: Record<string, unknown>;
}>('quickbooks-online', {
  QBO_CLIENT_ID: 'bench-client',
  QBO_CLIENT_SECRET: 'bench-secret',
  QBO_LATENCY_MS: String(options.latencyMs),
});
await sim.ask(
  {
    type: 'seed',
    entity: 'Account',
    fields: { Name: 'Job Materials', AccountType: 'Expense', Classification: 'Expense' },
  },
  'seeded',
);
await sim.ask(
  { type: 'seed', entity: 'Item', fields: { Name: 'Air filter', Type: 'NonInventory' } },
  'seeded',
);

const { app, call, close } = await bench.startBenchApp('qbo', new QuickBooksOnlineConnector());
try {
  const { company, connection } = await bench.companyWithConnection(call, 'USD', {
    system: 'quickbooks_online',
    settings: { ...sim.ready.settings, environment: 'sandbox' },
    credentials: { clientId: 'bench-client', clientSecret: 'bench-secret' },
  });
  await bench.connectByConsent(call, company.id, connection.id);
  const { seedMs } = await bench.seedMixedDocuments(call, company.id, options);

  const stats = async () => (await sim.ask<{ stats: SimStats }>({ type: 'stats' }, 'stats')).stats;
  const round = await bench.timeUntilIdle(app, stats, () => app.sync.start());
  const { before, after } = round;

  const outcome = await bench.sentAndFailed(call, company.id);
  const bills = await sim.ask<{ count: number }>({ type: 'count', entity: 'Bill' }, 'count');
  const pos = await sim.ask<{ count: number }>({ type: 'count', entity: 'PurchaseOrder' }, 'count');
  const requests = after.requests - before.requests;
  console.log(
    `QuickBooks Online send: ${options.documents} approved documents, ${options.suppliers} suppliers (simulator latency ${options.latencyMs} ms)`,
  );
  console.log(`  ${bench.figures.outcome(outcome, `${bills.count} bills, ${pos.count} purchase orders`)}`);
  console.log(
    `  ${bench.figures.requests(requests, options.documents, 4, 'creates alone: floor 1/30 = 0.0333')}`,
  );
  console.log(
    `  ${bench.figures.byKind('by kind', bench.increase(before.byPath, after.byPath), after.throttled - before.throttled, `; token refreshes ${after.tokenRefreshes}`)}`,
  );
  const forVendors = Object.entries(bench.increase(before.byContent, after.byContent))
    .filter(([kind]) => / Vendor$/.test(kind))
    .reduce((sum, [, n]) => sum + n, 0);
  console.log(`  ${bench.figures.perSupplier(forVendors, options.suppliers, 0.1)}`);
  console.log(`  peak requests per rolling minute: ${after.peakPerMinute} (limit 500; our policy 400)`);
  console.log(`  peak requests in flight: ${after.peakConcurrency} (limit 10; our policy 4)`);
  console.log(`  ${bench.figures.ownTime(round, options.documents, 2)}`);
  console.log(`  ${bench.figures.seeding('the documents', seedMs)}`);
} finally {
  await close();
  sim.close();
}

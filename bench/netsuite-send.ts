// Sending approved documents to NetSuite through the real core and sync worker, against the simulator running in its
// own process (so the CPU time printed is ours alone), signed with token-based authentication.
//
//   npx tsx bench/netsuite-send.ts [--documents 150] [--suppliers 20] [--latency-ms 0]
//
// Two rounds, each timed until the worker is idle: first the documents (a third each purchase orders, service orders
// and standalone bills), then one partial bill per purchase order, transformed from it. Prints for each: HTTP
// requests per document and by kind, the peak requests in flight and in any rolling minute as the simulator saw them
// against the connector's policy (3 in flight, 300 a minute: NetSuite's concurrency limit is shared by every
// integration of the account), and our own wall and CPU time per document.
import { NetSuiteConnector } from '../main/connectors/netsuite/index.js';
import * as bench from './support/send-bench.js';

const options = bench.sendBenchOptions({ documents: 150, suppliers: 20 });

interface SimStats {
  requests: number;
  maxInFlight: number;
  peakPerMinute: number;
  throttled: number;
  byKind: Record<string, number>;
}

const TBA = {
  consumerKey: 'bench-ck',
  consumerSecret: 'bench-cs',
  tokenId: 'bench-tk',
  tokenSecret: 'bench-ts',
};
const sim = await bench.startSimulator<{ baseUrl: string; settings: Record<string, unknown> }>('netsuite', {
  NS_CONSUMER_KEY: TBA.consumerKey,
  NS_CONSUMER_SECRET: TBA.consumerSecret,
  NS_TOKEN_ID: TBA.tokenId,
  NS_TOKEN_SECRET: TBA.tokenSecret,
  NS_LATENCY_MS: String(options.latencyMs),
});
await sim.ask(
  { type: 'seedRow', table: 'account', row: { acctname: 'Job Materials', accttype: 'Expense' } },
  'seeded',
);
await sim.ask(
  { type: 'seedRow', table: 'item', row: { itemid: 'Air filter', itemtype: 'NonInvtPart' } },
  'seeded',
);

const { app, call, close } = await bench.startBenchApp('netsuite', new NetSuiteConnector());
const policy = { concurrency: 3, requestsPerMinute: 300 };
const stats = async () => (await sim.ask<{ stats: SimStats }>({ type: 'stats' }, 'stats')).stats;

async function round(label: string, documents: number, run: () => Promise<void>) {
  const measured = await bench.timeUntilIdle(app, stats, run);
  const { before, after } = measured;
  console.log(`  ${label}: ${documents} documents`);
  console.log(`    ${bench.figures.requests(after.requests - before.requests, documents, 2)}`);
  console.log(
    `    ${bench.figures.byKind('by kind', bench.increase(before.byKind, after.byKind), after.throttled - before.throttled)}`,
  );
  console.log(`    ${bench.figures.ownTime(measured, documents, 2)}`);
  return after;
}

try {
  const { company, connection } = await bench.companyWithConnection(call, 'USD', {
    system: 'netsuite',
    settings: sim.ready.settings,
    credentials: TBA,
  });
  await call('connections.connect', { id: connection.id });
  const { account, item, suppliers } = await bench.seedLists(call, company.id, options.suppliers);
  const lines = [
    { description: 'Filters', quantity: '4', unitPrice: '12.99', itemId: item.id },
    { description: 'Labour', quantity: '1.5', unitPrice: '80', accountId: account.id },
    { description: 'Freight', quantity: '1', unitPrice: '9.95', accountId: account.id },
  ];

  const { documents, seedMs } = await bench.createApprovedDocuments(call, options.documents, (i) => {
    const type = (['purchase_order', 'service_order', 'invoice'] as const)[i % 3]!;
    return {
      companyId: company.id,
      type,
      number: `${type === 'invoice' ? 'B' : 'P'}-${i}`,
      supplierId: suppliers[i % options.suppliers]!.id,
      supplierInvoiceNumber: type === 'invoice' ? `INV-${i}` : null,
      date: '2026-11-03',
      lines: type === 'service_order' ? lines.slice(1) : lines,
    };
  });
  const orders = documents.filter((d) => d.type === 'purchase_order').map((d) => d.id);

  console.log(
    `NetSuite send (token-based authentication): ${options.suppliers} suppliers, simulator latency ${options.latencyMs} ms, policy ${policy.concurrency} in flight / ${policy.requestsPerMinute} a minute`,
  );
  await round('purchase orders, service orders and standalone bills', options.documents, () =>
    app.sync.start(),
  );
  const after = await round(
    'partial bills transformed from their purchase order',
    orders.length,
    async () => {
      for (const [i, orderId] of orders.entries()) {
        const order = await call('documents.get', { id: orderId });
        await bench.createApproved(call, {
          companyId: company.id,
          type: 'invoice',
          supplierId: order.supplierId,
          supplierInvoiceNumber: `PB-${i}`,
          date: '2026-11-10',
          linkedDocumentId: orderId,
          lines: [{ description: 'Filters', quantity: '2', unitPrice: '12.99', itemId: item.id }],
        });
      }
    },
  );

  const outcome = await bench.sentAndFailed(call, company.id);
  const count = async (recordType: string) =>
    (await sim.ask<{ count: number }>({ type: 'count', recordType }, 'count')).count;
  console.log(
    `  ${bench.figures.outcome(outcome, `${await count('purchaseOrder')} purchase orders, ${await count('vendorBill')} bills, ${await count('vendor')} vendors`)}`,
  );
  console.log(
    `  peak requests in flight: ${after.maxInFlight} (policy ${policy.concurrency}); peak per rolling minute: ${after.peakPerMinute} (policy ${policy.requestsPerMinute})`,
  );
  console.log(`  ${bench.figures.seeding('the first round', seedMs)}`);
} finally {
  await close();
  sim.close();
}

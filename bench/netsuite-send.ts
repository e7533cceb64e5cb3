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
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createApp } from '../main/app.js';
import { NetSuiteConnector } from '../main/connectors/netsuite/index.js';
import type { SecretStore } from '../main/secrets/index.js';
import type { MethodInput, MethodName, MethodOutput } from '../preload/contract.js';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const DOCUMENTS = Number(option('--documents') ?? 150) || 150;
const SUPPLIERS = Number(option('--suppliers') ?? 20) || 20;
const LATENCY_MS = Number(option('--latency-ms') ?? 0) || 0;

/** The keychain stand-in: a benchmark must not write to the developer's keyring. */
class MemorySecrets implements SecretStore {
  private readonly values = new Map<string, string>();
  async get(c: string, n: string) {
    return this.values.get(`${c}/${n}`) ?? null;
  }
  async set(c: string, n: string, v: string) {
    this.values.set(`${c}/${n}`, v);
  }
  async delete(c: string, n: string) {
    return this.values.delete(`${c}/${n}`);
  }
  async deleteAll(c: string) {
    let n = 0;
    for (const k of [...this.values.keys()]) if (k.startsWith(`${c}/`) && this.values.delete(k)) n++;
    return n;
  }
  async names(c: string) {
    return [...this.values.keys()]
      .filter((k) => k.startsWith(`${c}/`))
      .map((k) => k.slice(c.length + 1))
      .sort();
  }
}

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
const here = path.dirname(fileURLToPath(import.meta.url));
const child = fork(path.join(here, '../test/simulators/netsuite/serve.ts'), [], {
  execArgv: ['--import', 'tsx'],
  env: {
    ...process.env,
    NS_CONSUMER_KEY: TBA.consumerKey,
    NS_CONSUMER_SECRET: TBA.consumerSecret,
    NS_TOKEN_ID: TBA.tokenId,
    NS_TOKEN_SECRET: TBA.tokenSecret,
    NS_LATENCY_MS: String(LATENCY_MS),
  },
});
function ask<T>(message: object, answer: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string } & Record<string, unknown>) => {
      if (m.type !== answer) return;
      child.off('message', on);
      resolve(m as T);
    };
    child.on('message', on);
    if (Object.keys(message).length > 0) child.send(message);
  });
}
const ready = await ask<{ baseUrl: string; settings: Record<string, unknown> }>({}, 'ready');
await ask(
  { type: 'seedRow', table: 'account', row: { acctname: 'Job Materials', accttype: 'Expense' } },
  'seeded',
);
await ask(
  { type: 'seedRow', table: 'item', row: { itemid: 'Air filter', itemtype: 'NonInvtPart' } },
  'seeded',
);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerbridge-netsuite-bench-'));
const connector = new NetSuiteConnector();
const app = await createApp({
  dataDir,
  secrets: new MemorySecrets(),
  connectors: [connector],
  startSync: false,
  userName: 'bench',
});
const call = <M extends MethodName>(method: M, input: MethodInput<M>) =>
  app.call(method, input) as Promise<MethodOutput<M>>;
const policy = { concurrency: 3, requestsPerMinute: 300 };

async function round(label: string, documents: number, run: () => Promise<void>) {
  const before = (await ask<{ stats: SimStats }>({ type: 'stats' }, 'stats')).stats;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  await app.sync.whenIdle();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const after = (await ask<{ stats: SimStats }>({ type: 'stats' }, 'stats')).stats;
  const requests = after.requests - before.requests;
  const byKind = Object.fromEntries(
    Object.entries(after.byKind)
      .map(([k, v]) => [k, v - (before.byKind[k] ?? 0)])
      .filter(([, v]) => Number(v) > 0),
  );
  const cpuMs = (cpu.user + cpu.system) / 1e3;
  console.log(`  ${label}: ${documents} documents`);
  console.log(`    HTTP requests: ${requests} → ${(requests / documents).toFixed(2)} per document`);
  console.log(`    by kind: ${JSON.stringify(byKind)}; throttled ${after.throttled - before.throttled}`);
  console.log(
    `    our own time: wall ${(wallMs / 1000).toFixed(2)} s, CPU ${(cpuMs / 1000).toFixed(2)} s (${(cpuMs / documents).toFixed(2)} ms CPU per document)`,
  );
  return after;
}

try {
  const company = await call('companies.create', { name: 'Bench Co', baseCurrency: 'USD' });
  const connection = await call('connections.create', {
    companyId: company.id,
    system: 'netsuite',
    settings: ready.settings,
    credentials: TBA,
  });
  await call('connections.connect', { id: connection.id });
  const account = await call('lists.create', {
    companyId: company.id,
    kind: 'account',
    name: 'Job Materials',
  });
  const item = await call('lists.create', { companyId: company.id, kind: 'item', name: 'Air filter' });
  const suppliers = [];
  for (let i = 0; i < SUPPLIERS; i++)
    suppliers.push(
      await call('suppliers.create', { companyId: company.id, name: `Supplier ${i} Plumbing & Sons` }),
    );
  const lines = [
    { description: 'Filters', quantity: '4', unitPrice: '12.99', itemId: item.id },
    { description: 'Labour', quantity: '1.5', unitPrice: '80', accountId: account.id },
    { description: 'Freight', quantity: '1', unitPrice: '9.95', accountId: account.id },
  ];

  const orders: string[] = [];
  const seedStart = performance.now();
  for (let i = 0; i < DOCUMENTS; i++) {
    const type = (['purchase_order', 'service_order', 'invoice'] as const)[i % 3]!;
    const doc = await call('documents.create', {
      companyId: company.id,
      type,
      number: `${type === 'invoice' ? 'B' : 'P'}-${i}`,
      supplierId: suppliers[i % SUPPLIERS]!.id,
      supplierInvoiceNumber: type === 'invoice' ? `INV-${i}` : null,
      date: '2026-11-03',
      lines: type === 'service_order' ? lines.slice(1) : lines,
    });
    await call('documents.submit', { id: doc.id });
    await call('documents.approve', { id: doc.id });
    if (type === 'purchase_order') orders.push(doc.id);
  }
  const seedMs = performance.now() - seedStart;

  console.log(
    `NetSuite send (token-based authentication): ${SUPPLIERS} suppliers, simulator latency ${LATENCY_MS} ms, policy ${policy.concurrency} in flight / ${policy.requestsPerMinute} a minute`,
  );
  await round('purchase orders, service orders and standalone bills', DOCUMENTS, () => app.sync.start());
  const after = await round(
    'partial bills transformed from their purchase order',
    orders.length,
    async () => {
      for (const [i, orderId] of orders.entries()) {
        const order = await call('documents.get', { id: orderId });
        const bill = await call('documents.create', {
          companyId: company.id,
          type: 'invoice',
          supplierId: order.supplierId,
          supplierInvoiceNumber: `PB-${i}`,
          date: '2026-11-10',
          linkedDocumentId: orderId,
          lines: [{ description: 'Filters', quantity: '2', unitPrice: '12.99', itemId: item.id }],
        });
        await call('documents.submit', { id: bill.id });
        await call('documents.approve', { id: bill.id });
      }
    },
  );

  const sent = await call('documents.list', { companyId: company.id, syncStatus: 'sent', limit: 1 });
  const failed = await call('documents.list', { companyId: company.id, syncStatus: 'failed', limit: 1 });
  const count = async (recordType: string) =>
    (await ask<{ count: number }>({ type: 'count', recordType }, 'count')).count;
  console.log(
    `  sent ${sent.total}, failed ${failed.total}; in the simulator: ${await count('purchaseOrder')} purchase orders, ${await count('vendorBill')} bills, ${await count('vendor')} vendors`,
  );
  console.log(
    `  peak requests in flight: ${after.maxInFlight} (policy ${policy.concurrency}); peak per rolling minute: ${after.peakPerMinute} (policy ${policy.requestsPerMinute})`,
  );
  console.log(
    `  (creating and approving the first round beforehand took ${(seedMs / 1000).toFixed(1)} s; not counted)`,
  );
} finally {
  await app.close();
  child.send({ type: 'close' });
  fs.rmSync(dataDir, { recursive: true, force: true });
}

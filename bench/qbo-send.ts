// Sending approved documents to QuickBooks Online through the real core and sync worker, against the simulator
// running in its own process (so the CPU time printed is ours alone).
//
//   npx tsx bench/qbo-send.ts [--documents 5000] [--suppliers 50] [--latency-ms 0]
//
// Prints: HTTP requests per document (the batch floor is 1/30 ≈ 0.033 for the creates alone), peak requests in
// any rolling minute and peak requests in flight as the simulator saw them (Intuit's limits: 500 and 10), the
// requests by kind, and our own time (wall and CPU of this process). Documents are created and approved while the
// worker is stopped, then the worker is started and the clock runs until it is idle.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createApp } from '../main/app.js';
import { QuickBooksOnlineConnector } from '../main/connectors/quickbooks-online/index.js';
import type { SecretStore } from '../main/secrets/index.js';
import type { MethodInput, MethodName, MethodOutput } from '../preload/contract.js';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const DOCUMENTS = Number(option('--documents') ?? 5000) || 5000;
const SUPPLIERS = Number(option('--suppliers') ?? 50) || 50;
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
  byPath: Record<string, number>;
  peakPerMinute: number;
  peakConcurrency: number;
  throttled: number;
  tokenRefreshes: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const child = fork(path.join(here, '../test/simulators/quickbooks-online/serve.ts'), [], {
  execArgv: ['--import', 'tsx'],
  env: {
    ...process.env,
    QBO_CLIENT_ID: 'bench-client',
    QBO_CLIENT_SECRET: 'bench-secret',
    QBO_LATENCY_MS: String(LATENCY_MS),
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
const ready = await ask<{ baseUrl: string; realmId: string; settings: Record<string, unknown> }>({}, 'ready');
await ask(
  {
    type: 'seed',
    entity: 'Account',
    fields: { Name: 'Job Materials', AccountType: 'Expense', Classification: 'Expense' },
  },
  'seeded',
);
await ask({ type: 'seed', entity: 'Item', fields: { Name: 'Air filter', Type: 'NonInventory' } }, 'seeded');

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerbridge-qbo-bench-'));
const connector = new QuickBooksOnlineConnector();
const app = await createApp({
  dataDir,
  secrets: new MemorySecrets(),
  connectors: [connector],
  startSync: false,
  userName: 'bench',
});
const call = <M extends MethodName>(method: M, input: MethodInput<M>) =>
  app.call(method, input) as Promise<MethodOutput<M>>;

try {
  const company = await call('companies.create', { name: 'Bench Co', baseCurrency: 'USD' });
  const connection = await call('connections.create', {
    companyId: company.id,
    system: 'quickbooks_online',
    settings: { ...ready.settings, environment: 'sandbox' },
    credentials: { clientId: 'bench-client', clientSecret: 'bench-secret' },
  });
  const { authorizeUrl } = await call('connections.connect', { id: connection.id });
  const consent = await fetch(authorizeUrl!, { redirect: 'manual' });
  await fetch(consent.headers.get('location')!);
  for (let i = 0; i < 200; i++) {
    const [c] = (await call('connections.list', { companyId: company.id })).filter(
      (x) => x.id === connection.id,
    );
    if (c?.status === 'connected') break;
    await new Promise((r) => setTimeout(r, 10));
  }
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

  const seedStart = performance.now();
  for (let i = 0; i < DOCUMENTS; i++) {
    const invoice = i % 2 === 1;
    const doc = await call('documents.create', {
      companyId: company.id,
      type: invoice ? 'invoice' : i % 4 === 0 ? 'purchase_order' : 'service_order',
      number: `${invoice ? 'B' : 'P'}-${i}`,
      supplierId: suppliers[i % SUPPLIERS]!.id,
      supplierInvoiceNumber: invoice ? `INV-${i}` : null,
      date: '2026-11-03',
      discount: i % 3 === 0 ? { percent: '2.5' } : null,
      lines: [
        { description: 'Filters', quantity: '3', unitPrice: '12.99', itemId: item.id, accountId: account.id },
        { description: 'Labour', quantity: '1.5', unitPrice: '80', accountId: account.id },
        { description: 'Freight', quantity: '1', unitPrice: '9.95', accountId: account.id },
      ],
    });
    await call('documents.submit', { id: doc.id });
    await call('documents.approve', { id: doc.id });
  }
  const seedMs = performance.now() - seedStart;

  const before = await ask<{ stats: SimStats }>({ type: 'stats' }, 'stats');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await app.sync.start();
  await app.sync.whenIdle();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const after = await ask<{ stats: SimStats }>({ type: 'stats' }, 'stats');

  const sent = await call('documents.list', { companyId: company.id, syncStatus: 'sent', limit: 1 });
  const failed = await call('documents.list', { companyId: company.id, syncStatus: 'failed', limit: 1 });
  const bills = await ask<{ count: number }>({ type: 'count', entity: 'Bill' }, 'count');
  const pos = await ask<{ count: number }>({ type: 'count', entity: 'PurchaseOrder' }, 'count');
  const requests = after.stats.requests - before.stats.requests;
  const byPath = Object.fromEntries(
    Object.entries(after.stats.byPath)
      .map(([k, v]) => [k, v - (before.stats.byPath[k] ?? 0)])
      .filter(([, v]) => Number(v) > 0),
  );
  console.log(
    `QuickBooks Online send: ${DOCUMENTS} approved documents, ${SUPPLIERS} suppliers (simulator latency ${LATENCY_MS} ms)`,
  );
  console.log(
    `  sent ${sent.total}, failed ${failed.total}; in the simulator: ${bills.count} bills, ${pos.count} purchase orders`,
  );
  console.log(
    `  HTTP requests: ${requests} → ${(requests / DOCUMENTS).toFixed(4)} per document (creates alone: floor 1/30 = 0.0333)`,
  );
  console.log(
    `  by kind: ${JSON.stringify(byPath)}; throttled ${after.stats.throttled - before.stats.throttled}; token refreshes ${after.stats.tokenRefreshes}`,
  );
  console.log(`  peak requests per rolling minute: ${after.stats.peakPerMinute} (limit 500; our policy 400)`);
  console.log(`  peak requests in flight: ${after.stats.peakConcurrency} (limit 10; our policy 4)`);
  console.log(
    `  our own time: wall ${(wallMs / 1000).toFixed(2)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (${((cpu.user + cpu.system) / 1e3 / DOCUMENTS).toFixed(2)} ms CPU per document)`,
  );
  console.log(
    `  (creating and approving the documents beforehand took ${(seedMs / 1000).toFixed(1)} s; not counted)`,
  );
} finally {
  await app.close();
  child.send({ type: 'close' });
  fs.rmSync(dataDir, { recursive: true, force: true });
}

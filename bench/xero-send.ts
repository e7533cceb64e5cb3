// Sending approved documents to Xero through the real core and sync worker, against the Xero simulator running in
// its own process (so the CPU time printed is ours alone; the simulator checks every body against Xero's OpenAPI).
//
//   npx tsx bench/xero-send.ts [--documents 5000] [--suppliers 50] [--latency-ms 0]
//
// Prints: HTTP requests per document (creates alone: floor 1/50 = 0.02), peak requests in any rolling minute and
// peak requests in flight as the simulator saw them against Xero's limits per organisation (60 a minute, 5 in
// flight, 5,000 a day), the requests by route, throttled answers, and our own time (wall and CPU of this process).
// Xero's minute limit, not our CPU, sets the wall time: the engine's policy keeps to 58 calls a minute. Documents
// are created and approved while the worker is stopped; then the worker starts and the clock runs until it is idle.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { createApp } from '../main/app.js';
import { DATABASE_FILE } from '../main/db/database.js';
import { XeroConnector } from '../main/connectors/xero/index.js';
import type { SecretStore } from '../main/secrets/index.js';
import type { MethodInput, MethodName, MethodOutput } from '../preload/contract.js';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const DOCUMENTS = Number(option('--documents') ?? 5000) || 5000;
const SUPPLIERS = Number(option('--suppliers') ?? 50) || 50;
const LATENCY_MS = Number(option('--latency-ms') ?? 0) || 0;
const CLIENT_ID = 'bench-client';

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

const here = path.dirname(fileURLToPath(import.meta.url));
const child = fork(path.join(here, '../test/simulators/xero/serve.ts'), [], {
  execArgv: ['--import', 'tsx'],
  env: { ...process.env, XERO_CLIENT_ID: CLIENT_ID, XERO_LATENCY_MS: String(LATENCY_MS) },
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
await ask({ type: 'seed', entity: 'Account', fields: { Code: '310', Name: 'Job Materials' } }, 'seeded');
await ask(
  { type: 'seed', entity: 'Item', fields: { Code: 'AF-20', Name: 'Air filter', AccountCode: '310' } },
  'seeded',
);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerbridge-xero-bench-'));
const app = await createApp({
  dataDir,
  secrets: new MemorySecrets(),
  connectors: [new XeroConnector()],
  startSync: false,
  userName: 'bench',
});
const call = <M extends MethodName>(method: M, input: MethodInput<M>) =>
  app.call(method, input) as Promise<MethodOutput<M>>;

try {
  const company = await call('companies.create', { name: 'Bench Co', baseCurrency: 'NZD' });
  const connection = await call('connections.create', {
    companyId: company.id,
    system: 'xero',
    settings: ready.settings,
    credentials: { clientId: CLIENT_ID },
  });
  const { authorizeUrl } = await call('connections.connect', { id: connection.id });
  const consent = await fetch(authorizeUrl!, { redirect: 'manual' });
  await fetch(consent.headers.get('location')!);
  let status = '';
  for (let i = 0; i < 500 && status !== 'connected'; i++) {
    const [c] = (await call('connections.list', { companyId: company.id })).filter(
      (x) => x.id === connection.id,
    );
    status = c?.status ?? '';
    if (status !== 'connected') await new Promise((r) => setTimeout(r, 10));
  }
  if (status !== 'connected') throw new Error(`the connection did not connect (${status})`);
  const account = await call('lists.create', {
    companyId: company.id,
    kind: 'account',
    name: 'Job Materials',
  });
  const item = await call('lists.create', { companyId: company.id, kind: 'item', name: 'Air filter' });
  const gst = await call('taxRates.create', {
    companyId: company.id,
    name: 'GST on Expenses',
    percent: '15',
  });
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
        {
          description: 'Filters',
          quantity: '3',
          unitPrice: '12.99',
          itemId: item.id,
          accountId: account.id,
          taxRateId: gst.id,
        },
        { description: 'Labour', quantity: '1.5', unitPrice: '80', accountId: account.id, taxRateId: gst.id },
        {
          description: 'Freight',
          quantity: '1',
          unitPrice: '9.95',
          accountId: account.id,
          taxRateId: gst.id,
        },
      ],
    });
    await call('documents.submit', { id: doc.id });
    await call('documents.approve', { id: doc.id });
  }
  const seedMs = performance.now() - seedStart;

  const before = await ask<StatsAnswer>({ type: 'stats' }, 'stats');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await app.sync.start();
  await app.sync.whenIdle();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const after = await ask<StatsAnswer>({ type: 'stats' }, 'stats');

  const sent = await call('documents.list', { companyId: company.id, syncStatus: 'sent', limit: 1 });
  const failed = await call('documents.list', { companyId: company.id, syncStatus: 'failed', limit: 1 });
  const counts = await ask<{ purchaseOrders: number; bills: number; contacts: number }>(
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
  const requests = after.stats.requests - before.stats.requests;
  const byRoute = Object.fromEntries(
    Object.entries(after.stats.byRoute)
      .map(([k, v]) => [k, v - (before.stats.byRoute[k] ?? 0)])
      .filter(([, v]) => Number(v) > 0),
  );
  const cpuMs = (cpu.user + cpu.system) / 1e3;
  console.log(
    `Xero send: ${DOCUMENTS} approved documents, ${SUPPLIERS} suppliers (simulator latency ${LATENCY_MS} ms)`,
  );
  console.log(
    `  sent ${sent.total}, failed ${failed.total}; in the simulator: ${counts.bills} bills, ${counts.purchaseOrders} purchase orders, ${counts.contacts} contacts`,
  );
  console.log(
    `  HTTP requests: ${requests} → ${(requests / DOCUMENTS).toFixed(4)} per document (creates alone: floor 1/50 = 0.0200)`,
  );
  console.log(
    `  by route: ${JSON.stringify(byRoute)}; throttled ${after.stats.throttled - before.stats.throttled}; token refreshes ${after.stats.tokenRefreshes}`,
  );
  console.log(
    `  peak requests per rolling minute: ${after.stats.peakPerMinute} (Xero's limit 60; our policy 58)`,
  );
  console.log(`  peak requests in flight: ${after.stats.peakConcurrency} (Xero's limit 5; our policy 5)`);
  console.log(
    `  daily limit: ${requests} of 5,000 calls (${((requests / 5000) * 100).toFixed(1)}%) for these ${DOCUMENTS} documents`,
  );
  console.log(
    `  our own time: wall ${(wallMs / 1000).toFixed(1)} s (58 calls a minute alone need ≥ ${Math.max(0, (requests - 58) / 58).toFixed(1)} min), CPU ${(cpuMs / 1000).toFixed(2)} s (${(cpuMs / DOCUMENTS).toFixed(2)} ms CPU per document)`,
  );
  console.log(
    `  jobs that took more than one attempt: ${dispatchedTwice}${retried.length ? ` ${JSON.stringify(retried)}` : ''}`,
  );
  console.log(
    `  spec problems seen by the simulator: ${after.problems}${after.problems ? ` e.g. ${JSON.stringify(after.firstProblems)}` : ''}`,
  );
  console.log(
    `  (creating and approving the documents beforehand took ${(seedMs / 1000).toFixed(1)} s; not counted)`,
  );
} finally {
  await app.close();
  child.send({ type: 'close' });
  fs.rmSync(dataDir, { recursive: true, force: true });
}

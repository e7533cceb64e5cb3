// What the send benchmarks (bench/qbo-send.ts, bench/xero-send.ts, bench/netsuite-send.ts) have in common: their
// options, the accounting system's simulator in its own process (so the CPU time they print is ours alone), the core
// with an in-memory keychain in a throwaway data folder, seeding a company with an account, an item, suppliers and
// approved documents, timing the worker until it is idle against the simulator's counters, and the lines of figures
// they print alike. Each benchmark keeps what is its system's own: the simulator's environment and seed records, the
// connection, the document mix and its particular figures (limits, daily quota, spec problems, retried jobs).
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createApp, type App } from '../../main/app.js';
import type { Connector } from '../../main/connectors/contract.js';
import type { SecretStore } from '../../main/secrets/index.js';
import type { MethodInput, MethodName, MethodOutput } from '../../preload/contract.js';

export interface SendBenchOptions {
  documents: number;
  suppliers: number;
  latencyMs: number;
}

/** `[--documents N] [--suppliers N] [--latency-ms N]`; a missing or unreadable number keeps the default. */
export function sendBenchOptions(
  defaults: Pick<SendBenchOptions, 'documents' | 'suppliers'>,
  args = process.argv.slice(2),
): SendBenchOptions {
  const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  return {
    documents: Number(option('--documents') ?? defaults.documents) || defaults.documents,
    suppliers: Number(option('--suppliers') ?? defaults.suppliers) || defaults.suppliers,
    latencyMs: Number(option('--latency-ms') ?? 0) || 0,
  };
}

/** The keychain stand-in: a benchmark must not write to the developer's keyring. */
export class MemorySecrets implements SecretStore {
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

export interface Simulator<Ready> {
  /** What the simulator announced once listening (its base URL and the connection settings that reach it). */
  ready: Ready;
  /** Sends `message` (none when empty) and resolves with the first message of type `answer`. */
  ask<T>(message: object, answer: string): Promise<T>;
  close(): void;
}

/** Forks test/simulators/<name>/serve.ts, which talks over the IPC channel, and waits for its 'ready'. */
export async function startSimulator<Ready>(
  name: 'quickbooks-online' | 'xero' | 'netsuite',
  env: Record<string, string>,
): Promise<Simulator<Ready>> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const child = fork(path.join(here, `../../test/simulators/${name}/serve.ts`), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
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
  const ready = await ask<Ready>({}, 'ready');
  return { ready, ask, close: () => child.send({ type: 'close' }) };
}

export type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

export interface BenchApp {
  app: App;
  call: Call;
  dataDir: string;
  close(): Promise<void>;
}

/** The real core with one connector, its worker stopped, in a data folder that close() removes. */
export async function startBenchApp(name: string, connector: Connector): Promise<BenchApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ledgerbridge-${name}-bench-`));
  const app = await createApp({
    dataDir,
    secrets: new MemorySecrets(),
    connectors: [connector],
    startSync: false,
    userName: 'bench',
  });
  const call: Call = (method, input) => app.call(method, input) as Promise<MethodOutput<typeof method>>;
  return {
    app,
    call,
    dataDir,
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The company 'Bench Co' and its one connection (not yet connected). */
export async function companyWithConnection(
  call: Call,
  baseCurrency: string,
  connection: Omit<MethodInput<'connections.create'>, 'companyId'>,
) {
  const company = await call('companies.create', { name: 'Bench Co', baseCurrency });
  return { company, connection: await call('connections.create', { ...connection, companyId: company.id }) };
}

/** Goes through the simulator's consent page and its redirect, then waits until the connection says connected. */
export async function connectByConsent(call: Call, companyId: string, connectionId: string) {
  const { authorizeUrl } = await call('connections.connect', { id: connectionId });
  const consent = await fetch(authorizeUrl!, { redirect: 'manual' });
  await fetch(consent.headers.get('location')!);
  let status = '';
  for (let i = 0; i < 500 && status !== 'connected'; i++) {
    const [c] = (await call('connections.list', { companyId })).filter((x) => x.id === connectionId);
    status = c?.status ?? '';
    if (status !== 'connected') await new Promise((r) => setTimeout(r, 10));
  }
  if (status !== 'connected') throw new Error(`the connection did not connect (${status})`);
}

/** The lists every send benchmark's documents refer to: one expense account, one item, `suppliers` suppliers. */
export async function seedLists(call: Call, companyId: string, suppliers: number) {
  const account = await call('lists.create', { companyId, kind: 'account', name: 'Job Materials' });
  const item = await call('lists.create', { companyId, kind: 'item', name: 'Air filter' });
  const created = [];
  for (let i = 0; i < suppliers; i++)
    created.push(await call('suppliers.create', { companyId, name: `Supplier ${i} Plumbing & Sons` }));
  return { account, item, suppliers: created };
}

/** Creates a document and takes it through submit and approve, as a bookkeeper would before it is sent. */
export async function createApproved(call: Call, input: MethodInput<'documents.create'>) {
  const doc = await call('documents.create', input);
  await call('documents.submit', { id: doc.id });
  await call('documents.approve', { id: doc.id });
  return doc;
}

/** Creates and approves `count` documents while the worker is stopped; seedMs is how long that took. */
export async function createApprovedDocuments(
  call: Call,
  count: number,
  input: (i: number) => MethodInput<'documents.create'>,
) {
  const seedStart = performance.now();
  const documents = [];
  for (let i = 0; i < count; i++) documents.push(await createApproved(call, input(i)));
  return { documents, seedMs: performance.now() - seedStart };
}

/**
 * The document mix of the QuickBooks Online and Xero benchmarks: every other one a supplier invoice, the rest
 * purchase and service orders, a 2.5% discount on every third, three lines (an item, or on a service order an
 * account; labour; freight).
 */
function mixedDocument(
  i: number,
  seed: { companyId: string; supplierIds: string[]; itemId: string; accountId: string; taxRateId?: string },
): MethodInput<'documents.create'> {
  const invoice = i % 2 === 1;
  const type = invoice ? 'invoice' : i % 4 === 0 ? 'purchase_order' : 'service_order';
  const tax = seed.taxRateId ? { taxRateId: seed.taxRateId } : {};
  const coded = { accountId: seed.accountId, ...tax };
  // A line goes as an item or to an account, never both; service orders take accounts only.
  const filters = type === 'service_order' ? coded : { itemId: seed.itemId, ...tax };
  return {
    companyId: seed.companyId,
    type,
    number: `${invoice ? 'B' : 'P'}-${i}`,
    supplierId: seed.supplierIds[i % seed.supplierIds.length]!,
    supplierInvoiceNumber: invoice ? `INV-${i}` : null,
    date: '2026-11-03',
    discount: i % 3 === 0 ? { percent: '2.5' } : null,
    lines: [
      { description: 'Filters', quantity: '3', unitPrice: '12.99', ...filters },
      { description: 'Labour', quantity: '1.5', unitPrice: '80', ...coded },
      { description: 'Freight', quantity: '1', unitPrice: '9.95', ...coded },
    ],
  };
}

/** seedLists, then `documents` approved documents of the mix above, coded to `taxRateId` when given. */
export async function seedMixedDocuments(
  call: Call,
  companyId: string,
  options: Pick<SendBenchOptions, 'documents' | 'suppliers'>,
  taxRateId?: string,
) {
  const { account, item, suppliers } = await seedLists(call, companyId, options.suppliers);
  const seed = { companyId, supplierIds: suppliers.map((s) => s.id), itemId: item.id, accountId: account.id };
  return createApprovedDocuments(call, options.documents, (i) => mixedDocument(i, { ...seed, taxRateId }));
}

export interface Round<Stats> {
  /** The simulator's counters just before and just after. */
  before: Stats;
  after: Stats;
  wallMs: number;
  /** CPU time of this process (user + system), in milliseconds. */
  cpuMs: number;
}

/** Runs `run` (which starts the worker or gives it work) and waits until the worker is idle, timing only that. */
export async function timeUntilIdle<Stats>(
  app: App,
  stats: () => Promise<Stats>,
  run: () => Promise<void>,
): Promise<Round<Stats>> {
  const before = await stats();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  await app.sync.whenIdle();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const after = await stats();
  return { before, after, wallMs, cpuMs: (cpu.user + cpu.system) / 1e3 };
}

/** What a counter map (requests by path, route or kind) gained between two readings, without the ones that did not. */
export function increase(before: Record<string, number>, after: Record<string, number>) {
  return Object.fromEntries(
    Object.entries(after)
      .map(([k, v]) => [k, v - (before[k] ?? 0)] as const)
      .filter(([, v]) => v > 0),
  );
}

/** How many of the company's documents the worker sent and how many failed. */
export async function sentAndFailed(call: Call, companyId: string) {
  const sent = await call('documents.list', { companyId, syncStatus: 'sent', limit: 1 });
  const failed = await call('documents.list', { companyId, syncStatus: 'failed', limit: 1 });
  return { sent: sent.total, failed: failed.total };
}

// The lines of figures the send benchmarks print alike (each prints them with its own indent and notes).
const seconds = (ms: number, digits: number) => `${(ms / 1000).toFixed(digits)} s`;

export const figures = {
  outcome: (o: { sent: number; failed: number }, inSimulator: string) =>
    `sent ${o.sent}, failed ${o.failed}; in the simulator: ${inSimulator}`,
  requests: (requests: number, documents: number, digits: number, note?: string) =>
    `HTTP requests: ${requests} → ${(requests / documents).toFixed(digits)} per document${note ? ` (${note})` : ''}`,
  byKind: (label: string, counts: Record<string, number>, throttled: number, more = '') =>
    `${label}: ${JSON.stringify(counts)}; throttled ${throttled}${more}`,
  ownTime: (round: { wallMs: number; cpuMs: number }, documents: number, wallDigits: number, wallNote = '') =>
    `our own time: wall ${seconds(round.wallMs, wallDigits)}${wallNote}, CPU ${seconds(round.cpuMs, 2)} (${(round.cpuMs / documents).toFixed(2)} ms CPU per document)`,
  perSupplier: (requests: number, suppliers: number, target: number) => {
    const per = requests / suppliers;
    return `requests for ${suppliers} new suppliers (look-ups and creates): ${requests} → ${per.toFixed(3)} per supplier (target ≤ ${target}: ${per <= target ? 'met' : 'NOT met'}; before: about 2 per supplier, one look-up and one create each)`;
  },
  seeding: (what: string, seedMs: number) =>
    `(creating and approving ${what} beforehand took ${seconds(seedMs, 1)}; not counted)`,
};

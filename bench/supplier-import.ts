// Supplier import of a large list (issue 18): 20,000 vendors read page by page into our suppliers through the real
// core, from each system's simulator running in its own process (so the CPU time printed is ours alone).
//
//   npm run bench:supplier-import -- [--entries 20000] [--systems quickbooks-online,xero,netsuite] [--latency-ms 0]
//
// Prints per system: entries read and imported, pages, HTTP requests the simulator answered, and our own wall and
// CPU seconds next to the target (< 60 s of our own time for 20,000 entries); then the same list imported again
// (every supplier already here: the refresh path).
import type { Connector } from '../main/connectors/contract.js';
import { NetSuiteConnector } from '../main/connectors/netsuite/index.js';
import { QuickBooksOnlineConnector } from '../main/connectors/quickbooks-online/index.js';
import { XeroConnector } from '../main/connectors/xero/index.js';
import * as bench from './support/send-bench.js';

type System = 'quickbooks-online' | 'xero' | 'netsuite';
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const entries = Number(option('--entries') ?? 20_000) || 20_000;
const latencyMs = Number(option('--latency-ms') ?? 0) || 0;
const systems = (option('--systems') ?? 'quickbooks-online,xero,netsuite').split(',') as System[];
const TARGET_S = 60;

const TBA = {
  consumerKey: 'bench-ck',
  consumerSecret: 'bench-cs',
  tokenId: 'bench-tk',
  tokenSecret: 'bench-ts',
};

interface Setup {
  env: Record<string, string>;
  connector: () => Connector;
  currency: string;
  connection(settings: Record<string, unknown>): {
    system: 'quickbooks_online' | 'xero' | 'netsuite';
    settings: Record<string, unknown>;
    credentials: Record<string, string>;
  };
  consent: boolean;
}

const SETUPS: Record<System, Setup> = {
  'quickbooks-online': {
    env: {
      QBO_CLIENT_ID: 'bench-client',
      QBO_CLIENT_SECRET: 'bench-secret',
      QBO_LATENCY_MS: String(latencyMs),
    },
    connector: () => new QuickBooksOnlineConnector(),
    currency: 'USD',
    connection: (settings) => ({
      system: 'quickbooks_online',
      settings: { ...settings, environment: 'sandbox' },
      credentials: { clientId: 'bench-client', clientSecret: 'bench-secret' },
    }),
    consent: true,
  },
  xero: {
    env: { XERO_CLIENT_ID: 'SIMXEROCLIENT0123456789ABCDEF01', XERO_LATENCY_MS: String(latencyMs) },
    connector: () => new XeroConnector(),
    currency: 'NZD',
    connection: (settings) => ({
      system: 'xero',
      settings,
      credentials: { clientId: 'SIMXEROCLIENT0123456789ABCDEF01' },
    }),
    consent: true,
  },
  netsuite: {
    env: {
      NS_CONSUMER_KEY: TBA.consumerKey,
      NS_CONSUMER_SECRET: TBA.consumerSecret,
      NS_TOKEN_ID: TBA.tokenId,
      NS_TOKEN_SECRET: TBA.tokenSecret,
      NS_LATENCY_MS: String(latencyMs),
    },
    connector: () => new NetSuiteConnector(),
    currency: 'USD',
    connection: (settings) => ({ system: 'netsuite', settings, credentials: TBA }),
    consent: false,
  },
};

const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function measure<T>(run: () => Promise<T>): Promise<{ result: T; wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await run();
  const used = process.cpuUsage(cpu);
  return { result, wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

console.log(
  `Supplier import: ${entries.toLocaleString('en-US')} entries per system (target < ${TARGET_S} s of our own time)`,
);
for (const system of systems) {
  const setup = SETUPS[system];
  const sim = await bench.startSimulator<{ settings: Record<string, unknown> }>(system, setup.env);
  await sim.ask({ type: 'seedVendors', count: entries }, 'seededVendors');
  const { call, close } = await bench.startBenchApp(`supplier-import-${system}`, setup.connector());
  try {
    const { company, connection } = await bench.companyWithConnection(
      call,
      setup.currency,
      setup.connection(sim.ready.settings),
    );
    if (setup.consent) await bench.connectByConsent(call, company.id, connection.id);
    else await call('connections.connect', { id: connection.id });
    const requests = async () =>
      (await sim.ask<{ stats: { requests: number } }>({ type: 'stats' }, 'stats')).stats.requests;

    console.log(`\n  ${system}`);
    for (const label of ['first import', 'again (all known)']) {
      const before = await requests();
      const { result, wallMs, cpuMs } = await measure(() =>
        call('suppliers.import', { connectionId: connection.id }),
      );
      const run = result.run!;
      const sent = (await requests()) - before;
      const ok = Math.max(wallMs, cpuMs) < TARGET_S * 1000 ? 'within' : 'OVER';
      console.log(
        `    ${label}: ${run.entriesRead.toLocaleString('en-US')} entries (total told: ${run.total ?? '—'}), ` +
          `${run.pagesDone} pages, ${sent} requests (${run.requests} counted by us); ` +
          `${run.added} new, ${run.unchanged} already in step, ${run.skipped} skipped (inactive)`,
      );
      console.log(
        `      our own time: ${seconds(wallMs)} s wall, ${seconds(cpuMs)} s CPU ` +
          `(${((cpuMs / run.entriesRead) * 1000).toFixed(1)} µs CPU per entry) — ${ok} the ${TARGET_S} s target`,
      );
    }
    const listed = await call('suppliers.list', { companyId: company.id, limit: 1 });
    console.log(`    suppliers here afterwards: ${listed.total.toLocaleString('en-US')}`);
  } finally {
    await close();
    sim.close();
  }
}

// The refresh schedule (due by refreshMinutes since the last pull, one pull per connection at a time) and the
// invoice write-back, driven against the real database of a running core and the ServiceTrade simulator.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionT } from '../../../preload/contract.js';
import type { ConnectorContext } from '../../../main/connectors/contract.js';
import { quickBooksDesktopConnector } from '../../../main/connectors/quickbooks-desktop/connector.js';
import { servicetradeConnector } from '../../../main/connectors/servicetrade/connector.js';
import { writeBackInvoice } from '../../../main/connectors/servicetrade/invoices.js';
import { refreshConnection, type RefreshDeps } from '../../../main/job-costing/refresh.js';
import { RefreshSchedule } from '../../../main/job-costing/index.js';
import { DATABASE_FILE } from '../../../main/db/database.js';
import { KeychainSecretStore } from '../../../main/secrets/index.js';
import { startCore, type TestCore } from '../../fixtures/core.js';
import { ServiceTradeSimulator } from '../../simulators/servicetrade/simulator.js';

let sim: ServiceTradeSimulator;
let core: TestCore;
let db: Database.Database | null = null;

afterEach(async () => {
  db?.close();
  db = null;
  await core?.close();
  await sim?.close();
});

async function setup(settings: Record<string, unknown> = {}) {
  sim = await new ServiceTradeSimulator().start();
  sim.clients.set('client-1', 'secret-1');
  const acme = sim.addCompany('Acme Corp');
  const main = sim.addLocation(acme, 'Main St Store');
  const job = sim.addJob(main);
  const invoice = sim.addInvoice(job);
  core = await startCore({
    connectors: [quickBooksDesktopConnector, servicetradeConnector],
    startSync: false,
  });
  const company = await core.call('companies.create', { name: 'Northwind Facilities', baseCurrency: 'USD' });
  const created = await core.call('connections.create', {
    companyId: company.id,
    system: 'servicetrade',
    settings: { baseUrl: sim.baseUrl, retryBaseMs: 1, ...settings },
    credentials: { clientId: 'client-1', clientSecret: 'secret-1' },
  });
  const { connection } = await core.call('connections.connect', { id: created.id });
  db = new Database(path.join(core.dataDir, DATABASE_FILE));
  const store = new KeychainSecretStore({ service: core.secretService });
  const log: string[] = [];
  const deps: RefreshDeps = {
    db,
    connectorContext: (c: ConnectionT): ConnectorContext => ({
      connection: c,
      secrets: {
        get: (name) => store.get(c.id, name),
        set: (name, value) => store.set(c.id, name, value),
        delete: async (name) => void (await store.delete(c.id, name)),
      },
      signal: new AbortController().signal,
      acquireRequestSlot: () => Promise.resolve(),
    }),
    log: (entry) => log.push(`${entry.result}: ${entry.message}`),
    announce: () => {},
  };
  return { connection, deps, log, invoice, company };
}

describe('the refresh schedule', () => {
  it('pulls a connection that never pulled, then again only once refreshMinutes have passed', async () => {
    const { deps, log } = await setup({ refreshMinutes: 15 });
    const schedule = new RefreshSchedule(deps, 3_600_000);
    const now = Date.now();
    const first = schedule.tick(now);
    expect(first).toHaveLength(1);
    await Promise.all(first);
    expect(log.at(-1)).toMatch(/^success: ServiceTrade refreshed: 1 new or changed job/);
    expect(schedule.tick(now + 60_000)).toHaveLength(0);
    const later = schedule.tick(now + 16 * 60_000);
    expect(later).toHaveLength(1);
    await Promise.all(later);
    await schedule.stop();
    expect(schedule.tick(now + 60 * 60_000)).toHaveLength(0);
  });

  it('a failed refresh is tried again after the interval, not at every check', async () => {
    const { deps, log } = await setup({ refreshMinutes: 15 });
    sim.failNext('/company', { status: 500 }, 4);
    const schedule = new RefreshSchedule(deps, 3_600_000);
    const now = Date.now();
    await Promise.all(schedule.tick(now));
    expect(log.at(-1)).toMatch(/^failure: ServiceTrade had a problem on its side/);
    expect(schedule.tick(now + 60_000)).toHaveLength(0);
    const again = schedule.tick(now + 15 * 60_000);
    expect(again).toHaveLength(1);
    await Promise.all(again);
    expect(log.at(-1)).toMatch(/^success/);
    await schedule.stop();
  });

  it('stopping the schedule aborts a refresh that is waiting on ServiceTrade', async () => {
    const { deps, log } = await setup({ timeoutMs: 300_000 });
    sim.failNext('/company', { hang: true }, 1);
    const schedule = new RefreshSchedule(deps, 3_600_000);
    const started = schedule.tick(Date.now());
    await expect.poll(() => sim.requestsTo('/company').length).toBe(2); // the connect probe, then the hang
    await schedule.stop();
    await Promise.all(started);
    expect(log.at(-1)).toMatch(/^failure: Ledgerbridge stopped the ServiceTrade refresh/);
  });

  it('refreshMinutes 0 leaves the connection to "Refresh now"', async () => {
    const { deps } = await setup({ refreshMinutes: 0 });
    const schedule = new RefreshSchedule(deps, 3_600_000);
    expect(schedule.tick(Date.now())).toHaveLength(0);
    await schedule.stop();
  });

  it('a refresh asked for while one runs joins it instead of pulling twice', async () => {
    const { deps, connection } = await setup();
    const [a, b] = [refreshConnection(deps, connection), refreshConnection(deps, connection)];
    expect(a).toBe(b);
    await a;
    expect(sim.requestsTo('/company').filter((r) => r.query['limit'] === undefined)).toHaveLength(1);
  });
});

describe('rate limiting', () => {
  it("honours ServiceTrade's Retry-After on a 429", async () => {
    const { deps, connection, log } = await setup();
    const waits: number[] = [];
    sim.failNext('/location', { status: 429, retryAfter: 7 }, 1);
    await refreshConnection({ ...deps, sleep: (ms) => Promise.resolve(void waits.push(ms)) }, connection);
    expect(waits).toEqual([7000]);
    expect(log.some((l) => /^retry: ServiceTrade asked Ledgerbridge to slow down.*in 7 s/.test(l))).toBe(
      true,
    );
  });
});

describe('invoice write-back', () => {
  it('writes the QuickBooks number back and marks the invoice processed', async () => {
    const { deps, connection, invoice, company } = await setup();
    await refreshConnection(deps, connection);
    const fresh = (await core.call('connections.list', { companyId: company.id }))[0]!;
    await writeBackInvoice(
      { db: db!, connection: fresh, ctx: deps.connectorContext(fresh) },
      String(invoice.id),
      'INV-3001',
    );
    expect(invoice).toMatchObject({ status: 'processed', invoiceNumber: 'INV-3001' });
    const listed = await core.call('servicetrade.invoices.list', { companyId: company.id });
    expect(listed.items[0]).toMatchObject({ status: 'processed', invoiceNumber: 'INV-3001' });
  });
});

// ServiceTrade's API does not report deleted jobs. Once a day (and on the first pull) the job lists are read whole;
// a stored job none of them returns is marked deleted — kept, shown, logged on the job, and no longer sent to
// QuickBooks — and a job that comes back is unmarked.
import { afterEach, describe, expect, it } from 'vitest';
import { quickBooksDesktopConnector } from '../../../main/connectors/quickbooks-desktop/connector.js';
import { servicetradeConnector } from '../../../main/connectors/servicetrade/connector.js';
import { JOB_MISSING_ACTION } from '../../../main/connectors/servicetrade/pull.js';
import { openDatabase } from '../../../main/db/database.js';
import { startCore, type TestCore } from '../../fixtures/core.js';
import { ServiceTradeSimulator } from '../../simulators/servicetrade/simulator.js';

let sim: ServiceTradeSimulator | undefined;
let core: TestCore | undefined;
afterEach(async () => {
  await core?.close();
  await sim?.close();
  core = undefined;
  sim = undefined;
});

/** Makes the next refresh read every job list whole, as it does once a day. */
function lastFullReadLongAgo(dataDir: string): void {
  const db = openDatabase(dataDir);
  try {
    db.prepare(`UPDATE servicetrade_checkpoints SET updated_after = 0 WHERE entity = 'job_full'`).run();
  } finally {
    db.close();
  }
}

describe('jobs deleted in ServiceTrade', () => {
  it('are found by the daily whole read, marked and logged, not sent; one that comes back is unmarked', async () => {
    sim = await new ServiceTradeSimulator().start();
    sim.clients.set('client-1', 'secret-1');
    const acme = sim.addCompany('Acme Corp');
    const main = sim.addLocation(acme, 'Main St Store');
    const kept = sim.addJob(main, { status: 'scheduled', type: 'repair' });
    const deleted = sim.addJob(main, { status: 'completed', type: 'inspection' });
    core = await startCore({
      connectors: [quickBooksDesktopConnector, servicetradeConnector],
      startSync: false,
    });
    const company = await core.call('companies.create', {
      name: 'Northwind Facilities',
      baseCurrency: 'USD',
    });
    const qbd = await core.call('connections.create', {
      companyId: company.id,
      system: 'quickbooks_desktop',
      settings: { username: 'northwind' },
    });
    const created = await core.call('connections.create', {
      companyId: company.id,
      system: 'servicetrade',
      settings: { baseUrl: sim.baseUrl, retryBaseMs: 1, timeoutMs: 2000 },
      credentials: { clientId: 'client-1', clientSecret: 'secret-1' },
    });
    const { connection } = await core.call('connections.connect', { id: created.id });
    await core.call('servicetrade.refresh', { connectionId: connection.id });
    const jobs = async () => (await core!.call('jobs.list', { companyId: company.id, limit: 100 })).items;
    const byNumber = async (number: string) => (await jobs()).find((j) => j.number === number)!;
    expect((await jobs()).map((j) => j.missingSince)).toEqual([null, null]);

    // Deleted in ServiceTrade: an incremental pull cannot tell (nothing lists it as changed).
    sim.jobs.splice(sim.jobs.indexOf(deleted), 1);
    await core.call('servicetrade.refresh', { connectionId: connection.id });
    expect((await byNumber(deleted.number)).missingSince).toBeNull();
    const incremental = sim.requestsTo('/job').at(-1)!;
    expect(incremental.query['updatedAfter']).toBeDefined();

    // The daily whole read finds it gone.
    lastFullReadLongAgo(core.dataDir);
    const before = sim.requestsTo('/job').length;
    const summary = await core.call('servicetrade.refresh', { connectionId: connection.id });
    expect(summary.deletedJobs).toBe(1);
    const whole = sim.requestsTo('/job').slice(before);
    expect(whole.every((r) => r.query['updatedAfter'] === undefined)).toBe(true);
    const gone = await byNumber(deleted.number);
    expect(gone.missingSince).not.toBeNull();
    expect((await byNumber(kept.number)).missingSince).toBeNull();
    const log = await core.call('jobs.log', { jobId: gone.id });
    expect(log.items.map((e) => e.action)).toEqual([JOB_MISSING_ACTION]);
    expect(log.items[0]!.message).toMatch(/no longer in ServiceTrade \(deleted there\)/);
    expect((await core.call('jobs.log', { jobId: (await byNumber(kept.number)).id })).total).toBe(0);

    // Not sent to QuickBooks any more, with the reason.
    const sent = await core.call('jobs.send', { jobIds: [gone.id], connectionId: qbd.id });
    expect(sent.queued).toEqual([]);
    expect(sent.invalid[0]!.errors[0]).toMatch(/no longer in ServiceTrade/);

    // Marked once: the next whole read does not log it again.
    lastFullReadLongAgo(core.dataDir);
    await core.call('servicetrade.refresh', { connectionId: connection.id });
    expect(
      (await core.call('jobs.log', { jobId: gone.id })).items.filter((e) => e.action === JOB_MISSING_ACTION),
    ).toHaveLength(1);

    // Restored in ServiceTrade: the next pull that returns it unmarks it, and says so on the job.
    sim.jobs.push(deleted);
    sim.change(deleted, { status: 'completed' });
    await core.call('servicetrade.refresh', { connectionId: connection.id });
    expect((await byNumber(deleted.number)).missingSince).toBeNull();
    const back = await core.call('jobs.log', { jobId: gone.id });
    expect(back.items[0]!.message).toMatch(/it is back in ServiceTrade/);
  });
});

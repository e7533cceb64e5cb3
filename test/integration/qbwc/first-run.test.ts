// A QuickBooks Desktop connection is connected by its first Web Connector run that finishes, and not before: neither
// "Connect" nor a first run that never finished (the Web Connector stopped in the middle) sets when it was connected,
// and such a run says what happened and what to do instead of "Last Web Connector session: 0 documents sent". The
// connection keeps the status it had meanwhile; the next run that finishes connects it.
import { afterEach, describe, expect, it } from 'vitest';
import { QbdSimulator } from '../../simulators/quickbooks-desktop/simulator.js';
import { quickbooks } from '../job-costing/support.js';
import { startQbwc, type QbwcHarness } from './harness.js';

let h: QbwcHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('the first Web Connector run', () => {
  it('connects the connection only once a run finishes', async () => {
    h = await startQbwc();
    const { core, connectionId } = h;
    const sim = new QbdSimulator({ companyName: 'Northwind Facilities' });
    sim.addVendor('Beacon Electric');
    const connection = async () =>
      (
        await core.call('connections.list', { companyId: (await core.call('companies.list', {}))[0]!.id })
      ).find((c) => c.id === connectionId)!;
    await core.call('connections.connect', { id: connectionId });
    expect(await connection()).toMatchObject({ status: 'connected', connectedAt: null });

    // The Web Connector stops after the first message: the run never finishes, and the next one replaces it.
    const wc = h.webConnector(quickbooks(sim));
    expect((await wc.runSession({ breakAfterRequests: 1 })).broken).toBe(true);
    h.clock.advance(11 * 60_000);
    const run = await wc.runSession();
    const stopped = (await core.call('qbd.sessions', { connectionId, limit: 5 })).sessions;
    expect(stopped.map((s) => s.outcome)).toEqual(['done', 'replaced']);
    expect(run.percents.at(-1)).toBe(100);
    const connected = await connection();
    expect(connected.status).toBe('connected');
    expect(connected.connectedAt).not.toBeNull();
    expect(connected.statusMessage).toMatch(/^Last Web Connector session \(.+ UTC\): /);
  });

  it('says what a first run that stopped did, and what to do', async () => {
    h = await startQbwc();
    const { core } = h;
    const sim = new QbdSimulator({ companyName: 'Northwind Facilities' });
    const wc = h.webConnector(quickbooks(sim));
    // Stopped after its first message; the next run, stopped as well, replaces it.
    await wc.runSession({ breakAfterRequests: 1 });
    h.clock.advance(11 * 60_000);
    expect((await wc.runSession({ breakAfterRequests: 1 })).broken).toBe(true);
    const [connection] = await core.call('connections.list', {
      companyId: (await core.call('companies.list', {}))[0]!.id,
    });
    expect(connection).toMatchObject({ status: 'not_connected', connectedAt: null });
    expect(connection!.statusMessage).toMatch(
      /^The first Web Connector run \(.+ UTC\) stopped before it finished; what it read is kept\. On the QuickBooks computer, open the QuickBooks Web Connector and click Update Selected: the next run goes on where this one stopped\.$/,
    );
  });
});

// QuickBooks Desktop list imports across Web Connector sessions (issue 16): a list is read in two passes whose place
// outlives the session (the ids, then the records by ListID in batches), so a session that breaks anywhere costs at
// most the batch in flight, and the next session fetches only what was not fetched. Update existing fetches only the
// records whose EditSequence changed; Import new only those not mirrored. Driven like the Web Connector drives it,
// against the QuickBooks Desktop simulator (every message validated against Intuit's qbXML schema).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSession, type EngineHarness } from './harness.js';
import { qbFor, type Qb } from './qb.js';
import { enginePerTest, fetched } from './scenario.js';

const startEngine = enginePerTest();

function mirrored(h: EngineHarness, kind: 'customer' | 'item') {
  return h.db
    .prepare<[string, string], { external_id: string; name: string; active: number }>(
      'SELECT external_id, name, active FROM list_entries WHERE connection_id = ? AND kind = ? ORDER BY name',
    )
    .all(h.connectionId, kind);
}

function customers(qb: Qb) {
  return [...qb.sim.company.customers.values()];
}

describe('a list import broken off by the Web Connector', () => {
  it('goes on at the next session: every record mirrored once, none fetched twice but the batch cut off', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 420 }),
        fc.integer({ min: 40, max: 250 }),
        fc.integer({ min: 15, max: 120 }),
        fc.integer({ min: 1, max: 12 }),
        async (n, idPage, fetchBatch, breakAfter) => {
          const h = await startEngine({}, { listPages: { ids: idPage, fetch: fetchBatch } });
          try {
            const qb = qbFor();
            for (let i = 0; i < n; i += 1) qb.sim.addCustomer(`Customer ${String(i).padStart(4, '0')}`);
            const broken = runSession(h, qb, { breakAfter });
            qb.sim.endSession();
            const next = runSession(h, qb);
            expect(next.lastError).toBe('');
            expect(h.engine.hasWork(h.connectionId)).toBe(false);

            // Every customer mirrored, once, under its own ListID and name.
            const rows = mirrored(h, 'customer');
            const theirs = customers(qb);
            expect(rows.map((r) => r.external_id).sort()).toEqual(theirs.map((c) => c.ListID).sort());
            expect(rows.map((r) => r.name).sort()).toEqual(theirs.map((c) => c.FullName).sort());

            // Fetched twice only if it was in the message whose answer never came.
            const cutOff = new Set(fetched(broken.messages.slice(-1), 'Customer').flat());
            const all = [
              ...fetched(broken.messages, 'Customer').flat(),
              ...fetched(next.messages, 'Customer').flat(),
            ];
            const seen = new Map<string, number>();
            for (const id of all) seen.set(id, (seen.get(id) ?? 0) + 1);
            for (const [id, times] of seen) {
              expect(times).toBeLessThanOrEqual(cutOff.has(id) ? 2 : 1);
            }
            expect(seen.size).toBe(theirs.length);
            // The Lists page's run is finished and counts each customer once.
            const overview = await h.core.call('lists.overview', { connectionId: h.connectionId });
            const row = overview.lists.find((l) => l.kind === 'customer')!;
            expect(row.stopped).toBeNull();
            expect(row.lastImport).toMatchObject({ mode: 'all', seen: theirs.length, added: theirs.length });
          } finally {
            await h.close();
          }
        },
      ),
      { numRuns: 8, seed: 16_2026 },
    );
  }, 300_000);

  it('shows the stopped read on the Lists page, and the next session goes on with it', async () => {
    const h = await startEngine({}, { listPages: { ids: 1000, fetch: 100 } });
    const qb = qbFor();
    for (let i = 0; i < 650; i += 1) qb.sim.addCustomer(`Customer ${String(i).padStart(4, '0')}`);
    // Message 1: every list's ids; 2 to 4: batches of 100; the session dies with message 4 unanswered.
    runSession(h, qb, { breakAfter: 4 });
    qb.sim.endSession();
    const overview = await h.core.call('lists.overview', { connectionId: h.connectionId });
    const row = overview.lists.find((l) => l.kind === 'customer')!;
    const total = customers(qb).length;
    expect(row.stopped).toMatchObject({ mode: 'all', status: 'failed', entriesRead: 200, total });
    expect(row.stopped!.message).toBe(
      `The Web Connector run ended after 200 of ${total.toLocaleString('en-US')} customers and jobs; what was read is kept, and the next Web Connector run goes on with the rest.`,
    );
    // The lists it finished are not stopped.
    expect(overview.lists.find((l) => l.kind === 'account')!.stopped).toBeNull();
    expect(h.engine.hasWork(h.connectionId)).toBe(true);

    const next = runSession(h, qb);
    expect(next.messages[0]).toContain('<CustomerQueryRq');
    expect(next.messages[0]).not.toContain('<AccountQueryRq');
    const after = await h.core.call('lists.overview', { connectionId: h.connectionId });
    const done = after.lists.find((l) => l.kind === 'customer')!;
    expect(done.stopped).toBeNull();
    expect(done.count).toBe(total);
    // Progress for the Lists page came from the session.
    const progress = h.events.filter(
      (e) => e.type === 'progress' && e.task === `lists.import:${h.connectionId}:customer`,
    );
    expect(progress.at(-1)).toMatchObject({ done: total, total });
  });
});

describe('Update existing and Import new from the Lists page', () => {
  it('fetch only what changed, or only what is new, and read no other list', async () => {
    const h = await startEngine();
    const qb = qbFor();
    for (let i = 0; i < 300; i += 1) qb.sim.addCustomer(`Customer ${String(i).padStart(4, '0')}`);
    runSession(h, qb);
    const before = customers(qb).length;
    const [a, b] = [qb.sim.findCustomer('Customer 0007')!, qb.sim.findCustomer('Customer 0250')!];
    qb.sim.editCustomerInQuickBooks(a.ListID, { Name: 'Customer 0007 (Harbour St)' });
    qb.sim.editCustomerInQuickBooks(b.ListID, { IsActive: false });
    const added = qb.sim.addCustomer('Customer 9999');

    const update = await h.core.call('lists.importKind', {
      connectionId: h.connectionId,
      kind: 'customer',
      mode: 'update',
    });
    expect(update.queued).toBe(true);
    // Queued: the Lists page says it waits for the Web Connector.
    const queued = (await h.core.call('lists.overview', { connectionId: h.connectionId })).lists.find(
      (l) => l.kind === 'customer',
    )!;
    expect(queued.stopped).toMatchObject({ mode: 'update', status: 'running', pagesDone: 0 });
    expect(h.engine.hasWork(h.connectionId)).toBe(true);

    const run = runSession(h, qb);
    expect(run.lastError).toBe('');
    expect(run.messages.join('')).not.toMatch(/<(Account|Vendor|Item|Class|StandardTerms)QueryRq/);
    // The id pass lists every customer; only the two edited ones are fetched (the new one is not Update's).
    expect(fetched(run.messages, 'Customer')).toEqual([[a.ListID, b.ListID]]);
    let rows = mirrored(h, 'customer');
    expect(rows).toHaveLength(before);
    expect(rows.find((r) => r.external_id === a.ListID)!.name).toBe('Customer 0007 (Harbour St)');
    expect(rows.find((r) => r.external_id === b.ListID)!.active).toBe(0);
    let row = (await h.core.call('lists.overview', { connectionId: h.connectionId })).lists.find(
      (l) => l.kind === 'customer',
    )!;
    expect(row.stopped).toBeNull();
    expect(row.lastImport).toMatchObject({
      mode: 'update',
      seen: before + 1,
      updated: 1,
      deactivated: 1,
      added: 0,
    });

    // Import new: only the customer not mirrored yet is fetched.
    await h.core.call('lists.importKind', { connectionId: h.connectionId, kind: 'customer', mode: 'new' });
    const next = runSession(h, qb);
    expect(fetched(next.messages, 'Customer')).toEqual([[added.ListID]]);
    rows = mirrored(h, 'customer');
    expect(rows).toHaveLength(before + 1);
    row = (await h.core.call('lists.overview', { connectionId: h.connectionId })).lists.find(
      (l) => l.kind === 'customer',
    )!;
    expect(row.lastImport).toMatchObject({ mode: 'new', seen: before + 1, added: 1 });
    expect(h.engine.hasWork(h.connectionId)).toBe(false);
  });
});

describe('an import asked for before list reads were kept', () => {
  it('reads only the lists it had not finished', async () => {
    const h = await startEngine();
    const qb = qbFor();
    qb.sim.addCustomer('Smith, John');
    runSession(h, qb);
    // What the engine left before migration 0039: the import asked for, accounts, classes and terms finished.
    const done = { since: null, done: true, seen: null };
    const open = { since: null, done: false, seen: null };
    h.db.prepare('UPDATE qbd_state SET lists_requested = 1, lists_json = ? WHERE connection_id = ?').run(
      JSON.stringify({
        accounts: done,
        classes: done,
        terms: done,
        items: open,
        vendors: open,
        customers: open,
      }),
      h.connectionId,
    );
    expect(h.engine.hasWork(h.connectionId)).toBe(true);
    const run = runSession(h, qb);
    const asked = run.messages.join('');
    expect(asked).not.toMatch(/<(Account|Class|StandardTerms)QueryRq/);
    expect(asked).toMatch(/<CustomerQueryRq/);
    expect(h.engine.hasWork(h.connectionId)).toBe(false);
  });
});

describe('vendors, when they are not imported as suppliers', () => {
  it('are fetched only where one could pair with a supplier here', async () => {
    const h = await startEngine();
    const qb = qbFor();
    for (let i = 0; i < 300; i += 1) qb.sim.addVendor(`Vendor ${String(i).padStart(3, '0')}`);
    const ours = await h.supplier('vendor  123');
    await h.supplier('Nobody Ltd');
    const run = runSession(h, qb);
    expect(run.lastError).toBe('');
    // The id pass lists all 300; only the one whose name a supplier of ours carries is fetched, and paired.
    const vendor = qb.sim.findVendor('Vendor 123')!;
    expect(fetched(run.messages, 'Vendor')).toEqual([[vendor.ListID]]);
    expect((await h.core.call('suppliers.get', { id: ours })).links.map((l) => l.externalId)).toEqual([
      vendor.ListID,
    ]);
    // The supplier import's card says the list was read.
    const status = await h.core.call('suppliers.importStatus', { connectionId: h.connectionId });
    expect(status).toMatchObject({ status: 'finished', matched: 1 });
  });
});

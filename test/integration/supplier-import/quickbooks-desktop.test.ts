// Supplier import from QuickBooks Desktop (issue 18): "Import suppliers" asks for the lists at the next Web Connector
// session, where the vendors come through VendorQuery's iterator (MaxReturned 200), each page advancing the
// connection's supplier import run and sending the same progress events as the systems we call; a second session
// reads them again without a supplier twice.
import { describe, expect, it } from 'vitest';
import { runSession } from '../quickbooks-desktop/engine/harness.js';
import { qbFor } from '../quickbooks-desktop/engine/qb.js';
import { enginePerTest } from '../quickbooks-desktop/engine/scenario.js';

const startEngine = enginePerTest();

describe('supplier import from QuickBooks Desktop', () => {
  it('reads the vendors page by page in the session, with progress, into the import run', async () => {
    const h = await startEngine({ importVendors: true });
    const qb = qbFor();
    for (let i = 0; i < 450; i += 1)
      qb.sim.addVendor(`Vendor ${String(i).padStart(3, '0')}`, i % 3 === 0 ? { Phone: `555-0${i}` } : {});
    const ours = await h.supplier('Vendor 007');
    // The first session imports the lists anyway; the card's button asks for them again later.
    runSession(h, qb);
    const progress = h.events.filter(
      (e) => e.type === 'progress' && e.task === `suppliers.import:${h.connectionId}`,
    );
    expect(progress.map((e) => (e.type === 'progress' ? [e.done, e.total] : null))).toEqual([
      [200, 450],
      [400, 450],
      [450, 450],
    ]);
    const run = await h.core.call('suppliers.importStatus', { connectionId: h.connectionId });
    expect(run).toMatchObject({
      status: 'finished',
      pagesDone: 3,
      entriesRead: 450,
      total: 450,
      added: 449,
      matched: 1,
    });
    expect(run!.message).toBe(
      'Imported the supplier list from QuickBooks Desktop: 449 new, 1 paired by name, 0 already in step — 450 of 450 suppliers read in 3 pages.',
    );

    const asked = await h.core.call('suppliers.import', { connectionId: h.connectionId });
    expect(asked).toEqual({ run: null, queued: true });
    expect(h.engine.hasWork(h.connectionId)).toBe(true);
    runSession(h, qb);
    const again = await h.core.call('suppliers.importStatus', { connectionId: h.connectionId });
    expect(again).toMatchObject({ status: 'finished', added: 0, matched: 0 });
    expect(again!.id).not.toBe(run!.id);
    const suppliers = await h.core.call('suppliers.list', { companyId: h.companyId, limit: 1 });
    expect(suppliers.total).toBe(450);
    expect((await h.core.call('suppliers.get', { id: ours })).links).toHaveLength(1);
  });
});

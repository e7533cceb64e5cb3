// Supplier import from QuickBooks Desktop (issue 18): "Import suppliers" asks for the lists at the next Web Connector
// session, where the vendors come through VendorQuery's iterator (MaxReturned 200), each page advancing the
// connection's supplier import run and sending the same progress events as the systems we call; a second session
// reads them again without a supplier twice. The import reads the whole vendor list, so vendors read before, while
// the connection only paired them by name, come in once it adds them; a supplier a bill waits on is then paired in
// place with one of them, and the bill goes to that vendor.
import { describe, expect, it } from 'vitest';
import { runSession, syncOf } from '../quickbooks-desktop/engine/harness.js';
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
  }, 90_000); // three sessions of 450 vendors, each message checked by xmllint: 10 s alone, over 30 s under load

  it('says what a read with vendor import off did, and which setting adds the others', async () => {
    const h = await startEngine({ createMissing: false });
    // The sentences name the connection as the bookkeeper named it, as the other systems' supplier import does.
    await h.core.call('connections.update', { id: h.connectionId, name: 'Northwind books' });
    const qb = qbFor();
    const status = () => h.core.call('suppliers.importStatus', { connectionId: h.connectionId });
    const SETTING =
      'because "Add QuickBooks vendors that match none of our suppliers as suppliers" is off for this connection. To add them, turn that on in the connection\'s settings and choose Import suppliers again.';
    // No vendor yet.
    runSession(h, qb);
    expect((await status())!.message).toBe(
      'Northwind books has no vendors yet: there was nothing to pair or add. Once vendors are added there, choose Import suppliers again.',
    );

    // None named like a supplier here.
    qb.sim.addVendor('Beacon Electric');
    qb.sim.addVendor('Harbor Paints');
    await h.core.call('suppliers.import', { connectionId: h.connectionId });
    runSession(h, qb);
    expect(await status()).toMatchObject({
      status: 'finished',
      entriesRead: 2,
      total: 2,
      message: `Read 2 vendors from Northwind books: none is named like a supplier here, so none was paired. They were not added to Suppliers, ${SETTING}`,
    });

    // One named like ours: paired; the others still not added.
    qb.sim.addVendor('Matai Timber');
    await h.supplier('Matai Timber');
    await h.core.call('suppliers.import', { connectionId: h.connectionId });
    runSession(h, qb);
    expect((await status())!.message).toBe(
      `Read 3 vendors from Northwind books: 1 paired by name with a supplier here. The other 2 vendors were not added to Suppliers, ${SETTING}`,
    );
    await h.core.call('suppliers.import', { connectionId: h.connectionId });
    runSession(h, qb);
    expect((await status())!.message).toBe(
      `Read 3 vendors from Northwind books: 1 paired already. The other 2 vendors were not added to Suppliers, ${SETTING}`,
    );

    // Read QuickBooks lists again reads only the vendors changed since (from the last one read, included).
    qb.sim.addVendor('Coastal Fixings');
    await h.core.call('lists.import', { connectionId: h.connectionId });
    runSession(h, qb);
    expect((await status())!.message).toBe(
      'Read 2 vendors changed in Northwind books since the last read: 1 paired already. The other vendor was not added to Suppliers, because "Add QuickBooks vendors that match none of our suppliers as suppliers" is off for this connection. To add it, turn that on in the connection\'s settings and choose Import suppliers again.',
    );
  });

  it('pairs, in a read of the changed vendors, a supplier added here after the vendor was last read', async () => {
    const h = await startEngine({ createMissing: false });
    const qb = qbFor();
    // Matai is older in QuickBooks than Beacon: a read of what changed since the first session does not list it.
    const matai = qb.sim.addVendor('Matai Timber');
    qb.sim.addVendor('Beacon Electric');
    runSession(h, qb);
    const ours = await h.supplier('Matai Timber');
    const harbor = await h.supplier('Harbor Paints');
    const vendorQuery = (messages: readonly string[]) =>
      messages.join('').match(/<VendorQueryRq[^>]*>.*?<\/VendorQueryRq>/s)?.[0];

    await h.core.call('lists.import', { connectionId: h.connectionId });
    const read = runSession(h, qb);
    expect(vendorQuery(read.messages)).not.toContain('FromModifiedDate');
    expect((await h.core.call('suppliers.get', { id: ours })).links).toEqual([
      expect.objectContaining({ externalId: matai.ListID }),
    ]);

    // Nothing unpaired changed here since: the next read lists only the vendors changed in QuickBooks, which
    // pairs a vendor added there since.
    const harborVendor = qb.sim.addVendor('Harbor Paints');
    await h.core.call('lists.import', { connectionId: h.connectionId });
    expect(vendorQuery(runSession(h, qb).messages)).toContain('FromModifiedDate');
    expect((await h.core.call('suppliers.get', { id: harbor })).links).toEqual([
      expect.objectContaining({ externalId: harborVendor.ListID }),
    ]);
  });

  it('reads the vendor list and no other list; Read QuickBooks lists again reads the rest', async () => {
    const h = await startEngine();
    const qb = qbFor();
    qb.sim.addVendor('Beacon Electric');
    runSession(h, qb);
    const queries = (messages: readonly string[]) =>
      [...messages.join('').matchAll(/<(\w+)QueryRq /g)].map((m) => m[1]);

    await h.core.call('suppliers.import', { connectionId: h.connectionId });
    const vendorsOnly = runSession(h, qb);
    expect(new Set(queries(vendorsOnly.messages))).toEqual(new Set(['Vendor']));

    await h.core.call('lists.import', { connectionId: h.connectionId });
    const lists = runSession(h, qb);
    expect(new Set(queries(lists.messages))).toEqual(
      new Set(['Account', 'Class', 'StandardTerms', 'Item', 'Vendor', 'Customer']),
    );

    // Asked for while Read QuickBooks lists again waits: its vendor read takes every vendor, not only the changed.
    await h.core.call('lists.import', { connectionId: h.connectionId });
    await h.core.call('suppliers.import', { connectionId: h.connectionId });
    const both = runSession(h, qb);
    const vendorQuery = both.messages.join('').match(/<VendorQueryRq[^>]*>.*?<\/VendorQueryRq>/s)?.[0];
    expect(vendorQuery).not.toContain('FromModifiedDate');
    expect(both.messages.join('')).toContain('<AccountQueryRq');
  });

  it('reads vendors seen before again once they are added; a waiting bill goes to the one paired in place', async () => {
    const h = await startEngine({ createMissing: false });
    const qb = qbFor();
    const matai = qb.sim.addVendor('Matai Timber Supplies Ltd');
    qb.sim.addVendor('Beacon Electric');
    const ours = await h.supplier('Matai Timber');
    // The first session reads the lists, vendors too, but only pairs them by name: none is named like ours.
    runSession(h, qb);
    const vendors = () => h.core.call('lists.vendors', { connectionId: h.connectionId });
    expect(await vendors()).toEqual([]);

    const bill = await h.approved({ type: 'invoice', supplierId: ours, supplierInvoiceNumber: 'MT-4471' });
    runSession(h, qb);
    expect(syncOf(await h.document(bill.id), h.connectionId)).toMatchObject({
      status: 'waiting',
      lastMessage:
        "Supplier 'Matai Timber' has no counterpart in QuickBooks Desktop. Pair it in Connections → Lists, or turn on 'Create missing suppliers and records in QuickBooks Desktop' in Connections → QuickBooks Desktop settings, then choose 'Create in QuickBooks Desktop' on its row in Connections → Lists.",
    });
    const [waiting] = await h.core.call('lists.needsPairing', { connectionId: h.connectionId });
    expect(waiting).toMatchObject({ kind: 'supplier', entityId: ours, name: 'Matai Timber' });

    // Vendors named like none of ours are added from now on; the import reads the list whole, not only the
    // vendors changed since the first session (none), so both come in.
    await h.core.call('connections.update', { id: h.connectionId, settings: { importVendors: true } });
    await h.core.call('suppliers.import', { connectionId: h.connectionId });
    const read = runSession(h, qb);
    const vendorQuery = read.messages.join('').match(/<VendorQueryRq[^>]*>.*?<\/VendorQueryRq>/s)?.[0];
    expect(vendorQuery).toBeDefined();
    expect(vendorQuery).not.toContain('FromModifiedDate');
    expect((await vendors()).map((v) => v.name)).toEqual(['Beacon Electric', 'Matai Timber Supplies Ltd']);

    const paired = await h.core.call('lists.pairVendor', {
      connectionId: h.connectionId,
      supplierId: ours,
      externalId: matai.ListID,
    });
    expect(paired).toMatchObject({ released: 1, name: 'Matai Timber Supplies Ltd' });
    const sent = runSession(h, qb);
    expect(syncOf(await h.document(bill.id), h.connectionId)?.status).toBe('sent');
    const [billAdd] = sent.messages.filter((m) => m.includes('<BillAddRq'));
    expect(billAdd).toMatch(new RegExp(`<VendorRef>\\s*<ListID>${matai.ListID}</ListID>\\s*</VendorRef>`));
    expect([...qb.sim.company.bills.values()].map((b) => [b.RefNumber, b.VendorListID])).toEqual([
      ['MT-4471', matai.ListID],
    ]);
    expect(qb.vendorNames()).toHaveLength(2);
  });
});

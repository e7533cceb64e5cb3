// The accounting methods against Xero: lists import (accounts by code, at most two tracking categories with their
// options, items, tax rates) and tracking carried on a purchase order by name and id; suppliers (contacts that are
// suppliers, 100 a page) synced both ways with Xero's unique contact names; payments against our bills (a date
// range on demand, If-Modified-Since on the poll) → partly paid, paid, and a deleted payment cancels ours.
import { describe, expect, it } from 'vitest';
import { approve, connectCompany, world, worldEachTest } from './harness.js';

const ready = worldEachTest();

const tick = () => new Promise((r) => setTimeout(r, 5));

describe.skipIf(!ready)('Xero: lists, suppliers, payments', () => {
  it('imports accounts, tracking categories with options, items and tax rates; tracking goes on the lines', async () => {
    const { sim, org, core } = world;
    sim.addAccount(org, { Code: '310', Name: 'Job Materials' });
    sim.addAccount(org, { Code: '429', Name: 'General Expenses', Status: 'ARCHIVED' });
    sim.addItem(org, { Code: 'AF-20', Name: 'Air filter', AccountCode: '310' });
    sim.addTracking(org, 'Region', ['North', 'South']);
    sim.addTracking(org, 'Crew', ['Alpha']);
    const { company, connection } = await connectCompany(world);
    const result = await core.call('lists.import', {
      connectionId: connection.id,
      kinds: ['account', 'tracking_category', 'tracking_option', 'item', 'tax_rate'],
    });
    expect(result.byKind).toEqual({
      account: 2,
      tracking_category: 2,
      tracking_option: 3,
      item: 1,
      tax_rate: 2,
    });
    const accounts = await core.call('lists.list', {
      companyId: company.id,
      kind: 'account',
      connectionId: connection.id,
    });
    expect(accounts.map((a) => [a.name, a.code, a.active]).sort()).toEqual([
      ['General Expenses', '429', false],
      ['Job Materials', '310', true],
    ]);
    const options = await core.call('lists.list', {
      companyId: company.id,
      kind: 'tracking_option',
      connectionId: connection.id,
    });
    const north = options.find((o) => o.name === 'North')!;
    const alpha = options.find((o) => o.name === 'Alpha')!;
    // Each option sits under its category, so the editor offers it in that category's picker.
    const categories = await core.call('lists.list', {
      companyId: company.id,
      kind: 'tracking_category',
      connectionId: connection.id,
    });
    const region = categories.find((c) => c.name === 'Region')!;
    expect(
      options
        .filter((o) => o.parentId === region.id)
        .map((o) => o.name)
        .sort(),
    ).toEqual(['North', 'South']);
    expect(alpha.parentId).toBe(categories.find((c) => c.name === 'Crew')!.id);
    const again = await core.call('lists.import', { connectionId: connection.id, kinds: ['account'] });
    expect(again.added).toBe(0);

    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    const account = accounts.find((a) => a.name === 'Job Materials')!;
    const po = await core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      number: 'PO-T1',
      supplierId: supplier.id,
      date: '2026-11-03',
      fields: { region: north.id, crew: alpha.id },
      lines: [{ description: 'Filters', quantity: '2', unitPrice: '10', accountId: account.id }],
    });
    await approve(core, po.id);
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: po.id })).sync[0]?.status).toBe('sent');
    const [sent] = [...org.purchaseOrders.values()];
    const tracking = (sent!.LineItems as { Tracking?: { Name: string; Option: string }[] }[])[0]!.Tracking;
    expect(tracking?.map((t) => `${t.Name}:${t.Option}`).sort()).toEqual(['Crew:Alpha', 'Region:North']);
  });

  it('syncs suppliers both ways: pages of 100, matched by name, ours pushed, theirs imported, unique names respected', async () => {
    const { sim, org, core } = world;
    for (let i = 0; i < 130; i++)
      sim.addContact(org, { Name: `Supplier ${String(i).padStart(3, '0')}`, IsSupplier: true });
    sim.addContact(org, { Name: 'A Customer Only' });
    const acme = sim.addContact(org, { Name: 'Acme Supplies', IsSupplier: true });
    const { company, connection } = await connectCompany(world);
    await tick();
    const ours = await core.call('suppliers.create', {
      companyId: company.id,
      name: 'Acme Supplies',
      city: 'Nelson',
    });
    const lonely = await core.call('suppliers.create', {
      companyId: company.id,
      name: 'Crate & Co',
      phone: '555-0199',
    });
    const first = await core.call('suppliers.sync', { connectionId: connection.id });
    expect(first.matched).toEqual([
      { supplierId: ours.id, name: 'Acme Supplies', externalId: acme.ContactID },
    ]);
    expect(first.unmatchedOurs).toEqual([{ supplierId: lonely.id, name: 'Crate & Co' }]);
    expect(first.unmatchedTheirs).toHaveLength(130); // the customer-only contact is not a supplier
    expect(first.pushed).toBe(1);
    expect(org.contacts.get(acme.ContactID as string)).toMatchObject({ Addresses: [{ City: 'Nelson' }] });
    expect(sim.stats.byRoute['GET /Contacts']).toBe(2); // 100 + 31

    const page2 = await core.call('xero.suppliers', { connectionId: connection.id, page: 2 });
    expect(page2.suppliers).toHaveLength(31);
    expect(page2.more).toBe(false);
    const found = await core.call('xero.suppliers', { connectionId: connection.id, search: 'acme' });
    expect(found.suppliers.map((s) => s.name)).toEqual(['Acme Supplies']);

    const created = await core.call('suppliers.createExternal', {
      connectionId: connection.id,
      supplierId: lonely.id,
    });
    expect(org.contacts.get(created.links[0]!.externalId)).toMatchObject({
      Name: 'Crate & Co',
      Phones: [{ PhoneNumber: '555-0199' }],
    });
    const clash = await core.call('suppliers.create', { companyId: company.id, name: 'supplier 001' });
    await expect(
      core.call('suppliers.createExternal', { connectionId: connection.id, supplierId: clash.id }),
    ).rejects.toThrow(/unique in Xero/);
  });

  it('"import all" reads every supplier 100 a page with progress, and imports the new ones', async () => {
    const { sim, org, core } = world;
    for (let i = 0; i < 250; i++)
      sim.addContact(org, { Name: `Supplier ${String(i).padStart(3, '0')}`, IsSupplier: true });
    const { company, connection } = await connectCompany(world);
    await tick();
    await core.call('suppliers.create', { companyId: company.id, name: 'Supplier 007' });
    const progress: string[] = [];
    const stop = core.app.onEvent((event) => {
      if (event.type === 'progress' && event.task === `xero.importSuppliers:${connection.id}`)
        progress.push(event.message);
    });
    const result = await core.call('xero.importSuppliers', { connectionId: connection.id });
    stop();
    expect(result.matched).toHaveLength(250); // the one we had, paired by name, and the 249 imported
    expect(result.imported).toBe(249);
    expect(progress).toEqual([
      'Read 100 suppliers from Xero…',
      'Read 200 suppliers from Xero…',
      'Read 250 suppliers from Xero…',
      'Suppliers imported',
    ]);
    const listed = await core.call('suppliers.list', { companyId: company.id, limit: 1 });
    expect(listed.total).toBe(250);
    // A second run finds nothing new.
    expect((await core.call('xero.importSuppliers', { connectionId: connection.id })).imported).toBe(0);
  });

  it('brings payments back: a date range, then the poll with If-Modified-Since; a deleted payment cancels ours', async () => {
    const { sim, org, core } = world;
    sim.addAccount(org, { Code: '310', Name: 'Job Materials' });
    const { company, connection } = await connectCompany(world, { documentStatus: 'AUTHORISED' });
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    const account = await core.call('lists.create', {
      companyId: company.id,
      kind: 'account',
      name: 'Job Materials',
    });
    const doc = await core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'P-1',
      date: '2026-11-05',
      lines: [{ description: 'Parts', quantity: '4', unitPrice: '25', accountId: account.id }],
    });
    await approve(core, doc.id);
    await core.app.sync.whenIdle();
    const billId = (await core.call('documents.get', { id: doc.id })).sync[0]!.externalId!;

    sim.addPayment(org, billId, 40, '2026-11-10');
    const ranged = await core.call('payments.import', {
      connectionId: connection.id,
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(ranged).toMatchObject({ imported: 1, documentsChanged: 1, checkpoint: null });
    let current = await core.call('documents.get', { id: doc.id });
    expect(current.paymentStatus).toBe('partly_paid');
    expect(current.payments).toEqual([expect.objectContaining({ amount: '40.00', status: 'active' })]);

    await core.call('payments.sync', { connectionId: connection.id }); // sets the checkpoint
    await tick();
    const second = sim.addPayment(org, billId, 60, '2026-11-12');
    const polled = await core.call('payments.sync', { connectionId: connection.id });
    expect(polled.checkpoint).not.toBeNull();
    current = await core.call('documents.get', { id: doc.id });
    expect(current.paymentStatus).toBe('paid');
    expect(sim.modifiedSince.filter((m) => m.route === 'GET /Payments')).toHaveLength(1);
    expect(polled.imported).toBe(1); // only the payment changed since the checkpoint

    await tick();
    sim.deletePayment(org, String(second.PaymentID));
    await core.call('payments.sync', { connectionId: connection.id });
    current = await core.call('documents.get', { id: doc.id });
    expect(current.paymentStatus).toBe('partly_paid');
    expect(current.payments.find((p) => p.amount === '60.00')?.status).toBe('canceled');
  });
});

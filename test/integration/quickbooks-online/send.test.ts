// Connecting to QuickBooks Online through intuit-oauth against the simulator, and sending each document type:
// purchase order (item and category lines), service order (category lines only, net total), bill linked to its
// purchase order, with discounts netted so QuickBooks' totals equal ours; revisions, cancels, the closing date.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approve, connectCompany, oracleReady, startWorld, type QboWorld } from './harness.js';
import { sendReviseCancel } from '../../fixtures/sync/bill-lifecycle.js';

const ready = oracleReady();
let world: QboWorld;

/** What the log says of each send and cancel of a document, oldest first: the words a bookkeeper reads. */
async function sendsAndCancels(id: string): Promise<string[]> {
  const log = await world.core.call('log.list', { documentId: id, result: 'success' });
  return log.items
    .filter((e) => e.action === 'send_document' || e.action === 'cancel_document')
    .map((e) => e.message)
    .reverse();
}
beforeEach(async () => {
  if (ready) world = await startWorld();
});
afterEach(async () => {
  await world?.close();
});

async function setUp(settings: Record<string, unknown> = {}) {
  const { core, sim, realm } = world;
  const { company, connection } = await connectCompany(world, settings);
  const supplier = await core.call('suppliers.create', {
    companyId: company.id,
    name: 'Acme Supplies',
    phone: '555-0100',
    city: 'Springfield',
  });
  const qboExpense = sim.seed(realm, 'Account', {
    Name: 'Job Materials',
    AccountType: 'Expense',
    Classification: 'Expense',
  });
  const qboItem = sim.seed(realm, 'Item', { Name: 'Air filter', Type: 'NonInventory' });
  const account = await core.call('lists.create', {
    companyId: company.id,
    kind: 'account',
    name: 'Job Materials',
  });
  const item = await core.call('lists.create', { companyId: company.id, kind: 'item', name: 'Air filter' });
  return { company, connection, supplier, account, item, qboExpense, qboItem };
}

describe.skipIf(!ready)('QuickBooks Online: connect and send', () => {
  it('connects through intuit-oauth, keeps the refresh token in the keychain and reads the company', async () => {
    const { company, connection } = await connectCompany(world);
    expect(connection.status).toBe('connected');
    expect(world.sim.liveRefreshTokens()).toHaveLength(1);
    const test = await world.core.call('connections.test', { id: connection.id });
    expect(test).toEqual({ ok: true, message: expect.stringContaining('Northwind Facilities (US, USD)') });
    expect(
      JSON.stringify(await world.core.call('connections.list', { companyId: company.id })),
    ).not.toContain(world.sim.liveRefreshTokens()[0]!);
  });

  it('sends a purchase order with item and category lines, discount netted, totals equal to the cent', async () => {
    const { company, supplier, account, item, qboItem, qboExpense } = await setUp();
    const po = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      number: 'PO-1001',
      supplierId: supplier.id,
      date: '2026-11-03',
      discount: { percent: '3' },
      lines: [
        { description: 'Filters', quantity: '3', unitPrice: '12.99', itemId: item.id },
        {
          description: 'Freight',
          quantity: '1',
          unitPrice: '10.01',
          accountId: account.id,
          discount: { amount: '1.00' },
        },
      ],
    });
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    const sent = await world.core.call('documents.get', { id: po.id });
    expect(sent.sync[0]).toMatchObject({ status: 'sent' });
    const [qboPo] = world.sim.records(world.realm, 'PurchaseOrder');
    expect(qboPo).toBeDefined();
    expect(Math.round(Number(qboPo!.TotalAmt) * 100)).toBe(Math.round(Number(sent.totals.net) * 100));
    const lines = qboPo!.Line as Record<string, unknown>[];
    expect(lines[0]).toMatchObject({
      DetailType: 'ItemBasedExpenseLineDetail',
      ItemBasedExpenseLineDetail: { ItemRef: { value: qboItem.Id }, Qty: 3 },
    });
    expect(lines[1]).toMatchObject({
      DetailType: 'AccountBasedExpenseLineDetail',
      AccountBasedExpenseLineDetail: { AccountRef: { value: qboExpense.Id } },
    });
    const vendors = world.sim.records(world.realm, 'Vendor');
    expect(vendors.map((v) => v.DisplayName)).toEqual(['Acme Supplies']);
    expect(qboPo!.VendorRef).toEqual({ value: vendors[0]!.Id });
    expect(qboPo!.DocNumber).toBe('PO-1001');
  });

  it('sends a service order as a purchase order with only category lines, amount = net total', async () => {
    const { company, supplier, account } = await setUp();
    const so = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'service_order',
      number: 'SO-7',
      supplierId: supplier.id,
      date: '2026-11-04',
      discount: { amount: '5.00' },
      lines: [
        { description: 'Repair', quantity: '2', unitPrice: '45.50', accountId: account.id },
        { description: 'Call-out', quantity: '1', unitPrice: '30', accountId: account.id },
      ],
    });
    await approve(world.core, so.id);
    await world.core.app.sync.whenIdle();
    const sent = await world.core.call('documents.get', { id: so.id });
    expect(sent.sync[0]?.status).toBe('sent');
    const [qboPo] = world.sim.records(world.realm, 'PurchaseOrder');
    const lines = qboPo!.Line as Record<string, unknown>[];
    expect(lines.every((l) => l.DetailType === 'AccountBasedExpenseLineDetail')).toBe(true);
    expect(qboPo!.TotalAmt).toBe(Number(sent.totals.net));
  });

  it('sends an invoice as a bill with the supplier invoice number; a second bill with that number is refused plainly', async () => {
    const { company, supplier, account } = await setUp();
    const make = async (number: string) => {
      const doc = await world.core.call('documents.create', {
        companyId: company.id,
        type: 'invoice',
        number,
        supplierId: supplier.id,
        supplierInvoiceNumber: 'INV-778',
        date: '2026-11-05',
        dueDate: '2026-12-05',
        lines: [{ description: 'Parts', quantity: '4', unitPrice: '25.125', accountId: account.id }],
      });
      await approve(world.core, doc.id);
      await world.core.app.sync.whenIdle();
      return world.core.call('documents.get', { id: doc.id });
    };
    const first = await make('B-1');
    expect(first.sync[0]?.status).toBe('sent');
    const [bill] = world.sim.records(world.realm, 'Bill');
    expect(bill).toMatchObject({
      DocNumber: 'INV-778',
      DueDate: '2026-12-05',
      TotalAmt: Number(first.totals.gross),
      Balance: Number(first.totals.gross),
    });
    const second = await make('B-2');
    expect(second.sync[0]).toMatchObject({
      status: 'failed',
      lastMessage: expect.stringContaining('already has a bill with this number'),
    });
    expect(world.sim.records(world.realm, 'Bill')).toHaveLength(1);
  });

  it('updates a revised purchase order with its SyncToken (re-read once when stale) and deletes a canceled one', async () => {
    const { company, supplier, account } = await setUp();
    const po = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      number: 'PO-2002',
      supplierId: supplier.id,
      date: '2026-11-03',
      lines: [{ description: 'Pipe', quantity: '10', unitPrice: '3.10', accountId: account.id }],
    });
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    const [created] = world.sim.records(world.realm, 'PurchaseOrder');
    // Someone edits it in QuickBooks: our stored SyncToken is now stale.
    world.sim.edit(world.realm, 'PurchaseOrder', String(created!.Id), { Memo: 'edited in QuickBooks' });
    await world.core.call('documents.revise', { id: po.id });
    await world.core.call('documents.update', {
      id: po.id,
      lines: [{ description: 'Pipe', quantity: '12', unitPrice: '3.10', accountId: account.id }],
    });
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    const updated = world.sim.get(world.realm, 'PurchaseOrder', String(created!.Id))!;
    expect(updated.TotalAmt).toBe(37.2);
    expect(world.sim.records(world.realm, 'PurchaseOrder')).toHaveLength(1);
    expect((await world.core.call('documents.get', { id: po.id })).sync[0]?.status).toBe('sent');

    await world.core.call('documents.cancel', { id: po.id });
    await world.core.app.sync.whenIdle();
    expect(world.sim.records(world.realm, 'PurchaseOrder')).toHaveLength(0);
    // Each entry says once what was done, to which order, in QuickBooks Online.
    expect(await sendsAndCancels(po.id)).toEqual([
      'Created purchase order PO-2002 in QuickBooks Online (total 31.00).',
      'Updated purchase order PO-2002 in QuickBooks Online (total 37.20).',
      'Deleted purchase order PO-2002 in QuickBooks Online.',
    ]);
  });

  it('names the connection as the bookkeeper named it in what a send, an update and a cancel say', async () => {
    const { company, connection, supplier, account } = await setUp();
    // Two QuickBooks companies (one company here each) are told apart by the names given them.
    await world.core.call('connections.update', { id: connection.id, name: 'Harbour – QBO' });
    const bill = await sendReviseCancel(
      world.core,
      { companyId: company.id, supplierId: supplier.id, accountId: account.id },
      'Pipe',
    );
    expect(await sendsAndCancels(bill)).toEqual([
      'Created bill V-12 in Harbour – QBO (total 31.00).',
      'Updated bill V-12 in Harbour – QBO (total 62.00).',
      'Deleted bill V-12 in Harbour – QBO.',
    ]);
  });

  it('does not send a document dated in the closed period, and says what to do', async () => {
    world.realm.options.bookCloseDate = '2026-10-31';
    const { company, supplier, account } = await setUp();
    const before = world.sim.stats.byPath['batch'] ?? 0;
    const doc = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'OLD-1',
      date: '2026-10-15',
      lines: [{ description: 'Old', quantity: '1', unitPrice: '10', accountId: account.id }],
    });
    await approve(world.core, doc.id);
    await world.core.app.sync.whenIdle();
    const after = await world.core.call('documents.get', { id: doc.id });
    expect(after.sync[0]).toMatchObject({
      status: 'failed',
      lastMessage: expect.stringContaining('closing date in QuickBooks (2026-10-31)'),
    });
    expect(world.sim.records(world.realm, 'Bill')).toHaveLength(0);
    // The look-up batch may run, but no bill was ever posted.
    expect(world.sim.received.filter((r) => r.path === 'Bill')).toHaveLength(0);
    expect(world.sim.stats.byPath['batch'] ?? 0).toBeGreaterThanOrEqual(before);
  });
  it("recognises QuickBooks' own Account Period Closed answer when the books were closed after we last looked", async () => {
    const { company, supplier, account } = await setUp();
    world.realm.options.bookCloseDate = '2026-11-30'; // closed in QuickBooks after the profile was read
    const doc = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'LATE-1',
      date: '2026-11-15',
      lines: [{ description: 'Late', quantity: '1', unitPrice: '10', accountId: account.id }],
    });
    await approve(world.core, doc.id);
    await world.core.app.sync.whenIdle();
    const after = await world.core.call('documents.get', { id: doc.id });
    expect(after.sync[0]).toMatchObject({
      status: 'failed',
      lastMessage: expect.stringContaining('its date is in a closed period'),
    });
    expect(world.sim.records(world.realm, 'Bill')).toHaveLength(0);
  });
});

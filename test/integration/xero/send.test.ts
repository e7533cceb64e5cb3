// Sending each document type to Xero through xero-node against the simulator: purchase order (item and account
// lines, tracking, tax), service order (account codes only), bill (ACCPAY, InvoiceNumber = the supplier's invoice
// number), the status setting, discounts netted so Xero's totals equal ours to the cent, revision → update,
// cancel → DELETED or VOIDED, and the lock date as a plain message. Every body is checked against Xero's spec.
import { describe, expect, it } from 'vitest';
import { approve, connectCompany, jobMaterialsAndAirFilter, world, worldEachTest } from './harness.js';
import { sendReviseCancel } from '../../fixtures/sync/bill-lifecycle.js';

const ready = worldEachTest();

async function setUp(settings: Record<string, unknown> = {}) {
  const { core } = world;
  const { company, connection } = await connectCompany(world, settings);
  const supplier = await core.call('suppliers.create', {
    companyId: company.id,
    name: 'Acme Supplies',
    email: 'ap@acme.example',
    city: 'Wellington',
  });
  const { account, item } = await jobMaterialsAndAirFilter(company.id);
  const gst = await core.call('taxRates.create', {
    companyId: company.id,
    name: 'GST on Expenses',
    percent: '15',
  });
  return { company, connection, supplier, account, item, gst };
}

const cents = (value: unknown) => Math.round(Number(value) * 100);

/** What the log says of each send and cancel of a document, oldest first: the words a bookkeeper reads. */
async function sendsAndCancels(id: string): Promise<string[]> {
  const log = await world.core.call('log.list', { documentId: id, result: 'success' });
  return log.items
    .filter((e) => e.action === 'send_document' || e.action === 'cancel_document')
    .map((e) => e.message)
    .reverse();
}

describe.skipIf(!ready)('Xero: send documents', () => {
  it('sends a purchase order (item and account lines, GST, discounts netted) as SUBMITTED; totals equal ours', async () => {
    const { company, supplier, account, item, gst } = await setUp();
    const po = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      number: 'PO-1001',
      supplierId: supplier.id,
      date: '2026-11-03',
      dueDate: '2026-11-20',
      discount: { percent: '3' },
      lines: [
        {
          description: 'Filters',
          quantity: '3',
          unitPrice: '12.99',
          itemId: item.id,
          taxRateId: gst.id,
        },
        {
          description: 'Freight',
          quantity: '1',
          unitPrice: '10.01',
          accountId: account.id,
          taxRateId: gst.id,
          discount: { amount: '1.00' },
        },
      ],
    });
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    const sent = await world.core.call('documents.get', { id: po.id });
    expect(sent.sync[0]).toMatchObject({
      status: 'sent',
      lastMessage: expect.stringContaining('Awaiting approval'),
    });
    const [xeroPo] = [...world.org.purchaseOrders.values()];
    expect(xeroPo).toMatchObject({
      PurchaseOrderNumber: 'PO-1001',
      Status: 'SUBMITTED',
      LineAmountTypes: 'Exclusive',
      PurchaseOrderID: sent.sync[0]!.externalId,
    });
    expect(cents(xeroPo!.Total)).toBe(cents(sent.totals.gross));
    expect(cents(xeroPo!.SubTotal)).toBe(cents(sent.totals.net));
    const lines = xeroPo!.LineItems as Record<string, unknown>[];
    // An item line goes as the item alone: Xero takes the account from the item's purchase details.
    expect(lines[0]).toMatchObject({ ItemCode: 'AF-20', TaxType: 'INPUT2', Quantity: 3 });
    expect(lines[0]).not.toHaveProperty('AccountCode');
    expect(lines[1]).toMatchObject({ AccountCode: '310', TaxType: 'INPUT2' });
    expect(lines.some((l) => 'DiscountRate' in l || 'DiscountAmount' in l)).toBe(false);
    const contacts = [...world.org.contacts.values()];
    expect(contacts.map((c) => c.Name)).toEqual(['Acme Supplies']);
    expect(contacts[0]).toMatchObject({ EmailAddress: 'ap@acme.example', IsSupplier: true });
    const write = world.sim.received.find((r) => r.method === 'PUT' && r.path === '/PurchaseOrders');
    expect(write?.idempotencyKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sends a service order with account codes only, and a bill as ACCPAY with the supplier invoice number (AUTHORISED by setting)', async () => {
    const { company, supplier, account } = await setUp({ documentStatus: 'AUTHORISED' });
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
    const bill = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      number: 'B-1',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'INV-778',
      date: '2026-11-05',
      dueDate: '2026-12-05',
      lines: [{ description: 'Parts', quantity: '3', unitPrice: '33.333', accountId: account.id }],
    });
    await approve(world.core, so.id);
    await approve(world.core, bill.id);
    await world.core.app.sync.whenIdle();
    const sentSo = await world.core.call('documents.get', { id: so.id });
    const sentBill = await world.core.call('documents.get', { id: bill.id });
    expect(sentSo.sync[0]?.status).toBe('sent');
    expect(sentBill.sync[0]?.status).toBe('sent');
    const [po] = [...world.org.purchaseOrders.values()];
    expect(
      (po!.LineItems as Record<string, unknown>[]).every(
        (l) => l.AccountCode === '310' && !('ItemCode' in l),
      ),
    ).toBe(true);
    expect(po).toMatchObject({ Status: 'AUTHORISED', LineAmountTypes: 'NoTax' });
    expect(cents(po!.Total)).toBe(cents(sentSo.totals.gross));
    const [invoice] = [...world.org.invoices.values()];
    expect(invoice).toMatchObject({ Type: 'ACCPAY', InvoiceNumber: 'INV-778', Status: 'AUTHORISED' });
    expect(cents(invoice!.Total)).toBe(cents(sentBill.totals.gross));
  });

  it('updates a revised purchase order, deletes a canceled one, and voids a canceled authorised bill', async () => {
    const { company, supplier, account } = await setUp({ documentStatus: 'AUTHORISED' });
    const po = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      number: 'PO-2002',
      supplierId: supplier.id,
      date: '2026-11-03',
      lines: [{ description: 'Pipe', quantity: '10', unitPrice: '3.10', accountId: account.id }],
    });
    const bill = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'V-9',
      date: '2026-11-05',
      lines: [{ description: 'Pipe', quantity: '1', unitPrice: '31', accountId: account.id }],
    });
    await approve(world.core, po.id);
    await approve(world.core, bill.id);
    await world.core.app.sync.whenIdle();
    const [created] = [...world.org.purchaseOrders.values()];
    await world.core.call('documents.revise', { id: po.id });
    await world.core.call('documents.update', {
      id: po.id,
      lines: [{ description: 'Pipe', quantity: '12', unitPrice: '3.10', accountId: account.id }],
    });
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    expect(world.org.purchaseOrders.size).toBe(1);
    expect(world.org.purchaseOrders.get(created!.PurchaseOrderID as string)!.Total).toBe(37.2);

    await world.core.call('documents.cancel', { id: po.id });
    await world.core.call('documents.cancel', { id: bill.id });
    await world.core.app.sync.whenIdle();
    expect(world.org.purchaseOrders.get(created!.PurchaseOrderID as string)!.Status).toBe('DELETED');
    expect([...world.org.invoices.values()][0]!.Status).toBe('VOIDED');
    // Each entry says once what was done, to which document, in Xero.
    expect(await sendsAndCancels(po.id)).toEqual([
      expect.stringMatching(/^Created purchase order PO-2002 in Xero \(total 31\.00, [^)]+\)\.$/),
      expect.stringMatching(/^Updated purchase order PO-2002 in Xero \(total 37\.20, [^)]+\)\.$/),
      'Deleted purchase order PO-2002 in Xero.',
    ]);
    expect(await sendsAndCancels(bill.id)).toEqual([
      expect.stringMatching(/^Created bill V-9 in Xero \(total 31\.00, [^)]+\)\.$/),
      'Voided bill V-9 in Xero.',
    ]);
  });

  it('names the connection as the bookkeeper named it in what a send, an update and a cancel say', async () => {
    const { company, connection, supplier, account } = await setUp({ documentStatus: 'AUTHORISED' });
    // Two organisations of one bookkeeper are told apart by the names given them, not by "Xero".
    await world.core.call('connections.update', { id: connection.id, name: 'Harbour – 2026 org' });
    const bill = await sendReviseCancel(
      world.core,
      { companyId: company.id, supplierId: supplier.id, accountId: account.id },
      'Pipe',
    );
    expect(await sendsAndCancels(bill)).toEqual([
      expect.stringMatching(/^Created bill V-12 in Harbour – 2026 org \(total 31\.00, [^)]+\)\.$/),
      expect.stringMatching(/^Updated bill V-12 in Harbour – 2026 org \(total 62\.00, [^)]+\)\.$/),
      'Voided bill V-12 in Harbour – 2026 org.',
    ]);
  });

  it('a document dated in the locked period is refused with a message that says what to do', async () => {
    world.org.options.periodLockDate = '2026-10-31';
    const { company, supplier, account } = await setUp();
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
      lastMessage: expect.stringContaining('locked in Xero'),
    });
    expect(world.org.invoices.size).toBe(0);
  });
});

describe.skipIf(!ready)('Xero: which documents go', () => {
  it('sends only approved invoices when the connection says so (Xero integrations offer one type at a time)', async () => {
    const { company, supplier, account } = await setUp({ documentsToSend: ['invoice'] });
    const po = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      number: 'PO-5',
      supplierId: supplier.id,
      date: '2026-11-03',
      lines: [{ description: 'Pipe', quantity: '1', unitPrice: '5', accountId: account.id }],
    });
    const bill = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'ONLY-1',
      date: '2026-11-05',
      lines: [{ description: 'Pipe', quantity: '1', unitPrice: '5', accountId: account.id }],
    });
    await approve(world.core, po.id);
    await approve(world.core, bill.id);
    await world.core.app.sync.whenIdle();
    expect((await world.core.call('documents.get', { id: bill.id })).sync[0]?.status).toBe('sent');
    expect((await world.core.call('documents.get', { id: po.id })).sync[0]?.status).not.toBe('sent');
    expect(world.org.purchaseOrders.size).toBe(0);
    expect(world.org.invoices.size).toBe(1);
  });
});

describe.skipIf(!ready)('Xero: rules Xero enforces on cancel', () => {
  it('a billed purchase order and a paid bill are not canceled there, and the message says what to do', async () => {
    const { company, supplier, account } = await setUp({ documentStatus: 'AUTHORISED' });
    const po = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      number: 'PO-B1',
      supplierId: supplier.id,
      date: '2026-11-03',
      lines: [{ description: 'Pipe', quantity: '1', unitPrice: '50', accountId: account.id }],
    });
    const bill = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'PAID-1',
      date: '2026-11-05',
      lines: [{ description: 'Pipe', quantity: '1', unitPrice: '50', accountId: account.id }],
    });
    await approve(world.core, po.id);
    await approve(world.core, bill.id);
    await world.core.app.sync.whenIdle();
    const [xeroPo] = [...world.org.purchaseOrders.values()];
    xeroPo!.Status = 'BILLED'; // billed in Xero since
    const [xeroBill] = [...world.org.invoices.values()];
    world.sim.addPayment(world.org, String(xeroBill!.InvoiceID), 10, '2026-11-10');

    await world.core.call('documents.cancel', { id: po.id });
    await world.core.call('documents.cancel', { id: bill.id });
    await world.core.app.sync.whenIdle();
    const canceledPo = await world.core.call('documents.get', { id: po.id });
    const canceledBill = await world.core.call('documents.get', { id: bill.id });
    expect(canceledPo.sync[0]?.lastMessage).toContain('has been billed');
    expect(canceledBill.sync[0]?.lastMessage).toContain('Remove the payments in Xero first');
    expect(xeroPo!.Status).toBe('BILLED');
    expect(world.org.invoices.get(String(xeroBill!.InvoiceID))!.Status).toBe('AUTHORISED');
  });
});

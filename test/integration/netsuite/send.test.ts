// Sending each document type to NetSuite through the simulator, signed with TBA: purchase order (item and expense
// sublists), service order (expense lines only), standalone bill, bill and item receipt transformed from the order,
// partial bills and receipts (only our lines, the rest stays open on the order for the next one), revision (lines
// replaced, same record), cancel (order closed, bill deleted), and every write an upsert by external id.
import { describe, expect, it } from 'vitest';
import { approve, setUp, world, worldEachTest } from './harness.js';
import { sendReviseCancel } from '../../fixtures/sync/bill-lifecycle.js';

const ready = worldEachTest();

type Lines = { items: Record<string, unknown>[] };

/** What the log says of each send and cancel of a document, oldest first: the words a bookkeeper reads. */
async function sendsAndCancels(id: string): Promise<string[]> {
  const log = await world.core.call('log.list', { documentId: id, result: 'success' });
  return log.items
    .filter((e) => e.action === 'send_document' || e.action === 'cancel_document')
    .map((e) => e.message)
    .reverse();
}

describe.skipIf(!ready)('NetSuite: send documents', () => {
  it('sends a purchase order: synced item in the item sublist, the other line in the expense sublist', async () => {
    const s = await setUp(world);
    const po = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'purchase_order',
      number: 'PO-1001',
      supplierId: s.supplier.id,
      date: '2026-11-03',
      memo: 'Filters for the depot',
      fields: { location: s.location.id },
      lines: [
        { description: 'Filters', quantity: '3', unitPrice: '12.99', itemId: s.item.id },
        { description: 'Freight', quantity: '1', unitPrice: '10.01', accountId: s.account.id },
      ],
    });
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    const sent = await world.core.call('documents.get', { id: po.id });
    expect(sent.sync[0]).toMatchObject({ status: 'sent' });
    const [order] = world.sim.list('purchaseOrder');
    expect(order).toMatchObject({
      id: sent.sync[0]!.externalId,
      externalId: `lb-${po.id}`,
      tranId: 'PO-1001',
      tranDate: '2026-11-03',
      subsidiary: { id: '1' },
      location: { id: s.nsLocation },
      currency: { id: '1' },
      total: 48.98,
    });
    expect(String(order!.memo)).toContain('Filters for the depot');
    expect((order!.item as Lines).items).toEqual([
      expect.objectContaining({ item: { id: s.nsItem }, quantity: 3, rate: 12.99, amount: 38.97, line: 1 }),
    ]);
    expect((order!.expense as Lines).items).toEqual([
      expect.objectContaining({ account: { id: s.nsAccount }, amount: 10.01, memo: 'Freight' }),
    ]);
    // The vendor was created by upsert with our supplier's external id.
    expect(world.sim.list('vendor')).toEqual([
      expect.objectContaining({
        entityId: 'Acme Supplies',
        externalId: `lb-sup-${s.supplier.id}`,
        phone: '555-0100',
      }),
    ]);
    expect(world.sim.stats.signaturesChecked).toBeGreaterThan(3);
  });

  it('sends a service order with expense lines only, even for a line with an item', async () => {
    const s = await setUp(world);
    const so = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'service_order',
      number: 'SO-7',
      supplierId: s.supplier.id,
      date: '2026-11-04',
      lines: [
        { description: 'Quarterly service', quantity: '1', unitPrice: '250.00', accountId: s.account.id },
      ],
    });
    await approve(world.core, so.id);
    await world.core.app.sync.whenIdle();
    const [order] = world.sim.list('purchaseOrder');
    expect((order!.item as Lines).items).toEqual([]);
    expect((order!.expense as Lines).items).toEqual([
      expect.objectContaining({ account: { id: s.nsAccount }, amount: 250 }),
    ]);
  });

  it('sends a standalone bill validated against the OpenAPI subset, tranId = the supplier invoice number', async () => {
    const s = await setUp(world);
    const bill = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'invoice',
      number: 'INV-IN-3',
      supplierInvoiceNumber: 'ACME-9931',
      supplierId: s.supplier.id,
      date: '2026-11-05',
      dueDate: '2026-12-05',
      lines: [{ description: 'Filters', quantity: '2', unitPrice: '12.99', itemId: s.item.id }],
    });
    await approve(world.core, bill.id);
    await world.core.app.sync.whenIdle();
    const sent = await world.core.call('documents.get', { id: bill.id });
    expect(sent.sync[0]).toMatchObject({ status: 'sent' });
    expect(world.sim.rejected).toEqual([]);
    expect(world.sim.list('vendorBill')).toEqual([
      expect.objectContaining({
        tranId: 'ACME-9931',
        dueDate: '2026-12-05',
        total: 25.98,
        externalId: `lb-${bill.id}`,
      }),
    ]);
  });

  it('transforms the bill and the receipt from the sent purchase order (only the received quantity)', async () => {
    const s = await setUp(world, 'tba', {
      receipts: true,
      documentsToSend: ['purchase_order', 'service_order', 'invoice', 'receipt'],
    });
    const po = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'purchase_order',
      number: 'PO-2002',
      supplierId: s.supplier.id,
      date: '2026-11-06',
      lines: [
        { description: 'Filters', quantity: '10', unitPrice: '12.99', itemId: s.item.id },
        { description: 'Freight', quantity: '1', unitPrice: '15.00', accountId: s.account.id },
      ],
    });
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    const receipt = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'receipt',
      number: 'RCV-1',
      supplierId: s.supplier.id,
      date: '2026-11-08',
      linkedDocumentId: po.id,
      lines: [{ description: 'Filters', quantity: '4', unitPrice: '12.99', itemId: s.item.id }],
    });
    await approve(world.core, receipt.id);
    await world.core.app.sync.whenIdle();
    const [order] = world.sim.list('purchaseOrder');
    const [itemReceipt] = world.sim.list('itemReceipt');
    expect(itemReceipt).toMatchObject({
      createdFrom: order!.id,
      externalId: `lb-${receipt.id}`,
      tranId: 'RCV-1',
    });
    expect((itemReceipt!.item as Lines).items).toEqual([
      expect.objectContaining({ orderLine: 1, quantity: 4, itemReceive: true, item: { id: s.nsItem } }),
    ]);
    expect((order!.item as Lines).items[0]).toMatchObject({ quantityReceived: 4 });

    // A revised receipt (6 received, not 4) is received again: one item receipt, the order's quantity follows.
    await world.core.call('documents.revise', { id: receipt.id });
    await world.core.call('documents.update', {
      id: receipt.id,
      lines: [{ description: 'Filters', quantity: '6', unitPrice: '12.99', itemId: s.item.id }],
    });
    await approve(world.core, receipt.id);
    await world.core.app.sync.whenIdle();
    expect(world.sim.list('itemReceipt')).toEqual([
      expect.objectContaining({
        externalId: `lb-${receipt.id}`,
        item: { items: [expect.objectContaining({ quantity: 6 })] },
      }),
    ]);
    expect((order!.item as Lines).items[0]).toMatchObject({ quantityReceived: 6 });

    const bill = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'invoice',
      number: 'INV-2002',
      supplierInvoiceNumber: 'ACME-2002',
      supplierId: s.supplier.id,
      date: '2026-11-09',
      linkedDocumentId: po.id,
      lines: [
        { description: 'Filters', quantity: '10', unitPrice: '12.99', itemId: s.item.id },
        { description: 'Freight', quantity: '1', unitPrice: '15.00', accountId: s.account.id },
      ],
    });
    await approve(world.core, bill.id);
    await world.core.app.sync.whenIdle();
    const sentBill = await world.core.call('documents.get', { id: bill.id });
    expect(sentBill.sync[0]).toMatchObject({ status: 'sent' });
    expect(world.sim.list('vendorBill')).toEqual([
      expect.objectContaining({
        createdFrom: order!.id,
        tranId: 'ACME-2002',
        externalId: `lb-${bill.id}`,
        total: 144.9,
      }),
    ]);
    expect(world.sim.rejected).toEqual([]);
  });

  it('a partial bill takes only its lines from the order; the next bill takes the rest; a partial receipt leaves the other lines open', async () => {
    const s = await setUp(world, 'tba', {
      receipts: true,
      documentsToSend: ['purchase_order', 'service_order', 'invoice', 'receipt'],
    });
    const nsValve = world.sim.seedRow('item', { itemid: 'Valve', itemtype: 'NonInvtPart' });
    const valve = await world.core.call('lists.create', {
      companyId: s.company.id,
      kind: 'item',
      name: 'Valve',
    });
    const po = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'purchase_order',
      number: 'PO-4004',
      supplierId: s.supplier.id,
      date: '2026-11-06',
      lines: [
        { description: 'Filters', quantity: '10', unitPrice: '12.99', itemId: s.item.id },
        { description: 'Valves', quantity: '2', unitPrice: '40.00', itemId: valve.id },
        { description: 'Freight', quantity: '1', unitPrice: '15.00', accountId: s.account.id },
      ],
    });
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    const [order] = world.sim.list('purchaseOrder');

    // A receipt of 4 filters: the valves are not received (the transform starts with every open line received).
    const receipt = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'receipt',
      number: 'RCV-44',
      supplierId: s.supplier.id,
      date: '2026-11-07',
      linkedDocumentId: po.id,
      lines: [{ description: 'Filters', quantity: '4', unitPrice: '12.99', itemId: s.item.id }],
    });
    await approve(world.core, receipt.id);
    await world.core.app.sync.whenIdle();
    expect((world.sim.list('itemReceipt')[0]!.item as Lines).items).toEqual([
      expect.objectContaining({ orderLine: 1, quantity: 4, item: { id: s.nsItem } }),
    ]);
    expect((order!.item as Lines).items.map((l) => l.quantityReceived ?? 0)).toEqual([4, 0]);

    const sendBill = async (number: string, lines: Record<string, unknown>[]) => {
      const bill = await world.core.call('documents.create', {
        companyId: s.company.id,
        type: 'invoice',
        number,
        supplierInvoiceNumber: number,
        supplierId: s.supplier.id,
        date: '2026-11-09',
        linkedDocumentId: po.id,
        lines: lines as never,
      });
      await approve(world.core, bill.id);
      await world.core.app.sync.whenIdle();
      const sent = await world.core.call('documents.get', { id: bill.id });
      expect(sent.sync[0]).toMatchObject({ status: 'sent' });
      expect(sent.sync[0]!.lastMessage).not.toContain('instead of');
      return { bill, record: world.sim.find('vendorBill', sent.sync[0]!.externalId!)! };
    };

    // The first bill covers 4 filters only: one line, linked to order line 1; valves and freight stay unbilled.
    const first = await sendBill('ACME-4-1', [
      { description: 'Filters', quantity: '4', unitPrice: '12.99', itemId: s.item.id },
    ]);
    expect(first.record).toMatchObject({ createdFrom: order!.id, total: 51.96 });
    expect((first.record.item as Lines).items).toEqual([
      expect.objectContaining({ orderLine: 1, quantity: 4, amount: 51.96, item: { id: s.nsItem } }),
    ]);
    expect((first.record.expense as Lines).items).toEqual([]);
    expect(order!.status).toBe('Pending Billing/Partially Received');

    // The second bill takes the rest, plus a surcharge that is on no order line (a line of its own).
    const second = await sendBill('ACME-4-2', [
      { description: 'Filters', quantity: '6', unitPrice: '12.99', itemId: s.item.id },
      { description: 'Valves', quantity: '2', unitPrice: '40.00', itemId: valve.id },
      { description: 'Freight', quantity: '1', unitPrice: '15.00', accountId: s.account.id },
      { description: 'Fuel surcharge', quantity: '1', unitPrice: '5.00', accountId: s.account.id },
    ]);
    expect(second.record).toMatchObject({ total: 177.94 });
    expect((second.record.item as Lines).items).toEqual([
      expect.objectContaining({ orderLine: 1, quantity: 6, item: { id: s.nsItem } }),
      expect.objectContaining({ orderLine: 2, quantity: 2, item: { id: nsValve } }),
    ]);
    expect((second.record.expense as Lines).items).toEqual([
      expect.objectContaining({ orderLine: '1', amount: 15, memo: 'Freight' }),
      expect.objectContaining({ amount: 5, memo: 'Fuel surcharge' }),
    ]);
    expect((second.record.expense as Lines).items[1]).not.toHaveProperty('orderLine');
    expect(order!.status).toBe('Fully Billed');

    // Revising the first bill to 3 filters keeps its link to order line 1; one filter is open on the order again.
    await world.core.call('documents.revise', { id: first.bill.id });
    await world.core.call('documents.update', {
      id: first.bill.id,
      lines: [{ description: 'Filters', quantity: '3', unitPrice: '12.99', itemId: s.item.id }],
    });
    await approve(world.core, first.bill.id);
    await world.core.app.sync.whenIdle();
    expect(world.sim.list('vendorBill')).toHaveLength(2);
    expect((first.record.item as Lines).items).toEqual([
      expect.objectContaining({ orderLine: 1, quantity: 3, amount: 38.97 }),
    ]);
    expect(order!.status).toBe('Pending Billing/Partially Received');
    expect(world.sim.rejected).toEqual([]);
  });

  it('a revision replaces the lines of the same record; cancel closes every line of the order', async () => {
    const s = await setUp(world);
    const po = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'purchase_order',
      number: 'PO-3003',
      supplierId: s.supplier.id,
      date: '2026-11-03',
      lines: [{ description: 'Filters', quantity: '3', unitPrice: '12.99', itemId: s.item.id }],
    });
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    await world.core.call('documents.revise', { id: po.id });
    await world.core.call('documents.update', {
      id: po.id,
      lines: [
        { description: 'Filters', quantity: '5', unitPrice: '12.99', itemId: s.item.id },
        { description: 'Freight', quantity: '1', unitPrice: '9.00', accountId: s.account.id },
      ],
    });
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    expect(world.sim.list('purchaseOrder')).toHaveLength(1);
    const [order] = world.sim.list('purchaseOrder');
    expect((order!.item as Lines).items).toEqual([expect.objectContaining({ quantity: 5, line: 1 })]);
    expect((order!.expense as Lines).items).toEqual([expect.objectContaining({ amount: 9, line: 1 })]);

    await world.core.call('documents.cancel', { id: po.id });
    await world.core.app.sync.whenIdle();
    expect(order!.status).toBe('Closed');
    expect((order!.item as Lines).items.every((l) => l.isClosed === true)).toBe(true);
    expect(world.sim.list('purchaseOrder')).toHaveLength(1);
    // Each entry says once what was done, to which order, in NetSuite.
    expect(await sendsAndCancels(po.id)).toEqual([
      'Created purchase order PO-3003 in NetSuite.',
      'Updated purchase order PO-3003 in NetSuite.',
      'Closed purchase order PO-3003 in NetSuite (all its lines).',
    ]);
  });

  it('names the connection as the bookkeeper named it in what a send, an update and a cancel say', async () => {
    const s = await setUp(world);
    // Two NetSuite accounts (one company each) are told apart by the names given them, not by "NetSuite".
    await world.core.call('connections.update', { id: s.connection.id, name: 'Harbour – NetSuite' });
    const bill = await sendReviseCancel(
      world.core,
      { companyId: s.company.id, supplierId: s.supplier.id, accountId: s.account.id },
      'Freight',
    );
    expect(await sendsAndCancels(bill)).toEqual([
      'Created bill V-12 in Harbour – NetSuite.',
      'Updated bill V-12 in Harbour – NetSuite.',
      'Deleted bill V-12 in Harbour – NetSuite.',
    ]);
  });
});

// documents.match through the API: two-way against the order, three-way once receipts exist, with the company's
// tolerances; service orders are matched like purchase orders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, seedCompany, type TestCore } from '../../fixtures/core.js';

let core: TestCore;
let companyId: string;
let supplierId: string;

beforeAll(async () => {
  core = await startCore();
  const seeded = await seedCompany(core);
  companyId = seeded.company.id;
  supplierId = seeded.supplier.id;
});

afterAll(async () => {
  await core.close();
});

async function order(type: 'purchase_order' | 'service_order') {
  return core.call('documents.create', {
    companyId,
    type,
    supplierId,
    date: '2026-03-01',
    lines: [
      { description: 'Copper pipe 15mm x 3m', quantity: '10', unitPrice: '14.00' },
      { description: 'Electrician labour', quantity: '8', unitPrice: '95.00' },
    ],
  });
}

async function invoice(
  linkedDocumentId: string,
  lines: { description: string; quantity: string; unitPrice: string }[],
) {
  return core.call('documents.create', {
    companyId,
    type: 'invoice',
    supplierId,
    date: '2026-03-20',
    linkedDocumentId,
    lines,
  });
}

describe('documents.match', () => {
  it('uses the defaults until the company sets its own tolerances', async () => {
    expect(await core.call('matching.tolerances.get', { companyId })).toEqual({
      companyId,
      pricePercent: '2',
      quantityPercent: '0',
    });
    const set = await core.call('matching.tolerances.set', {
      companyId,
      pricePercent: '5',
      quantityPercent: '10',
    });
    expect(set).toEqual({ companyId, pricePercent: '5', quantityPercent: '10' });
    expect(await core.call('matching.tolerances.get', { companyId })).toEqual(set);
    await core.call('matching.tolerances.set', { companyId, pricePercent: '2', quantityPercent: '0' });
  });

  it('two-way: an invoice within the tolerances matches its purchase order; one beyond them does not', async () => {
    const po = await order('purchase_order');
    const good = await invoice(po.id, [
      { description: 'Copper pipe 15mm x 3m', quantity: '10', unitPrice: '14.20' },
      { description: 'Electrician labour', quantity: '8', unitPrice: '95.00' },
    ]);
    expect(await core.call('documents.match', { id: good.id })).toMatchObject({
      mode: 'two_way',
      ok: true,
      order: { id: po.id, type: 'purchase_order' },
    });

    const po2 = await order('purchase_order');
    const bad = await invoice(po2.id, [
      { description: 'Copper pipe 15mm x 3m', quantity: '10', unitPrice: '15.00' },
      { description: 'Electrician labour', quantity: '9', unitPrice: '95.00' },
      { description: 'Call-out fee', quantity: '1', unitPrice: '60.00' },
    ]);
    const result = await core.call('documents.match', { id: bad.id });
    expect(result.ok).toBe(false);
    expect(result.lines.map((l) => l.status)).toEqual(['price', 'quantity', 'not_ordered']);
    expect(result.summary).toMatch(/3 lines do not match/);

    // A wider tolerance set by the company accepts the same invoice's price and quantity.
    await core.call('matching.tolerances.set', { companyId, pricePercent: '10', quantityPercent: '15' });
    const relaxed = await core.call('documents.match', { id: bad.id });
    expect(relaxed.lines.map((l) => l.status)).toEqual(['ok', 'ok', 'not_ordered']);
    await core.call('matching.tolerances.set', { companyId, pricePercent: '2', quantityPercent: '0' });
  });

  it('three-way: a service order with a receipt limits the invoice to what was received', async () => {
    const so = await order('service_order');
    await core.call('documents.create', {
      companyId,
      type: 'receipt',
      supplierId,
      date: '2026-03-10',
      linkedDocumentId: so.id,
      lines: [
        { description: 'Copper pipe 15mm x 3m', quantity: '6', unitPrice: '14.00' },
        { description: 'Electrician labour', quantity: '8', unitPrice: '95.00' },
      ],
    });
    const inv = await invoice(so.id, [
      { description: 'Copper pipe 15mm x 3m', quantity: '10', unitPrice: '14.00' },
      { description: 'Electrician labour', quantity: '8', unitPrice: '95.00' },
    ]);
    const result = await core.call('documents.match', { id: inv.id });
    expect(result).toMatchObject({
      mode: 'three_way',
      ok: false,
      order: { id: so.id, type: 'service_order' },
    });
    expect(result.lines[0]).toMatchObject({
      status: 'quantity',
      receivedQuantity: '6',
      orderedQuantity: '10',
    });
    expect(result.lines[0]?.message).toMatch(/10 billed, but 6 received/);
    expect(result.lines[1]?.status).toBe('ok');
  });

  it('an invoice without an order has nothing to match', async () => {
    const inv = await core.call('documents.create', {
      companyId,
      type: 'invoice',
      supplierId,
      date: '2026-03-20',
      lines: [{ description: 'x', quantity: '1', unitPrice: '1' }],
    });
    expect(await core.call('documents.match', { id: inv.id })).toMatchObject({
      mode: 'none',
      ok: true,
      lines: [],
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedCompany, startCore, type TestCore } from '../../fixtures/core.js';

let core: TestCore;
beforeEach(async () => {
  core = await startCore();
});
afterEach(async () => {
  await core.close();
});

const threeLines = [
  { description: 'Copper pipe 15mm', quantity: '12', unitPrice: '4.35' },
  { description: 'Valve kit', quantity: '3', unitPrice: '19.99' },
  { description: 'Labour', quantity: '2.5', unitPrice: '65.00' },
];

describe('documents through the API', () => {
  it('creates a purchase order with three lines and a 5% discount whose lines add up to the net total', async () => {
    const { company, supplier, vat } = await seedCompany(core);
    const doc = await core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      supplierId: supplier.id,
      date: '2026-11-20',
      discount: { percent: '5' },
      lines: threeLines.map((l) => ({ ...l, taxRateId: vat.id })),
    });
    expect(doc.number).toBe('PO-1001');
    expect(doc.status).toBe('draft');
    expect(doc.currency).toBe('USD');
    // 12 × 4.35 = 52.20; 3 × 19.99 = 59.97; 2.5 × 65 = 162.50 → 274.67; 5 % = 13.73 (13.7335 rounded)
    expect(doc.lines.map((l) => l.amount)).toEqual(['52.20', '59.97', '162.50']);
    expect(doc.totals.subtotal).toBe('274.67');
    expect(doc.totals.discount).toBe('13.73');
    expect(doc.totals.net).toBe('260.94');
    const netSum = doc.lines.reduce((sum, l) => sum + Math.round(Number(l.netAmount) * 100), 0);
    expect(netSum).toBe(26094);
    const taxSum = doc.lines.reduce((sum, l) => sum + Math.round(Number(l.tax) * 100), 0);
    expect(doc.totals.tax).toBe((taxSum / 100).toFixed(2));
    expect(Number(doc.totals.gross)).toBeCloseTo(260.94 + taxSum / 100, 2);
    expect(doc.history).toEqual([
      expect.objectContaining({ action: 'create', actor: 'test-user', from: null, to: 'draft' }),
    ]);
    expect(doc.availableActions).toEqual(['submit', 'cancel']);
    expect(doc.editable).toBe(true);
  });

  it('walks the lifecycle with who and when, and locks approved documents', async () => {
    const { company, supplier } = await seedCompany(core);
    const doc = await core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'INV-7781',
      date: '2026-11-01',
      dueDate: '2026-12-01',
      lines: threeLines,
    });
    await core.call('documents.submit', { id: doc.id, actor: 'maria' });
    const rejected = await core.call('documents.reject', {
      id: doc.id,
      actor: 'boss',
      comment: 'wrong price',
    });
    expect(rejected.status).toBe('draft');
    await core.call('documents.submit', { id: doc.id, actor: 'maria' });
    const approved = await core.call('documents.approve', { id: doc.id, actor: 'boss' });
    expect(approved.status).toBe('approved');
    expect(approved.paymentStatus).toBe('unpaid');
    expect(approved.editable).toBe(false);

    await expect(core.call('documents.update', { id: doc.id, memo: 'changed' })).rejects.toMatchObject({
      code: 'document_locked',
      userMessage: expect.stringContaining('choose Revise'),
    });
    await expect(core.call('documents.submit', { id: doc.id })).rejects.toMatchObject({
      code: 'invalid_transition',
    });

    const revised = await core.call('documents.revise', { id: doc.id, actor: 'maria' });
    expect(revised).toMatchObject({ status: 'in_revision', revision: 1 });
    const edited = await core.call('documents.update', { id: doc.id, memo: 'price corrected' });
    expect(edited.memo).toBe('price corrected');
    const canceled = await core.call('documents.cancel', { id: doc.id, actor: 'boss' });
    expect(canceled.status).toBe('canceled');
    expect(canceled.history.map((h) => [h.action, h.actor, h.from, h.to])).toEqual([
      ['create', 'test-user', null, 'draft'],
      ['submit', 'maria', 'draft', 'pending_approval'],
      ['reject', 'boss', 'pending_approval', 'draft'],
      ['submit', 'maria', 'draft', 'pending_approval'],
      ['approve', 'boss', 'pending_approval', 'approved'],
      ['revise', 'maria', 'approved', 'in_revision'],
      ['cancel', 'boss', 'in_revision', 'canceled'],
    ]);
    expect(canceled.history[2]?.comment).toBe('wrong price');
    for (const h of canceled.history) expect(Date.parse(h.at)).not.toBeNaN();
  });

  it('refuses bad documents with a message per field', async () => {
    const { company, supplier } = await seedCompany(core);
    const base = {
      companyId: company.id,
      type: 'purchase_order' as const,
      supplierId: supplier.id,
      date: '2026-11-20',
    };
    await expect(core.call('documents.create', { ...base, lines: [] })).rejects.toMatchObject({
      code: 'validation_failed',
      problems: [
        expect.objectContaining({ field: 'lines', message: expect.stringContaining('at least one line') }),
      ],
    });
    await expect(
      core.call('documents.create', { ...base, supplierId: 'nobody', lines: threeLines }),
    ).rejects.toMatchObject({
      problems: expect.arrayContaining([expect.objectContaining({ field: 'supplierId' })]),
    });
    await expect(
      core.call('documents.create', {
        ...base,
        lines: [{ description: 'x', quantity: '-1', unitPrice: '2' }],
      }),
    ).rejects.toMatchObject({
      problems: [
        expect.objectContaining({ field: 'lines.0.quantity', message: expect.stringMatching(/Line 1/) }),
      ],
    });
    await expect(
      core.call('documents.create', { ...base, currency: 'EUR', lines: threeLines }),
    ).rejects.toMatchObject({ problems: [expect.objectContaining({ field: 'currency' })] });
    await expect(
      core.call('documents.create', { ...base, discount: { amount: '999.00' }, lines: threeLines }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      core.call('documents.create', {
        ...base,
        lines: [{ description: 'x', quantity: '1,5', unitPrice: '2' }],
      }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      problems: [expect.objectContaining({ field: 'lines.0.quantity' })],
    });
    await core.call('documents.create', { ...base, number: 'PO-7', lines: threeLines });
    await expect(
      core.call('documents.create', { ...base, number: 'PO-7', lines: threeLines }),
    ).rejects.toMatchObject({
      problems: [
        expect.objectContaining({ field: 'number', message: expect.stringContaining('already used') }),
      ],
    });
  });

  it('refuses a line with both an item and an account, saying to clear one', async () => {
    const { company, supplier } = await seedCompany(core);
    const item = await core.call('lists.create', {
      companyId: company.id,
      kind: 'item',
      name: 'Copper pipe',
    });
    const account = await core.call('lists.create', {
      companyId: company.id,
      kind: 'account',
      name: 'Materials',
    });
    const base = {
      companyId: company.id,
      type: 'purchase_order' as const,
      supplierId: supplier.id,
      date: '2026-11-20',
    };
    const pipe = { description: 'Copper pipe 15mm', quantity: '12', unitPrice: '4.35' };
    const both = { description: 'Copper pipe 15mm', quantity: '1', unitPrice: '4.35', itemId: item.id };
    const refusal = {
      code: 'invalid_input',
      userMessage: expect.stringContaining('a line goes as an item or to an account, never both'),
      problems: [expect.objectContaining({ field: 'lines.1.accountId' })],
    };
    await expect(
      core.call('documents.create', { ...base, lines: [pipe, { ...both, accountId: account.id }] }),
    ).rejects.toMatchObject(refusal);
    const doc = await core.call('documents.create', { ...base, lines: [pipe, both] });
    await expect(
      core.call('documents.update', {
        id: doc.id,
        lines: [pipe, { ...both, accountId: account.id }],
      }),
    ).rejects.toMatchObject(refusal);
    // One or the other is fine.
    const coded = await core.call('documents.update', {
      id: doc.id,
      lines: [pipe, { ...both, itemId: null, accountId: account.id }],
    });
    expect(coded.lines[1]).toMatchObject({ itemId: null, accountId: account.id });
  });

  it('lists with filters, search and paging', async () => {
    const { company, supplier } = await seedCompany(core);
    const other = await core.call('suppliers.create', { companyId: company.id, name: 'Bolt & Nut Co' });
    for (let i = 0; i < 7; i++) {
      await core.call('documents.create', {
        companyId: company.id,
        type: i % 2 === 0 ? 'purchase_order' : 'invoice',
        supplierId: i < 5 ? supplier.id : other.id,
        supplierInvoiceNumber: i % 2 === 1 ? `SUP-${i}` : null,
        date: `2026-10-0${i + 1}`,
        lines: [{ description: 'x', quantity: '1', unitPrice: `${i + 1}.00` }],
      });
    }
    const page1 = await core.call('documents.list', { companyId: company.id, limit: 3 });
    expect(page1.total).toBe(7);
    expect(page1.items.map((d) => d.date)).toEqual(['2026-10-07', '2026-10-06', '2026-10-05']);
    const page3 = await core.call('documents.list', { companyId: company.id, limit: 3, offset: 6 });
    expect(page3.items).toHaveLength(1);
    const invoices = await core.call('documents.list', { companyId: company.id, type: 'invoice' });
    expect(invoices.total).toBe(3);
    const bolt = await core.call('documents.list', { companyId: company.id, search: 'bolt &' });
    expect(bolt.items.map((d) => d.supplierName)).toEqual(['Bolt & Nut Co', 'Bolt & Nut Co']);
    const bySupplierInvoice = await core.call('documents.list', { companyId: company.id, search: 'SUP-3' });
    expect(bySupplierInvoice.items.map((d) => d.gross)).toEqual(['4.00']);
    const dated = await core.call('documents.list', {
      companyId: company.id,
      dateFrom: '2026-10-02',
      dateTo: '2026-10-03',
    });
    expect(dated.total).toBe(2);
    const percent = await core.call('documents.list', { companyId: company.id, search: '%' });
    expect(percent.total).toBe(0);
  });

  it('rejects unknown methods and invalid input before any handler runs', async () => {
    await expect(core.app.call('documents.explode', {})).rejects.toMatchObject({ code: 'not_found' });
    await expect(core.call('companies.create', { name: '' })).rejects.toMatchObject({
      code: 'invalid_input',
      problems: [expect.objectContaining({ field: 'name' })],
    });
  });
});

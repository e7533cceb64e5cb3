// Bulk actions against QuickBooks Online: submit, approve and send many documents in one call each, with mixed
// outcomes. Each document is handled by the one-document rules on its own: a draft cannot be sent, an unknown id
// is named, a document QuickBooks refuses (dated in a closed period) is reported refused with QuickBooks' reason,
// and none of these stops the others from being submitted, approved, queued and sent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectCompany, oracleReady, startWorld, type QboWorld } from './harness.js';

const ready = oracleReady();
let world: QboWorld;
beforeEach(async () => {
  if (ready) world = await startWorld();
});
afterEach(async () => {
  await world?.close();
});

describe.skipIf(!ready)('Bulk actions (QuickBooks Online simulator)', () => {
  it('submits, approves and sends many; refusals are named with their reasons and stop nothing', async () => {
    const { sim, realm, core } = world;
    sim.seed(realm, 'Account', { Name: 'Job Materials', AccountType: 'Expense', Classification: 'Expense' });
    // Bills are sent automatically on approval; purchase orders only by hand.
    const { company, connection } = await connectCompany(world, { documentsToSend: ['invoice'] });
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    const account = await core.call('lists.create', {
      companyId: company.id,
      kind: 'account',
      name: 'Job Materials',
    });
    const create = (type: 'invoice' | 'purchase_order', n: number, date = '2026-11-05') =>
      core.call('documents.create', {
        companyId: company.id,
        type,
        supplierId: supplier.id,
        ...(type === 'invoice' ? { supplierInvoiceNumber: `ACME-${n}` } : {}),
        date,
        lines: [{ description: `Parts ${n}`, quantity: '1', unitPrice: `${10 + n}`, accountId: account.id }],
      });
    const bills = await Promise.all([1, 2, 3].map((n) => create('invoice', n)));
    const orders = await Promise.all([4, 5, 6, 7].map((n) => create('purchase_order', n)));
    const draft = await create('purchase_order', 8);
    const closed = await create('purchase_order', 9, '2026-10-15');
    // QuickBooks Online has no receipts: the same rule as Send refuses it in bulk.
    const receipt = await core.call('documents.create', {
      companyId: company.id,
      type: 'receipt',
      supplierId: supplier.id,
      date: '2026-11-06',
      lines: [{ description: 'Parts received', quantity: '1', unitPrice: '10', accountId: account.id }],
    });

    // Submit: every one but an unknown id; the unknown one is named and the rest go on.
    const all = [...bills, ...orders, closed, receipt].map((d) => d.id);
    const submitted = await core.call('documents.submitMany', {
      companyId: company.id,
      ids: [...all, 'no-such-document'],
    });
    expect(submitted.results.filter((r) => r.outcome === 'submitted')).toHaveLength(all.length);
    expect(submitted.results.at(-1)).toMatchObject({
      id: 'no-such-document',
      number: null,
      outcome: 'refused',
      message: expect.stringMatching(/does not exist in this company/),
    });

    // Approve: the bills are queued to QuickBooks (automatic), the orders approved only; the draft is refused by
    // the lifecycle's own rule.
    const approved = await core.call('documents.approveMany', {
      companyId: company.id,
      ids: [...all, draft.id],
    });
    const outcome = (id: string) => approved.results.find((r) => r.id === id);
    for (const b of bills) expect(outcome(b.id)).toMatchObject({ outcome: 'queued', type: 'invoice' });
    for (const o of [...orders, receipt]) expect(outcome(o.id)?.outcome).toBe('approved');
    expect(outcome(draft.id)).toMatchObject({ outcome: 'refused', number: draft.number });
    expect(outcome(draft.id)?.message).toMatch(/draft/i);
    expect((await core.call('documents.get', { id: draft.id })).status).toBe('draft');

    // Send: QuickBooks closes October after the orders were approved; the draft is refused here, the order dated in
    // the closed period is refused there, the rest are sent.
    await core.app.sync.whenIdle();
    realm.options.bookCloseDate = '2026-10-31';
    const ids = [...orders.map((o) => o.id), draft.id, closed.id, receipt.id];
    const sent = await core.call('documents.sendMany', { companyId: company.id, ids });
    expect(sent.results.map((r) => r.outcome)).toEqual([
      'queued',
      'queued',
      'queued',
      'queued',
      'refused',
      'queued',
      'refused',
    ]);
    expect(sent.results[4]?.message).toMatch(
      /^Only approved documents are sent\. This purchase order is draft/,
    );
    expect(sent.results[6]).toMatchObject({ type: 'receipt', outcome: 'refused' });
    expect(sent.results[6]?.message).toMatch(/QuickBooks Online has no receipts/);
    // Queued together: every queued document shows queued on the connection before the worker runs.
    const before = await core.call('documents.sendProgress', {
      companyId: company.id,
      ids,
      connectionId: connection.id,
    });
    expect(
      before
        .filter((p) => p.id !== draft.id && p.id !== receipt.id)
        .every((p) => p.syncStatus === 'queued' || p.syncStatus === 'sending' || p.syncStatus === 'sent'),
    ).toBe(true);

    await core.app.sync.whenIdle();
    const progress = await core.call('documents.sendProgress', {
      companyId: company.id,
      ids,
      connectionId: connection.id,
    });
    const stage = (id: string) => progress.find((p) => p.id === id);
    for (const o of orders) expect(stage(o.id)?.stage).toBe('sent');
    expect(stage(closed.id)).toMatchObject({ stage: 'refused', syncStatus: 'failed' });
    expect(stage(closed.id)?.message).toMatch(/closed period/);
    expect(stage(draft.id)).toMatchObject({ stage: 'refused', syncStatus: 'not_sent', status: 'draft' });
    expect(sim.records(realm, 'PurchaseOrder')).toHaveLength(orders.length);
    expect(sim.records(realm, 'Bill')).toHaveLength(bills.length);
  });

  it('refuses a call naming a document twice or none, before doing anything', async () => {
    const { core } = world;
    const { company } = await connectCompany(world);
    await expect(core.call('documents.sendMany', { companyId: company.id, ids: [] })).rejects.toThrow(
      /at least one document/,
    );
    await expect(
      core.call('documents.submitMany', { companyId: company.id, ids: ['a', 'a'] }),
    ).rejects.toThrow(/names a document twice/);
  });
});

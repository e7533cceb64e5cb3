// Payment kinds as QuickBooks Online names them: a cheque (a Purchase of PaymentType Check) that pays a bill we
// sent comes back as kind 'check' ("Cheque"), beside bill payments. Every link shape Intuit's schema allows is
// covered: a line linked to the bill, the cheque itself linked to one bill or to several (sharing its total in
// order), TotalAmt or TxnDate missing, a link without a TxnId; cash and card purchases and cheques paying no bill
// of ours are not payments here; a voided or deleted cheque cancels its payment. Each Purchase seeded is checked
// against Intuit's schema first. Then the Payments page's list and the Documents list filter by what came back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateEntity } from '../../simulators/quickbooks-online/oracle.js';
import { approve, connectCompany, oracleReady, startWorld, type QboWorld } from './harness.js';

const ready = oracleReady();
let world: QboWorld;
beforeEach(async () => {
  if (ready) world = await startWorld();
});
afterEach(async () => {
  await world?.close();
});

type Rec = Record<string, unknown>;

describe.skipIf(!ready)('QuickBooks Online: cheques that pay bills', () => {
  it('brings cheques back in every shape the schema allows, as cheques; a voided or deleted one cancels', async () => {
    const { sim, realm, core } = world;
    const bank = sim.seed(realm, 'Account', {
      Name: 'Checking',
      AccountType: 'Bank',
      Classification: 'Asset',
    });
    sim.seed(realm, 'Account', { Name: 'Job Materials', AccountType: 'Expense', Classification: 'Expense' });
    const { company, connection } = await connectCompany(world);
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    const account = await core.call('lists.create', {
      companyId: company.id,
      kind: 'account',
      name: 'Job Materials',
    });
    const bill = async (n: number, price: string) => {
      const doc = await core.call('documents.create', {
        companyId: company.id,
        type: 'invoice',
        supplierId: supplier.id,
        supplierInvoiceNumber: `ACME-${n}`,
        date: '2026-11-05',
        lines: [{ description: `Parts ${n}`, quantity: '1', unitPrice: price, accountId: account.id }],
      });
      await approve(core, doc.id);
      return doc;
    };
    const [a, b, c, d] = [
      await bill(1, '100'),
      await bill(2, '100'),
      await bill(3, '30'),
      await bill(4, '50'),
    ];
    await core.app.sync.whenIdle();
    const billOf = async (id: string) => (await core.call('documents.get', { id })).sync[0]!.externalId!;
    const [billA, billB, billC, billD] = [
      await billOf(a.id),
      await billOf(b.id),
      await billOf(c.id),
      await billOf(d.id),
    ];
    const vendorRef = sim.get(realm, 'Bill', billA)!.VendorRef;
    const expenseLine = (amount: number, links?: Rec[]) => ({
      Amount: amount,
      DetailType: 'AccountBasedExpenseLineDetail',
      AccountBasedExpenseLineDetail: { AccountRef: { value: bank.Id } },
      ...(links ? { LinkedTxn: links } : {}),
    });
    const cheque = (fields: Rec) => {
      const body = { AccountRef: { value: bank.Id }, EntityRef: vendorRef, ...fields };
      expect(validateEntity('Purchase', body)).toEqual([]);
      return sim.seed(realm, 'Purchase', body);
    };

    // A line linked to bill A pays it the line's amount.
    const lineLinked = cheque({
      PaymentType: 'Check',
      TxnDate: '2026-11-10',
      TotalAmt: 40,
      Line: [expenseLine(40, [{ TxnId: billA, TxnType: 'Bill' }])],
    });
    // The cheque itself linked to bill B, no TotalAmt: its lines' sum pays B.
    cheque({
      PaymentType: 'Check',
      TxnDate: '2026-11-11',
      LinkedTxn: [{ TxnId: billB, TxnType: 'Bill' }],
      Line: [expenseLine(100)],
    });
    // The cheque linked to bills C and D, total 60: C takes its 30, D the 30 left.
    cheque({
      PaymentType: 'Check',
      TxnDate: '2026-11-12',
      TotalAmt: 60,
      LinkedTxn: [
        { TxnId: billC, TxnType: 'Bill' },
        { TxnId: billD, TxnType: 'Bill' },
      ],
      Line: [expenseLine(60)],
    });
    // Not payments of our bills: cash and card purchases, a cheque paying no bill, a link without a TxnId.
    cheque({
      PaymentType: 'Cash',
      TxnDate: '2026-11-12',
      TotalAmt: 5,
      LinkedTxn: [{ TxnId: billA, TxnType: 'Bill' }],
      Line: [expenseLine(5)],
    });
    cheque({ PaymentType: 'CreditCard', TxnDate: '2026-11-12', TotalAmt: 5, Line: [expenseLine(5)] });
    cheque({ PaymentType: 'Check', TxnDate: '2026-11-12', TotalAmt: 7, Line: [expenseLine(7)] });
    cheque({
      PaymentType: 'Check',
      TxnDate: '2026-11-12',
      TotalAmt: 8,
      Line: [expenseLine(8, [{ TxnType: 'Bill' }])],
    });
    expect(sim.get(realm, 'Bill', billA)!.Balance).toBe(60);

    const ranged = await core.call('payments.import', {
      connectionId: connection.id,
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(ranged).toMatchObject({ imported: 4, canceled: 0, documentsChanged: 4 });
    const state = async (id: string) => {
      const doc = await core.call('documents.get', { id });
      return { status: doc.paymentStatus, payments: doc.payments.map((p) => [p.kind, p.amount, p.status]) };
    };
    expect(await state(a.id)).toEqual({ status: 'partly_paid', payments: [['check', '40.00', 'active']] });
    expect(await state(b.id)).toEqual({ status: 'paid', payments: [['check', '100.00', 'active']] });
    expect(await state(c.id)).toEqual({ status: 'paid', payments: [['check', '30.00', 'active']] });
    expect(await state(d.id)).toEqual({ status: 'partly_paid', payments: [['check', '30.00', 'active']] });

    // The poll (Change Data Capture): a second cheque without a TxnDate on bill A, then the first one voided.
    await core.call('payments.sync', { connectionId: connection.id });
    await new Promise((r) => setTimeout(r, 5));
    const rest = cheque({
      PaymentType: 'Check',
      TotalAmt: 60,
      Line: [expenseLine(60, [{ TxnId: billA, TxnType: 'Bill' }])],
    });
    await core.call('payments.sync', { connectionId: connection.id });
    expect((await state(a.id)).status).toBe('paid');
    await new Promise((r) => setTimeout(r, 5));
    sim.voidPurchase(realm, String(lineLinked.Id));
    const voided = await core.call('payments.sync', { connectionId: connection.id });
    expect(voided.canceled).toBe(1);
    expect(await state(a.id)).toEqual({
      status: 'partly_paid',
      payments: expect.arrayContaining([
        ['check', '40.00', 'canceled'],
        ['check', '60.00', 'active'],
      ]),
    });
    await new Promise((r) => setTimeout(r, 5));
    sim.deleteRecord(realm, 'Purchase', String(rest.Id));
    await core.call('payments.sync', { connectionId: connection.id });
    expect((await state(a.id)).status).toBe('unpaid');

    // The Payments page's list: newest first, by kind and status; the Documents list by payment state.
    const listed = await core.call('payments.list', { companyId: company.id });
    expect(listed.total).toBe(5);
    expect(listed.items.map((p) => p.date)).toEqual([...listed.items.map((p) => p.date)].sort().reverse());
    expect(listed.items.every((p) => p.kind === 'check' && p.system === 'quickbooks_online')).toBe(true);
    const canceled = await core.call('payments.list', { companyId: company.id, status: 'canceled' });
    expect(canceled.items.map((p) => [p.documentNumber, p.amount])).toEqual(
      expect.arrayContaining([
        [a.number, '40.00'],
        [a.number, '60.00'],
      ]),
    );
    expect(canceled.total).toBe(2);
    const dated = await core.call('payments.list', {
      companyId: company.id,
      from: '2026-11-11',
      to: '2026-11-11',
      status: 'active',
    });
    expect(dated.items.map((p) => [p.documentId, p.amount, p.currency])).toEqual([[b.id, '100.00', 'USD']]);
    expect((await core.call('payments.list', { companyId: company.id, system: 'xero' })).total).toBe(0);
    const byState = async (paymentStatus: 'unpaid' | 'partly_paid' | 'paid') =>
      (await core.call('documents.list', { companyId: company.id, paymentStatus })).items
        .map((x) => x.id)
        .sort();
    expect(await byState('paid')).toEqual([b.id, c.id].sort());
    expect(await byState('partly_paid')).toEqual([d.id]);
    expect(await byState('unpaid')).toEqual([a.id]);
    await expect(
      core.call('payments.list', { companyId: company.id, from: '2026-11-12', to: '2026-11-01' }),
    ).rejects.toThrow(/from must be on or before to/);
  });
});

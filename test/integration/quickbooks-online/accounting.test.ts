// The accounting methods against QuickBooks Online: lists import (paged, with progress, inactive entries marked),
// supplier sync both ways (match by name, last change wins, import theirs, create ours there), and payments
// (a date range on demand and the CDC poll: partial, full, voided, deleted, supplier credit).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../preload/contract.js';
import { approve, connectCompany, oracleReady, startWorld, type QboWorld } from './harness.js';

const ready = oracleReady();
let world: QboWorld;
beforeEach(async () => {
  if (ready) world = await startWorld();
});
afterEach(async () => {
  await world?.close();
});

describe.skipIf(!ready)('QuickBooks Online: lists, suppliers, payments', () => {
  it('imports every list in pages of 1000 with progress, and updates it later', async () => {
    const { sim, realm, core } = world;
    for (let i = 0; i < 1203; i++)
      sim.seed(realm, 'Customer', { DisplayName: `Customer ${String(i).padStart(4, '0')}` });
    sim.seed(realm, 'Account', {
      Name: 'Job Materials',
      AccountType: 'Expense',
      Classification: 'Expense',
      AcctNum: '5100',
    });
    const parent = sim.seed(realm, 'Class', { Name: 'Field' });
    sim.seed(realm, 'Class', {
      Name: 'North',
      ParentRef: { value: parent.Id },
      FullyQualifiedName: 'Field:North',
    });
    const dept = sim.seed(realm, 'Department', { Name: 'Warehouse' });
    sim.seed(realm, 'Item', { Name: 'Air filter', Type: 'Inventory', Sku: 'AF-1' });
    sim.seed(realm, 'Term', { Name: 'Net 30', DueDays: 30 });
    sim.seed(realm, 'TaxAgency', { DisplayName: 'State Board of Equalization' });
    const { company, connection } = await connectCompany(world);
    const progress: AppEvent[] = [];
    const off = core.app.onEvent((e) => e.type === 'progress' && progress.push(e));
    const first = await core.call('lists.import', { connectionId: connection.id });
    off();
    expect(first.byKind).toMatchObject({
      customer: 1203,
      account: 2,
      class: 2,
      location: 1,
      item: 1,
      term: 1,
      tax_agency: 1,
    });
    expect(first.added).toBe(1211);
    const [agency] = await core.call('lists.list', {
      companyId: company.id,
      kind: 'tax_agency',
      connectionId: connection.id,
    });
    expect(agency?.name).toBe('State Board of Equalization');
    expect(
      progress.some(
        (e) => e.type === 'progress' && e.message.includes(': 1,000 of about 1,203 customers and jobs'),
      ),
    ).toBe(true);
    const classes = await core.call('lists.list', {
      companyId: company.id,
      kind: 'class',
      connectionId: connection.id,
    });
    expect(classes.find((c) => c.name === 'Field:North')?.parentId).toBe(
      classes.find((c) => c.name === 'Field')?.id,
    );
    const account = (
      await core.call('lists.list', { companyId: company.id, kind: 'account', connectionId: connection.id })
    ).find((a) => a.name === 'Job Materials');
    expect(account?.code).toBe('5100');

    sim.edit(realm, 'Department', String(dept.Id), { Active: false });
    const second = await core.call('lists.import', { connectionId: connection.id, kinds: ['location'] });
    expect(second).toMatchObject({ added: 0, deactivated: 1 });
    const [location] = await core.call('lists.list', {
      companyId: company.id,
      kind: 'location',
      connectionId: connection.id,
    });
    expect(location?.active).toBe(false);
  });

  it('syncs suppliers both ways: matches by name, last change wins, imports theirs, creates ours there', async () => {
    const { sim, realm, core } = world;
    const acme = sim.seed(realm, 'Vendor', {
      DisplayName: 'Acme Supplies',
      PrimaryPhone: { FreeFormNumber: '555-0100' },
    });
    sim.seed(realm, 'Vendor', {
      DisplayName: 'Bolt Depot',
      BillAddr: { City: 'Springfield', PostalCode: '62701' },
    });
    const { company, connection } = await connectCompany(world);
    const ours = await core.call('suppliers.create', {
      companyId: company.id,
      name: 'Acme Supplies',
      city: 'Shelbyville',
    });
    const lonely = await core.call('suppliers.create', {
      companyId: company.id,
      name: 'Crate & Co',
      phone: '555-0199',
    });

    const first = await core.call('suppliers.sync', { connectionId: connection.id });
    expect(first.matched).toEqual([{ supplierId: ours.id, name: 'Acme Supplies', externalId: acme.Id }]);
    expect(first.unmatchedOurs).toEqual([{ supplierId: lonely.id, name: 'Crate & Co' }]);
    expect(first.unmatchedTheirs.map((t) => t.name)).toEqual(['Bolt Depot']);
    // Ours was changed after theirs: ours wins and goes there.
    expect(first.pushed).toBe(1);
    expect(sim.get(realm, 'Vendor', String(acme.Id))).toMatchObject({ BillAddr: { City: 'Shelbyville' } });

    // Then the bookkeeper changes the phone in QuickBooks: theirs wins now.
    await new Promise((r) => setTimeout(r, 5));
    sim.edit(realm, 'Vendor', String(acme.Id), { PrimaryPhone: { FreeFormNumber: '555-0111' } });
    const second = await core.call('suppliers.sync', { connectionId: connection.id, importUnmatched: true });
    expect(second.pulled).toBe(1);
    expect((await core.call('suppliers.get', { id: ours.id })).phone).toBe('555-0111');
    expect(second.imported).toBe(1);
    const imported = (await core.call('suppliers.list', { companyId: company.id, search: 'Bolt' })).items[0];
    expect(imported).toMatchObject({ city: 'Springfield', postalCode: '62701' });

    const created = await core.call('suppliers.createExternal', {
      connectionId: connection.id,
      supplierId: lonely.id,
    });
    expect(created.links[0]?.connectionId).toBe(connection.id);
    expect(sim.get(realm, 'Vendor', created.links[0]!.externalId)).toMatchObject({
      DisplayName: 'Crate & Co',
      PrimaryPhone: { FreeFormNumber: '555-0199' },
    });
    const log = await core.call('log.list', { connectionId: connection.id });
    expect(log.items.some((e) => e.message.includes('changed there last'))).toBe(true);
  });

  it('brings payments back: partly paid, paid, a voided and a deleted payment cancel ours, a supplier credit counts', async () => {
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
    const vendorRef = sim.get(realm, 'Bill', billId)!.VendorRef;
    const pay = (amount: number, date: string, extra: Record<string, unknown> = {}) =>
      sim.seed(realm, 'BillPayment', {
        VendorRef: vendorRef,
        PayType: 'Check',
        CheckPayment: { BankAccountRef: { value: bank.Id } },
        TotalAmt: amount,
        TxnDate: date,
        Line: [{ Amount: amount, LinkedTxn: [{ TxnId: billId, TxnType: 'Bill' }] }],
        ...extra,
      });

    const first = pay(40, '2026-11-10');
    const ranged = await core.call('payments.import', {
      connectionId: connection.id,
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(ranged).toMatchObject({ imported: 1, documentsChanged: 1, checkpoint: null });
    let current = await core.call('documents.get', { id: doc.id });
    expect(current.paymentStatus).toBe('partly_paid');
    expect(current.payments).toEqual([
      expect.objectContaining({ kind: 'bill_payment_check', amount: '40.00', status: 'active' }),
    ]);

    await core.call('payments.sync', { connectionId: connection.id }); // sets the CDC checkpoint
    const second = pay(60, '2026-11-12', {
      PayType: 'CreditCard',
      CheckPayment: undefined,
      CreditCardPayment: { CCAccountRef: { value: bank.Id } },
    });
    const polled = await core.call('payments.sync', { connectionId: connection.id });
    expect(polled.checkpoint).not.toBeNull();
    current = await core.call('documents.get', { id: doc.id });
    expect(current.paymentStatus).toBe('paid');
    expect(current.payments.map((p) => p.kind).sort()).toEqual([
      'bill_payment_check',
      'bill_payment_credit_card',
    ]);

    sim.voidBillPayment(realm, String(first.Id));
    await core.call('payments.sync', { connectionId: connection.id });
    current = await core.call('documents.get', { id: doc.id });
    expect(current.paymentStatus).toBe('partly_paid');
    expect(current.payments.find((p) => p.amount === '40.00')?.status).toBe('canceled');

    sim.deleteRecord(realm, 'BillPayment', String(second.Id));
    await core.call('payments.sync', { connectionId: connection.id });
    expect((await core.call('documents.get', { id: doc.id })).paymentStatus).toBe('unpaid');

    const credit = sim.seed(realm, 'VendorCredit', {
      VendorRef: vendorRef,
      TxnDate: '2026-11-13',
      Line: [
        {
          Amount: 100,
          DetailType: 'AccountBasedExpenseLineDetail',
          AccountBasedExpenseLineDetail: { AccountRef: { value: bank.Id } },
        },
      ],
    });
    sim.seed(realm, 'BillPayment', {
      VendorRef: vendorRef,
      PayType: 'Check',
      TotalAmt: 0,
      TxnDate: '2026-11-14',
      Line: [
        { Amount: 100, LinkedTxn: [{ TxnId: billId, TxnType: 'Bill' }] },
        { Amount: 100, LinkedTxn: [{ TxnId: String(credit.Id), TxnType: 'VendorCredit' }] },
      ],
    });
    await core.call('payments.sync', { connectionId: connection.id });
    current = await core.call('documents.get', { id: doc.id });
    expect(current.paymentStatus).toBe('paid');
    expect(current.payments.find((p) => p.status === 'active')?.kind).toBe('supplier_credit');
  });

  it('falls back to paged queries when CDC answers its maximum of 1000 objects', async () => {
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
    const doc = await core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'SAT-1',
      date: '2026-11-05',
      lines: [{ description: 'Parts', quantity: '1', unitPrice: '50', accountId: account.id }],
    });
    await approve(core, doc.id);
    await core.app.sync.whenIdle();
    const billId = (await core.call('documents.get', { id: doc.id })).sync[0]!.externalId!;
    const vendorRef = sim.get(realm, 'Bill', billId)!.VendorRef;
    for (let i = 0; i < 1000; i++)
      sim.seed(realm, 'Purchase', { PaymentType: 'Cash', TotalAmt: 1, Line: [] });
    await new Promise((r) => setTimeout(r, 5));
    sim.seed(realm, 'BillPayment', {
      VendorRef: vendorRef,
      PayType: 'Check',
      CheckPayment: { BankAccountRef: { value: bank.Id } },
      TotalAmt: 50,
      TxnDate: '2026-11-10',
      Line: [{ Amount: 50, LinkedTxn: [{ TxnId: billId, TxnType: 'Bill' }] }],
    });
    const result = await core.call('payments.sync', { connectionId: connection.id });
    expect(result.imported).toBe(1);
    expect((await core.call('documents.get', { id: doc.id })).paymentStatus).toBe('paid');
  });

  it('answers plainly when the connection is not connected', async () => {
    const { core } = world;
    const company = await core.call('companies.create', { name: 'Other', baseCurrency: 'USD' });
    const connection = await core.call('connections.create', {
      companyId: company.id,
      system: 'quickbooks_online',
    });
    await expect(core.call('payments.sync', { connectionId: connection.id })).rejects.toMatchObject({
      code: 'conflict',
      userMessage: expect.stringContaining('Connect it in Connections'),
    });
  });
});

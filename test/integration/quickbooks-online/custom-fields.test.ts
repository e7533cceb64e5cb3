// Document custom fields go where QuickBooks expects them, through the sync worker and the imported lists: the
// location (QuickBooks' department) on the transaction, the class per line or on the transaction as the company
// tracks classes, the customer or project on each line; a line's own class or customer wins over the document's.
// What the company cannot take (a bill's class under per-transaction tracking, tracking switched off) is said in
// the outcome instead of silently dropped, as is a line's own location (QuickBooks takes one per transaction).
// The supplier is paired with the one vendor of exactly its name instead of a second vendor being made.
import { afterEach, describe, expect, it } from 'vitest';
import type { RealmOptions } from '../../simulators/quickbooks-online/simulator.js';
import { approve, connectCompany, oracleReady, startWorld, type QboWorld } from './harness.js';

const ready = oracleReady();
let world: QboWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

type Rec = Record<string, unknown>;

async function sendBill(options: RealmOptions, lineLocation = false) {
  world = await startWorld(options);
  const { core, sim, realm } = world;
  const vendor = sim.seed(realm, 'Vendor', { DisplayName: 'Acme Supplies' });
  const qbo = {
    account: sim.seed(realm, 'Account', { Name: 'Job Materials', AccountType: 'Expense' }),
    north: sim.seed(realm, 'Department', { Name: 'North' }),
    east: sim.seed(realm, 'Department', { Name: 'East' }),
    maintenance: sim.seed(realm, 'Class', { Name: 'Maintenance' }),
    repairs: sim.seed(realm, 'Class', { Name: 'Repairs' }),
    mall: sim.seed(realm, 'Customer', { DisplayName: 'Riverside Mall' }),
  };
  const project = sim.seed(realm, 'Customer', {
    DisplayName: 'Roof 2026',
    Job: true,
    IsProject: true,
    ParentRef: { value: qbo.mall.Id },
    FullyQualifiedName: 'Riverside Mall:Roof 2026',
  });
  const { company, connection } = await connectCompany(world);
  await core.call('lists.import', { connectionId: connection.id });
  const entries = await core.call('lists.list', { companyId: company.id, connectionId: connection.id });
  const entry = (kind: string, name: string) => entries.find((e) => e.kind === kind && e.name === name)!;
  const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
  const doc = await core.call('documents.create', {
    companyId: company.id,
    type: 'invoice',
    supplierId: supplier.id,
    supplierInvoiceNumber: 'CF-1',
    date: '2026-11-05',
    fields: {
      location: entry('location', 'North').id,
      class: entry('class', 'Maintenance').id,
      customer: entry('customer', 'Riverside Mall').id,
    },
    lines: [
      {
        description: 'Filters',
        quantity: '2',
        unitPrice: '10',
        accountId: entry('account', 'Job Materials').id,
      },
      {
        description: 'Roof parts',
        quantity: '1',
        unitPrice: '30',
        accountId: entry('account', 'Job Materials').id,
        classId: entry('class', 'Repairs').id,
        customerId: entry('customer', 'Riverside Mall:Roof 2026').id,
        ...(lineLocation ? { locationId: entry('location', 'East').id } : {}),
      },
    ],
  });
  await approve(core, doc.id);
  await core.app.sync.whenIdle();
  const sent = await core.call('documents.get', { id: doc.id });
  expect(sent.sync[0]).toMatchObject({ status: 'sent' });
  const bill = sim.records(realm, 'Bill')[0]!;
  const details = (bill.Line as Rec[]).map((l) => l.AccountBasedExpenseLineDetail as Rec);
  // Paired with QuickBooks' one vendor of that exact name: no second vendor.
  expect(bill.VendorRef).toEqual({ value: vendor.Id });
  expect(sim.records(realm, 'Vendor')).toHaveLength(1);
  return { bill, details, qbo: { ...qbo, project }, message: sent.sync[0]!.lastMessage ?? '' };
}

describe.skipIf(!ready)('QuickBooks Online: document custom fields', () => {
  it('class tracked per line: location on the bill, class and customer or project on each line', async () => {
    const { bill, details, qbo } = await sendBill({ classTracking: 'line', trackDepartments: true });
    expect(bill.DepartmentRef).toEqual({ value: qbo.north.Id });
    expect(bill.ClassRef).toBeUndefined();
    expect(details[0]).toMatchObject({
      ClassRef: { value: qbo.maintenance.Id },
      CustomerRef: { value: qbo.mall.Id },
    });
    expect(details[1]).toMatchObject({
      ClassRef: { value: qbo.repairs.Id },
      CustomerRef: { value: qbo.project.Id },
    });
  });

  it('class tracked per transaction: a bill has no class of its own in QuickBooks, and the log says so', async () => {
    const { bill, details, qbo, message } = await sendBill({ classTracking: 'txn', trackDepartments: true });
    expect(bill.ClassRef).toBeUndefined();
    expect(details.map((d) => d.ClassRef)).toEqual([undefined, undefined]);
    expect(bill.DepartmentRef).toEqual({ value: qbo.north.Id });
    expect(details[1]).toMatchObject({ CustomerRef: { value: qbo.project.Id } });
    expect(message).toContain('Its class was not sent: QuickBooks takes a class on a bill only per line');
  });

  it("a line's own location is left out, and the log says so once", async () => {
    const { bill, qbo, message } = await sendBill({ classTracking: 'line', trackDepartments: true }, true);
    expect(bill.DepartmentRef).toEqual({ value: qbo.north.Id });
    expect(JSON.stringify(bill.Line)).not.toContain('DepartmentRef');
    const sentence =
      "Line 2's location 'East' is not sent: QuickBooks Online takes one location per document, on the header.";
    expect(message.split(sentence)).toHaveLength(2);
  });

  it('tracking off: the bill goes without class and location, and the log says what to switch on', async () => {
    const { bill, details, message } = await sendBill({ classTracking: 'none', trackDepartments: false });
    expect(bill.DepartmentRef).toBeUndefined();
    expect(details.map((d) => d.ClassRef)).toEqual([undefined, undefined]);
    expect(message).toContain('Its class was not sent: class tracking is off');
    expect(message).toContain('Its location was not sent: location tracking is off');
  });
});

import { describe, expect, it } from 'vitest';
import type { ConnectionT } from '../../../preload/contract';
import {
  accountingConnection,
  codedTo,
  codingLayout,
  lineStart,
  namesById,
  withTracking,
  type ListEntryT,
} from '../../../renderer/src/features/documents/editor/coding';
import {
  chooseAccount,
  chooseItem,
  createInput,
  emptyForm,
  newLine,
} from '../../../renderer/src/lib/editorModel';

function connection(system: string, settings: Record<string, unknown> = {}, id = 'conn'): ConnectionT {
  return {
    id,
    companyId: 'co',
    system,
    name: '',
    status: 'connected',
    statusMessage: null,
    settings,
    credentialNames: [],
    connectedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

let seq = 0;
function entry(kind: ListEntryT['kind'], name: string, patch: Partial<ListEntryT> = {}): ListEntryT {
  seq++;
  return {
    id: `${kind}-${seq}`,
    companyId: 'co',
    connectionId: 'conn',
    kind,
    externalId: String(seq),
    name,
    code: null,
    parentId: null,
    active: true,
    type: null,
    purchaseCost: null,
    ...patch,
  };
}

const names = (options: { fullName: string }[] | null) => options?.map((o) => o.fullName) ?? null;

describe('which pickers the editor shows', () => {
  const utilities = entry('account', 'Utilities', { type: 'Expense' });
  const lists = [
    utilities,
    entry('account', 'Utilities:Gas', { parentId: utilities.id, type: 'Expense' }),
    entry('account', 'Job Materials', { type: 'Cost of Goods Sold' }),
    entry('account', 'Checking', { type: 'Bank' }),
    entry('account', 'Old', { type: 'Expense', active: false }),
    entry('item', 'Copper pipe', { type: 'NonInventory', purchaseCost: '12.4' }),
    entry('item', 'Hardware', { type: 'Category' }),
    entry('class', 'Plumbing'),
    entry('customer', 'Smith Co'),
    entry('account', 'Other company account', { connectionId: 'other', type: 'Expense' }),
  ];

  it('QuickBooks Online, class per line: item, expense accounts only, class, customer or job', () => {
    const layout = codingLayout(
      connection('quickbooks_online', { company: { classTracking: 'line', trackDepartments: false } }),
      lists,
      'purchase_order',
    );
    expect(names(layout.item)).toEqual(['Copper pipe']);
    expect(names(layout.account)).toEqual(['Job Materials', 'Old', 'Utilities', 'Utilities:Gas']);
    expect(names(layout.class)).toEqual(['Plumbing']);
    expect(names(layout.customer)).toEqual(['Smith Co']);
    expect(layout.header).toEqual([]);
    expect(layout.note).toBeNull();
  });

  it('QuickBooks Online: no class picker when class tracking is off; a header class when tracked per transaction', () => {
    const off = codingLayout(
      connection('quickbooks_online', { company: { classTracking: 'none' } }),
      lists,
      'purchase_order',
    );
    expect(off.class).toBeNull();
    expect(off.header.map((h) => h.key)).toEqual([]);
    const txn = codingLayout(
      connection('quickbooks_online', { company: { classTracking: 'txn' } }),
      lists,
      'purchase_order',
    );
    expect(txn.class).toBeNull();
    expect(txn.header.map((h) => [h.key, h.label])).toEqual([['class', 'Class']]);
    expect(txn.note).toBeNull();
    // A bill takes no class on the document in QuickBooks Online: no picker, and the editor says why.
    const bill = codingLayout(
      connection('quickbooks_online', { company: { classTracking: 'txn' } }),
      lists,
      'invoice',
    );
    expect(bill.class).toBeNull();
    expect(bill.header.map((h) => h.key)).toEqual([]);
    expect(bill.note).toMatch(
      /^This QuickBooks Online company tracks classes per transaction, and a bill takes no class/,
    );
  });

  it('QuickBooks Online: the location picker on the document, named as the company calls it', () => {
    const layout = codingLayout(
      connection('quickbooks_online', {
        company: { classTracking: 'line', trackDepartments: true, departmentTerminology: 'Division' },
      }),
      [...lists, entry('location', 'North')],
      'invoice',
    );
    expect(layout.header.map((h) => [h.key, h.label, names(h.options)])).toEqual([
      ['location', 'Division', ['North']],
    ]);
  });

  it("NetSuite: subsidiary, location, department and class on the header once mirrored; the connection's subsidiary said as the default", () => {
    const home = entry('subsidiary', 'Northwind US', { externalId: '1' });
    const layout = codingLayout(
      connection('netsuite', { subsidiaryId: '1' }),
      [...lists, home, entry('subsidiary', 'Northwind West'), entry('location', 'Depot')],
      'invoice',
    );
    expect(layout.header.map((h) => [h.key, h.label, names(h.options)])).toEqual([
      ['subsidiary', 'Subsidiary', ['Northwind US', 'Northwind West']],
      ['location', 'Location', ['Depot']],
      ['class', 'Class', ['Plumbing']],
    ]);
    expect(layout.header[0]!.hint).toBe("Defaults to Northwind US, the connection's subsidiary");
    expect(layout.header[2]!.hint).toMatch(/Lines without a class/);
    // Lines keep their own class picker.
    expect(names(layout.class)).toEqual(['Plumbing']);
    // No subsidiaries mirrored (an account without OneWorld): no subsidiary picker.
    const plain = codingLayout(connection('netsuite', { subsidiaryId: null }), lists, 'purchase_order');
    expect(plain.header.map((h) => h.key)).toEqual(['class']);
    // An item receipt takes its order's subsidiary.
    const receipt = codingLayout(connection('netsuite'), [...lists, home], 'receipt');
    expect(receipt.header.map((h) => h.key)).toEqual(['class']);
  });

  it('NetSuite lines take a location and a department of their own; no other system offers them per line', () => {
    const more = [...lists, entry('location', 'Depot'), entry('department', 'Operations')];
    const ns = codingLayout(connection('netsuite'), more, 'invoice');
    expect(names(ns.location)).toEqual(['Depot']);
    expect(names(ns.department)).toEqual(['Operations']);
    expect(ns.header.filter((h) => h.kind !== 'class').map((h) => [h.key, h.hint])).toEqual([
      ['location', 'Lines without a location of their own take this one'],
      ['department', 'Lines without a department of their own take this one'],
    ]);
    // Not before the list is imported (the same rule as the header).
    expect(codingLayout(connection('netsuite'), lists, 'invoice').location).toBeNull();
    expect(codingLayout(connection('netsuite'), lists, 'invoice').department).toBeNull();
    // QuickBooks Online takes its location (department) on the document only; Xero and QuickBooks Desktop lines
    // have none.
    for (const system of ['quickbooks_online', 'xero', 'quickbooks_desktop']) {
      const layout = codingLayout(
        connection(system, { company: { trackDepartments: true } }),
        more,
        'invoice',
      );
      expect([system, layout.location, layout.department]).toEqual([system, null, null]);
    }
  });

  it('service orders take accounts only, and the editor says so', () => {
    const layout = codingLayout(connection('quickbooks_online'), lists, 'service_order');
    expect(layout.item).toBeNull();
    expect(layout.account).not.toBeNull();
    expect(layout.note).toMatch(/^Service orders go to QuickBooks Online with expense \(category\) lines/);
  });

  it('QuickBooks Desktop purchase orders take items only', () => {
    const layout = codingLayout(connection('quickbooks_desktop'), lists, 'purchase_order');
    expect(layout.account).toBeNull();
    expect(layout.item).not.toBeNull();
    expect(layout.note).toMatch(/items only/);
  });

  it('Xero: each tracking category by its own name (at most two), no class or customer; none without categories', () => {
    const region = entry('tracking_category', 'Region');
    const dept = entry('tracking_category', 'Department');
    const third = entry('tracking_category', 'Third');
    const xeroLists = [
      ...lists,
      region,
      dept,
      third,
      entry('tracking_option', 'North', { parentId: region.id }),
      entry('tracking_option', 'South', { parentId: region.id }),
      entry('tracking_option', 'Sales', { parentId: dept.id }),
    ];
    const layout = codingLayout(connection('xero'), xeroLists, 'invoice');
    expect(layout.class).toBeNull();
    expect(layout.customer).toBeNull();
    expect(layout.tracking.map((t) => [t.name, t.slot, names(t.options)])).toEqual([
      ['Region', 'classId', ['North', 'South']],
      ['Department', 'customerId', ['Sales']],
    ]);
    expect(codingLayout(connection('xero'), lists, 'invoice').tracking).toEqual([]);

    // Choosing in one category keeps the other's option, each in its category's slot.
    const [north, south, sales] = xeroLists.slice(-3) as [ListEntryT, ListEntryT, ListEntryT];
    const line = { classId: sales.id, customerId: north.id };
    expect(withTracking(layout.tracking, line, region.id, south.id)).toEqual({
      classId: south.id,
      customerId: sales.id,
    });
    expect(withTracking(layout.tracking, line, dept.id, null)).toEqual({
      classId: north.id,
      customerId: null,
    });
  });

  it("a new line starts with the supplier's defaults the pickers offer, a tracking option in its category", () => {
    const region = entry('tracking_category', 'Region');
    const dept = entry('tracking_category', 'Department');
    const north = entry('tracking_option', 'North', { parentId: region.id });
    const sales = entry('tracking_option', 'Sales', { parentId: dept.id });
    const gas = lists.find((e) => e.name === 'Utilities:Gas')!;
    const xero = codingLayout(connection('xero'), [...lists, region, dept, north, sales], 'invoice');
    const none = { itemId: null, accountId: null, classId: null, locationId: null, taxRateId: null };
    expect(lineStart({ ...none, accountId: gas.id, classId: north.id, taxRateId: 'vat' }, xero)).toEqual({
      taxRateId: 'vat',
      coding: { itemId: null, accountId: gas.id, classId: north.id },
    });
    // An option of the second category rides on that category's slot.
    expect(lineStart({ ...none, classId: sales.id }, xero).coding).toEqual({
      itemId: null,
      accountId: null,
      classId: null,
      customerId: sales.id,
    });
    // Nothing the pickers do not offer: no class where classes are not tracked, no entry of another list.
    expect(lineStart({ ...none, classId: 'gone', accountId: 'gone' }, xero).coding).toEqual({
      itemId: null,
      accountId: null,
      classId: null,
    });
    expect(lineStart(null, xero)).toEqual({
      taxRateId: '',
      coding: { itemId: null, accountId: null, classId: null },
    });
  });

  it("a new line starts with the supplier's default option in each of Xero's two tracking categories", () => {
    const region = entry('tracking_category', 'Region');
    const dept = entry('tracking_category', 'Department');
    const north = entry('tracking_option', 'North', { parentId: region.id });
    const sales = entry('tracking_option', 'Sales', { parentId: dept.id });
    const xero = codingLayout(connection('xero'), [...lists, region, dept, north, sales], 'invoice');
    const none = { itemId: null, accountId: null, classId: null, locationId: null, taxRateId: null };
    // Whatever order they are kept in, each goes to its own category's slot.
    expect(lineStart({ ...none, trackingOptionIds: [sales.id, north.id] }, xero).coding).toEqual({
      itemId: null,
      accountId: null,
      classId: north.id,
      customerId: sales.id,
    });
    // An option no longer offered is left out; the other stays.
    expect(lineStart({ ...none, trackingOptionIds: ['gone', sales.id] }, xero).coding).toEqual({
      itemId: null,
      accountId: null,
      classId: null,
      customerId: sales.id,
    });
  });

  it("a line's location and department are said by name after its other coding", () => {
    const depot = entry('location', 'Depot');
    const ops = entry('department', 'Operations');
    const freight = entry('account', 'Freight');
    const all = [depot, ops, freight];
    const byId = new Map(all.map((e) => [e.id, e]));
    const line = {
      itemId: null,
      accountId: freight.id,
      classId: null,
      customerId: null,
      locationId: depot.id,
      departmentId: ops.id,
    };
    expect(codedTo(line, byId, namesById(all))).toEqual([
      { field: 'Account', name: 'Freight' },
      { field: 'Location', name: 'Depot' },
      { field: 'Department', name: 'Operations' },
    ]);
    // The editor's form carries them to the API, and a line without them sends none.
    const form = {
      ...emptyForm('2026-11-05'),
      lines: [
        { ...newLine(), coding: { ...newLine().coding, locationId: depot.id, departmentId: ops.id } },
        newLine(),
      ],
    };
    const [first, second] = createInput('co', form).lines;
    expect(first).toMatchObject({ locationId: depot.id, departmentId: ops.id });
    expect(second).not.toHaveProperty('locationId');
  });

  it('a line coded to an entry of ours paired with a record there is said by that record, ours beside it', () => {
    const mirrored = entry('account', 'Job Materials');
    const ours = {
      ...entry('account', 'Materials'),
      pairedWith: { connectionId: 'c', entryId: mirrored.id, name: 'Job Materials' },
    };
    const same = {
      ...entry('account', 'Freight'),
      pairedWith: { connectionId: 'c', entryId: 'gone', name: 'Freight' },
    };
    const all = [mirrored, ours, same];
    const byId = new Map(all.map((e) => [e.id, e]));
    const line = { itemId: null, accountId: ours.id, classId: null, customerId: null };
    expect(codedTo(line, byId, namesById(all))).toEqual([
      { field: 'Account', name: 'Job Materials', ours: 'Materials' },
    ]);
    expect(codedTo({ ...line, accountId: same.id }, byId, namesById(all))).toEqual([
      { field: 'Account', name: 'Freight' },
    ]);
  });

  it('the accounting connection is the connected one, never ServiceTrade', () => {
    const st = connection('servicetrade', {}, 'st');
    const qbd = { ...connection('quickbooks_desktop', {}, 'qbd'), status: 'not_connected' as const };
    const xero = connection('xero', {}, 'xero');
    const isAccounting = (c: ConnectionT) => c.system !== 'servicetrade';
    expect(accountingConnection([st, qbd, xero], isAccounting)?.id).toBe('xero');
    expect(accountingConnection([st, qbd], isAccounting)?.id).toBe('qbd');
    expect(accountingConnection([st], isAccounting)).toBeNull();
  });
});

describe('what a line is coded to', () => {
  it('names each field by the full name, a tracking option by its category, a lost entry as lost', () => {
    const parent = entry('customer', 'Smith Co');
    const job = entry('customer', 'Kitchen', { parentId: parent.id });
    const region = entry('tracking_category', 'Region');
    const north = entry('tracking_option', 'North', { parentId: region.id });
    const all = [parent, job, region, north];
    const byId = new Map(all.map((e) => [e.id, e]));
    expect(
      codedTo(
        { itemId: null, accountId: 'gone', classId: north.id, customerId: job.id },
        byId,
        namesById(all),
      ),
    ).toEqual([
      { field: 'Account', name: 'an entry no longer in the lists' },
      { field: 'Region', name: 'North' },
      { field: 'Customer or job', name: 'Smith Co:Kitchen' },
    ]);
  });
});

describe('item or account, never both', () => {
  it('an item clears the account and fills an empty description and price; an account clears the item', () => {
    const line = chooseAccount({ ...newLine(), quantity: '2' }, 'acct');
    const withItem = chooseItem(line, { id: 'item', name: 'Copper pipe', purchaseCost: '12.4' });
    expect(withItem.coding).toMatchObject({ itemId: 'item', accountId: null });
    expect(withItem.description).toBe('Copper pipe');
    expect(withItem.unitPrice).toBe('12.4');
    const typed = chooseItem(
      { ...newLine(), description: 'My words', unitPrice: '10' },
      { id: 'item', name: 'Copper pipe', purchaseCost: '12.4' },
    );
    expect([typed.description, typed.unitPrice]).toEqual(['My words', '10']);
    expect(chooseAccount(withItem, 'acct').coding).toMatchObject({ itemId: null, accountId: 'acct' });
    expect(chooseItem(withItem, null).coding.itemId).toBeNull();
  });

  it('sends the coding and the document-level fields', () => {
    const line = chooseItem({ ...newLine(), quantity: '1', unitPrice: '5' }, { id: 'item', name: 'Pipe' });
    const input = createInput('co', {
      ...emptyForm('2026-01-01'),
      supplierId: 's',
      fields: { location: 'loc' },
      lines: [{ ...line, coding: { ...line.coding, classId: 'cls', customerId: 'job' } }],
    });
    expect(input.fields).toEqual({ location: 'loc' });
    expect(input.lines[0]).toMatchObject({ itemId: 'item', classId: 'cls', customerId: 'job' });
    expect(input.lines[0]).not.toHaveProperty('accountId');
  });
});

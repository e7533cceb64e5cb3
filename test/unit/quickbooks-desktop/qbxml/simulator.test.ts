// The QuickBooks Desktop simulator's rules, driven through the real qbXML layer (buildMessage → handle →
// parseResponse). Every request message is validated against qbxmlops130.xsd by the simulator itself, and every
// answer it gives is validated too (afterAll), so the parser is tested on schema-true responses.
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildMessage,
  chooseVersion,
} from '../../../../main/connectors/quickbooks-desktop/qbxml/builders.js';
import { classifyStatus } from '../../../../main/connectors/quickbooks-desktop/qbxml/errors.js';
import { parseResponse } from '../../../../main/connectors/quickbooks-desktop/qbxml/parse.js';
import type {
  BillRet,
  ItemReceiptRet,
  OnError,
  PurchaseOrderRet,
  QbxmlRequest,
  QbxmlResponse,
  VendorRet,
} from '../../../../main/connectors/quickbooks-desktop/qbxml/types.js';
import {
  QbdHresultError,
  QbdInvalidRequestError,
  QbdLostResponseError,
  QbdSimulator,
  type QbdSimulatorOptions,
} from '../../../simulators/quickbooks-desktop/simulator.js';
import { requireQbxmlXsd, validateQbxmlBatch } from '../../../simulators/quickbooks-desktop/xsd-validate.js';

const xsd = requireQbxmlXsd();
const answers: string[] = [];

afterAll(() => {
  if (!xsd) return;
  expect(answers.length).toBeGreaterThan(30);
  const results = validateQbxmlBatch(answers);
  const bad = results.map((r, i) => ({ ...r, i })).filter((r) => !r.valid);
  expect(bad.map((r) => `${r.errors}\n${answers[r.i]?.slice(0, 2000)}`)).toEqual([]);
});

function sim(options: QbdSimulatorOptions = {}): QbdSimulator {
  return new QbdSimulator({ validate: xsd, ...options });
}

function send(
  s: QbdSimulator,
  requests: QbxmlRequest[],
  onError: OnError = 'continueOnError',
  version = '13.0',
) {
  const xml = s.handle(buildMessage(requests, { version, onError }));
  answers.push(xml);
  return parseResponse(xml);
}

function one(s: QbdSimulator, request: QbxmlRequest): QbxmlResponse {
  const [r] = send(s, [request]);
  if (!r) throw new Error('no response');
  return r;
}

const vendorAdd = (
  name: string,
  requestID = `va-${name}`,
  extra: Record<string, unknown> = {},
): QbxmlRequest => ({
  type: 'VendorAdd',
  requestID,
  body: { Name: name, ...extra },
});

const GUID = '{11111111-2222-3333-4444-555555555555}';

describe('host response', () => {
  it('lists the supported qbXML versions and validates against the XSD', () => {
    const s = sim({ supportedVersions: ['1.0', '2.0', '11.0', '12.0'] });
    const xml = s.hostResponse();
    answers.push(xml);
    const [host, company, prefs] = parseResponse(xml);
    expect(host?.type).toBe('HostQuery');
    if (host?.type !== 'HostQuery') throw new Error('no host');
    expect(host.records[0]?.SupportedQBXMLVersion).toEqual(['1.0', '2.0', '11.0', '12.0']);
    expect(chooseVersion(host.records[0]?.SupportedQBXMLVersion ?? [])).toBe('12.0');
    expect(company?.type === 'CompanyQuery' && company.records[0]?.CompanyName).toBe(
      'Ledgerbridge Test Plumbing LLC',
    );
    expect(prefs?.type === 'PreferencesQuery' && prefs.records[0]?.IsUsingClassTracking).toBe(true);
  });

  it('refuses a message in a version this QuickBooks does not support', () => {
    const s = sim({ supportedVersions: ['11.0', '12.0'] });
    expect(() =>
      s.handle(buildMessage([vendorAdd('A')], { version: '13.0', onError: 'stopOnError' })),
    ).toThrow(QbdHresultError);
    expect(send(s, [vendorAdd('A')], 'stopOnError', '12.0')[0]?.statusCode).toBe(0);
  });
});

describe('names', () => {
  it('are unique across vendors, customers, employees and other names (3100), case-insensitively', () => {
    const s = sim();
    s.addEmployee('Pat Jones');
    s.addOtherName('Petty Cash');
    const [a, b, c, d, e] = send(s, [
      vendorAdd('Acme Supply', 'v1'),
      vendorAdd('ACME SUPPLY', 'v2'),
      { type: 'CustomerAdd', requestID: 'c1', body: { Name: 'acme supply' } },
      vendorAdd('Pat Jones', 'v3'),
      vendorAdd('Petty Cash', 'v4'),
    ]);
    expect(a?.statusCode).toBe(0);
    for (const r of [b, c, d, e]) {
      expect(r?.statusCode).toBe(3100);
      expect(r?.statusSeverity).toBe('Error');
      expect(r?.records).toEqual([]);
    }
    expect(b?.statusMessage).toBe('The name "ACME SUPPLY" of the list element is already in use.');
    expect(classifyStatus(3100, b?.statusMessage ?? '').userMessage).toContain(
      '"ACME SUPPLY" is already used',
    );
  });

  it('builds Customer:Job full names; a job needs its parent (3140); the same job name under two customers is fine', () => {
    const s = sim();
    const rs = send(s, [
      { type: 'CustomerAdd', requestID: 'c', body: { Name: 'Smith, John', ExternalGUID: GUID } },
      {
        type: 'CustomerAdd',
        requestID: 'l',
        body: { Name: '12 Main St', ParentRef: { FullName: 'Smith, John' } },
      },
      {
        type: 'CustomerAdd',
        requestID: 'j',
        body: {
          Name: 'Job 4471',
          ParentRef: { FullName: 'Smith, John:12 Main St' },
          JobStatus: 'InProgress',
          JobDesc: 'Boiler',
        },
      },
      { type: 'CustomerAdd', requestID: 'x', body: { Name: 'Job 1', ParentRef: { FullName: 'Nobody' } } },
      { type: 'CustomerAdd', requestID: 'd', body: { Name: 'Doe, Jane' } },
      {
        type: 'CustomerAdd',
        requestID: 'j2',
        body: { Name: 'Job 4471', ParentRef: { FullName: 'Doe, Jane' } },
      },
    ]);
    expect(rs.map((r) => r.statusCode)).toEqual([0, 0, 0, 3140, 0, 0]);
    const job = rs[2];
    if (job?.type !== 'CustomerAdd') throw new Error('type');
    expect(job.records[0]).toMatchObject({
      FullName: 'Smith, John:12 Main St:Job 4471',
      Sublevel: 2,
      JobStatus: 'InProgress',
    });
    expect(rs[0]?.type === 'CustomerAdd' && rs[0].records[0]?.ExternalGUID).toBe(GUID);
    expect(rs[3]?.statusMessage).toContain('Customer:Job "Nobody"');
    const q = one(s, {
      type: 'CustomerQuery',
      requestID: 'q',
      body: { FullName: ['smith, john:12 main st:job 4471'] },
    });
    expect(q.type === 'CustomerQuery' && q.records[0]?.ListID).toBe(job.records[0]?.ListID);
  });
});

describe('EditSequence', () => {
  it('changes on every Mod; a stale one gets 3200, also after a QuickBooks user edit', () => {
    const s = sim();
    const add = one(s, vendorAdd('Acme', 'a', { ExternalGUID: GUID, Phone: '555-0100' }));
    const v = (add.records[0] as VendorRet | undefined)!;
    const mod1 = one(s, {
      type: 'VendorMod',
      requestID: 'm1',
      body: { ListID: v.ListID, EditSequence: v.EditSequence!, Phone: '555-0199' },
    });
    expect(mod1.statusCode).toBe(0);
    const v2 = mod1.records[0] as VendorRet;
    expect(v2.EditSequence).not.toBe(v.EditSequence);
    expect(v2.Phone).toBe('555-0199');
    expect(v2.ExternalGUID).toBe(GUID);
    const stale = one(s, {
      type: 'VendorMod',
      requestID: 'm2',
      body: { ListID: v.ListID, EditSequence: v.EditSequence!, Phone: 'x' },
    });
    expect(stale.statusCode).toBe(3200);
    expect(stale.statusMessage).toBe(`The provided edit sequence "${v.EditSequence}" is out-of-date.`);
    expect(classifyStatus(3200, stale.statusMessage).kind).toBe('transient');
    s.editVendorInQuickBooks(v.ListID, { Phone: '555-0000' });
    expect(
      one(s, {
        type: 'VendorMod',
        requestID: 'm3',
        body: { ListID: v.ListID, EditSequence: v2.EditSequence!, Phone: 'y' },
      }).statusCode,
    ).toBe(3200);
    const missing = one(s, {
      type: 'VendorMod',
      requestID: 'm4',
      body: { ListID: '80000FFF-1', EditSequence: '1' },
    });
    expect(missing.statusCode).toBe(3120);
  });
});

describe('references and lengths', () => {
  it('answers 3140 for an item, class or job that does not exist', () => {
    const s = sim();
    s.addVendor('Acme');
    const po = (line: Record<string, unknown>): QbxmlRequest => ({
      type: 'PurchaseOrderAdd',
      requestID: `po-${JSON.stringify(line).length}`,
      body: { VendorRef: { FullName: 'Acme' }, PurchaseOrderLineAdd: [{ Amount: '1.00', ...line }] },
    });
    const [a, b, c, d] = send(s, [
      po({ ItemRef: { FullName: 'Widgets' } }),
      po({ ItemRef: { FullName: 'Parts' }, ClassRef: { FullName: 'North' } }),
      po({ ItemRef: { FullName: 'Parts' }, CustomerRef: { FullName: 'Smith:Job 9' }, Desc: 'x' }),
      po({ ItemRef: { FullName: 'Parts' }, Desc: 'ok line' }),
    ]);
    expect(a?.statusMessage).toMatch(
      /^There is an invalid reference to QuickBooks Item "Widgets" in the Purchase Order/,
    );
    expect(b?.statusMessage).toContain('Class "North"');
    expect(c?.statusMessage).toContain('Customer:Job "Smith:Job 9"');
    expect([a, b, c].map((r) => r?.statusCode)).toEqual([3140, 3140, 3140]);
    expect(d?.statusCode).toBe(0);
    expect(classifyStatus(3140, a?.statusMessage ?? '').kind).toBe('mapping');
  });

  it('answers 3070 for a value over QuickBooks limit when the XSD check is off', () => {
    const s = new QbdSimulator({ validate: false });
    const long = 'N'.repeat(42);
    const xml = s.handle(
      `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><VendorAddRq requestID="1"><VendorAdd><Name>${long}</Name></VendorAdd></VendorAddRq></QBXMLMsgsRq></QBXML>`,
    );
    const [r] = parseResponse(xml);
    expect(r?.statusCode).toBe(3070);
    expect(r?.statusMessage).toBe(`The string "${long}" in the field "Name" is too long.`);
  });
});

describe('queries and iterators', () => {
  it('answers 1 (no match) for an empty query and 500 for a partly found list', () => {
    const s = sim();
    s.addVendor('Acme');
    const none = one(s, { type: 'VendorQuery', requestID: 'q1', body: { FullName: ['Nobody'] } });
    expect([none.statusCode, none.statusSeverity, none.statusMessage]).toEqual([
      1,
      'Info',
      'A query request did not find a matching object in QuickBooks',
    ]);
    const part = one(s, { type: 'VendorQuery', requestID: 'q2', body: { FullName: ['Acme', 'Nobody'] } });
    expect(part.statusCode).toBe(500);
    expect(part.records).toHaveLength(1);
  });

  it('pages with MaxReturned, iteratorID, Continue and the remaining count; the iterator dies with the session', () => {
    const s = sim();
    for (let i = 0; i < 25; i++) s.addVendor(`Vendor ${String(i).padStart(2, '0')}`);
    s.addVendor('Inactive Co', { IsActive: false } as never);
    const start = one(s, {
      type: 'VendorQuery',
      requestID: 'it',
      body: { MaxReturned: 10 },
      iterator: { iterator: 'Start' },
    });
    expect([start.records.length, start.iteratorRemainingCount]).toEqual([10, 15]);
    const id = start.iteratorID ?? '';
    expect(id).toMatch(/^\{[0-9A-F-]{36}\}$/);
    const next = (rid: string) =>
      one(s, {
        type: 'VendorQuery',
        requestID: rid,
        body: { MaxReturned: 10 },
        iterator: { iterator: 'Continue', iteratorID: id },
      });
    const p2 = next('it2');
    const p3 = next('it3');
    expect([
      p2.records.length,
      p2.iteratorRemainingCount,
      p3.records.length,
      p3.iteratorRemainingCount,
    ]).toEqual([10, 5, 5, 0]);
    const names = [...start.records, ...p2.records, ...p3.records].map((r) => (r as VendorRet).Name);
    expect(new Set(names).size).toBe(25);
    expect(names).not.toContain('Inactive Co');
    expect(next('it4').statusCode).toBe(3120);

    const again = one(s, {
      type: 'VendorQuery',
      requestID: 'it5',
      body: { MaxReturned: 10, ActiveStatus: 'All' },
      iterator: { iterator: 'Start' },
    });
    expect(again.iteratorRemainingCount).toBe(16);
    s.endSession();
    expect(
      one(s, {
        type: 'VendorQuery',
        requestID: 'it6',
        body: { MaxReturned: 10 },
        iterator: { iterator: 'Continue', iteratorID: again.iteratorID ?? '' },
      }).statusCode,
    ).toBe(3120);
  });

  it('filters by modified date and name', () => {
    const s = sim();
    s.addVendor('Old Vendor');
    const later = one(s, vendorAdd('New Vendor'));
    const from = (later.records[0] as VendorRet).TimeModified ?? '';
    const q = one(s, { type: 'VendorQuery', requestID: 'q', body: { FromModifiedDate: from } });
    expect(q.records.map((r) => (r as VendorRet).Name)).toEqual(['New Vendor']);
    const n = one(s, {
      type: 'VendorQuery',
      requestID: 'n',
      body: { NameFilter: { MatchCriterion: 'Contains', Name: 'old' } },
    });
    expect(n.records.map((r) => (r as VendorRet).Name)).toEqual(['Old Vendor']);
    const items = one(s, { type: 'ItemQuery', requestID: 'i', body: {} });
    expect(items.type === 'ItemQuery' && items.records.map((r) => [r.itemKind, r.FullName])).toEqual([
      ['ItemService', 'Labor'],
      ['ItemNonInventory', 'Parts'],
    ]);
    const accounts = one(s, { type: 'AccountQuery', requestID: 'a', body: { AccountType: ['Expense'] } });
    expect(accounts.records.length).toBe(3);
  });
});

describe('onError', () => {
  const batch: QbxmlRequest[] = [vendorAdd('A', '1'), vendorAdd('A', '2'), vendorAdd('B', '3')];
  it('stopOnError stops after the first error', () => {
    const s = sim();
    expect(send(s, batch, 'stopOnError').map((r) => [r.requestID, r.statusCode])).toEqual([
      ['1', 0],
      ['2', 3100],
    ]);
    expect(s.findVendor('B')).toBeUndefined();
  });
  it('continueOnError answers every request', () => {
    const s = sim();
    expect(send(s, batch, 'continueOnError').map((r) => [r.requestID, r.statusCode])).toEqual([
      ['1', 0],
      ['2', 3100],
      ['3', 0],
    ]);
  });
});

describe('purchase orders, bills and receipts', () => {
  function setup() {
    const s = sim();
    s.addVendor('Acme');
    s.addCustomer('Smith');
    s.addCustomer('Smith:Job 1');
    const po = one(s, {
      type: 'PurchaseOrderAdd',
      requestID: 'po',
      body: {
        VendorRef: { FullName: 'Acme' },
        TxnDate: '2026-11-20',
        RefNumber: 'PO-1042',
        ExternalGUID: GUID,
        PurchaseOrderLineAdd: [
          {
            ItemRef: { FullName: 'Parts' },
            Quantity: '4',
            Rate: '2.50',
            Amount: '10.00',
            CustomerRef: { FullName: 'Smith:Job 1' },
            ClassRef: { FullName: 'East' },
          },
          {
            ItemRef: { FullName: 'Labor' },
            Quantity: '2',
            Rate: '45',
            Amount: '90.00',
            CustomerRef: { FullName: 'Smith:Job 1' },
          },
        ],
      },
    });
    return { s, po: po.records[0] as PurchaseOrderRet };
  }

  it('keeps ExternalGUID and finds the order again by RefNumber and vendor (duplicate guard)', () => {
    const { s, po } = setup();
    expect(po.ExternalGUID).toBe(GUID);
    expect(po.PurchaseOrderLineRet.map((l) => l.CustomerRef?.FullName)).toEqual([
      'Smith:Job 1',
      'Smith:Job 1',
    ]);
    const q = one(s, {
      type: 'PurchaseOrderQuery',
      requestID: 'g',
      body: {
        EntityFilter: { FullName: ['Acme'] },
        RefNumberFilter: { MatchCriterion: 'StartsWith', RefNumber: 'PO-1042' },
      },
    });
    expect(
      q.records.map((r) => [(r as PurchaseOrderRet).TxnID, (r as PurchaseOrderRet).ExternalGUID]),
    ).toEqual([[po.TxnID, GUID]]);
    expect((q.records[0] as PurchaseOrderRet).PurchaseOrderLineRet).toEqual([]);
    const other = one(s, {
      type: 'PurchaseOrderQuery',
      requestID: 'g2',
      body: {
        EntityFilter: { FullName: ['Someone Else'] },
        RefNumberFilter: { MatchCriterion: 'StartsWith', RefNumber: 'PO-1042' },
      },
    });
    expect(other.statusCode).toBe(1);
  });

  it('a bill linked to the whole order takes its open lines, closes it and links both ways; a second link is refused with 570', () => {
    const { s, po } = setup();
    const bill = one(s, {
      type: 'BillAdd',
      requestID: 'b',
      body: {
        VendorRef: { FullName: 'Acme' },
        TxnDate: '2026-11-22',
        RefNumber: 'INV-77',
        LinkToTxnID: [po.TxnID],
        ExternalGUID: GUID,
      },
    });
    expect(bill.statusCode).toBe(0);
    const br = bill.records[0] as BillRet;
    expect(br.ItemLineRet.map((l) => [l.ItemRef?.FullName, l.Quantity, l.Amount])).toEqual([
      ['Parts', '4', '10.00'],
      ['Labor', '2', '90.00'],
    ]);
    expect([br.AmountDue, br.OpenAmount, br.IsPaid]).toEqual(['100.00', '100.00', false]);
    expect(br.LinkedTxn.map((l) => [l.TxnID, l.TxnType])).toEqual([[po.TxnID, 'PurchaseOrder']]);
    expect(s.purchaseOrderStatus(po.TxnID).isFullyReceived).toBe(true);
    const poQ = one(s, {
      type: 'PurchaseOrderQuery',
      requestID: 'q',
      body: { TxnID: [po.TxnID], IncludeLinkedTxns: true },
    });
    expect((poQ.records[0] as PurchaseOrderRet).LinkedTxn.map((l) => [l.TxnID, l.TxnType])).toEqual([
      [br.TxnID, 'Bill'],
    ]);
    expect((poQ.records[0] as PurchaseOrderRet).IsFullyReceived).toBe(true);

    const again = one(s, {
      type: 'BillAdd',
      requestID: 'b2',
      body: {
        VendorRef: { FullName: 'Acme' },
        RefNumber: 'INV-78',
        LinkToTxnID: [po.TxnID],
        ExpenseLineAdd: [{ AccountRef: { FullName: 'Freight' }, Amount: '5.00' }],
      },
    });
    expect([again.statusCode, again.statusSeverity]).toEqual([570, 'Warn']);
    expect((again.records[0] as BillRet).AmountDue).toBe('5.00');
  });

  it('an item receipt linked to one order line receives it', () => {
    const { s, po } = setup();
    const line = po.PurchaseOrderLineRet[0]!;
    const r = one(s, {
      type: 'ItemReceiptAdd',
      requestID: 'r',
      body: {
        VendorRef: { FullName: 'Acme' },
        TxnDate: '2026-11-23',
        ItemLineAdd: [{ Quantity: '4', LinkToTxn: { TxnID: po.TxnID, TxnLineID: line.TxnLineID } }],
      },
    });
    expect(r.statusCode).toBe(0);
    const q = one(s, {
      type: 'PurchaseOrderQuery',
      requestID: 'q',
      body: { TxnID: [po.TxnID], IncludeLineItems: true },
    });
    const lines = (q.records[0] as PurchaseOrderRet).PurchaseOrderLineRet;
    expect(lines.map((l) => l.ReceivedQuantity)).toEqual(['4', '0']);
    expect((q.records[0] as PurchaseOrderRet).IsFullyReceived).toBe(false);
  });

  it('finds an item receipt again by its number (ItemReceiptQuery), with its ExternalGUID and linked order', () => {
    const { s, po } = setup();
    const line = po.PurchaseOrderLineRet[0]!;
    const guid = '{6B29FC40-CA47-1067-B31D-00DD010662DA}';
    const added = one(s, {
      type: 'ItemReceiptAdd',
      requestID: 'r',
      body: {
        VendorRef: { FullName: 'Acme' },
        TxnDate: '2026-11-23',
        RefNumber: 'GRN-7',
        ExternalGUID: guid,
        ItemLineAdd: [{ Quantity: '1', LinkToTxn: { TxnID: po.TxnID, TxnLineID: line.TxnLineID } }],
      },
    }).records[0] as ItemReceiptRet;
    const found = one(s, {
      type: 'ItemReceiptQuery',
      requestID: 'q',
      body: { RefNumber: ['grn-7'], IncludeLinkedTxns: true },
    });
    expect(found.statusCode).toBe(0);
    const record = found.records[0] as ItemReceiptRet;
    expect([record.TxnID, record.ExternalGUID]).toEqual([added.TxnID, guid]);
    expect(record.LinkedTxn.map((l) => l.TxnID)).toEqual([po.TxnID]);
    expect(
      one(s, { type: 'ItemReceiptQuery', requestID: 'q2', body: { RefNumber: ['GRN-8'] } }).statusCode,
    ).toBe(1);
  });

  it('refuses transactions on or before the closing date (3180) and says so plainly', () => {
    const { s, po } = setup();
    s.setClosingDate('2026-11-21');
    const bill = one(s, {
      type: 'BillAdd',
      requestID: 'b',
      body: {
        VendorRef: { FullName: 'Acme' },
        TxnDate: '2026-11-21',
        ExpenseLineAdd: [{ AccountRef: { FullName: 'Freight' }, Amount: '5.00' }],
      },
    });
    expect(bill.statusCode).toBe(3180);
    const c = classifyStatus(bill.statusCode, bill.statusMessage);
    expect(c.kind).toBe('needs_user');
    expect(c.userMessage).toMatch(/closing date/);
    expect(
      one(s, { type: 'TxnDel', requestID: 'd', body: { TxnDelType: 'PurchaseOrder', TxnID: po.TxnID } })
        .statusCode,
    ).toBe(3180);
    expect(
      one(s, {
        type: 'BillAdd',
        requestID: 'b2',
        body: {
          VendorRef: { FullName: 'Acme' },
          TxnDate: '2026-11-22',
          ExpenseLineAdd: [{ AccountRef: { FullName: 'Freight' }, Amount: '5.00' }],
        },
      }).statusCode,
    ).toBe(0);
  });

  it('PurchaseOrderMod replaces lines and needs the current EditSequence', () => {
    const { s, po } = setup();
    const mod = one(s, {
      type: 'PurchaseOrderMod',
      requestID: 'm',
      body: {
        TxnID: po.TxnID,
        EditSequence: po.EditSequence!,
        Memo: 'revised',
        PurchaseOrderLineMod: [
          { TxnLineID: po.PurchaseOrderLineRet[0]!.TxnLineID, Quantity: '5', Amount: '12.50' },
          { TxnLineID: '-1', ItemRef: { FullName: 'Parts' }, Amount: '1.00' },
        ],
      },
    });
    const m = mod.records[0] as PurchaseOrderRet;
    expect(m.PurchaseOrderLineRet.map((l) => l.Amount)).toEqual(['12.50', '1.00']);
    expect(m.TotalAmount).toBe('13.50');
    expect(
      one(s, {
        type: 'PurchaseOrderMod',
        requestID: 'm2',
        body: { TxnID: po.TxnID, EditSequence: po.EditSequence!, Memo: 'x' },
      }).statusCode,
    ).toBe(3200);
  });
});

describe('payments, deletes and voids', () => {
  function billed() {
    const s = sim();
    s.addVendor('Acme');
    const bill = one(s, {
      type: 'BillAdd',
      requestID: 'b',
      body: {
        VendorRef: { FullName: 'Acme' },
        RefNumber: 'INV-1',
        ExpenseLineAdd: [{ AccountRef: { FullName: 'Freight' }, Amount: '100.00' }],
      },
    }).records[0] as BillRet;
    return { s, bill };
  }

  it('payments lower OpenAmount until the bill is paid; the payment queries return them with the bills they pay', () => {
    const { s, bill } = billed();
    const checkpoint = '2026-11-01T00:00:00';
    const p1 = s.payBills([{ billTxnID: bill.TxnID, amount: '40.00' }], { refNumber: '1001' });
    let q = one(s, { type: 'BillQuery', requestID: 'q', body: { TxnID: [bill.TxnID] } })
      .records[0] as BillRet;
    expect([q.OpenAmount, q.IsPaid]).toEqual(['60.00', false]);
    s.payBills([{ billTxnID: bill.TxnID, amount: '60.00' }], { kind: 'BillPaymentCreditCard' });
    q = one(s, { type: 'BillQuery', requestID: 'q2', body: { TxnID: [bill.TxnID] } }).records[0] as BillRet;
    expect([q.OpenAmount, q.IsPaid]).toEqual(['0.00', true]);
    expect(
      one(s, { type: 'BillQuery', requestID: 'q3', body: { PaidStatus: 'NotPaidOnly' } }).statusCode,
    ).toBe(1);

    const checks = one(s, {
      type: 'BillPaymentCheckQuery',
      requestID: 'c',
      body: { MaxReturned: 50, ModifiedDateRangeFilter: { FromModifiedDate: checkpoint } },
      iterator: { iterator: 'Start' },
    });
    expect(checks.iteratorRemainingCount).toBe(0);
    expect(
      checks.type === 'BillPaymentCheckQuery' &&
        checks.records.map((p) => [
          p.TxnID,
          p.Amount,
          p.AppliedToTxnRet[0]?.TxnID,
          p.AppliedToTxnRet[0]?.Amount,
        ]),
    ).toEqual([[p1.TxnID, '40.00', bill.TxnID, '40.00']]);
    const cards = one(s, { type: 'BillPaymentCreditCardQuery', requestID: 'cc', body: {} });
    expect(cards.records).toHaveLength(1);

    s.voidPaymentInQuickBooks(p1.TxnID);
    expect(s.billStatus(bill.TxnID)).toEqual({ openAmount: '40.00', isPaid: false });
    const voided = one(s, { type: 'BillPaymentCheckQuery', requestID: 'v', body: { TxnID: [p1.TxnID] } });
    expect(voided.type === 'BillPaymentCheckQuery' && voided.records[0]?.Amount).toBe('0.00');
  });

  it('deleted payments and transactions show in TxnDeletedQuery; TxnVoid zeroes a bill', () => {
    const { s, bill } = billed();
    const p = s.payBills([{ billTxnID: bill.TxnID, amount: '10.00' }]);
    expect(
      one(s, { type: 'TxnVoid', requestID: 'v0', body: { TxnVoidType: 'Bill', TxnID: bill.TxnID } })
        .statusCode,
    ).toBe(3170);
    s.deletePaymentInQuickBooks(p.TxnID);
    const del = one(s, {
      type: 'TxnDeletedQuery',
      requestID: 'd',
      body: { TxnDelType: ['BillPaymentCheck', 'BillPaymentCreditCard'] },
    });
    expect(del.type === 'TxnDeletedQuery' && del.records.map((r) => [r.TxnDelType, r.TxnID])).toEqual([
      ['BillPaymentCheck', p.TxnID],
    ]);
    const v = one(s, { type: 'TxnVoid', requestID: 'v', body: { TxnVoidType: 'Bill', TxnID: bill.TxnID } });
    expect(v.type === 'TxnVoid' && v.records[0]?.TxnID).toBe(bill.TxnID);
    const after = one(s, { type: 'BillQuery', requestID: 'q', body: { TxnID: [bill.TxnID] } })
      .records[0] as BillRet;
    expect(after.AmountDue).toBe('0.00');
    const d = one(s, { type: 'TxnDel', requestID: 'x', body: { TxnDelType: 'Bill', TxnID: bill.TxnID } });
    expect(d.type === 'TxnDel' && d.records[0]?.TxnID).toBe(bill.TxnID);
    expect(
      one(s, { type: 'TxnDel', requestID: 'x2', body: { TxnDelType: 'Bill', TxnID: bill.TxnID } }).statusCode,
    ).toBe(3120);
    expect(
      one(s, { type: 'TxnDeletedQuery', requestID: 'd2', body: { TxnDelType: ['Bill'] } }).records,
    ).toHaveLength(1);
  });
});

describe('faults', () => {
  it('busy: 0x80040408 and nothing applied', () => {
    const s = sim();
    s.injectFault({ kind: 'busy' });
    try {
      s.handle(buildMessage([vendorAdd('Acme')], { version: '13.0', onError: 'stopOnError' }));
      throw new Error('expected an HRESULT');
    } catch (e) {
      expect(e).toBeInstanceOf(QbdHresultError);
      expect((e as QbdHresultError).hresult).toBe('0x80040408');
    }
    expect(s.findVendor('Acme')).toBeUndefined();
    expect(send(s, [vendorAdd('Acme')])[0]?.statusCode).toBe(0);
  });

  it('any HRESULT, once', () => {
    const s = sim();
    s.injectFault({
      kind: 'hresult',
      hresult: '0x80040420',
      message: 'The QuickBooks user has denied access.',
    });
    expect(() =>
      s.handle(buildMessage([vendorAdd('A')], { version: '13.0', onError: 'stopOnError' })),
    ).toThrow('The QuickBooks user has denied access.');
    expect(s.pendingFaults).toEqual([]);
  });

  it('lost response: applied, the caller sees it lost; a query finds the record with its ExternalGUID', () => {
    const s = sim();
    s.injectFault({ kind: 'lostResponse' });
    expect(() =>
      s.handle(
        buildMessage([vendorAdd('Acme', 'a', { ExternalGUID: GUID })], {
          version: '13.0',
          onError: 'stopOnError',
        }),
      ),
    ).toThrow(QbdLostResponseError);
    const q = one(s, { type: 'VendorQuery', requestID: 'q', body: { FullName: ['Acme'] } });
    expect((q.records[0] as VendorRet).ExternalGUID).toBe(GUID);
    expect(send(s, [vendorAdd('Acme', 'again')])[0]?.statusCode).toBe(3100);
  });

  it('a given status for a given requestID, leaving the others alone', () => {
    const s = sim();
    s.injectFault({
      kind: 'status',
      requestID: 'v2',
      statusCode: 3175,
      statusMessage: 'There was an error when modifying a Vendor. The record is in use by another user.',
    });
    const rs = send(s, [vendorAdd('A', 'v1'), vendorAdd('B', 'v2'), vendorAdd('C', 'v3')]);
    expect(rs.map((r) => r.statusCode)).toEqual([0, 3175, 0]);
    expect(s.findVendor('B')).toBeUndefined();
    expect(classifyStatus(3175, rs[1]?.statusMessage ?? '').kind).toBe('transient');
  });

  it.runIf(xsd)('an invalid message fails the test that sent it', () => {
    const s = sim();
    const xml = buildMessage(
      [{ type: 'BillAdd', requestID: 'b', body: { VendorRef: { FullName: 'A' }, TxnDate: '2026-11-22' } }],
      {
        version: '13.0',
        onError: 'stopOnError',
      },
    ).replace(
      /<VendorRef>(.*?)<\/VendorRef><TxnDate>(.*?)<\/TxnDate>/,
      '<TxnDate>$2</TxnDate><VendorRef>$1</VendorRef>',
    );
    expect(() => s.handle(xml)).toThrow(QbdInvalidRequestError);
  });

  it("a 'refuse' fault refuses every message holding its text, applying nothing, until it is cleared", () => {
    const s = sim();
    const fault = { kind: 'refuse' as const, contains: 'Bad Vendor' };
    s.injectFault(fault);
    const message = buildMessage([vendorAdd('Good Vendor'), vendorAdd('Bad Vendor')], {
      version: '13.0',
      onError: 'continueOnError',
    });
    for (let i = 0; i < 2; i += 1) {
      expect(() => s.handle(message)).toThrow(
        expect.objectContaining({
          hresult: '0x80040400',
          message: 'QuickBooks found an error when parsing the provided XML text stream.',
        }),
      );
    }
    expect(s.refused).toHaveLength(2);
    expect(s.findVendor('Good Vendor')).toBeUndefined();
    expect(one(s, vendorAdd('Good Vendor')).statusCode).toBe(0);
    s.clearFault(fault);
    expect(one(s, vendorAdd('Bad Vendor')).statusCode).toBe(0);
    expect(s.pendingFaults).toEqual([]);
  });

  it('text outside Windows-1252 breaks the whole message (0x80040400)', () => {
    const s = new QbdSimulator({ validate: false });
    expect(() =>
      s.handle(
        '<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><VendorAddRq requestID="1"><VendorAdd><Name>Москва</Name></VendorAdd></VendorAddRq></QBXMLMsgsRq></QBXML>',
      ),
    ).toThrow(expect.objectContaining({ hresult: '0x80040400' }));
  });
});

describe('every request type', () => {
  it('is answered with its own Rs, its requestID and a QuickBooks status', async () => {
    const { SAMPLE_REQUESTS } = await import('./sample-requests.js');
    const s = sim();
    s.addVendor('Acme Supply');
    s.addCustomer('Smith, John');
    s.addCustomer('Smith, John:12 Main St');
    s.addCustomer('Smith, John:12 Main St:Job 4471');
    s.addCustomer('Smith, John:Job 4471');
    s.addAccount('Sales:Services', 'Income');
    s.addItem('Labour', 'ItemService', 'Sales');
    const rs = send(s, SAMPLE_REQUESTS, 'continueOnError');
    expect(rs.map((r) => [r.type, r.requestID])).toEqual(SAMPLE_REQUESTS.map((r) => [r.type, r.requestID]));
    const byId = new Map(rs.map((r) => [r.requestID, r]));
    for (const id of [
      'host',
      'company',
      'prefs',
      'accounts',
      'classes',
      'items',
      'terms',
      'customers',
      'job-by-name',
      'vendor-add',
      'item-noninv',
      'item-service',
      'invoice-add',
    ]) {
      expect([id, byId.get(id)?.statusCode, byId.get(id)?.statusMessage]).toEqual([id, 0, 'Status OK']);
    }
    // The rest refer to ids and names of another company file: QuickBooks' answers say so.
    for (const r of rs) expect([0, 1, 500, 570, 3100, 3120, 3140]).toContain(r.statusCode);
    expect(byId.get('vendor-mod')?.statusCode).toBe(3120);
    expect([byId.get('customer-add')?.statusCode, byId.get('job-add')?.statusCode]).toEqual([3100, 3100]);
    expect(byId.get('po-add')?.statusCode).toBe(3140);
  });
});

describe('IncludeRetElement', () => {
  it('trims Add answers to the elements asked for, and they still parse', () => {
    const s = sim();
    s.addVendor('Acme');
    const [po] = send(s, [
      {
        type: 'PurchaseOrderAdd',
        requestID: 'p',
        body: {
          VendorRef: { FullName: 'Acme' },
          RefNumber: 'PO-9',
          ExternalGUID: GUID,
          PurchaseOrderLineAdd: [{ ItemRef: { FullName: 'Parts' }, Quantity: '1', Amount: '5.00' }],
        },
        includeRetElement: [
          'TxnID',
          'EditSequence',
          'TxnDate',
          'RefNumber',
          'ExternalGUID',
          'PurchaseOrderLineRet',
        ],
      },
    ]);
    const r = po?.records[0] as PurchaseOrderRet;
    expect(r).toMatchObject({ RefNumber: 'PO-9', ExternalGUID: GUID });
    expect(r.VendorRef).toBeUndefined();
    expect(r.TotalAmount).toBeUndefined();
    expect(r.PurchaseOrderLineRet.map((l) => [l.ItemRef?.FullName, l.Amount])).toEqual([['Parts', '5.00']]);
    const q = one(s, {
      type: 'VendorQuery',
      requestID: 'q',
      body: { IncludeRetElement: ['ListID', 'EditSequence', 'Name'] },
    });
    expect(q.records).toEqual([expect.objectContaining({ Name: 'Acme', FullName: 'Acme', IsActive: true })]);
    expect((q.records[0] as VendorRet).Balance).toBeUndefined();
  });

  it('is refused on a request that takes it in its body', () => {
    expect(() =>
      buildMessage([{ type: 'VendorQuery', requestID: 'q', body: {}, includeRetElement: ['ListID'] }], {
        version: '13.0',
        onError: 'stopOnError',
      }),
    ).toThrow(/in its body/);
  });
});

describe('receiving a closed order', () => {
  it('is an error for an item receipt with nothing left to receive', () => {
    const s = sim();
    s.addVendor('Acme');
    const po = one(s, {
      type: 'PurchaseOrderAdd',
      requestID: 'p',
      body: {
        VendorRef: { FullName: 'Acme' },
        PurchaseOrderLineAdd: [{ ItemRef: { FullName: 'Parts' }, Quantity: '1', Amount: '5.00' }],
      },
    }).records[0] as PurchaseOrderRet;
    const receive = (id: string) =>
      one(s, {
        type: 'ItemReceiptAdd',
        requestID: id,
        body: { VendorRef: { FullName: 'Acme' }, LinkToTxnID: [po.TxnID] },
      });
    expect(receive('r1').statusCode).toBe(0);
    const again = receive('r2');
    expect([again.statusCode, again.statusSeverity]).toEqual([3180, 'Error']);
    expect(s.company.itemReceipts.size).toBe(1);
  });
});

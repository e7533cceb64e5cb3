// Answers read as Intuit's XSD allows. For every *Ret the parser reads, a full record (written in schema order from
// the values below, and valid against qbxmlops130.xsd) is answered once with each child the XSD marks optional
// (minOccurs="0") left out, nested lines included. Each must be read, or — only for what Ledgerbridge cannot do
// without (ESSENTIAL) — be set aside as unreadable with what is missing, never thrown: the engine then fails only
// the request it answered (see test/integration/quickbooks-desktop/engine/unreadable-record.test.ts).
import { describe, expect, it } from 'vitest';
import {
  parseResponse,
  readResponse,
  RECORD_ELEMENTS,
} from '../../../../main/connectors/quickbooks-desktop/qbxml/parse.js';
import { requireQbxmlXsd, validateQbxmlBatch } from '../../../simulators/quickbooks-desktop/xsd-validate.js';
import { xsdAvailable, xsdChildren } from './xsd-children.js';

const oracle = requireQbxmlXsd() && (xsdAvailable() || fail());

function fail(): never {
  throw new Error('qbXML schema files qbxml130.xsd / qbxmltypes130.xsd are missing beside qbxmlops130.xsd');
}

interface Values {
  [element: string]: string | string[] | Values | Values[];
}

const ref = (ListID: string, FullName: string): Values => ({ ListID, FullName });
const address: Values = {
  Addr1: '1 Main St',
  City: 'Springfield',
  State: 'IL',
  PostalCode: '62701',
  Country: 'US',
};

const LIST_CORE: Values = {
  ListID: '80000001-1700000000',
  TimeModified: '2026-11-02T10:00:00-05:00',
  EditSequence: '1700000000',
  Name: 'Copper',
  FullName: 'Pipe:Copper',
  IsActive: 'true',
  ParentRef: ref('80000002-1700000000', 'Pipe'),
  Sublevel: '1',
};
const ITEM: Values = {
  ...LIST_CORE,
  SalesOrPurchase: { Desc: 'Copper pipe', AccountRef: ref('80000003-1700000000', 'Materials') },
  PurchaseDesc: 'Copper pipe',
  ItemDesc: 'Copper pipe',
  COGSAccountRef: ref('80000004-1700000000', 'Cost of Goods Sold'),
  AccountRef: ref('80000003-1700000000', 'Materials'),
  ExternalGUID: '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}',
};
const TXN_CORE: Values = {
  TxnID: '1A-1700000000',
  TimeModified: '2026-11-02T10:00:00-05:00',
  EditSequence: '1700000000',
  TxnNumber: '7',
};
const linkedTxn: Values = {
  TxnID: '1B-1700000000',
  TxnType: 'PurchaseOrder',
  TxnDate: '2026-11-01',
  RefNumber: 'P1001',
  LinkType: 'QUANTYPE',
  Amount: '25.00',
};
const expenseLine: Values = {
  TxnLineID: '1C-1',
  AccountRef: ref('80000003-1700000000', 'Materials'),
  Amount: '25.00',
  Memo: 'Copper pipe',
  CustomerRef: ref('80000005-1700000000', 'Smith:Kitchen'),
  ClassRef: ref('80000006-1700000000', 'Plumbing'),
  BillableStatus: 'Billable',
};
const itemLine: Values = {
  TxnLineID: '1D-1',
  ItemRef: ref('80000001-1700000000', 'Pipe:Copper'),
  Desc: 'Copper pipe 15 mm',
  Quantity: '2',
  Cost: '12.50',
  Amount: '25.00',
  CustomerRef: ref('80000005-1700000000', 'Smith:Kitchen'),
  ClassRef: ref('80000006-1700000000', 'Plumbing'),
  BillableStatus: 'Billable',
};
const applied: Values = {
  TxnID: '1A-1700000000',
  TxnType: 'Bill',
  TxnDate: '2026-11-02',
  RefNumber: 'INV-1',
  BalanceRemaining: '0.00',
  Amount: '25.00',
  DiscountAmount: '0.00',
};
const payment: Values = {
  ...TXN_CORE,
  TimeCreated: '2026-11-03T10:00:00-05:00',
  PayeeEntityRef: ref('80000007-1700000000', 'Acme Supply'),
  TxnDate: '2026-11-03',
  Amount: '25.00',
  RefNumber: '1042',
  Memo: 'Paid',
  AppliedToTxnRet: [applied],
};

/** Each *Ret the parser reads: its answer element and a full record. */
const FULL: Record<string, { rs: string; values: Values }> = {
  HostRet: {
    rs: 'HostQueryRs',
    values: {
      ProductName: 'QuickBooks Enterprise Solutions: Contractor 23.0',
      MajorVersion: '33',
      MinorVersion: '0',
      Country: 'US',
      SupportedQBXMLVersion: ['12.0', '13.0'],
      IsAutomaticLogin: 'false',
      QBFileMode: 'SingleUser',
    },
  },
  CompanyRet: {
    rs: 'CompanyQueryRs',
    values: { CompanyName: 'Northwind', LegalCompanyName: 'Northwind LLC' },
  },
  PreferencesRet: {
    rs: 'PreferencesQueryRs',
    values: {
      AccountingPreferences: {
        IsUsingAccountNumbers: 'true',
        IsRequiringAccounts: 'true',
        IsUsingClassTracking: 'true',
        IsUsingAuditTrail: 'true',
        IsAssigningJournalEntryNumbers: 'true',
        ClosingDate: '2026-01-31',
      },
      MultiCurrencyPreferences: { IsMultiCurrencyOn: 'false' },
      PurchasesAndVendorsPreferences: {
        IsUsingInventory: 'true',
        DaysBillsAreDue: '10',
        IsAutomaticallyUsingDiscounts: 'false',
      },
    },
  },
  AccountRet: {
    rs: 'AccountQueryRs',
    values: { ...LIST_CORE, AccountType: 'Expense', AccountNumber: '6100' },
  },
  ClassRet: { rs: 'ClassQueryRs', values: LIST_CORE },
  StandardTermsRet: {
    rs: 'StandardTermsQueryRs',
    values: { ...LIST_CORE, Name: 'Net 30', StdDueDays: '30', StdDiscountDays: '10', DiscountPct: '2.00' },
  },
  VendorRet: {
    rs: 'VendorQueryRs',
    values: {
      ...LIST_CORE,
      Name: 'Acme Supply',
      CompanyName: 'Acme Supply Inc.',
      VendorAddress: address,
      Phone: '555-0100',
      Email: 'ap@acme.example',
      AccountNumber: 'C-42',
      TermsRef: ref('80000008-1700000000', 'Net 30'),
      Balance: '25.00',
      ExternalGUID: '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}',
    },
  },
  CustomerRet: {
    rs: 'CustomerQueryRs',
    values: {
      ...LIST_CORE,
      Name: 'Kitchen',
      FullName: 'Smith:Kitchen',
      CompanyName: 'Smith Family',
      BillAddress: address,
      Phone: '555-0101',
      Email: 'smith@example.com',
      Balance: '0.00',
      JobStatus: 'InProgress',
      JobDesc: 'Kitchen remodel',
      ExternalGUID: '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}',
    },
  },
  ...Object.fromEntries(
    [
      'ItemService',
      'ItemNonInventory',
      'ItemOtherCharge',
      'ItemInventory',
      'ItemInventoryAssembly',
      'ItemFixedAsset',
      'ItemSubtotal',
      'ItemDiscount',
      'ItemPayment',
      'ItemSalesTax',
      'ItemSalesTaxGroup',
      'ItemGroup',
    ].map((kind) => [`${kind}Ret`, { rs: 'ItemQueryRs', values: ITEM }]),
  ),
  PurchaseOrderRet: {
    rs: 'PurchaseOrderQueryRs',
    values: {
      ...TXN_CORE,
      VendorRef: ref('80000007-1700000000', 'Acme Supply'),
      TxnDate: '2026-11-01',
      RefNumber: 'P1001',
      TotalAmount: '25.00',
      IsManuallyClosed: 'false',
      IsFullyReceived: 'false',
      Memo: 'Kitchen',
      ExternalGUID: '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}',
      LinkedTxn: [{ ...linkedTxn, TxnType: 'Bill', RefNumber: 'INV-1' }],
      PurchaseOrderLineRet: [
        {
          TxnLineID: '1E-1',
          ItemRef: ref('80000001-1700000000', 'Pipe:Copper'),
          Desc: 'Copper pipe 15 mm',
          Quantity: '2',
          Rate: '12.50',
          ClassRef: ref('80000006-1700000000', 'Plumbing'),
          Amount: '25.00',
          CustomerRef: ref('80000005-1700000000', 'Smith:Kitchen'),
          ReceivedQuantity: '0',
          IsBilled: 'false',
          IsManuallyClosed: 'false',
        },
      ],
    },
  },
  BillRet: {
    rs: 'BillQueryRs',
    values: {
      ...TXN_CORE,
      VendorRef: ref('80000007-1700000000', 'Acme Supply'),
      TxnDate: '2026-11-02',
      DueDate: '2026-12-02',
      AmountDue: '50.00',
      RefNumber: 'INV-1',
      Memo: 'Kitchen',
      IsPaid: 'false',
      ExternalGUID: '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}',
      LinkedTxn: [linkedTxn],
      ExpenseLineRet: [expenseLine],
      ItemLineRet: [itemLine],
      OpenAmount: '50.00',
    },
  },
  ItemReceiptRet: {
    rs: 'ItemReceiptQueryRs',
    values: {
      ...TXN_CORE,
      VendorRef: ref('80000007-1700000000', 'Acme Supply'),
      TxnDate: '2026-11-02',
      TotalAmount: '50.00',
      RefNumber: 'R1001',
      Memo: 'Kitchen',
      ExternalGUID: '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}',
      LinkedTxn: [linkedTxn],
      ExpenseLineRet: [expenseLine],
      ItemLineRet: [itemLine],
    },
  },
  BillPaymentCheckRet: { rs: 'BillPaymentCheckQueryRs', values: payment },
  BillPaymentCreditCardRet: { rs: 'BillPaymentCreditCardQueryRs', values: payment },
  TxnDeletedRet: {
    rs: 'TxnDeletedQueryRs',
    values: {
      TxnDelType: 'BillPaymentCheck',
      TxnID: '1F-1700000000',
      TimeCreated: '2026-11-03T10:00:00-05:00',
      TimeDeleted: '2026-11-04T10:00:00-05:00',
      RefNumber: '1042',
    },
  },
  InvoiceRet: {
    rs: 'InvoiceQueryRs',
    values: {
      ...TXN_CORE,
      CustomerRef: ref('80000005-1700000000', 'Smith:Kitchen'),
      TxnDate: '2026-11-05',
      RefNumber: '5001',
      Subtotal: '100.00',
      BalanceRemaining: '100.00',
      Memo: 'ServiceTrade job 77',
      IsPaid: 'false',
      ExternalGUID: '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}',
    },
  },
};

/**
 * What Ledgerbridge cannot do without, by record: a list record's ListID and a name (Name, or FullName where the
 * record has one), a transaction's TxnID, a payment's date. Everything else the XSD lets QuickBooks leave out.
 */
function essential(ret: string, child: string, children: readonly string[]): boolean {
  if (child === 'ListID' || child === 'TxnID') return true;
  if (child === 'Name') return !children.includes('FullName') && ret !== 'HostRet';
  return child === 'TxnDate' && ret.startsWith('BillPayment');
}

function children(element: string) {
  const list = xsdChildren(element);
  if (!list) throw new Error(`${element} is not in the qbXML schema`);
  return list;
}

/** The element's children in schema order, from `values` (each name once). */
function write(element: string, values: Values): string {
  let out = '';
  const done = new Set<string>();
  for (const child of children(element)) {
    const value = values[child.name];
    if (done.has(child.name)) continue;
    done.add(child.name);
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      out += `<${child.name}>${typeof v === 'string' ? v : write(child.name, v)}</${child.name}>`;
    }
  }
  return out;
}

function answer(rs: string, ret: string, values: Values): string {
  return `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><${rs} requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><${ret}>${write(ret, values)}</${ret}></${rs}></QBXMLMsgsRs></QBXML>`;
}

interface Case {
  ret: string;
  /** "BillRet/VendorRef", "BillRet/ItemLineRet/Cost". */
  path: string;
  xml: string;
  essential: boolean;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const [ret, { rs, values }] of Object.entries(FULL)) {
    const names = children(ret).map((c) => c.name);
    for (const child of children(ret)) {
      if (!child.optional || values[child.name] === undefined) continue;
      const { [child.name]: _dropped, ...rest } = values;
      out.push({
        ret,
        path: `${ret}/${child.name}`,
        xml: answer(rs, ret, rest),
        essential: essential(ret, child.name, names),
      });
      // Nested records the parser reads (lines, linked and applied transactions): each optional child of the first.
      const nested = values[child.name];
      if (!(child.name in RECORD_ELEMENTS) || !Array.isArray(nested) || typeof nested[0] !== 'object')
        continue;
      const [first, ...others] = nested as Values[];
      for (const grand of children(child.name)) {
        if (!grand.optional || first?.[grand.name] === undefined) continue;
        const { [grand.name]: _gone, ...kept } = first;
        out.push({
          ret,
          path: `${ret}/${child.name}/${grand.name}`,
          xml: answer(rs, ret, { ...values, [child.name]: [kept, ...others] }),
          essential: false,
        });
      }
    }
  }
  return out;
}

describe.skipIf(!oracle)('qbXML answers with optional elements left out (qbxmlops130.xsd minOccurs)', () => {
  it('the full records cover every child the parser reads and are valid against the schema', () => {
    const missing: string[] = [];
    for (const [ret, { values }] of Object.entries(FULL)) {
      const allowed = children(ret);
      for (const name of RECORD_ELEMENTS[ret] ?? []) {
        const child = allowed.find((c) => c.name === name);
        // Read but not a child of this record (an item kind without it), or an alternative of one given.
        if (!child || child.choice) continue;
        if (values[name] === undefined) missing.push(`${ret}/${name}`);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(FULL).sort()).toEqual(
      Object.keys(RECORD_ELEMENTS)
        .filter(
          (r) =>
            children(r) &&
            ![
              'PurchaseOrderLineRet',
              'ExpenseLineRet',
              'ItemLineRet',
              'LinkedTxn',
              'AppliedToTxnRet',
            ].includes(r),
        )
        .sort(),
    );
    const full = Object.entries(FULL).map(([ret, { rs, values }]) => answer(rs, ret, values));
    const results = validateQbxmlBatch(full);
    expect(results.filter((r) => !r.valid).map((r) => r.errors)).toEqual([]);
    for (const xml of full) {
      const [r] = parseResponse(xml);
      expect(r?.records).toHaveLength(1);
    }
  });

  const all = oracle ? cases() : [];

  it('each answer with one optional child left out is valid against the schema', () => {
    expect(all.length).toBeGreaterThan(150);
    const results = validateQbxmlBatch(all.map((c) => c.xml));
    const invalid = results.flatMap((r, i) => (r.valid ? [] : [`${all[i]?.path}: ${r.errors}`]));
    expect(invalid).toEqual([]);
  });

  it('is read, or — only without what Ledgerbridge cannot do without — set aside with what is missing', () => {
    const wrong: string[] = [];
    for (const c of all) {
      let responses;
      try {
        responses = readResponse(c.xml);
      } catch (error) {
        wrong.push(`${c.path}: threw ${(error as Error).message}`);
        continue;
      }
      const [r] = responses;
      const element = c.path.split('/')[1] ?? '';
      if (c.essential) {
        const bad = r?.unreadable ?? [];
        if (r?.records.length !== 0 || bad.length !== 1 || !bad[0]?.reason.includes(element))
          wrong.push(`${c.path}: expected one unreadable record naming ${element}, got ${JSON.stringify(r)}`);
        // The strict reader refuses it with the same words.
        expect(() => parseResponse(c.xml)).toThrow(element);
      } else if (r?.records.length !== 1 || r.unreadable) {
        wrong.push(`${c.path}: not read (${JSON.stringify(r?.unreadable)})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

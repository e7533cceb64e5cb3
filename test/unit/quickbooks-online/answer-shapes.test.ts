// QuickBooks Online answers in every shape Intuit's schema allows. For every entity Ledgerbridge reads, a full
// record written from the XSD (answer-shapes.ts) is answered once as it is, once with each optional element or
// attribute left out (nested lines and links included) and once with an element the schema does not know, through
// the real client and the code that reads it (lists, vendors, payments, sending, the company profile, files). Each
// must be read — or, only for what Ledgerbridge cannot do without (ESSENTIAL: an entity's Id), refused with a
// ConnectorError that names what QuickBooks left out. Never a crash (a TypeError or a ZodError), never a lost
// bill.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SupplierT } from '../../../preload/contract.js';
import { ConnectorError, type ConnectorContext } from '../../../main/connectors/contract.js';
import { uploadAttachments } from '../../../main/connectors/quickbooks-online/attachments.js';
import { QboClient } from '../../../main/connectors/quickbooks-online/client.js';
import {
  readCompanyProfile,
  type CompanyProfile,
} from '../../../main/connectors/quickbooks-online/company.js';
import { cancelDocument } from '../../../main/connectors/quickbooks-online/cancel.js';
import { listPage } from '../../../main/connectors/quickbooks-online/lists.js';
import type { TokenKeeper } from '../../../main/connectors/quickbooks-online/oauth.js';
import { importPayments } from '../../../main/connectors/quickbooks-online/payments.js';
import { createVendors } from '../../../main/connectors/quickbooks-online/references.js';
import { sendDocuments } from '../../../main/connectors/quickbooks-online/send.js';
import { createTaxCodes } from '../../../main/connectors/quickbooks-online/tax-codes.js';
import { QboSettings } from '../../../main/connectors/quickbooks-online/settings.js';
import { vendorPage } from '../../../main/connectors/quickbooks-online/vendors.js';
import type { ListKindName } from '../../../main/connectors/contract.js';
import { outgoingDocument as outgoing } from '../../simulators/answer-documents.js';
import { findingsOf } from '../../simulators/answer-findings.js';
import type { JsonObject } from '../../simulators/answer-variants.js';
import {
  qboOracleAvailable,
  qboRecord,
  qboVariants,
} from '../../simulators/quickbooks-online/answer-shapes.js';
import { isCI } from '../../integration/secrets/keychain-probe.js';

const oracle = qboOracleAvailable();
if (!oracle && isCI) throw new Error('../shared/oracles/qbo/ is missing: needed on CI');
if (!oracle) console.warn('Skipping QuickBooks Online answer shapes: ../shared/oracles/qbo/ is missing');

type Answer = (path: string, body: string) => unknown;

/** The real client, its fetch answered by `answer` (by path, and the query or batch it was sent). */
function clientAnswering(answer: Answer): QboClient {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const path = new URL(url).pathname.replace(/^\/v3\/company\/[^/]+\//, '');
    const body = typeof init?.body === 'string' ? init.body : '';
    const json = answer(path, body);
    const status = typeof json === 'object' && json && 'Fault' in json ? 400 : 200;
    return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
  });
  const ctx = {
    connection: { id: 'conn-1', name: 'QuickBooks Online', settings: {} },
    signal: new AbortController().signal,
    acquireRequestSlot: async () => {},
  } as unknown as ConnectorContext;
  const tokens = { accessToken: async () => 'token' } as unknown as TokenKeeper;
  return new QboClient(ctx, QboSettings.parse({}), '9130', tokens);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const US: CompanyProfile = {
  companyName: 'Northwind',
  country: 'US',
  usTax: true,
  homeCurrency: 'USD',
  multiCurrency: false,
  classTracking: 'none',
  trackDepartments: false,
  departmentTerminology: 'Location',
  bookCloseDate: null,
  purchaseOrders: true,
  subscription: 'QuickBooks Online Plus',
  warnDuplicateBillNumber: true,
};

const ref = (value: string, name?: string) => ({ value, ...(name ? { name } : {}) });
const META = { CreateTime: '2026-11-02T10:00:00-08:00', LastUpdatedTime: '2026-11-03T10:00:00-08:00' };
const billLink = { TxnId: '130', TxnType: 'Bill' };
const address = {
  Line1: '1 Main St',
  City: 'Springfield',
  CountrySubDivisionCode: 'IL',
  PostalCode: '62701',
};
const txnValues = (entity: string): JsonObject => ({
  Id: '130',
  SyncToken: '0',
  MetaData: META,
  DocNumber: entity === 'Bill' ? 'INV-9' : 'N-1',
  TxnDate: '2026-11-03',
  PrivateNote: 'Deliver to the back door [lb:doc-1]',
  VendorRef: ref('56', 'Acme'),
  TotalAmt: 25,
  Line: [
    {
      Id: '1',
      LineNum: 1,
      Description: 'Copper pipe',
      Amount: 25,
      DetailType: 'AccountBasedExpenseLineDetail',
      AccountBasedExpenseLineDetail: { AccountRef: ref('80', 'Materials'), BillableStatus: 'NotBillable' },
    },
  ],
});

/** What each read returns, reduced to what the test checks: the ids it read. */
type Reader = (record: JsonObject) => Promise<unknown>;

interface Case {
  entity: string;
  values: JsonObject;
  /** Elements Ledgerbridge cannot do without: their absence may be refused, naming them. */
  essential: string[];
  read: Reader;
}

const listKind =
  (kind: ListKindName, entity: string): Reader =>
  async (record) => {
    const client = clientAnswering(() => ({ QueryResponse: { [entity]: [record], startPosition: 1 } }));
    const page = await listPage(client, kind, { start: 2, size: 1000 });
    return page.entries.map((e) => [e.externalId, e.name]);
  };

const payments =
  (entity: 'BillPayment' | 'Purchase'): Reader =>
  async (record) => {
    const byRange = clientAnswering((_path, body) =>
      body.includes(`FROM ${entity} `) ? { QueryResponse: { [entity]: [record] } } : { QueryResponse: {} },
    );
    const ranged = await importPayments(byRange, { from: '2026-11-01', to: '2026-11-30' });
    const byChanges = clientAnswering(() => ({
      CDCResponse: [{ QueryResponse: [{ [entity]: [record], startPosition: 1 }] }],
    }));
    const changed = await importPayments(byChanges, {
      since: new Date(Date.now() - 86_400_000).toISOString(),
    });
    // An amount QuickBooks did not send is not a payment of 0.00 (which would undo what was paid).
    for (const p of [...ranged.payments, ...changed.payments])
      if (p.status === 'active' && p.applications.some((x) => Number(x.amount) === 0))
        throw new Error(`a payment of 0.00 read from ${JSON.stringify(p)}`);
    return [ranged.payments, changed.payments];
  };

/** A bill or purchase order created (its answer in the batch), read again (its SyncToken), and canceled. */
const transaction =
  (entity: 'Bill' | 'PurchaseOrder'): Reader =>
  async (record) => {
    const type = entity === 'Bill' ? 'invoice' : 'purchase_order';
    const created = clientAnswering(() => ({ BatchItemResponse: [{ bId: '1', [entity]: record }] }));
    const [outcome] = await sendDocuments(created, US, QboSettings.parse({}), [outgoing(type)], () => {});
    if (!outcome!.ok) throw outcome!.error;
    const read = clientAnswering(() => ({ [entity]: record, time: '2026-11-03T10:00:00-08:00' }));
    const canceled = await cancelDocument(read, outgoing(type, '130'));
    if (!canceled.ok) throw canceled.error;
    return [outcome!.externalId, outcome!.syncToken];
  };

const CASES: Case[] = [
  {
    entity: 'Vendor',
    values: {
      Id: '56',
      SyncToken: '2',
      MetaData: META,
      DisplayName: 'Acme Supply',
      CompanyName: 'Acme Supply Inc.',
      GivenName: 'Ada',
      FamilyName: 'Acme',
      PrintOnCheckName: 'Acme Supply Inc.',
      Active: true,
      AcctNum: 'C-42',
      PrimaryPhone: { FreeFormNumber: '555-0100' },
      PrimaryEmailAddr: { Address: 'ap@acme.example' },
      BillAddr: { ...address, Country: 'US' },
      TermRef: ref('3', 'Net 30'),
      CurrencyRef: ref('USD', 'United States Dollar'),
      Balance: 25,
    },
    essential: ['Id'],
    read: async (record) => {
      const client = clientAnswering(() => ({ QueryResponse: { Vendor: [record] } }));
      const page = await vendorPage(client, { start: 2, size: 1000 });
      const created = clientAnswering(() => ({ BatchItemResponse: [{ bId: '1', Vendor: record }] }));
      const outcomes: Awaited<ReturnType<typeof createVendors>>[] = [];
      const results: { ok: boolean; error?: ConnectorError }[] = [];
      await createVendors(
        created,
        US,
        [
          {
            record: {
              kind: 'supplier',
              id: 'sup-1',
              name: 'Acme',
              data: { id: 'sup-1', name: 'Acme' } as SupplierT,
            },
            i: 0,
          },
        ],
        results as never,
      );
      void outcomes;
      if (results[0] && !results[0].ok) throw results[0].error;
      for (const s of page.suppliers) if (!s.name) throw new Error('a supplier without a name');
      return page.suppliers.map((s) => [s.externalId, s.name]);
    },
  },
  {
    entity: 'Account',
    values: {
      Id: '80',
      SyncToken: '0',
      MetaData: META,
      Name: 'Materials',
      FullyQualifiedName: 'Job Expenses:Materials',
      SubAccount: true,
      ParentRef: ref('79'),
      Active: true,
      Classification: 'Expense',
      AccountType: 'Expense',
      AccountSubType: 'SuppliesMaterials',
      AcctNum: '6100',
      CurrentBalance: 0,
    },
    essential: ['Id'],
    read: listKind('account', 'Account'),
  },
  {
    entity: 'Item',
    values: {
      Id: '11',
      SyncToken: '0',
      MetaData: META,
      Name: 'Copper pipe',
      FullyQualifiedName: 'Pipe:Copper pipe',
      Sku: 'CP-15',
      Active: true,
      SubItem: true,
      ParentRef: ref('10'),
      Type: 'NonInventory',
      PurchaseCost: 12.5,
      ExpenseAccountRef: ref('80', 'Materials'),
      TrackQtyOnHand: false,
    },
    essential: ['Id'],
    read: listKind('item', 'Item'),
  },
  ...(
    [
      ['class', 'Class', { Name: 'Plumbing', FullyQualifiedName: 'Trades:Plumbing', ParentRef: ref('6') }],
      ['department', 'Department', { Name: 'North', FullyQualifiedName: 'North', SubDepartment: false }],
      ['customer', 'Customer', { DisplayName: 'Smith', FullyQualifiedName: 'Smith:Kitchen', Job: true }],
      [
        'tax_code',
        'TaxCode',
        { Name: 'VAT 20', Taxable: true, PurchaseTaxRateList: { TaxRateDetail: [{ TaxRateRef: ref('4') }] } },
      ],
      ['tax_rate', 'TaxRate', { Name: 'VAT 20% (Purchases)', RateValue: 20, AgencyRef: ref('1', 'HMRC') }],
      ['tax_agency', 'TaxAgency', { DisplayName: 'HMRC', TaxTrackedOnPurchases: true }],
      ['term', 'Term', { Name: 'Net 30', DueDays: 30, Type: 'STANDARD' }],
    ] as [ListKindName, string, JsonObject][]
  ).map(([kind, entity, values]): Case => ({
    entity,
    values: { Id: '7', SyncToken: '0', MetaData: META, Active: true, ...values },
    essential: ['Id'],
    read: listKind(kind, entity),
  })),
  // A SyncToken is what QuickBooks needs to change or delete a transaction: a read without one is refused by name.
  {
    entity: 'Bill',
    values: { ...txnValues('Bill'), DueDate: '2026-12-03', Balance: 25 },
    essential: ['Id', 'SyncToken'],
    read: transaction('Bill'),
  },
  {
    entity: 'PurchaseOrder',
    values: { ...txnValues('PurchaseOrder'), POStatus: 'Open', POEmail: { Address: 'ap@acme.example' } },
    essential: ['Id', 'SyncToken'],
    read: transaction('PurchaseOrder'),
  },
  {
    entity: 'BillPayment',
    values: {
      Id: '201',
      SyncToken: '0',
      MetaData: META,
      TxnDate: '2026-11-10',
      VendorRef: ref('56', 'Acme'),
      PayType: 'Check',
      CheckPayment: { BankAccountRef: ref('35', 'Checking'), PrintStatus: 'NotSet' },
      TotalAmt: 25,
      PrivateNote: 'Paid',
      Line: [{ Amount: 25, LinkedTxn: [billLink] }],
    },
    essential: ['Id'],
    read: payments('BillPayment'),
  },
  {
    entity: 'Purchase',
    values: {
      Id: '202',
      SyncToken: '0',
      MetaData: META,
      TxnDate: '2026-11-10',
      PaymentType: 'Check',
      AccountRef: ref('35', 'Checking'),
      EntityRef: ref('56', 'Acme'),
      TotalAmt: 25,
      LinkedTxn: [billLink],
      Line: [
        {
          Id: '1',
          Amount: 25,
          LinkedTxn: [billLink],
          DetailType: 'AccountBasedExpenseLineDetail',
          AccountBasedExpenseLineDetail: { AccountRef: ref('33', 'Accounts Payable') },
        },
      ],
    },
    essential: ['Id'],
    read: payments('Purchase'),
  },
  {
    entity: 'CompanyInfo',
    values: {
      Id: '1',
      SyncToken: '4',
      MetaData: META,
      CompanyName: 'Northwind',
      LegalName: 'Northwind LLC',
      Country: 'US',
      CompanyAddr: address,
      NameValue: [{ Name: 'OfferingSku', Value: 'QuickBooks Online Plus' }],
    },
    essential: [],
    read: async (record) => {
      const client = clientAnswering((path) =>
        path.startsWith('companyinfo') ? { CompanyInfo: record } : { Preferences: {} },
      );
      return readCompanyProfile(client);
    },
  },
  {
    entity: 'Preferences',
    values: {
      Id: '1',
      SyncToken: '4',
      MetaData: META,
      AccountingInfoPrefs: {
        BookCloseDate: '2026-01-31',
        TrackDepartments: true,
        DepartmentTerminology: 'Location',
        ClassTrackingPerTxn: false,
        ClassTrackingPerTxnLine: true,
      },
      CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: ref('USD') },
      OtherPrefs: { NameValue: [{ Name: 'WarnDuplicateBillNumber', Value: 'true' }] },
    },
    essential: [],
    read: async (record) => {
      const client = clientAnswering((path) =>
        path.startsWith('companyinfo')
          ? { CompanyInfo: { CompanyName: 'Northwind' } }
          : { Preferences: record },
      );
      return readCompanyProfile(client);
    },
  },
  {
    entity: 'Attachable',
    values: {
      Id: '301',
      SyncToken: '0',
      MetaData: META,
      FileName: 'invoice.pdf',
      ContentType: 'application/pdf',
      Size: 1024,
      AttachableRef: [{ EntityRef: ref('130'), IncludeOnSend: false }],
    },
    essential: ['Id'],
    read: async (record) => {
      const client = clientAnswering(() => ({ AttachableResponse: [{ Attachable: record }] }));
      const file = {
        id: 'f1',
        fileName: 'invoice.pdf',
        mimeType: 'application/pdf',
        sha256: 'ab',
        read: async () => new Uint8Array([1]),
      };
      const result = await uploadAttachments(client, 'Bill', '130', [file]);
      if (result.missed) throw new ConnectorError('needs_user', result.missed);
      return result.files;
    },
  },
  {
    // A tax code created through TaxService on the bookkeeper's request (outside the US): its TaxCodeId is what
    // gets mapped, so only that may be refused, by name.
    entity: 'TaxService',
    values: {
      TaxCode: 'VAT 20',
      TaxCodeId: '9',
      TaxRateDetails: [
        {
          TaxRateName: 'VAT 20',
          TaxRateId: '4',
          RateValue: 20,
          TaxAgencyId: '1',
          TaxApplicableOn: 'Purchase',
        },
      ],
    },
    essential: ['TaxCodeId'],
    read: async (record) => {
      const client = clientAnswering((path) =>
        path === 'query'
          ? { QueryResponse: { TaxAgency: [{ Id: '1', DisplayName: 'HMRC' }] } }
          : path.startsWith('taxservice')
            ? record
            : {},
      );
      const setup = await createTaxCodes(
        client,
        { ...US, country: 'GB', usTax: false, homeCurrency: 'GBP' },
        QboSettings.parse({ defaultTaxAgencyId: '1' }),
        [{ id: 'rate-1', name: 'VAT 20', percent: '20' }],
      );
      const [result] = setup.results;
      if (result?.outcome === 'failed') throw new ConnectorError('needs_user', result.message);
      if (result?.outcome !== 'created' || setup.taxCodeMap['rate-1'] !== '9')
        throw new Error(`not created: ${JSON.stringify(setup)}`);
      return setup;
    },
  },
  {
    // The answer to SELECT COUNT(*): totalCount is an optional attribute; without it the total is unknown.
    entity: 'QueryResponse',
    values: { totalCount: 3, startPosition: 1, maxResults: 1000 },
    essential: [],
    read: async (record) => {
      const client = clientAnswering((_path, body) =>
        body.startsWith('SELECT COUNT') ? { QueryResponse: record } : { QueryResponse: {} },
      );
      return (await listPage(client, 'account', null)).total;
    },
  },
  {
    // A refusal in every shape: always a ConnectorError with a message (never a crash, never "ok").
    entity: 'Fault',
    values: {
      type: 'ValidationFault',
      Error: [
        {
          Message: 'Invalid Reference Id',
          Detail: 'Vendor 56 is inactive',
          code: '2500',
          element: 'VendorRef',
        },
      ],
    },
    essential: [],
    read: async (record) => {
      const client = clientAnswering(() => ({ Fault: record, time: '2026-11-03T10:00:00-08:00' }));
      try {
        await vendorPage(client, { start: 2, size: 1000 });
      } catch (error) {
        if (error instanceof ConnectorError && error.userMessage) return error.userMessage;
        throw error;
      }
      throw new Error('a fault was read as an answer');
    },
  },
];

describe.skipIf(!oracle)('QuickBooks Online answers in every shape the v3 schema allows', () => {
  it.each(CASES.map((c) => [c.entity, c] as const))('%s', async (_entity, c) => {
    const full = qboRecord(c.entity, c.values);
    const variants = qboVariants(c.entity, full);
    expect(variants.length).toBeGreaterThan(3);
    expect(await findingsOf(c, variants)).toEqual([]);
  });
});

// Xero answers in every shape Xero's OpenAPI descriptions allow. For every schema Ledgerbridge reads, a full record
// written from the spec (answer-shapes.ts) is answered once as it is, once with each property the schema does not
// require left out (nested ones included), with each enumeration answered by a value it does not list, with each
// MS-format date as ISO 8601, and with an unknown property — over HTTP, through xero-node and the code that reads
// it (lists, suppliers, sending, payments and supplier credits, files, the organisation, the connections). Each
// must be read — or, only for what Ledgerbridge cannot do without (ESSENTIAL: a record's id), refused with a
// ConnectorError that names what Xero left out. Never a crash, never a lost or duplicated bill.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupplierT } from '../../../preload/contract.js';
import { ConnectorError, type ConnectorContext } from '../../../main/connectors/contract.js';
import { XeroApi } from '../../../main/connectors/xero/api.js';
import { uploadAttachments } from '../../../main/connectors/xero/attachments.js';
import { XeroConnector } from '../../../main/connectors/xero/connector.js';
import { listTenants, type XeroTokens } from '../../../main/connectors/xero/identity.js';
import { listPage } from '../../../main/connectors/xero/lists.js';
import { importPayments } from '../../../main/connectors/xero/payments.js';
import { sendDocuments } from '../../../main/connectors/xero/send.js';
import { XeroSettings } from '../../../main/connectors/xero/settings.js';
import { supplierImportPage, supplierPage, upsertContact } from '../../../main/connectors/xero/suppliers.js';
import type { ListKindName } from '../../../main/connectors/contract.js';
import { outgoingDocument } from '../../simulators/answer-documents.js';
import { findingsOf } from '../../simulators/answer-findings.js';
import type { JsonObject } from '../../simulators/answer-variants.js';
import {
  MS_DATE,
  xeroOracleAvailable,
  xeroRecord,
  xeroVariants,
} from '../../simulators/xero/answer-shapes.js';
import { isCI } from '../../integration/secrets/keychain-probe.js';

const oracle = xeroOracleAvailable();
if (!oracle && isCI) throw new Error('../shared/oracles/xero/ is missing: needed on CI');
if (!oracle) console.warn('Skipping Xero answer shapes: ../shared/oracles/xero/ is missing');

/** Answers a request (method, path under /api.xro/2.0 or /connections) with a status and JSON. */
type Answer = (method: string, path: string) => { status?: number; json: unknown };
let answer: Answer = () => ({ status: 404, json: {} });
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname.replace('/api.xro/2.0', '');
      const { status = 200, json } = answer(req.method ?? 'GET', path);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
});

const TENANT = '00000000-0000-4000-8000-0000000000aa';
const settings = () =>
  XeroSettings.parse({
    apiBaseUrl: `${base}/api.xro/2.0`,
    connectionsEndpoint: `${base}/connections`,
    tenantId: TENANT,
  });
const ctx = () =>
  ({
    connection: { id: 'conn-1', name: 'Xero', settings: settings() },
    secrets: { get: async () => null, set: async () => {}, delete: async () => {} },
    signal: new AbortController().signal,
    acquireRequestSlot: async () => {},
  }) as unknown as ConnectorContext;
const tokens = { accessToken: async () => 'token', forget: () => {} } as unknown as XeroTokens;

/** The real xero-node API for one connection, its requests answered by `a`. */
function apiAnswering(a: Answer): XeroApi {
  answer = a;
  return new XeroApi(ctx(), settings(), TENANT, tokens);
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const CONTACT_ID = uuid(56);
const lineItem = {
  LineItemID: uuid(301),
  Description: 'Copper pipe',
  Quantity: 1,
  UnitAmount: 25,
  AccountCode: '310',
  TaxType: 'INPUT',
  TaxAmount: 0,
  LineAmount: 25,
  Tracking: [{ TrackingCategoryID: uuid(41), TrackingOptionID: uuid(42), Name: 'Region', Option: 'North' }],
};
const invoiceLink = { InvoiceID: uuid(130), InvoiceNumber: 'INV-9', Type: 'ACCPAY' };

type Reader = (record: JsonObject) => Promise<unknown>;

interface Case {
  schema: string;
  values: JsonObject;
  /** Properties Ledgerbridge cannot do without: their absence may be refused, naming them. */
  essential: string[];
  read: Reader;
}

const list =
  (kind: ListKindName, collection: string): Reader =>
  async (record) => {
    const api = apiAnswering(() => ({ json: { [collection]: [record] } }));
    const page = await listPage(api, kind);
    for (const e of page.entries)
      if (!e.externalId || !e.name) throw new Error(`an entry without id or name`);
    return page.entries;
  };

/** A bill or purchase order created (its answer to the create call), after looking for one sent before. */
const created =
  (collection: 'Invoices' | 'PurchaseOrders'): Reader =>
  async (record) => {
    const api = apiAnswering((method) => ({ json: { [collection]: method === 'GET' ? [] : [record] } }));
    const type = collection === 'Invoices' ? 'invoice' : 'purchase_order';
    const doc = outgoingDocument(type, null, { supplierId: CONTACT_ID, accountId: '310' });
    const [outcome] = await sendDocuments(api, settings(), [{ ...doc, mayExist: true }]);
    if (!outcome!.ok) throw outcome!.error;
    if (!outcome!.externalId) throw new Error('sent without an id');
    return outcome;
  };

const payments =
  (collection: 'Payments' | 'CreditNotes'): Reader =>
  async (record) => {
    const api = apiAnswering((_method, path) => ({
      json: { [path.slice(1)]: path.slice(1) === collection ? [record] : [] },
    }));
    const ranged = await importPayments(api, { from: '2026-11-01', to: '2026-11-30' });
    const polled = await importPayments(api, { since: '2026-10-01T00:00:00.000Z' });
    // An amount Xero did not send is not a payment of 0.00 (which would undo what was paid).
    for (const p of [...ranged.payments, ...polled.payments])
      if (p.status === 'active' && p.applications.some((x) => Number(x.amount) === 0))
        throw new Error(`a payment of 0.00 read from ${JSON.stringify(p)}`);
    return [ranged, polled];
  };

const CASES: Case[] = [
  {
    schema: 'Contact',
    values: {
      ContactID: CONTACT_ID,
      ContactStatus: 'ACTIVE',
      Name: 'Acme Supply',
      FirstName: 'Ada',
      LastName: 'Acme',
      EmailAddress: 'ap@acme.example',
      AccountNumber: 'C-42',
      IsSupplier: true,
      IsCustomer: false,
      Addresses: [
        { AddressType: 'POBOX', AddressLine1: '1 Main St', City: 'Springfield', PostalCode: '62701' },
      ],
      Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: '555-0100', PhoneAreaCode: '217' }],
      UpdatedDateUTC: MS_DATE,
    },
    essential: ['ContactID'],
    read: async (record) => {
      const api = apiAnswering(() => ({
        json: { Contacts: [record], pagination: { page: 1, pageSize: 1000, pageCount: 1, itemCount: 1 } },
      }));
      const imported = await supplierImportPage(api, null);
      const searched = await supplierPage(api, 1);
      const upserted = await upsertContact(api, { id: 'sup-1', name: 'Acme Supply' } as SupplierT, null, 'k');
      for (const s of [...imported.suppliers, ...searched.suppliers, upserted])
        if (!s.externalId || !s.name) throw new Error(`a supplier without id or name: ${JSON.stringify(s)}`);
      return [imported, searched, upserted];
    },
  },
  {
    schema: 'Account',
    values: {
      AccountID: uuid(310),
      Code: '310',
      Name: 'Cost of Goods Sold',
      Type: 'DIRECTCOSTS',
      Status: 'ACTIVE',
      TaxType: 'INPUT',
      Class: 'EXPENSE',
      UpdatedDateUTC: MS_DATE,
    },
    essential: [],
    read: list('account', 'Accounts'),
  },
  {
    schema: 'Item',
    values: {
      ItemID: uuid(20),
      Code: 'AF-20',
      Name: 'Air filter',
      IsPurchased: true,
      PurchaseDescription: 'Air filter 20"',
      PurchaseDetails: { UnitPrice: 12.99, AccountCode: '310', TaxType: 'INPUT' },
      UpdatedDateUTC: MS_DATE,
    },
    essential: [],
    read: list('item', 'Items'),
  },
  {
    schema: 'TaxRate',
    values: {
      Name: 'GST on Expenses',
      TaxType: 'INPUT',
      Status: 'ACTIVE',
      CanApplyToExpenses: true,
      EffectiveRate: 15,
      DisplayTaxRate: 15,
      TaxComponents: [{ Name: 'GST', Rate: 15, IsCompound: false, IsNonRecoverable: false }],
    },
    essential: [],
    read: list('tax_rate', 'TaxRates'),
  },
  {
    schema: 'TrackingCategory',
    values: {
      TrackingCategoryID: uuid(41),
      Name: 'Region',
      Status: 'ACTIVE',
      Options: [{ TrackingOptionID: uuid(42), Name: 'North', Status: 'ACTIVE' }],
    },
    essential: [],
    read: list('tracking_option', 'TrackingCategories'),
  },
  {
    schema: 'Invoice',
    values: {
      Type: 'ACCPAY',
      InvoiceID: uuid(130),
      InvoiceNumber: 'INV-9',
      Reference: 'INV-9',
      Contact: { ContactID: CONTACT_ID, Name: 'Acme Supply' },
      Date: MS_DATE,
      DueDate: MS_DATE,
      Status: 'SUBMITTED',
      LineAmountTypes: 'Exclusive',
      LineItems: [lineItem],
      SubTotal: 25,
      TotalTax: 0,
      Total: 25,
      CurrencyCode: 'USD',
      UpdatedDateUTC: MS_DATE,
    },
    essential: ['InvoiceID'],
    read: created('Invoices'),
  },
  {
    schema: 'PurchaseOrder',
    values: {
      PurchaseOrderID: uuid(131),
      PurchaseOrderNumber: 'N-1',
      Reference: 'N-1',
      Contact: { ContactID: CONTACT_ID, Name: 'Acme Supply' },
      Date: MS_DATE,
      Status: 'SUBMITTED',
      LineAmountTypes: 'Exclusive',
      LineItems: [lineItem],
      SubTotal: 25,
      TotalTax: 0,
      Total: 25,
      CurrencyCode: 'USD',
      UpdatedDateUTC: MS_DATE,
    },
    essential: ['PurchaseOrderID'],
    read: created('PurchaseOrders'),
  },
  {
    schema: 'Payment',
    values: {
      PaymentID: uuid(201),
      PaymentType: 'ACCPAYPAYMENT',
      Status: 'AUTHORISED',
      Date: MS_DATE,
      Amount: 25,
      Reference: 'Cheque 1042',
      Invoice: invoiceLink,
      Account: { AccountID: uuid(90), Code: '090' },
      UpdatedDateUTC: MS_DATE,
    },
    essential: [],
    read: payments('Payments'),
  },
  {
    schema: 'CreditNote',
    values: {
      CreditNoteID: uuid(202),
      CreditNoteNumber: 'CN-1',
      Type: 'ACCPAYCREDIT',
      Status: 'AUTHORISED',
      Contact: { ContactID: CONTACT_ID, Name: 'Acme Supply' },
      Date: MS_DATE,
      Total: 10,
      RemainingCredit: 0,
      Allocations: [
        { AllocationID: uuid(203), Amount: 10, Date: MS_DATE, Invoice: invoiceLink, IsDeleted: false },
      ],
      UpdatedDateUTC: MS_DATE,
    },
    essential: [],
    read: payments('CreditNotes'),
  },
  {
    schema: 'Organisation',
    values: {
      OrganisationID: uuid(1),
      Name: 'Northwind',
      LegalName: 'Northwind Ltd',
      BaseCurrency: 'NZD',
      CountryCode: 'NZ',
      OrganisationStatus: 'ACTIVE',
      PeriodLockDate: MS_DATE,
      EndOfYearLockDate: MS_DATE,
    },
    essential: [],
    read: async (record) => {
      apiAnswering(() => ({ json: { Organisations: [record] } }));
      const connector = new XeroConnector();
      (connector as unknown as { tokens: XeroTokens }).tokens = tokens;
      const result = await connector.test(ctx());
      if (!result.ok) throw new ConnectorError('needs_user', result.message);
      return result;
    },
  },
  {
    schema: 'Attachment',
    values: {
      AttachmentID: uuid(401),
      FileName: 'invoice.pdf',
      Url: 'https://api.xero.com/api.xro/2.0/Invoices/x/Attachments/invoice.pdf',
      MimeType: 'application/pdf',
      ContentLength: 1024,
      IncludeOnline: false,
    },
    essential: [],
    read: async (record) => {
      const api = apiAnswering(() => ({ json: { Attachments: [record] } }));
      const file = {
        id: 'f1',
        fileName: 'invoice.pdf',
        mimeType: 'application/pdf',
        sha256: 'ab',
        read: async () => new Uint8Array([1]),
      };
      const result = await uploadAttachments(api, 'Bill', uuid(130), [file]);
      if (result.missed) throw new ConnectorError('needs_user', result.missed);
      return result;
    },
  },
  {
    schema: 'Connection',
    values: {
      id: uuid(501),
      tenantId: TENANT,
      tenantType: 'ORGANISATION',
      tenantName: 'Northwind',
      createdDateUtc: '2026-11-02T10:00:00.0000000',
      updatedDateUtc: '2026-11-02T10:00:00.0000000',
    },
    essential: ['tenantId'],
    read: async (record) => {
      answer = () => ({ json: [record] });
      const tenants = await listTenants(ctx(), settings(), 'token');
      if (tenants.length !== 1) throw new Error(`${tenants.length} organisations listed`);
      return tenants;
    },
  },
  {
    // Xero's refusal of a create (400): always a ConnectorError with a message, never "ok", never a crash.
    schema: 'Error',
    values: {
      ErrorNumber: 10,
      Type: 'ValidationException',
      Message: 'A validation exception occurred',
      Elements: [
        { ValidationErrors: [{ Message: 'Account code 999 is not a valid code for this document.' }] },
      ],
    },
    essential: [],
    read: async (record) => {
      const api = apiAnswering((method) =>
        method === 'GET' ? { json: { Invoices: [] } } : { status: 400, json: record },
      );
      const doc = outgoingDocument('invoice', null, { supplierId: CONTACT_ID, accountId: '310' });
      const [outcome] = await sendDocuments(api, settings(), [doc]);
      if (outcome!.ok) throw new Error('a refusal was read as sent');
      if (!(outcome!.error instanceof ConnectorError) || !outcome!.error.userMessage)
        throw new Error(`refused without a message: ${String(outcome!.error)}`);
      return outcome;
    },
  },
];

describe.skipIf(!oracle)("Xero answers in every shape Xero's OpenAPI descriptions allow", () => {
  it.each(CASES.map((c) => [c.schema, c] as const))('%s', async (_schema, c) => {
    const full = xeroRecord(c.schema, c.values);
    const variants = xeroVariants(c.schema, full);
    expect(variants.length).toBeGreaterThan(3);
    expect(await findingsOf(c, variants)).toEqual([]);
  });
});

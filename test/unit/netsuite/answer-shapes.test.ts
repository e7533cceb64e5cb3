// NetSuite answers in every shape the REST Record API's OpenAPI description allows. A vendor bill or purchase order
// written from the spec (answer-shapes.ts) is answered with each property left out in turn (the spec requires
// none), each nullable one null (lines' line numbers, amounts and quantities included) and an unknown property,
// through the real client and the connector: sending a bill (found by its external id, or transformed from its
// order) and canceling an order. SuiteQL pages take the collection envelope the spec gives sublists, and vendor rows
// the nullability of the vendor record's fields. Each must be read — or, only for what Ledgerbridge cannot do
// without (ESSENTIAL: a record's id), refused with a ConnectorError that names it. Never a crash, never a lost or
// duplicated bill.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectorError, type ConnectorContext } from '../../../main/connectors/contract.js';
import { NetSuiteConnector } from '../../../main/connectors/netsuite/connector.js';
import { outgoingDocument } from '../../simulators/answer-documents.js';
import { findingsOf } from '../../simulators/answer-findings.js';
import type { JsonObject, Variant } from '../../simulators/answer-variants.js';
import {
  netSuiteOracleAvailable,
  netSuiteRecord,
  netSuiteVariants,
} from '../../simulators/netsuite/answer-shapes.js';
import { isCI } from '../../integration/secrets/keychain-probe.js';

const oracle = netSuiteOracleAvailable();
if (!oracle && isCI) throw new Error('../shared/oracles/netsuite/ is missing: needed on CI');
if (!oracle) console.warn('Skipping NetSuite answer shapes: ../shared/oracles/netsuite/ is missing');

/** Answers a request (method, path below /services/rest/, SuiteQL text) with a status, JSON and Location. */
type Answer = (
  method: string,
  path: string,
  q: string,
) => { status?: number; json?: unknown; location?: string };

const ctx = {
  connection: {
    id: 'conn-1',
    name: 'NetSuite',
    settings: { accountId: '1234567', apiBaseUrl: 'http://127.0.0.1:9', subsidiaryId: null },
  },
  secrets: { get: async () => null, set: async () => {}, delete: async () => {} },
  signal: new AbortController().signal,
  acquireRequestSlot: async () => {},
} as unknown as ConnectorContext;

/** The real connector and client, fetch answered by `answer`. */
function connectorAnswering(answer: Answer): NetSuiteConnector {
  vi.stubGlobal('fetch', async (url: URL | string, init?: RequestInit) => {
    const u = new URL(String(url));
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { q?: string }) : {};
    const {
      status = 200,
      json,
      location,
    } = answer(init?.method ?? 'GET', u.pathname.replace('/services/rest/', ''), body.q ?? '');
    return new Response(status === 204 || json === undefined ? null : JSON.stringify(json), {
      status,
      headers: {
        'content-type': 'application/json',
        ...(location ? { location: `http://127.0.0.1:9/services/rest/${location}` } : {}),
      },
    });
  });
  const connector = new NetSuiteConnector();
  (connector.tokens as unknown as { accessToken: () => Promise<string> }).accessToken = async () => 'token';
  return connector;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const CURRENCY = { json: { items: [{ id: '1', symbol: 'USD' }], hasMore: false, count: 1, offset: 0 } };
const ref = (id: string, refName: string) => ({ id, refName });

/** A transaction (vendorBill's schema) with one expense line on account 80 and one item line. */
const transaction = (id: string, tranId: string): JsonObject => ({
  id,
  tranId,
  externalId: 'lb-doc-1',
  tranDate: '2026-11-03',
  total: 25,
  memo: 'Kitchen',
  entity: ref('56', 'Acme'),
  currency: ref('1', 'USD'),
  expense: {
    count: 1,
    hasMore: false,
    offset: 0,
    totalResults: 1,
    items: [{ line: 1, account: ref('80', 'Materials'), amount: 25, orderLine: '1', isClosed: false }],
  },
  item: {
    count: 1,
    hasMore: false,
    offset: 0,
    totalResults: 1,
    items: [
      {
        line: 2,
        item: ref('11', 'Copper pipe'),
        quantity: 2,
        rate: 12.5,
        amount: 25,
        orderLine: 2,
        isClosed: false,
      },
    ],
  },
});

type Reader = (record: JsonObject) => Promise<unknown>;

interface Case {
  name: string;
  schema: string;
  values: JsonObject;
  /** Properties Ledgerbridge cannot do without: their absence (or null) may be refused, naming them. */
  essential: string[];
  read: Reader;
}

const sendOk = async (connector: NetSuiteConnector, linked: boolean) => {
  const doc = outgoingDocument('invoice');
  const [outcome] = await connector.sendDocuments(ctx, [
    { ...doc, ...(linked ? { linkedDocument: { documentId: 'po-1', externalId: '501' } } : {}) },
  ]);
  if (!outcome!.ok) throw outcome!.error;
  if (!outcome!.externalId) throw new Error('sent without an id');
  return outcome;
};

const CASES: Case[] = [
  {
    // Upserted by external id: NetSuite answers 204 without a Location, so the bill is read back for its id.
    name: 'vendorBill (upserted, read back for its id)',
    schema: 'vendorBill',
    values: transaction('130', 'INV-9'),
    essential: ['id'],
    read: async (record) => {
      const connector = connectorAnswering((method, path) =>
        path.startsWith('query/') ? CURRENCY : method === 'PUT' ? { status: 204 } : { json: record },
      );
      return sendOk(connector, false);
    },
  },
  {
    // Transformed from its purchase order: the bill is read back for the total NetSuite computed.
    name: 'vendorBill (transformed from its order, read back for its total)',
    schema: 'vendorBill',
    values: transaction('130', 'INV-9'),
    essential: [],
    read: async (record) => {
      const order = netSuiteRecord('vendorBill', transaction('501', 'PO-1'));
      const connector = connectorAnswering((method, path) => {
        if (path.startsWith('query/')) return CURRENCY;
        if (method === 'POST') return { status: 204, location: 'record/v1/vendorBill/130' };
        return { json: path.includes('purchaseOrder') ? order : record };
      });
      return sendOk(connector, true);
    },
  },
  {
    // The order a bill is transformed from, and the order canceled (each line closed by its line number).
    name: 'purchaseOrder (billed against, then closed)',
    schema: 'vendorBill',
    values: transaction('501', 'PO-1'),
    essential: ['id'],
    read: async (record) => {
      const bill = netSuiteRecord('vendorBill', transaction('130', 'INV-9'));
      const patched: unknown[] = [];
      const connector = connectorAnswering((method, path) => {
        if (path.startsWith('query/')) return CURRENCY;
        if (method === 'POST') return { status: 204, location: 'record/v1/vendorBill/130' };
        if (method === 'PATCH') {
          patched.push(path);
          return { status: 204 };
        }
        return { json: path.includes('purchaseOrder') ? record : bill };
      });
      const sent = await sendOk(connector, true);
      const canceled = await connector.cancelDocument(ctx, outgoingDocument('purchase_order', '501'));
      if (!canceled.ok) throw canceled.error;
      return [sent, canceled, patched];
    },
  },
  {
    // A SuiteQL page in the collection envelope the spec gives every list (links, count, hasMore, items, ...).
    name: 'SuiteQL page (collection envelope)',
    schema: 'vendorBill-itemCollection',
    values: {
      count: 1,
      hasMore: false,
      offset: 0,
      totalResults: 1,
      items: [{ id: '56', entityid: 'Acme', companyname: 'Acme Supply' }],
    },
    essential: ['items'],
    read: async (record) => {
      const connector = connectorAnswering(() => ({ json: record }));
      const page = await connector.readSupplierPage(ctx, null);
      if (page.suppliers.some((s) => !s.externalId || !s.name))
        throw new Error('a vendor without id or name');
      return page;
    },
  },
  {
    // A vendor row: SuiteQL's columns are the vendor record's fields in lower case, as nullable as the record's.
    name: 'vendor (SuiteQL row)',
    schema: 'vendor',
    values: {
      id: '56',
      entityId: 'ACME',
      companyName: 'Acme Supply',
      email: 'ap@acme.example',
      phone: '555-0100',
      accountNumber: 'C-42',
      isInactive: false,
      lastModifiedDate: '2026-11-02T10:00:00Z',
    },
    essential: ['id'],
    read: async (record) => {
      const COLUMNS = [
        'id',
        'entityId',
        'companyName',
        'email',
        'phone',
        'accountNumber',
        'isInactive',
        'lastModifiedDate',
      ];
      const row = Object.fromEntries(
        Object.entries(record)
          .filter(([k]) => COLUMNS.includes(k))
          .map(([k, v]) => [k.toLowerCase(), typeof v === 'boolean' ? (v ? 'T' : 'F') : v]),
      );
      const connector = connectorAnswering(() => ({
        json: { items: [row], hasMore: false, count: 1, offset: 0 },
      }));
      const page = await connector.readSupplierPage(ctx, null);
      // Its id as NetSuite gave it: never the text "null" or "undefined" of an id left out.
      if (page.suppliers.some((s) => s.externalId !== '56' || !s.name))
        throw new Error(`a vendor misread: ${JSON.stringify(page.suppliers)}`);
      return page;
    },
  },
  {
    // The currency list a send reads first (SuiteQL row of the currency record's fields): another currency
    // without a symbol is no reason not to send in ours.
    name: 'currency (SuiteQL row)',
    schema: 'currency',
    values: { id: '2', symbol: 'EUR', name: 'Euro', isBaseCurrency: false, isInactive: false },
    essential: [],
    read: async (record) => {
      const row = Object.fromEntries(
        Object.entries(record)
          .filter(([k]) => ['id', 'symbol'].includes(k))
          .map(([k, v]) => [k.toLowerCase(), v]),
      );
      const connector = connectorAnswering((method, path) => {
        if (path.startsWith('query/'))
          return { json: { items: [row, { id: '1', symbol: 'USD' }], hasMore: false, count: 2, offset: 0 } };
        return method === 'PUT' ? { status: 204, location: 'record/v1/vendorBill/130' } : { json: {} };
      });
      return sendOk(connector, false);
    },
  },
  {
    // A refusal in every shape: always a ConnectorError with a message, never "sent", never a crash.
    name: 'nsError',
    schema: 'nsError',
    values: {
      type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1',
      title: 'Bad Request',
      status: 400,
      'o:errorDetails': [
        {
          detail: 'Invalid value for the resource or sub-resource field account.',
          'o:errorCode': 'INVALID_VALUE',
        },
      ],
    },
    essential: [],
    read: async (record) => {
      const connector = connectorAnswering((_m, path) =>
        path.startsWith('query/') ? CURRENCY : { status: 400, json: record },
      );
      const [outcome] = await connector.sendDocuments(ctx, [outgoingDocument('invoice')]);
      if (outcome!.ok) throw new Error('a refusal was read as sent');
      if (!(outcome!.error instanceof ConnectorError) || !outcome!.error.userMessage)
        throw new Error(`refused without a message: ${String(outcome!.error)}`);
      return outcome;
    },
  },
];

/** Dates as a NetSuite account's date preference may write them in SuiteQL (not ISO 8601). */
function dateForms(c: Case, full: JsonObject): Variant[] {
  if (!('lastModifiedDate' in full)) return [];
  return ['2/11/2026 10:00 am', '02.11.2026 10:00', '2026-11-02 10:00:00'].map((value) => ({
    label: `lastModifiedDate as '${value}'`,
    path: 'lastModifiedDate',
    kind: 'other' as const,
    record: { ...full, lastModifiedDate: value },
  }));
}

describe.skipIf(!oracle)("NetSuite answers in every shape the REST API's OpenAPI description allows", () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const full = netSuiteRecord(c.schema, c.values);
    const variants = [...netSuiteVariants(c.schema, full), ...dateForms(c, full)];
    expect(variants.length).toBeGreaterThan(3);
    // A null is as good as left out for what NetSuite's records cannot be used without.
    expect(await findingsOf(c, variants, ['dropped', 'null'])).toEqual([]);
  });
});

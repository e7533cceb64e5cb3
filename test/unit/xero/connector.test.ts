// The Xero connector's pure parts: net unit amounts that round to our line amounts, the mapping of documents
// (statuses, line amount types, service orders, tracking), xero-node's rejections turned into plain messages,
// scopes and the Idempotency-Key.
import { describe, expect, it } from 'vitest';
import type { Invoice, PurchaseOrder } from 'xero-node';
import type { OutgoingDocument } from '../../../main/connectors/contract.js';
import { xeroStatusLabel } from '../../../main/connectors/xero/connector.js';
import { errorOf, failureOf, validationMessages } from '../../../main/connectors/xero/faults.js';
import { idempotencyKeyOf } from '../../../main/connectors/xero/keys.js';
import { mapDocument, unitAmountFor } from '../../../main/connectors/xero/mapping.js';
import { scopesOf, XeroSettings } from '../../../main/connectors/xero/settings.js';

const settings = XeroSettings.parse({});

function outgoing(
  overrides: Partial<OutgoingDocument['document']> = {},
  references: Record<string, string> = {},
) {
  const line = {
    id: 'l1',
    position: 0,
    description: 'Filters',
    quantity: '3',
    unitPrice: '12.99',
    discount: null,
    itemId: 'item1',
    accountId: 'acc1',
    taxRateId: null,
    customerId: null,
    classId: null,
    amount: '38.97',
    lineDiscount: '0.00',
    documentDiscount: '1.17',
    netAmount: '37.80',
    tax: '0.00',
  };
  return {
    document: {
      id: 'd1',
      type: 'purchase_order',
      number: 'PO-1',
      date: '2026-11-03',
      dueDate: null,
      currency: 'NZD',
      supplierInvoiceNumber: null,
      memo: null,
      fields: {},
      lines: [line],
      totals: { subtotal: '38.97', discount: '1.17', net: '37.80', tax: '0.00', gross: '37.80' },
      ...overrides,
    },
    supplier: { id: 's1', name: 'Acme' },
    references: { s1: 'contact-1', item1: 'AF-20', acc1: '310', ...references },
    existing: null,
    idempotencyKey: 'send:d1:1',
  } as unknown as OutgoingDocument;
}

describe('Xero mapping', () => {
  it('finds a net unit amount (≤ 4 decimals) whose line amount rounds to ours, or none', () => {
    expect(unitAmountFor(3, 3780, 2, '12.99')).toBe(12.6);
    const unit = unitAmountFor(7, 10001, 2, '14.30')!;
    expect(Math.round(7 * unit * 100)).toBe(10001);
    expect(unitAmountFor(1, 1001, 2, '10.01')).toBe(10.01);
    expect(unitAmountFor(100_000, 1, 2, '0')).toBeNull();
  });

  it('maps a purchase order: SUBMITTED by default, NoTax without tax rates, item and account codes, no discount', () => {
    const mapped = mapDocument(outgoing(), settings, []);
    expect(mapped.kind).toBe('PurchaseOrder');
    expect(mapped.purchaseOrder).toMatchObject({
      status: 'SUBMITTED',
      lineAmountTypes: 'NoTax',
      purchaseOrderNumber: 'PO-1',
      contact: { contactID: 'contact-1' },
      lineItems: [{ itemCode: 'AF-20', accountCode: '310', quantity: 3, unitAmount: 12.6 }],
    });
    expect(mapped.expectedTotalMinor).toBe(3780);
  });

  it('maps a service order with account codes only and a bill as ACCPAY with the supplier invoice number', () => {
    const so = mapDocument(
      outgoing({ type: 'service_order' }),
      XeroSettings.parse({ documentStatus: 'DRAFT' }),
      [],
    );
    expect(so.purchaseOrder?.status).toBe('DRAFT');
    expect(so.purchaseOrder?.lineItems?.[0]).not.toHaveProperty('itemCode');
    const bill = mapDocument(outgoing({ type: 'invoice', supplierInvoiceNumber: 'INV-9' }), settings, []);
    expect(bill.invoice).toMatchObject({ type: 'ACCPAY', invoiceNumber: 'INV-9', status: 'SUBMITTED' });
  });

  it('carries tracking by name and id, and refuses more than two categories', () => {
    const tracking = ['Region', 'Crew', 'Site'].map((name, n) => ({
      categoryId: `cat-${n}`,
      name,
      options: [{ id: `opt-${n}`, name: `Option ${n}` }],
    }));
    const two = outgoing({ fields: { region: 'f0', crew: 'f1' } }, { f0: 'opt-0', f1: 'opt-1' });
    expect(mapDocument(two, settings, tracking).purchaseOrder?.lineItems?.[0]?.tracking).toEqual([
      { trackingCategoryID: 'cat-0', trackingOptionID: 'opt-0', name: 'Region', option: 'Option 0' },
      { trackingCategoryID: 'cat-1', trackingOptionID: 'opt-1', name: 'Crew', option: 'Option 1' },
    ]);
    const three = outgoing(
      { fields: { a: 'f0', b: 'f1', c: 'f2' } },
      { f0: 'opt-0', f1: 'opt-1', f2: 'opt-2' },
    );
    expect(() => mapDocument(three, settings, tracking)).toThrow(/at most two/);
  });

  it('asks for a pairing when the supplier has no Xero contact', () => {
    const doc = outgoing();
    delete doc.references.s1;
    expect(() => mapDocument(doc, settings, [])).toThrow(/not paired with a Xero contact/);
  });
});

describe('Xero faults', () => {
  it("reads xero-node's JSON-string rejection, including an empty 429 body", () => {
    const rejection = JSON.stringify({
      response: {
        statusCode: 429,
        body: '',
        headers: { 'Retry-After': '30', 'X-Rate-Limit-Problem': 'minute' },
      },
    });
    const failure = failureOf(rejection);
    expect(failure).toMatchObject({
      status: 429,
      headers: { 'retry-after': '30', 'x-rate-limit-problem': 'minute' },
    });
    expect(errorOf(failure, 'bill X')).toMatchObject({ kind: 'transient', retryAfterMs: 30_000 });
  });

  it('the daily limit says the queue pauses until the reset', () => {
    const error = errorOf(
      { status: 429, body: null, headers: { 'retry-after': '7200', 'x-rate-limit-problem': 'day' } },
      'x',
    );
    expect(error.userMessage).toContain('daily limit of 5,000 calls');
    expect(error.retryAfterMs).toBe(7_200_000);
  });

  it('validation, lock date, 401 and 403 become plain messages', () => {
    const body = {
      ErrorNumber: 10,
      Type: 'ValidationException',
      Message: 'A validation exception occurred',
      Elements: [
        {
          ValidationErrors: [
            { Message: 'The document date cannot be before the period lock date, 2026-10-31.' },
          ],
        },
      ],
    };
    expect(validationMessages(body)).toEqual([
      'The document date cannot be before the period lock date, 2026-10-31.',
    ]);
    expect(errorOf({ status: 400, body, headers: {} }, 'bill B-1')).toMatchObject({
      kind: 'needs_user',
      userMessage: expect.stringContaining('locked in Xero'),
    });
    expect(errorOf({ status: 401, body: { Detail: 'TokenExpired' }, headers: {} }, 'x').kind).toBe('auth');
    expect(errorOf({ status: 403, body: null, headers: {} }, 'x').userMessage).toContain('Reconnect');
    expect(errorOf({ status: 0, body: 'socket hang up', headers: {} }, 'x').kind).toBe('transient');
  });
});

describe('Xero settings and keys', () => {
  it('defaults to the granular scopes; broad on request; offline_access always there', () => {
    expect(scopesOf(settings)).toContain('accounting.invoices');
    expect(scopesOf(settings)).not.toContain('accounting.transactions');
    expect(scopesOf(XeroSettings.parse({ scopes: 'broad' }))).toContain('accounting.transactions');
    expect(scopesOf(XeroSettings.parse({ scopes: ['accounting.contacts'] }))).toEqual([
      'accounting.contacts',
      'offline_access',
    ]);
    expect(() => XeroSettings.parse({ documentStatus: 'PAID' })).toThrow();
  });

  it('derives the same key for the same documents in any order, within 128 characters', () => {
    const keys = Array.from({ length: 50 }, (_, i) => `send:doc-${i}:rev-1`);
    const key = idempotencyKeyOf(keys);
    expect(key.length).toBeLessThanOrEqual(128);
    expect(idempotencyKeyOf([...keys].reverse())).toBe(key);
    expect(idempotencyKeyOf(keys.slice(1))).not.toBe(key);
  });
});

describe('Xero statuses in the log', () => {
  it("uses the words of Xero's own screens", () => {
    const po = (status: string) => ({ purchaseOrderID: 'p', status }) as unknown as PurchaseOrder;
    const bill = (status: string) => ({ invoiceID: 'i', status }) as unknown as Invoice;
    expect(xeroStatusLabel(po('SUBMITTED'))).toBe('Awaiting approval');
    expect(xeroStatusLabel(bill('SUBMITTED'))).toBe('Awaiting approval');
    expect(xeroStatusLabel(po('AUTHORISED'))).toBe('Approved');
    expect(xeroStatusLabel(bill('AUTHORISED'))).toBe('Awaiting payment');
    expect(xeroStatusLabel(po('DRAFT'))).toBe('Draft');
    expect(xeroStatusLabel(po('BILLED'))).toBe('Billed');
    expect(xeroStatusLabel(bill('PAID'))).toBe('Paid');
    expect(xeroStatusLabel(bill('VOIDED'))).toBe('Voided');
    expect(xeroStatusLabel(po(''))).toBe('status not given');
  });
});

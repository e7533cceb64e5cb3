// Our documents as QuickBooks Online bodies, judged by Intuit's schema (the oracle) and by arithmetic: the lines
// add up to our totals to the cent, whatever the discount, tax model or detail type.
import { describe, expect, it } from 'vitest';
import type { DocumentT, SupplierT } from '../../../preload/contract.js';
import type { OutgoingDocument } from '../../../main/connectors/contract.js';
import type { CompanyProfile } from '../../../main/connectors/quickbooks-online/company.js';
import { mapDocument } from '../../../main/connectors/quickbooks-online/mapping.js';
import { QboSettings } from '../../../main/connectors/quickbooks-online/settings.js';
import {
  computeTotals,
  formatLineTotals,
  formatTotals,
  type DiscountInput,
} from '../../../main/domain/totals.js';
import { qboOracleAvailable, validateEntity } from '../../simulators/quickbooks-online/oracle.js';
import { isCI } from '../../integration/secrets/keychain-probe.js';

const oracle = qboOracleAvailable();
if (!oracle && isCI) throw new Error('../shared/oracles/qbo/ is missing: needed on CI');

const US: CompanyProfile = {
  companyName: 'Northwind',
  country: 'US',
  usTax: true,
  homeCurrency: 'USD',
  multiCurrency: false,
  classTracking: 'line',
  trackDepartments: true,
  departmentTerminology: 'Location',
  bookCloseDate: null,
  purchaseOrders: true,
  subscription: 'QuickBooks Online Plus',
  warnDuplicateBillNumber: true,
};
const UK: CompanyProfile = { ...US, country: 'GB', usTax: false, homeCurrency: 'GBP' };

type LineSpec = {
  quantity: string;
  unitPrice: string;
  discount?: DiscountInput;
  itemId?: string;
  accountId?: string;
  taxRateId?: string;
  tax?: string;
  classId?: string;
};

function doc(
  type: DocumentT['type'],
  lines: LineSpec[],
  extra: Partial<DocumentT> = {},
  discount: DiscountInput = null,
): DocumentT {
  const currency = extra.currency ?? 'USD';
  const totals = computeTotals({
    decimals: 2,
    discount,
    lines: lines.map((l) => ({ ...l, taxPercent: l.tax ?? null })),
  });
  return {
    id: 'doc-1',
    companyId: 'co',
    type,
    number: 'N-1',
    status: 'approved',
    revision: 0,
    supplierId: 'sup-1',
    supplierName: 'Acme',
    date: '2026-11-03',
    dueDate: null,
    currency,
    supplierInvoiceNumber: type === 'invoice' ? 'INV-9' : null,
    memo: 'Deliver to the back door',
    discount: discount ?? null,
    fields: { location: 'loc-1', class: 'cls-1' },
    linkedDocumentId: null,
    lines: lines.map((l, i) => ({
      id: `l${i}`,
      position: i,
      description: `Line ${i + 1}`,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount: l.discount ?? null,
      itemId: l.itemId ?? null,
      accountId: l.accountId ?? null,
      taxRateId: l.taxRateId ?? null,
      customerId: null,
      classId: l.classId ?? null,
      locationId: null,
      departmentId: null,
      lineDiscount: (totals.lines[i]!.lineDiscount / 100).toFixed(2),
      documentDiscount: (totals.lines[i]!.documentDiscount / 100).toFixed(2),
      ...formatLineTotals(totals.lines[i]!, 2),
    })),
    totals: formatTotals(totals.totals, 2),
    sync: [],
    paymentStatus: null,
    payments: [],
    history: [],
    availableActions: [],
    editable: false,
    createdAt: '2026-11-03T00:00:00Z',
    updatedAt: '2026-11-03T00:00:00Z',
    ...extra,
  };
}

const supplier = { id: 'sup-1', name: 'Acme' } as SupplierT;
const references = { 'sup-1': '56', item: '11', acct: '80', 'loc-1': '3', 'cls-1': '7', vat: '4' };
const outgoing = (
  document: DocumentT,
  linked: OutgoingDocument['linkedDocument'] = null,
): OutgoingDocument => ({
  document,
  supplier,
  references,
  existing: null,
  idempotencyKey: 'k',
  linkedDocument: linked,
});
const sum = (body: Record<string, unknown>) =>
  Math.round((body.Line as { Amount: number }[]).reduce((a, l) => a + l.Amount * 100, 0));

describe.skipIf(!oracle)('QuickBooks Online mapping', () => {
  it('a purchase order: item and category lines, discounts netted, valid for Intuit, totals to the cent', () => {
    const d = doc(
      'purchase_order',
      [
        { quantity: '3', unitPrice: '12.99', itemId: 'item', discount: { percent: '7.5' } },
        { quantity: '1.333', unitPrice: '10.01', accountId: 'acct' },
      ],
      {},
      { percent: '3' },
    );
    const { entity, body, expectedTotalMinor } = mapDocument(outgoing(d), US, QboSettings.parse({}), null);
    expect(entity).toBe('PurchaseOrder');
    expect(validateEntity(entity, body)).toEqual([]);
    expect(sum(body)).toBe(Math.round(Number(d.totals.net) * 100));
    expect(expectedTotalMinor).toBe(sum(body));
    const [item, account] = body.Line as Record<string, Record<string, unknown>>[];
    const detail = item!.ItemBasedExpenseLineDetail as { Qty: number; UnitPrice: number; ClassRef?: unknown };
    expect(
      Math.abs(Math.round(detail.Qty * detail.UnitPrice * 100) - Math.round(Number(item!.Amount) * 100)),
    ).toBeLessThanOrEqual(0);
    expect(detail.ClassRef).toEqual({ value: '7' });
    expect(account!.DetailType).toBe('AccountBasedExpenseLineDetail');
    expect(body).toMatchObject({
      DepartmentRef: { value: '3' },
      Memo: 'Deliver to the back door',
      VendorRef: { value: '56' },
    });
  });

  it('a service order: category lines only, even for a line with a synced item', () => {
    const d = doc('service_order', [{ quantity: '2', unitPrice: '45.5', itemId: 'item', accountId: 'acct' }]);
    const { body } = mapDocument(outgoing(d), US, QboSettings.parse({}), null);
    expect((body.Line as { DetailType: string }[]).map((l) => l.DetailType)).toEqual([
      'AccountBasedExpenseLineDetail',
    ]);
    expect(validateEntity('PurchaseOrder', body)).toEqual([]);
  });

  it('a bill linked to its purchase order line by line, with DocNumber = the supplier invoice number', () => {
    const d = doc('invoice', [
      { quantity: '1', unitPrice: '10', accountId: 'acct' },
      { quantity: '2', unitPrice: '5', itemId: 'item' },
    ]);
    const { entity, body } = mapDocument(
      outgoing(d, { documentId: 'po', externalId: '130' }),
      US,
      QboSettings.parse({}),
      { id: '130', lineIds: ['1', '2'] },
    );
    expect(entity).toBe('Bill');
    expect(validateEntity('Bill', body)).toEqual([]);
    expect(body.DocNumber).toBe('INV-9');
    expect(body.LinkedTxn).toEqual([{ TxnId: '130', TxnType: 'PurchaseOrder' }]);
    expect((body.Line as { LinkedTxn: unknown }[]).map((l) => l.LinkedTxn)).toEqual([
      [{ TxnId: '130', TxnType: 'PurchaseOrder', TxnLineId: '1' }],
      [{ TxnId: '130', TxnType: 'PurchaseOrder', TxnLineId: '2' }],
    ]);
  });

  it('non-US: a tax code on every line and GlobalTaxCalculation; the expected total includes the tax', () => {
    const d = doc(
      'invoice',
      [{ quantity: '3', unitPrice: '19.99', accountId: 'acct', taxRateId: 'vat', tax: '20' }],
      { currency: 'GBP' },
    );
    const { body, expectedTotalMinor } = mapDocument(
      outgoing(d),
      UK,
      QboSettings.parse({ taxCodeMap: { vat: '4' } }),
      null,
    );
    expect(validateEntity('Bill', body)).toEqual([]);
    expect(body.GlobalTaxCalculation).toBe('TaxExcluded');
    expect(
      (body.Line as { AccountBasedExpenseLineDetail: { TaxCodeRef: unknown } }[])[0]!
        .AccountBasedExpenseLineDetail.TaxCodeRef,
    ).toEqual({ value: '4' });
    expect(expectedTotalMinor).toBe(Math.round(Number(d.totals.gross) * 100));
    const untaxed = doc('invoice', [{ quantity: '1', unitPrice: '1', accountId: 'acct' }], {
      currency: 'GBP',
    });
    expect(() => mapDocument(outgoing(untaxed), UK, QboSettings.parse({}), null)).toThrow(
      /tax code on every line/,
    );
  });

  it('a discount account: lines at full price and one negative discount line, same total', () => {
    const d = doc(
      'purchase_order',
      [{ quantity: '4', unitPrice: '25', accountId: 'acct', discount: { amount: '10' } }],
      {},
      { percent: '5' },
    );
    const { body } = mapDocument(outgoing(d), US, QboSettings.parse({ discountAccountId: '99' }), null);
    expect(validateEntity('PurchaseOrder', body)).toEqual([]);
    const lines = body.Line as { Amount: number; Description?: string }[];
    expect(lines.map((l) => l.Amount)).toEqual([100, -14.5]);
    expect(sum(body)).toBe(Math.round(Number(d.totals.net) * 100));
  });

  it('refuses before any call: closed period, no purchase orders, a number over 21 characters, a foreign currency', () => {
    const d = doc('purchase_order', [{ quantity: '1', unitPrice: '1', accountId: 'acct' }]);
    expect(() =>
      mapDocument(outgoing(d), { ...US, bookCloseDate: '2026-11-03' }, QboSettings.parse({}), null),
    ).toThrow(/closing date in QuickBooks \(2026-11-03\)/);
    expect(() =>
      mapDocument(outgoing(d), { ...US, purchaseOrders: false }, QboSettings.parse({}), null),
    ).toThrow(/Plus or Advanced/);
    expect(() =>
      mapDocument(outgoing({ ...d, number: 'PO-2026-000000000000001' }), US, QboSettings.parse({}), null),
    ).toThrow(/at most 21 characters/);
    expect(() => mapDocument(outgoing({ ...d, currency: 'EUR' }), US, QboSettings.parse({}), null)).toThrow(
      /works only in USD/,
    );
  });
});

describe('QuickBooks Online settings', () => {
  it('uses the sandbox API for sandbox companies left on the production address', async () => {
    const { qboSettingsOf } = await import('../../../main/connectors/quickbooks-online/settings.js');
    expect(qboSettingsOf({ environment: 'sandbox' }).apiBaseUrl).toBe(
      'https://sandbox-quickbooks.api.intuit.com',
    );
    expect(qboSettingsOf({}).apiBaseUrl).toBe('https://quickbooks.api.intuit.com');
    expect(qboSettingsOf({ environment: 'sandbox', apiBaseUrl: 'http://127.0.0.1:9' }).apiBaseUrl).toBe(
      'http://127.0.0.1:9',
    );
  });
});

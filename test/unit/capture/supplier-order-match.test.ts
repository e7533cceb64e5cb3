import { describe, expect, it } from 'vitest';
import { orderKey, rankOrders, type OrderForMatch } from '../../../main/domain/capture/order-match.js';
import {
  matchSupplier,
  nameWords,
  type SupplierCandidate,
} from '../../../main/domain/capture/supplier-match.js';

const supplier = (over: Partial<SupplierCandidate> & { id: string; name: string }): SupplierCandidate => ({
  email: null,
  taxId: null,
  accountNumber: null,
  country: null,
  currency: null,
  ...over,
});

const suppliers = [
  supplier({ id: 'harrow', name: 'Harrow & Finch Ltd', taxId: 'GB 318 4471 26' }),
  supplier({ id: 'acme', name: 'Acme Industrial Supply Co.', email: 'billing@acme.example' }),
  supplier({ id: 'pine', name: 'Pinewood Facility Services', accountNumber: '41207783' }),
  supplier({ id: 'cobalt', name: 'Cobalt Office Furniture Inc' }),
];

describe('matchSupplier', () => {
  it('matches by tax id however it is spaced', () => {
    const m = matchSupplier(suppliers, { lines: ['VAT Reg No: GB318447126'], emails: [], printedName: null });
    expect(m).toMatchObject({ supplier: { id: 'harrow' }, by: 'tax_id' });
  });

  it('matches by email', () => {
    const m = matchSupplier(suppliers, {
      lines: ['Questions? billing@acme.example'],
      emails: ['Billing@Acme.example'],
      printedName: 'Some Letterhead',
    });
    expect(m).toMatchObject({ supplier: { id: 'acme' }, by: 'email' });
  });

  it('matches by bank account number', () => {
    const m = matchSupplier(suppliers, {
      lines: ['Bank: sort code 30-94-57, account 4120 7783'],
      emails: [],
      printedName: null,
    });
    expect(m).toMatchObject({ supplier: { id: 'pine' }, by: 'bank_account' });
  });

  it('matches by name without case, punctuation, "&"/"and" or legal forms', () => {
    expect(nameWords('HARROW AND FINCH LIMITED')).toEqual(nameWords('Harrow & Finch Ltd'));
    const m = matchSupplier(suppliers, {
      lines: ['COBALT OFFICE FURNITURE, INC.'],
      emails: [],
      printedName: null,
    });
    expect(m).toMatchObject({ supplier: { id: 'cobalt' }, by: 'name' });
  });

  it('finds nobody rather than guess', () => {
    expect(
      matchSupplier(suppliers, { lines: ['Zenith Plumbing'], emails: [], printedName: 'Zenith Plumbing' }),
    ).toBeNull();
  });
});

const order = (over: Partial<OrderForMatch> & { id: string; number: string }): OrderForMatch => ({
  type: 'purchase_order',
  supplierId: 'acme',
  currency: 'USD',
  grossMinor: 10_000,
  netMinor: 10_000,
  lines: [],
  ...over,
});

describe('rankOrders', () => {
  const orders = [
    order({ id: 'po1', number: 'PO-1042', grossMinor: 55_000 }),
    order({
      id: 'so7',
      number: 'SO-1007',
      type: 'service_order',
      grossMinor: 21_650,
      netMinor: 20_000,
      lines: [{ description: 'Fire extinguisher service', quantity: '4', unitPrice: '50' }],
    }),
    order({ id: 'other', number: 'PO-1043', supplierId: 'cobalt', grossMinor: 21_650 }),
  ];

  it('takes the printed order number first, written any way', () => {
    expect(orderKey('PO 01042')).toBe(orderKey('po-1042'));
    const ranked = rankOrders(
      {
        printedOrderNumber: 'po 1042',
        supplierId: 'acme',
        currency: 'USD',
        subtotalMinor: null,
        totalMinor: 1,
        lines: [],
      },
      orders,
    );
    expect(ranked[0]).toMatchObject({ order: { id: 'po1' }, matchedBy: 'printed_number' });
  });

  it('otherwise proposes the supplier’s order, purchase or service, whose amounts and lines agree', () => {
    const ranked = rankOrders(
      {
        printedOrderNumber: null,
        supplierId: 'acme',
        currency: 'USD',
        subtotalMinor: 20_000,
        totalMinor: 21_650,
        lines: [{ description: 'Fire extinguisher service', quantity: '4', unitPrice: '50' }],
      },
      orders,
    );
    expect(ranked[0]).toMatchObject({
      order: { id: 'so7', type: 'service_order' },
      matchedBy: 'supplier_amounts',
    });
    expect(ranked.map((r) => r.order.id)).not.toContain('other'); // another supplier's order
  });
});

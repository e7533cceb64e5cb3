import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors';
import {
  assertValidDocument,
  validateDocument,
  type ValidationContext,
  type ValidationLine,
} from '../../../main/domain/validation';

const acme = { id: 's1', name: 'Acme Supplies', currency: 'USD', active: true };

function ctx(overrides: Partial<ValidationContext> = {}): ValidationContext {
  return {
    type: 'purchase_order',
    supplierId: 's1',
    currency: 'USD',
    date: '2025-03-01',
    dueDate: '2025-03-31',
    discount: null,
    lines: [
      { quantity: '3', unitPrice: '19.99', discount: null, taxRateId: 't20' },
      { quantity: '2.5', unitPrice: '4.333', discount: { percent: '10' }, taxRateId: null },
    ],
    linkedDocumentId: null,
    supplierInvoiceNumber: null,
    supplier: acme,
    linkedDocument: undefined,
    taxRates: new Map([['t20', '20']]),
    decimals: 2,
    ...overrides,
  };
}

function line(overrides: Partial<ValidationLine> = {}): ValidationLine {
  return { quantity: '1', unitPrice: '10.00', discount: null, taxRateId: null, ...overrides };
}

describe('validateDocument', () => {
  it('accepts a sound document', () => {
    expect(validateDocument(ctx())).toEqual([]);
    expect(() => assertValidDocument(ctx())).not.toThrow();
  });

  it('reports an unknown and an inactive supplier', () => {
    expect(validateDocument(ctx({ supplier: null }))).toEqual([
      { field: 'supplierId', message: 'Choose a supplier: the one given does not exist.' },
    ]);
    expect(validateDocument(ctx({ supplier: { ...acme, active: false } }))).toEqual([
      {
        field: 'supplierId',
        message: 'The supplier Acme Supplies is inactive; reactivate it or choose another supplier.',
      },
    ]);
  });

  it('asks for at least one line', () => {
    expect(validateDocument(ctx({ lines: [] }))).toEqual([
      { field: 'lines', message: 'Add at least one line.' },
    ]);
  });

  it('reports malformed, negative and zero numbers on the right line, 1-based', () => {
    const problems = validateDocument(
      ctx({
        lines: [
          line(),
          line({ quantity: '12,5' }),
          line({ quantity: '-1' }),
          line({ quantity: '0' }),
          line({ unitPrice: '-3' }),
          line({ unitPrice: '1e3' }),
        ],
      }),
    );
    expect(problems).toEqual([
      {
        field: 'lines.1.quantity',
        message:
          'Line 2: the quantity "12,5" is not a number we can read: use a point (.) for decimals and no thousands separators, e.g. 1234.50.',
      },
      { field: 'lines.2.quantity', message: 'Line 3: quantity cannot be negative.' },
      {
        field: 'lines.3.quantity',
        message: 'Line 4: quantity cannot be zero; remove the line if it is not needed.',
      },
      { field: 'lines.4.unitPrice', message: 'Line 5: unit price cannot be negative.' },
      {
        field: 'lines.5.unitPrice',
        message:
          'Line 6: the unit price "1e3" is written with an exponent; write the number out in full (1e3 is 1000).',
      },
    ]);
  });

  it('allows a free line (price 0)', () => {
    expect(validateDocument(ctx({ lines: [line({ unitPrice: '0' })] }))).toEqual([]);
  });

  it('checks line discounts: percent range, negative amount, precision, larger than the line', () => {
    const problems = validateDocument(
      ctx({
        lines: [
          line({ discount: { percent: '101' } }),
          line({ discount: { percent: '-1' } }),
          line({ discount: { amount: '-2.00' } }),
          line({ discount: { amount: '1.005' } }),
          line({ discount: { amount: '15.00' } }),
          line({ discount: { percent: '100' } }),
          line({ discount: { amount: '10.00' } }),
        ],
      }),
    );
    expect(problems).toEqual([
      { field: 'lines.0.discount.percent', message: 'Line 1: the discount must be between 0 and 100 %.' },
      { field: 'lines.1.discount.percent', message: 'Line 2: the discount must be between 0 and 100 %.' },
      { field: 'lines.2.discount.amount', message: 'Line 3: the discount cannot be negative.' },
      {
        field: 'lines.3.discount.amount',
        message:
          'Line 4: the discount amount 1.005 has too many decimal places: USD amounts have at most 2 decimal places. Round it, for example to 1.01.',
      },
      {
        field: 'lines.4.discount.amount',
        message: 'Line 5: the discount (15.00) is larger than the amount it applies to (10.00).',
      },
    ]);
  });

  it('checks the document discount against the lines it applies to', () => {
    // lines: 59.97 + (10.83 − 1.08) = 69.72
    expect(validateDocument(ctx({ discount: { amount: '70.00' } }))).toEqual([
      {
        field: 'discount.amount',
        message: 'The discount (70.00) is larger than the amount it applies to (69.72).',
      },
    ]);
    expect(validateDocument(ctx({ discount: { amount: '69.72' } }))).toEqual([]);
    expect(validateDocument(ctx({ discount: { percent: '100.01' } }))).toEqual([
      { field: 'discount.percent', message: 'The document discount must be between 0 and 100 %.' },
    ]);
    expect(validateDocument(ctx({ discount: { amount: '-1' } }))).toEqual([
      { field: 'discount.amount', message: 'The document discount cannot be negative.' },
    ]);
    expect(validateDocument(ctx({ discount: { percent: 'ten' } }))).toEqual([
      {
        field: 'discount.percent',
        message:
          'The document discount percentage "ten" is not a number: write it with digits and an optional decimal point, e.g. 12.50.',
      },
    ]);
  });

  it('reports a discount on a document without lines', () => {
    expect(validateDocument(ctx({ lines: [], discount: { amount: '5' } }))).toEqual([
      { field: 'lines', message: 'Add at least one line.' },
      {
        field: 'discount.amount',
        message: 'The discount (5.00) is larger than the amount it applies to (0.00).',
      },
    ]);
  });

  it('reports currency mismatches with the supplier and the linked document', () => {
    expect(validateDocument(ctx({ currency: 'EUR' }))).toEqual([
      {
        field: 'currency',
        message:
          "This purchase order is in EUR, but Acme Supplies bills in USD; use USD, or change the supplier's currency.",
      },
    ]);
    expect(validateDocument(ctx({ currency: 'EUR', supplier: { ...acme, currency: null } }))).toEqual([]);
    expect(
      validateDocument(
        ctx({
          type: 'invoice',
          supplier: { ...acme, currency: null },
          currency: 'EUR',
          linkedDocumentId: 'd9',
          linkedDocument: { type: 'purchase_order', supplierId: 's1', currency: 'USD', number: 'PO-0012' },
        }),
      ),
    ).toEqual([
      {
        field: 'currency',
        message:
          'This invoice is in EUR, but the linked purchase order PO-0012 is in USD; both must use the same currency.',
      },
    ]);
  });

  it('checks links: only invoices and receipts link, only to orders, of the same supplier, that exist', () => {
    const order = { type: 'purchase_order' as const, supplierId: 's1', currency: 'USD', number: 'PO-0012' };
    expect(validateDocument(ctx({ type: 'invoice', linkedDocumentId: 'd9', linkedDocument: order }))).toEqual(
      [],
    );
    expect(
      validateDocument(
        ctx({ type: 'receipt', linkedDocumentId: 'd9', linkedDocument: { ...order, type: 'service_order' } }),
      ),
    ).toEqual([]);
    expect(
      validateDocument(ctx({ type: 'purchase_order', linkedDocumentId: 'd9', linkedDocument: order })),
    ).toEqual([
      {
        field: 'linkedDocumentId',
        message:
          'A purchase order cannot be linked to another document; only invoices and receipts link to the order they belong to.',
      },
    ]);
    expect(
      validateDocument(
        ctx({
          type: 'invoice',
          linkedDocumentId: 'd9',
          linkedDocument: { ...order, type: 'invoice', number: 'B-7' },
        }),
      ),
    ).toEqual([
      {
        field: 'linkedDocumentId',
        message: 'An invoice can be linked only to a purchase order or a service order; B-7 is an invoice.',
      },
    ]);
    expect(
      validateDocument(
        ctx({ type: 'invoice', linkedDocumentId: 'd9', linkedDocument: { ...order, supplierId: 's2' } }),
      ),
    ).toEqual([
      {
        field: 'linkedDocumentId',
        message:
          'The linked purchase order PO-0012 is for another supplier; link an order of the same supplier, or change the supplier.',
      },
    ]);
    expect(validateDocument(ctx({ type: 'receipt', linkedDocumentId: 'd9', linkedDocument: null }))).toEqual([
      {
        field: 'linkedDocumentId',
        message:
          'The linked document does not exist; choose the purchase order or service order this receipt belongs to.',
      },
    ]);
    // a forgotten lookup is treated as "not found", never as a pass
    expect(
      validateDocument(ctx({ type: 'invoice', linkedDocumentId: 'd9', linkedDocument: undefined })),
    ).toHaveLength(1);
  });

  it('reports an unknown tax rate', () => {
    expect(validateDocument(ctx({ lines: [line(), line({ taxRateId: 'nope' })] }))).toEqual([
      {
        field: 'lines.1.taxRateId',
        message: 'Line 2: the tax rate given does not exist; choose one from the list of tax rates.',
      },
    ]);
  });

  it('reports dates', () => {
    expect(validateDocument(ctx({ date: '2025-03-10', dueDate: '2025-03-09' }))).toEqual([
      {
        field: 'dueDate',
        message:
          'The due date (2025-03-09) is before the document date (2025-03-10); it must be on or after it.',
      },
    ]);
    expect(validateDocument(ctx({ date: '2025-03-10', dueDate: '2025-03-10' }))).toEqual([]);
    expect(validateDocument(ctx({ date: '2025-02-30', dueDate: null }))).toEqual([
      { field: 'date', message: 'The date must be a real date written as YYYY-MM-DD.' },
    ]);
  });

  it('reports huge numbers plainly instead of crashing', () => {
    const problems = validateDocument(
      ctx({ lines: [line({ quantity: '99999999999999999999', unitPrice: '99999999999999999999' })] }),
    );
    expect(problems).toEqual([
      {
        field: 'lines.0',
        message:
          'Line 1: the amount (quantity × unit price) is too large: amounts must stay below 90071992547409.91; check for a mistyped number.',
      },
    ]);
    const manyLines = Array.from({ length: 3 }, () => line({ unitPrice: '40000000000000' }));
    expect(validateDocument(ctx({ lines: manyLines }))).toEqual([
      {
        field: 'lines',
        message:
          "The document's totals are too large: amounts must stay below 90071992547409.91; check for a mistyped number.",
      },
    ]);
    expect(validateDocument(ctx({ discount: { amount: '1'.repeat(30) } }))[0]?.message).toContain(
      'The document discount is too large',
    );
    expect(validateDocument(ctx({ lines: [line({ quantity: '9'.repeat(100) })] }))[0]?.message).toContain(
      'too many digits',
    );
  });

  it('uses the currency decimals for amounts', () => {
    expect(
      validateDocument(
        ctx({
          currency: 'JPY',
          supplier: { ...acme, currency: 'JPY' },
          decimals: 0,
          discount: { amount: '10.5' },
        }),
      ),
    ).toEqual([
      {
        field: 'discount.amount',
        message:
          'The document discount amount 10.5 has too many decimal places: JPY amounts are whole numbers. Round it, for example to 11.',
      },
    ]);
  });

  it('collects every problem at once, and assertValidDocument throws them as validation_failed', () => {
    const bad = ctx({ supplier: null, lines: [line({ quantity: '-1' })], dueDate: '2000-01-01' });
    const problems = validateDocument(bad);
    expect(problems.map((p) => p.field)).toEqual(['supplierId', 'dueDate', 'lines.0.quantity']);
    try {
      assertValidDocument(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('validation_failed');
      expect((error as AppError).problems).toEqual(problems);
    }
  });
});

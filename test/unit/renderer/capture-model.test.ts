// The review form's logic: the form as proposed, which fields are marked for a check, and the boxes the page
// preview draws.
import { describe, expect, it } from 'vitest';
import {
  fieldState,
  highlights,
  initialForm,
  LOW_CONFIDENCE,
} from '../../../renderer/src/features/capture/model';
import type { Proposal } from '../../../renderer/src/features/capture/store';

function proposal(change: Partial<Proposal> = {}): Proposal {
  return {
    fileName: 'acme.pdf',
    sha256: 'ab'.repeat(32),
    mimeType: 'application/pdf',
    pages: [{ number: 1, width: 595, height: 842, source: 'text', imageBase64: null }],
    supplierId: 'sup-1',
    supplierInvoiceNumber: 'INV-1001',
    date: '2025-05-02',
    dueDate: null,
    currency: 'USD',
    lines: [
      {
        description: 'Filters',
        quantity: '2',
        unitPrice: '10.00',
        amount: '20.00',
        taxRateId: null,
        confidence: 0.95,
        location: { page: 1, box: { x: 0.1, y: 0.4, w: 0.8, h: 0.02 } },
      },
      {
        description: 'Labour',
        quantity: '1',
        unitPrice: '80.00',
        amount: '80.00',
        taxRateId: null,
        confidence: 0.5,
        location: null,
      },
    ],
    linkedDocumentId: null,
    supplierName: 'Acme Supplies',
    supplierMatchedBy: 'tax_id',
    printedOrderNumber: null,
    totals: { subtotal: '100.00', tax: '8.00', total: '108.00' },
    orderCandidates: [],
    confidence: { supplierInvoiceNumber: 0.97, date: 0.62, total: 0.4 },
    locations: {
      supplierInvoiceNumber: { page: 1, box: { x: 0.6, y: 0.1, w: 0.2, h: 0.02 } },
      total: { page: 1, box: { x: 0.7, y: 0.8, w: 0.1, h: 0.02 } },
    },
    duplicates: [],
    warnings: [],
    learned: [],
    language: 'en',
    ...change,
  };
}

describe('initialForm', () => {
  it('starts from what was read, with empty text for what was not', () => {
    const form = initialForm(proposal());
    expect(form).toMatchObject({
      supplierId: 'sup-1',
      supplierInvoiceNumber: 'INV-1001',
      date: '2025-05-02',
      dueDate: '',
      currency: 'USD',
      linkedDocumentId: '',
      confirmDuplicate: false,
    });
    expect(form.lines.map((l) => l.description)).toEqual(['Filters', 'Labour']);
  });

  it('copies the lines, so editing the form leaves the proposal as read', () => {
    const p = proposal();
    const form = initialForm(p);
    form.lines[0]!.description = 'Changed';
    expect(p.lines[0]?.description).toBe('Filters');
  });
});

describe('fieldState', () => {
  it('marks a field read below the threshold, with its confidence in the hint', () => {
    expect(fieldState(proposal(), 'date')).toEqual({
      low: true,
      hint: 'Check this: read with 62 % confidence',
    });
  });

  it('leaves sure fields and fields without a confidence unmarked', () => {
    expect(fieldState(proposal(), 'supplierInvoiceNumber')).toEqual({ low: false, hint: undefined });
    expect(fieldState(proposal(), 'dueDate')).toEqual({ low: false, hint: undefined });
    expect(fieldState(proposal({ confidence: { date: LOW_CONFIDENCE } }), 'date').low).toBe(false);
  });
});

describe('highlights', () => {
  it('draws a box per field and per located line, low ones marked', () => {
    const p = proposal();
    const boxes = highlights(p, initialForm(p));
    expect(boxes.map((h) => [h.field, h.low, h.title])).toEqual([
      ['supplierInvoiceNumber', false, 'Supplier invoice number'],
      ['total', true, 'Total'],
      ['line-0', false, 'Line 1'],
    ]);
  });

  it('follows the form’s lines: a removed line loses its box', () => {
    const p = proposal();
    const form = initialForm(p);
    const boxes = highlights(p, { ...form, lines: form.lines.slice(1) });
    expect(boxes.some((h) => h.field.startsWith('line-'))).toBe(false);
  });
});

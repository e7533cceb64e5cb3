import { describe, expect, it } from 'vitest';
import {
  createInput,
  elementIdForField,
  emptyForm,
  newLine,
  updateInput,
  type DocumentForm,
} from '../../../renderer/src/lib/editorModel';

function form(patch: Partial<DocumentForm>): DocumentForm {
  return { ...emptyForm('2025-03-01'), ...patch };
}

describe('editor model', () => {
  it('builds documents.create input, leaving blanks out or null', () => {
    const line = {
      ...newLine(),
      description: 'Bolts',
      quantity: ' 3 ',
      unitPrice: '1.25',
      discount: '10',
      taxRateId: 't1',
    };
    const input = createInput(
      'c1',
      form({ supplierId: 's1', currency: 'eur', discount: '5', discountMode: 'amount', lines: [line] }),
    );
    expect(input).toEqual({
      companyId: 'c1',
      type: 'purchase_order',
      supplierId: 's1',
      date: '2025-03-01',
      dueDate: null,
      currency: 'EUR',
      supplierInvoiceNumber: null,
      memo: null,
      discount: { amount: '5' },
      linkedDocumentId: null,
      lines: [
        {
          description: 'Bolts',
          quantity: '3',
          unitPrice: '1.25',
          discount: { percent: '10' },
          taxRateId: 't1',
        },
      ],
    });
  });

  it('keeps the supplier invoice number and the link only for the types that have them', () => {
    const po = createInput('c', form({ supplierInvoiceNumber: 'INV-9', linkedDocumentId: 'd1' }));
    expect(po.supplierInvoiceNumber).toBeNull();
    expect(po.linkedDocumentId).toBeNull();
    const inv = updateInput(
      'x',
      form({ type: 'invoice', supplierInvoiceNumber: 'INV-9', linkedDocumentId: 'd1' }),
    );
    expect(inv).toMatchObject({ id: 'x', supplierInvoiceNumber: 'INV-9', linkedDocumentId: 'd1' });
  });

  it('points server problems at inputs', () => {
    expect(elementIdForField('lines.2.quantity')).toBe('line-2-quantity');
    expect(elementIdForField('lines.0.discount.percent')).toBe('line-0-discount');
    expect(elementIdForField('lines.4')).toBe('line-4-description');
    expect(elementIdForField('supplierId')).toBe('doc-supplier');
    expect(elementIdForField('discount.amount')).toBe('doc-discount');
    // What a line is coded to, and the document-level pickers.
    expect(elementIdForField('lines.1.accountId')).toBe('line-1-account');
    expect(elementIdForField('lines.0.customerId')).toBe('line-0-customer');
    expect(elementIdForField('fields.class')).toBe('doc-field-class');
    expect(elementIdForField('fields')).toBeNull();
  });
});

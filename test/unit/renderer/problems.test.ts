import { describe, expect, it } from 'vitest';
import { describeField, problemsByField } from '../../../renderer/src/lib/problems';
import { label } from '../../../renderer/src/lib/labels';

describe('problems', () => {
  it('groups by field', () => {
    const m = problemsByField([
      { field: 'lines.2.quantity', message: 'must be a number' },
      { field: 'lines.2.quantity', message: 'must be positive' },
      { field: 'date', message: 'is required' },
    ]);
    expect(m.get('lines.2.quantity')).toEqual(['must be a number', 'must be positive']);
    expect(m.get('date')).toEqual(['is required']);
  });

  it('describes field paths for people', () => {
    expect(describeField('lines.2.quantity')).toBe('Line 3, quantity');
    expect(describeField('supplierId')).toBe('Supplier');
    expect(describeField('supplierInvoiceNumber')).toBe('Supplier invoice number');
    expect(describeField('')).toBe('Document');
  });

  it('labels enum values', () => {
    expect(label('pending_approval')).toBe('Pending approval');
    expect(label('quickbooks_online')).toBe('QuickBooks Online');
    expect(label('documents.send')).toBe('Documents send');
  });
});

describe('problemMessage', () => {
  it('drops a leading copy of the field path', async () => {
    const { problemMessage } = await import('../../../renderer/src/lib/problems');
    expect(
      problemMessage({ field: 'lines.1.unitPrice', message: 'lines.1.unitPrice must be a number' }),
    ).toBe('must be a number');
    expect(problemMessage({ field: 'date', message: 'is required' })).toBe('is required');
  });
});

import { describe, expect, it } from 'vitest';
import { allocate, previewTotals } from '../../../renderer/src/lib/totals';

describe('allocate', () => {
  it('splits by largest remainder and keeps the sum', () => {
    expect(allocate(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocate(10n, [300n, 700n])).toEqual([3n, 7n]);
    expect(allocate(2n, [1n, 1n, 1n])).toEqual([1n, 1n, 0n]);
    expect(allocate(5n, [0n, 0n])).toEqual([5n, 0n]);
    const shares = allocate(1001n, [333n, 333n, 334n, 1n]);
    expect(shares.reduce((a, b) => a + b, 0n)).toBe(1001n);
  });
});

describe('previewTotals', () => {
  it('adds lines with line discounts and taxes', () => {
    const t = previewTotals(
      [
        { quantity: '3', unitPrice: '19.995', taxPercent: '10' }, // 59.99, tax 6.00 (5.999)
        { quantity: '2', unitPrice: '50', discount: { percent: '10' } }, // 100.00 − 10.00
        { quantity: '1', unitPrice: '20', discount: { amount: '2.5' }, taxPercent: '8.25' }, // 17.50, tax 1.44
      ],
      null,
    );
    expect(t.lines.map((l) => l.amount)).toEqual(['59.99', '100.00', '20.00']);
    expect(t.lines.map((l) => l.netAmount)).toEqual(['59.99', '90.00', '17.50']);
    expect(t.lines.map((l) => l.tax)).toEqual(['6.00', '0.00', '1.44']);
    expect(t).toMatchObject({
      subtotal: '179.99',
      discount: '12.50',
      net: '167.49',
      tax: '7.44',
      gross: '174.93',
    });
  });

  it('spreads a document discount so lines add up to the net to the cent', () => {
    const t = previewTotals(
      [
        { quantity: '1', unitPrice: '10' },
        { quantity: '1', unitPrice: '10' },
        { quantity: '1', unitPrice: '10' },
      ],
      { amount: '1' },
    );
    expect(t.lines.map((l) => l.netAmount)).toEqual(['9.66', '9.67', '9.67']);
    expect(t).toMatchObject({ subtotal: '30.00', discount: '1.00', net: '29.00', gross: '29.00' });
  });

  it('takes a percentage document discount of the amount after line discounts', () => {
    const t = previewTotals(
      [{ quantity: '4', unitPrice: '25', discount: { amount: '10' }, taxPercent: '20' }],
      {
        percent: '5',
      },
    );
    // 100 − 10 = 90; 5 % of 90 = 4.50; net 85.50; tax 17.10
    expect(t).toMatchObject({
      subtotal: '100.00',
      discount: '14.50',
      net: '85.50',
      tax: '17.10',
      gross: '102.60',
    });
  });

  it('counts unreadable lines as zero and flags them', () => {
    const t = previewTotals(
      [
        { quantity: 'two', unitPrice: '5' },
        { quantity: '', unitPrice: '' },
      ],
      null,
    );
    expect(t.lines[0]?.valid).toBe(false);
    expect(t.lines[1]?.valid).toBe(true);
    expect(t.gross).toBe('0.00');
  });

  it('uses the currency minor unit', () => {
    const t = previewTotals([{ quantity: '3', unitPrice: '333.5' }], null, 0);
    expect(t.subtotal).toBe('1001'); // 1000.5 → 1001
  });
});

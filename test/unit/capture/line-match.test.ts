import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchLines, type MatchInputLine } from '../../../main/domain/capture/line-match.js';

const line = (
  position: number,
  description: string,
  quantity: string,
  unitPrice: string,
): MatchInputLine => ({
  position,
  description,
  quantity,
  unitPrice,
});

const order = [line(1, 'Copper pipe 15mm x 3m', '10', '14.00'), line(2, 'Electrician labour', '8', '95.00')];
const tolerance = { pricePercent: '2', quantityPercent: '0' };

describe('matchLines', () => {
  it('two-way: pairs by description whatever the order of the lines, and accepts what agrees', () => {
    const result = matchLines({
      invoice: [line(1, 'ELECTRICIAN LABOUR', '8', '95.00'), line(2, 'Copper pipe 15mm x 3m', '10', '14.28')],
      order,
      received: null,
      billedElsewhere: new Map(),
      tolerance,
    });
    expect(result.map((r) => [r.invoiceLine, r.orderLine, r.status])).toEqual([
      [1, 2, 'ok'],
      [2, 1, 'ok'], // 14.28 is exactly 2 % above 14.00
    ]);
  });

  it('flags a price above the tolerance and a quantity above what was ordered', () => {
    const result = matchLines({
      invoice: [line(1, 'Copper pipe 15mm x 3m', '10', '14.29'), line(2, 'Electrician labour', '9', '95.00')],
      order,
      received: null,
      billedElsewhere: new Map(),
      tolerance,
    });
    expect(result.map((r) => r.status)).toEqual(['price', 'quantity']);
    expect(result[0]?.message).toMatch(/billed at 14.29 a unit, the order says 14.00/);
  });

  it('a wider quantity tolerance accepts a small overrun', () => {
    const result = matchLines({
      invoice: [line(1, 'Electrician labour', '8.4', '95.00')],
      order,
      received: null,
      billedElsewhere: new Map(),
      tolerance: { pricePercent: '0', quantityPercent: '5' },
    });
    expect(result[0]?.status).toBe('ok');
    expect(result[1]).toMatchObject({ orderLine: 1, status: 'not_invoiced' });
  });

  it('three-way: what was received limits what may be billed, together with earlier invoices', () => {
    const result = matchLines({
      invoice: [line(1, 'Copper pipe 15mm x 3m', '4', '14.00')],
      order,
      received: new Map([[1, '6']]),
      billedElsewhere: new Map([[1, '3']]),
      tolerance,
    });
    expect(result[0]).toMatchObject({ status: 'quantity', receivedQuantity: '6' });
    expect(result[0]?.message).toMatch(/7 billed \(with earlier invoices\), but 6 received/);
  });

  it('flags a line that is not on the order', () => {
    const result = matchLines({
      invoice: [line(1, 'Ladder rental, per day', '1', '20')],
      order,
      received: null,
      billedElsewhere: new Map(),
      tolerance,
    });
    expect(result[0]?.status).toBe('not_ordered');
  });

  it('never flags an invoice identical to its order, and always flags a price beyond the tolerance', () => {
    const price = fc.integer({ min: 1, max: 1_000_000 }).map((c) => (c / 100).toFixed(2));
    fc.assert(
      fc.property(price, fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 20 }), (p, q, tol) => {
        const same = matchLines({
          invoice: [line(1, 'Widget', String(q), p)],
          order: [line(1, 'Widget', String(q), p)],
          received: null,
          billedElsewhere: new Map(),
          tolerance: { pricePercent: String(tol), quantityPercent: '0' },
        });
        expect(same[0]?.status).toBe('ok');
        // Price × (1 + tol% ) + 0.01 is beyond the tolerance.
        const cents = Math.round(Number(p) * 100);
        const over = (Math.ceil((cents * (100 + tol)) / 100) + 1) / 100;
        const flagged = matchLines({
          invoice: [line(1, 'Widget', String(q), over.toFixed(2))],
          order: [line(1, 'Widget', String(q), p)],
          received: null,
          billedElsewhere: new Map(),
          tolerance: { pricePercent: String(tol), quantityPercent: '0' },
        });
        expect(flagged[0]?.status).toBe('price');
      }),
    );
  });
});

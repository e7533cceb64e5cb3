// A scanned row whose quantity lost its decimal point to OCR ("55" for 5.5) in a table of more numbers than
// quantity, price and amount (Amazon's: unit price without and with VAT, the VAT rate, the subtotal): the numbers
// multiply out once the point is back.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { pageOf } from '../../fixtures/capture/page.js';

type Cell = [number, number, string, number?];

const row = (top: number, cells: string[], size = 8): Cell[] =>
  cells.map((text, i): Cell => [[40, 190, 225, 320, 365, 460][i] ?? 0, top, text, size]);

describe('a quantity that lost its decimal point', () => {
  it('is read with its point back when that makes the row multiply out', () => {
    const page = pageOf([
      [40, 40, 'Atelier Dumas SARL', 14],
      ...row(
        200,
        [
          'Description',
          'Qty',
          'Unit price (excl. VAT)',
          'VAT rate',
          'Unit price (incl. VAT)',
          'Item subtotal (excl. VAT)',
        ],
        7,
      ),
      ...row(216, ['Déplacement', '6', '24,36 €', '20%', '29,23 €', '146,16 €']),
      ...row(232, ['Chaise de bureau', '55', '167,77 €', '20%', '201,32 €', '922,74 €']),
      [300, 280, 'Total HT', 9],
      [490, 280, '1 068,90 €', 9],
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy' });
    expect(x.lines.map((l) => [l.quantity, l.unitPrice, l.amount])).toEqual([
      ['6', '24.36', '146.16'],
      ['5.5', '167.77', '922.74'],
    ]);
  });

  it('is left alone when the row multiplies out as read', () => {
    const page = pageOf([
      [40, 40, 'Atelier Dumas SARL', 14],
      ...row(200, ['Description', 'Qty', 'Unit price', 'VAT rate', 'Unit price incl.', 'Subtotal'], 7),
      ...row(216, ['Chaise de bureau', '55', '16,00 €', '20%', '19,20 €', '880,00 €']),
      [300, 280, 'Total HT', 9],
      [490, 280, '880,00 €', 9],
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy' });
    expect(x.lines.map((l) => [l.quantity, l.unitPrice, l.amount])).toEqual([['55', '16.00', '880.00']]);
  });
});

// Where values stand relative to their labels, as invoicing tools print them: to the right, below (a label on a
// line of its own), in a box under it, in two columns of label/value pairs side by side, a header row of labels
// above a row of values; and a line table whose column titles are in another language than the rest.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { pageOf } from '../../fixtures/capture/page.js';

const read = (cells: Parameters<typeof pageOf>[0]) => extractInvoice([pageOf(cells)], { dateOrder: 'dmy' });

describe('a value and its label', () => {
  it('below a label on a line of its own ("Invoice #:")', () => {
    const x = read([
      [40, 40, 'Pinecone Analytics Inc.', 16],
      [400, 100, 'Invoice #:', 10],
      [400, 114, 'INV/2023/03/0008', 10],
      [400, 140, 'Date of issue:', 10],
      [400, 154, 'March 3, 2023', 10],
    ]);
    expect(x.invoiceNumber?.value).toBe('INV/2023/03/0008');
    expect(x.date?.value).toBe('2023-03-03');
  });

  it('in boxes under a row of labels', () => {
    const x = read([
      [40, 40, 'Boulangerie Martin SARL', 16],
      [40, 120, 'N° de facture', 9],
      [200, 120, 'Date', 9],
      [330, 120, 'Échéance', 9],
      [460, 120, 'Commande', 9],
      [40, 136, 'FA-2015-0712', 10],
      [200, 136, '02/07/2015', 10],
      [330, 136, '01/08/2015', 10],
      [460, 136, 'BC 4471', 10],
    ]);
    expect([x.invoiceNumber?.value, x.date?.value, x.dueDate?.value, x.orderNumber?.value]).toEqual([
      'FA-2015-0712',
      '2015-07-02',
      '2015-08-01',
      'BC 4471',
    ]);
  });

  it('in two columns of label/value pairs on the same lines', () => {
    const x = read([
      [40, 40, 'Van Dijk Installatie B.V.', 16],
      [40, 120, 'Factuurnummer:', 10],
      [150, 120, '2014-0418', 10],
      [330, 120, 'Ordernummer:', 10],
      [440, 120, 'PO 88120', 10],
      [40, 136, 'Factuurdatum:', 10],
      [150, 136, '18 april 2014', 10],
      [330, 136, 'Vervaldatum:', 10],
      [440, 136, '2 mei 2014', 10],
    ]);
    expect([x.invoiceNumber?.value, x.orderNumber?.value, x.date?.value, x.dueDate?.value]).toEqual([
      '2014-0418',
      'PO 88120',
      '2014-04-18',
      '2014-05-02',
    ]);
  });

  it('after a short label of its own beside the title of the same field ("Factuur | Nr. 2014-0418")', () => {
    const x = read([
      [40, 40, 'Van Dijk Installatie B.V.', 16],
      [330, 100, 'Factuur', 10],
      [430, 100, 'Nr. 2014-0418', 10],
    ]);
    expect(x.invoiceNumber?.value).toBe('2014-0418');
    const y = read([
      [40, 40, 'Suministros Ibéricos S.L.', 16],
      [330, 100, 'Factura', 10],
      [430, 100, 'Nº A-2024/155', 10],
    ]);
    expect(y.invoiceNumber?.value).toBe('A-2024/155');
  });
});

describe('a line table whose titles are in another language', () => {
  it('reads English column titles on a German invoice', () => {
    const x = read([
      [40, 40, 'Kessler Bürotechnik GmbH', 16],
      [330, 100, 'Rechnungsnummer', 10],
      [460, 100, 'RE-77', 10],
      [40, 200, 'Description', 10],
      [300, 200, 'Qty', 10],
      [370, 200, 'Unit price', 10],
      [480, 200, 'Amount', 10],
      [40, 216, 'Bürostuhl Ergo', 10],
      [300, 216, '3', 10],
      [370, 216, '411,50', 10],
      [480, 216, '1.234,50', 10],
      [40, 232, 'Schreibtischlampe', 10],
      [300, 232, '2', 10],
      [370, 232, '45,00', 10],
      [480, 232, '90,00', 10],
      [330, 280, 'Nettobetrag', 10],
      [480, 280, '1.324,50', 10],
      [330, 296, 'MwSt. 19 %', 10],
      [480, 296, '251,66', 10],
      [330, 312, 'Gesamtbetrag', 10],
      [480, 312, '1.576,16', 10],
    ]);
    expect(x.language).toBe('de');
    expect(x.lines.map((l) => [l.quantity, l.unitPrice, l.amount])).toEqual([
      ['3', '411.50', '1234.50'],
      ['2', '45.00', '90.00'],
    ]);
    expect([x.subtotal?.value, x.tax?.value, x.total?.value]).toEqual(['1324.50', '251.66', '1576.16']);
  });

  it('reads Dutch column titles on an English invoice', () => {
    const x = read([
      [40, 40, 'Polder Hosting B.V.', 16],
      [330, 100, 'Invoice number', 10],
      [460, 100, 'PH-2024-0031', 10],
      [40, 200, 'Omschrijving', 10],
      [300, 200, 'Aantal', 10],
      [370, 200, 'Prijs', 10],
      [480, 200, 'Bedrag', 10],
      [40, 216, 'VPS M (monthly)', 10],
      [300, 216, '2', 10],
      [370, 216, '19.50', 10],
      [480, 216, '39.00', 10],
      [330, 280, 'Subtotal', 10],
      [480, 280, '39.00', 10],
      [330, 296, 'VAT 21%', 10],
      [480, 296, '8.19', 10],
      [330, 312, 'Total due', 10],
      [480, 312, '47.19', 10],
    ]);
    expect(x.lines.map((l) => [l.description, l.quantity, l.amount])).toEqual([
      ['VPS M (monthly)', '2', '39.00'],
    ]);
    expect(x.total?.value).toBe('47.19');
  });
});

// An Indian GST invoice as Tally and its like print it: "Dated" over its date beside "Invoice No.", the taxable
// value, CGST and SGST (or IGST) on lines of their own that add up to the tax, amounts grouped by lakh and crore
// with "₹" or "Rs.", and "Total Invoice Value"; and the Belgian and French labels of the net and the gross.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { pageOf } from '../../fixtures/capture/page.js';

describe('a GST invoice', () => {
  const page = pageOf([
    [40, 40, 'Shreeji Electronics Pvt Ltd', 16],
    [40, 60, 'GSTIN: 27AAPFU0939F1ZV', 9],
    [330, 100, 'Invoice No.', 9],
    [450, 100, 'Dated', 9],
    [330, 112, 'SE/24-25/0412', 10],
    [450, 112, '12-Jun-2024', 10],
    [330, 130, 'Buyer’s Order No.', 9],
    [450, 130, 'PO-7781', 10],
    [40, 220, 'Description of Goods', 10],
    [300, 220, 'Quantity', 10],
    [370, 220, 'Rate', 10],
    [480, 220, 'Amount', 10],
    [40, 238, 'LED Monitor 27"', 10],
    [300, 238, '4', 10],
    [370, 238, '25,000.00', 10],
    [480, 238, '1,00,000.00', 10],
    [330, 300, 'Taxable Value', 10],
    [480, 300, '1,00,000.00', 10],
    [330, 316, 'CGST @ 9%', 10],
    [480, 316, '9,000.00', 10],
    [330, 332, 'SGST @ 9%', 10],
    [480, 332, '9,000.00', 10],
    [330, 348, 'Total Invoice Value', 10],
    [480, 348, '₹1,18,000.00', 10],
  ]);
  const x = extractInvoice([page], { dateOrder: 'dmy' });

  it('reads the number, the date under "Dated" and the buyer’s order', () => {
    expect(x.invoiceNumber?.value).toBe('SE/24-25/0412');
    expect(x.date?.value).toBe('2024-06-12');
    expect(x.orderNumber?.value).toBe('PO-7781');
  });

  it('adds CGST and SGST into the tax and reads lakh amounts in rupees', () => {
    expect([x.subtotal?.value, x.tax?.value, x.total?.value]).toEqual(['100000.00', '18000.00', '118000.00']);
    expect(x.currency?.value).toBe('INR');
    expect(x.lines.map((l) => l.amount)).toEqual(['100000.00']);
    expect(x.warnings).toEqual([]);
  });

  it('reads IGST as the tax', () => {
    const igst = pageOf([
      [40, 40, 'Shreeji Electronics Pvt Ltd', 16],
      [330, 300, 'Taxable Value', 10],
      [480, 300, 'Rs. 50,000.00', 10],
      [330, 316, 'IGST 18%', 10],
      [480, 316, 'Rs. 9,000.00', 10],
      [330, 332, 'Total', 10],
      [480, 332, 'Rs. 59,000.00', 10],
    ]);
    const y = extractInvoice([igst], { dateOrder: 'dmy' });
    expect([y.subtotal?.value, y.tax?.value, y.total?.value]).toEqual(['50000.00', '9000.00', '59000.00']);
    expect(y.currency?.value).toBe('INR');
  });
});

describe('net and gross labels of Belgium and France', () => {
  it.each([
    ['Total HTVA', 'TVA 21 %', 'Total TVAC'],
    ['Base imposable', 'TVA 20 %', 'Montant TTC'],
    ['Nettosumme', 'USt. 19 %', 'Rechnungssumme'],
  ])('%s + %s = %s', (net, tax, total) => {
    const page = pageOf([
      [40, 40, 'Atelier Lemaire SRL', 16],
      [330, 300, net, 10],
      [480, 300, '1.000,00 €', 10],
      [330, 316, tax, 10],
      [480, 316, '210,00 €', 10],
      [330, 332, total, 10],
      [480, 332, '1.210,00 €', 10],
      [330, 348, 'Déjà payé', 10],
      [480, 348, '1.210,00 €', 10],
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy' });
    expect([x.subtotal?.value, x.tax?.value, x.total?.value]).toEqual(['1000.00', '210.00', '1210.00']);
  });
});

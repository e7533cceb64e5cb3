// Rules found on the invoices of further tools and suppliers (the world corpus's version 21 layouts, tune-world.ts):
// each block is one rule, with the wording or arrangement of real invoices that needs it.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { readReference } from '../../../main/domain/capture/fields.js';
import { buildLines } from '../../../main/domain/capture/layout.js';
import { paymentTermsDays } from '../../../main/domain/capture/terms.js';
import { pageOf } from '../../fixtures/capture/page.js';

const words = (text: string) => pageOf([[40, 100, text, 10]]).words;

describe('invoice numbers with a three-letter prefix', () => {
  it('keeps three capitals that start a number whose figures follow', () => {
    expect(readReference(words('FPR 48/24'))?.value).toBe('FPR 48/24');
    expect(readReference(words('INV 2024 0008'))?.value).toBe('INV 2024 0008');
  });

  it('still stops at a currency code, and takes no three-letter word without figures after it', () => {
    expect(readReference(words('EUR 1234'))).toBeNull();
    expect(readReference(words('12345 EUR'))?.value).toBe('12345');
    expect(readReference(words('for 12 items'))).toBeNull();
    expect(readReference(words('ABC Datum'))).toBeNull();
  });

  it('reads one under its heading in a row of headings', () => {
    const x = extractInvoice(
      [
        pageOf([
          [40, 40, 'Rossi Forniture S.r.l.', 14],
          [40, 100, 'Tipologia documento', 8],
          [200, 100, 'Numero documento', 8],
          [340, 100, 'Data documento', 8],
          [40, 114, 'TD01 fattura', 8],
          [200, 114, 'FPR 48/24', 8],
          [340, 114, '28-02-2024', 8],
        ]),
      ],
      { dateOrder: 'dmy' },
    );
    expect(x.invoiceNumber?.value).toBe('FPR 48/24');
    expect(x.date?.value).toBe('2024-02-28');
  });
});

describe('labels as further tools print them', () => {
  const read = (cells: [number, number, string, number?][]) =>
    extractInvoice([pageOf([[40, 40, 'Kestrel IT Services Ltd', 14], ...cells])], { dateOrder: 'dmy' });

  it('reads "Invoice/Tax Date", "Bill date" and "Statement date" as the invoice date', () => {
    for (const label of ['Invoice/Tax Date', 'Bill date', 'Statement date', 'Tax date']) {
      const x = read([
        [330, 100, label, 9],
        [450, 100, '24/03/2024', 9],
      ]);
      expect(x.date?.value, label).toBe('2024-03-24');
    }
  });

  it('reads "Untaxed Amount" as the net and "Totale imposta" as the tax', () => {
    const odoo = read([
      [330, 300, 'Untaxed Amount', 9],
      [480, 300, '£100.00', 9],
      [330, 314, 'VAT 20%', 9],
      [480, 314, '£20.00', 9],
      [330, 328, 'Total', 9],
      [480, 328, '£120.00', 9],
    ]);
    expect([odoo.subtotal?.value, odoo.tax?.value, odoo.total?.value]).toEqual(['100.00', '20.00', '120.00']);
    const fattura = read([
      [40, 300, 'Totale imponibile', 8],
      [200, 300, 'Totale imposta', 8],
      [340, 300, 'Totale documento', 8],
      [40, 314, '1.000,00', 8],
      [200, 314, '220,00', 8],
      [340, 314, '1.220,00', 8],
    ]);
    expect([fattura.subtotal?.value, fattura.tax?.value, fattura.total?.value]).toEqual([
      '1000.00',
      '220.00',
      '1220.00',
    ]);
  });

  it('reads "Nº pedido", "Nr. encomenda", "N. ordine" and "Customer Reference" as the order number', () => {
    for (const label of [
      'Nº pedido',
      'Nr. encomenda',
      'N. ordine',
      'Customer Reference:',
      'Klantreferentie',
    ]) {
      const x = read([
        [330, 100, label, 9],
        [450, 100, 'PO-4540', 9],
      ]);
      expect(x.orderNumber?.value, label).toBe('PO-4540');
    }
  });
});

describe('the buyer’s purchase order over a seller’s order number', () => {
  it('takes the PO number when a web shop prints its own order number too', () => {
    for (const [order, po] of [
      ['Order #', 'PO number'],
      ['Bestellnummer', 'Ihre Bestellnummer'],
      ['Commande', 'Votre commande'],
    ]) {
      const x = extractInvoice(
        [
          pageOf([
            [40, 40, 'Kessler Bürotechnik GmbH', 14],
            [40, 100, `${order} 302-1234567-7654321`, 9],
            [40, 114, `${po} PO-4081`, 9],
          ]),
        ],
        { dateOrder: 'dmy' },
      );
      expect(x.orderNumber?.value, `${order} / ${po}`).toBe('PO-4081');
    }
  });
});

describe('payment terms under their heading', () => {
  const terms = (heading: string, value: string) =>
    paymentTermsDays(
      buildLines([
        pageOf([
          [40, 100, 'Delivery Note', 8],
          [300, 100, heading, 8],
          [40, 112, 'DN-118', 8],
          [300, 112, value, 8],
        ]),
      ]),
    )?.days ?? null;

  it.each([
    ['Mode/Terms of Payment', '30 Days', 30],
    ['Terms', 'Net 30', 30],
    ['Payment Terms', 'Net 45', 45],
    ['Zahlungsbedingungen', '14 Tage netto', 14],
    ['Conditions de paiement', '30 jours', 30],
    ['Condiciones de pago', '60 días', 60],
    ['Terms', 'Due on receipt', 0],
  ])('"%s" over "%s" gives %i days', (heading, value, expected) => {
    expect(terms(heading, value)).toBe(expected);
  });

  it('reads no days under another heading, nor a figure that is not days', () => {
    expect(terms('Dispatched through', '30 Days')).toBeNull();
    expect(terms('Terms', 'FOB Utrecht')).toBeNull();
  });

  it('gives the due date from the invoice date', () => {
    const x = extractInvoice(
      [
        pageOf([
          [40, 40, 'Sharma Cloud Solutions Pvt. Ltd.', 14],
          [300, 100, 'Invoice No.', 8],
          [420, 100, 'Dated', 8],
          [300, 112, 'SCS/24-25/0739', 8],
          [420, 112, '2-May-24', 8],
          [300, 130, 'Mode/Terms of Payment', 8],
          [300, 142, '10 Days', 8],
        ]),
      ],
      { dateOrder: 'dmy' },
    );
    expect(x.date?.value).toBe('2024-05-02');
    expect(x.dueDate?.value).toBe('2024-05-12');
  });
});

describe('a tax line labelled only by its rate or a tax name', () => {
  const totals = (label: string, tax: string) =>
    extractInvoice(
      [
        pageOf([
          [40, 40, 'Kestrel IT Services Ltd', 14],
          [330, 300, 'Untaxed Amount', 9],
          [480, 300, '£23,054.88', 9],
          [330, 314, label, 9],
          [480, 314, tax, 9],
          [330, 328, 'Total', 9],
          [480, 328, '£27,665.86', 9],
        ]),
      ],
      { dateOrder: 'dmy' },
    );

  it('takes the amount between net and total that makes them add up', () => {
    for (const label of ['20%', '20% S', 'Tax 15% S']) {
      expect(totals(label, '£4,610.98').tax?.value, label).toBe('4610.98');
    }
  });

  it('takes none that does not add up', () => {
    expect(totals('20%', '£4,610.00').tax).toBeNull();
  });
});

describe('line tables of further tools', () => {
  const rows = (x: ReturnType<typeof extractInvoice>) =>
    x.lines.map((l) => [l.quantity, l.unitPrice, l.amount]);

  it('reads a quantity and a rate printed with the unit "Nos" (Indian invoices)', () => {
    const x = extractInvoice(
      [
        pageOf([
          [40, 40, 'Sharma Cloud Solutions Pvt. Ltd.', 14],
          [40, 200, 'Sl', 8],
          [70, 200, 'Description of Goods', 8],
          [250, 200, 'HSN/SAC', 8],
          [320, 200, 'Quantity', 8],
          [390, 200, 'Rate', 8],
          [450, 200, 'per', 8],
          [510, 200, 'Amount', 8],
          [40, 214, '1', 8],
          [70, 214, 'Cloud storage 1 TB', 8],
          [250, 214, '998311', 8],
          [320, 214, '12 Nos', 8],
          [390, 214, '179.51 Nos', 8],
          [510, 214, '2,154.12', 8],
          [40, 228, '2', 8],
          [70, 228, 'Consulting', 8],
          [250, 228, '998312', 8],
          [320, 228, '10 Nos', 8],
          [390, 228, '1,266.74 Nos', 8],
          [510, 228, '12,667.40', 8],
        ]),
      ],
      { dateOrder: 'dmy' },
    );
    expect(rows(x)).toEqual([
      ['12', '179.51', '2154.12'],
      ['10', '1266.74', '12667.40'],
    ]);
  });

  it('makes no line of a row of zeros, and keeps the rows after it', () => {
    const x = extractInvoice(
      [
        pageOf([
          [40, 40, 'Kessler Bürotechnik GmbH', 14],
          [40, 200, 'Description', 8],
          [250, 200, 'Qty', 8],
          [320, 200, 'Unit price', 8],
          [510, 200, 'Amount', 8],
          [40, 214, 'Monitor 27 Zoll', 8],
          [250, 214, '2', 8],
          [320, 214, '199,00 €', 8],
          [510, 214, '398,00 €', 8],
          [40, 228, 'Shipping charges', 8],
          [320, 228, '0,00 €', 8],
          [510, 228, '0,00 €', 8],
          [40, 242, 'Parkplatz', 8],
          [250, 242, '1', 8],
          [320, 242, '12,00 €', 8],
          [510, 242, '12,00 €', 8],
        ]),
      ],
      { dateOrder: 'dmy' },
    );
    expect(rows(x)).toEqual([
      ['2', '199.00', '398.00'],
      ['1', '12.00', '12.00'],
    ]);
  });
});

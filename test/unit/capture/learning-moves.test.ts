// Learning from one correction when the supplier's next invoice is not a copy of its first: the date printed by
// the place with no label and an order's own date beside it, the due date given as payment terms, the order
// number inside the subject line (and absent next time), the tax in a VAT table whose rows change, a tax label
// whose rate changes, and totals that move onto a second page. Each is taught on the first invoice and read on
// the second; what is taught is stored per supplier and read back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { learnCorrections, learnedBySupplier, exportLearned } from '../../../main/capture/learning.js';
import { openDatabase } from '../../../main/db/database.js';
import { insertCompany } from '../../../main/db/repos/companies.js';
import { insertSupplier } from '../../../main/db/repos/suppliers.js';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { learnField } from '../../../main/domain/capture/learned.js';
import { pageOf } from '../../fixtures/capture/page.js';
import { readLearned } from '../../fixtures/capture/read-learned.js';

type Cell = [number, number, string, number?];

const read = readLearned;

/** A business letter: the place and date at the top right, the order inside the subject line. */
function letter(o: { date: string; number: string; order: string | null; orderDate: string; due: string }) {
  return pageOf([
    [40, 40, 'Brandt Haustechnik GmbH', 16],
    [40, 60, 'Hafenstraße 3 · 20457 Hamburg · info@brandt-haustechnik.de', 8],
    [40, 120, 'Northwind Facilities B.V.', 10],
    [40, 132, 'Stationsplein 45', 10],
    [420, 150, `Hamburg, ${o.date}`, 10],
    [
      40,
      190,
      `Rechnung ${o.number}${o.order ? ` zu Ihrer Bestellung ${o.order} vom ${o.orderDate}` : ''}`,
      10,
    ],
    [40, 230, 'Wartung Heizung', 10],
    [480, 230, '100,00', 10],
    [330, 280, 'Summe netto', 10],
    [480, 280, '100,00', 10],
    [330, 294, 'zzgl. 19 % MwSt.', 10],
    [480, 294, '19,00', 10],
    [330, 308, 'Rechnungsbetrag', 10],
    [480, 308, '119,00', 10],
    [40, 360, `Zahlungseingang erbeten bis ${o.due}. Vielen Dank.`, 10],
  ]);
}

describe('one correction makes the next invoice right when the next one moves things', () => {
  const first = letter({
    date: '25.04.2024',
    number: '2024-0815',
    order: 'PO-4410',
    orderDate: '16.04.2024',
    due: '25.05.2024',
  });
  const second = letter({
    date: '04.06.2024',
    number: '2024-0907',
    order: 'PO-4522',
    orderDate: '28.05.2024',
    due: '04.07.2024',
  });

  it('the invoice date printed after the place, with the order date in the subject line', () => {
    const rule = learnField([first], 'date', '2024-04-25');
    expect(rule).toMatchObject({ label: 'hamburg,', placement: 'same' });
    expect(read([second], [rule]).date?.value).toBe('2024-06-04');
  });

  it('the due date inside a sentence of words no vocabulary holds', () => {
    const rule = learnField([first], 'dueDate', '2024-05-25');
    expect(rule).toMatchObject({ label: 'zahlungseingang erbeten bis', placement: 'same' });
    expect(read([second], [rule]).dueDate?.value).toBe('2024-07-04');
  });

  it('the order number inside the subject line, and none when the next letter answers no order', () => {
    const rule = learnField([first], 'orderNumber', 'PO-4410');
    expect(rule).toMatchObject({ label: 'zu ihrer bestellung', placement: 'same' });
    expect(read([second], [rule]).orderNumber?.value).toBe('PO-4522');
    const without = letter({
      date: '11.07.2024',
      number: '2024-0990',
      order: null,
      orderDate: '',
      due: '11.08.2024',
    });
    const next = read([without], [rule]);
    expect(next.orderNumber).toBeNull();
    expect(next.invoiceNumber?.value).not.toBe('PO-4522');
  });
});

/** An invoice whose due date is given only as payment terms. */
function terms(date: string, text: string) {
  return pageOf([
    [40, 40, 'Lakeshore Print Works', 16],
    [330, 100, 'Invoice no.', 9],
    [450, 100, 'LP-1042', 9],
    [330, 114, 'Invoice date', 9],
    [450, 114, date, 9],
    [330, 320, 'Total', 9],
    [480, 320, '169.50', 9],
    [40, 400, text, 9],
  ]);
}

describe('a due date given as payment terms', () => {
  it('is learned from the invoice date and the days printed, and counted from the next invoice date', () => {
    // Terms worded in a way the general rules do not read as terms.
    const first = terms('14/03/2024', 'Settlement 30 d');
    expect(extractInvoice([first], { dateOrder: 'dmy' }).dueDate).toBeNull();
    expect(learnField([first], 'dueDate', '2024-04-13')).toBeNull();
    const rule = learnField([first], 'dueDate', '2024-04-13', { date: '2024-03-14' });
    expect(rule).toMatchObject({ field: 'dueDate', label: 'settlement', format: 'days', example: '30' });
    const next = read([terms('20/05/2024', 'Settlement 14 d')], [rule]);
    expect(next.dueDate?.value).toBe('2024-06-03');
    expect(next.learned).toContain('dueDate');
  });

  it('reads days written in words of another language after their number', () => {
    const first = terms('04.03.2024', 'Zahlungsbedingungen: zahlbar innerhalb von 10 Tagen netto');
    const rule = learnField([first], 'dueDate', '2024-03-14', { date: '2024-03-04' });
    expect(rule).toMatchObject({ label: 'zahlungsbedingungen: zahlbar innerhalb von', format: 'days' });
    const next = read(
      [terms('20.06.2024', 'Zahlungsbedingungen: zahlbar innerhalb von 45 Tagen netto')],
      [rule],
    );
    expect(next.dueDate?.value).toBe('2024-08-04');
  });

  it('is not taken from a quantity that happens to equal the days', () => {
    const first = pageOf([
      [40, 40, 'Lakeshore Print Works', 16],
      [330, 114, 'Invoice date', 9],
      [450, 114, '14/03/2024', 9],
      [40, 200, 'Flyers', 9],
      [300, 200, '30', 9],
    ]);
    expect(learnField([first], 'dueDate', '2024-04-13', { date: '2024-03-14' })).toBeNull();
  });
});

/** A VAT summary table: one row per rate and a total row, then the amount to pay. */
function vatTable(rows: [string, string, string, string][], sum: [string, string, string]) {
  const cells: Cell[] = [
    [40, 40, 'Kessler Bürotechnik GmbH', 16],
    [330, 100, 'Rechnungs-Nr.', 9],
    [450, 100, 'RE-4711', 9],
    [300, 300, 'Steuersatz', 9],
    [380, 300, 'Netto', 9],
    [450, 300, 'Steuer', 9],
    [510, 300, 'Brutto', 9],
  ];
  rows.forEach(([rate, net, tax, gross], i) => {
    const top = 314 + i * 14;
    cells.push([300, top, rate, 9], [380, top, net, 9], [450, top, tax, 9], [510, top, gross, 9]);
  });
  const top = 314 + rows.length * 14;
  cells.push([300, top, 'Summe', 9], [380, top, sum[0], 9], [450, top, sum[1], 9], [510, top, sum[2], 9]);
  cells.push([300, top + 30, 'Zahlbetrag', 9], [510, top + 30, `${sum[2]} €`, 9]);
  return pageOf(cells);
}

describe('tax in a VAT table whose rows change', () => {
  it('is read in the total row, in the column it was taught in, when a second rate adds a row', () => {
    const first = vatTable([['19 %', '1.000,00', '190,00', '1.190,00']], ['1.000,00', '190,00', '1.190,00']);
    const second = vatTable(
      [
        ['7 %', '200,00', '14,00', '214,00'],
        ['19 %', '1.000,00', '190,00', '1.190,00'],
      ],
      ['1.200,00', '204,00', '1.404,00'],
    );
    const tax = learnField([first], 'tax', '190.00');
    const net = learnField([first], 'subtotal', '1000.00');
    expect(tax).toMatchObject({ row: 'summe' });
    expect(net).toMatchObject({ row: 'summe' });
    const next = read([second], [tax, net, learnField([first], 'total', '1190.00')]);
    expect(next.tax?.value).toBe('204.00');
    expect(next.subtotal?.value).toBe('1200.00');
    expect(next.total?.value).toBe('1404.00');
  });

  it('a tax label whose rate changed ("MwSt 19 %" taught, "MwSt 7 %" printed)', () => {
    const page = (rate: string, net: string, tax: string, total: string) =>
      pageOf([
        [40, 40, 'Hotel Am Stadtpark', 16],
        [330, 300, 'Nettosumme', 9],
        [480, 300, net, 9],
        [330, 314, `Abgabe ${rate}`, 9],
        [480, 314, tax, 9],
        [330, 328, 'Endsumme', 9],
        [480, 328, total, 9],
      ]);
    const rule = learnField([page('19 %', '100,00', '19,00', '119,00')], 'tax', '19.00');
    expect(rule).toMatchObject({ label: 'abgabe 19 %', placement: 'right' });
    expect(read([page('7 %', '200,00', '14,00', '214,00')], [rule]).tax?.value).toBe('14.00');
  });
});

describe('tax printed only in parts', () => {
  const invoice = (net: string, cgst: string, sgst: string, total: string) =>
    pageOf([
      [40, 40, 'Sharma Cloud Solutions Pvt. Ltd.', 16],
      [330, 300, 'Sub Total', 9],
      [480, 300, net, 9],
      [330, 314, 'CGST9 (9%)', 9],
      [480, 314, cgst, 9],
      [330, 328, 'SGST9 (9%)', 9],
      [480, 328, sgst, 9],
      [330, 342, 'Total', 9],
      [480, 342, total, 9],
      [330, 356, 'Balance Due', 9],
      [480, 356, total, 9],
    ]);
  it('is learned as the sum of the labelled lines that add up to it, and read that way next time', () => {
    const first = invoice('1,000.00', '90.00', '90.00', '1,180.00');
    const rule = learnField([first], 'tax', '180.00');
    expect(rule).toMatchObject({ format: 'sum', label: 'cgst9 (9%)\nsgst9 (9%)', page: 'last' });
    const second = invoice('2,450.50', '220.55', '220.54', '2,891.59');
    expect(read([second], []).tax?.value).not.toBe('441.09');
    const next = read([second], [rule]);
    expect(next.tax?.value).toBe('441.09');
    expect(next.learned).toContain('tax');
    // Without both parts printed there is no sum to read.
    const one = pageOf([
      [40, 40, 'Sharma Cloud Solutions Pvt. Ltd.', 16],
      [330, 300, 'Sub Total', 9],
      [480, 300, '100.00', 9],
      [330, 314, 'IGST18 (18%)', 9],
      [480, 314, '18.00', 9],
      [330, 328, 'Total', 9],
      [480, 328, '118.00', 9],
    ]);
    expect(read([one], [rule]).tax?.value).not.toBe('36.00');
  });
});

describe('totals that move onto a second page', () => {
  const totals = (top: number, net: string, tax: string, total: string): Cell[] => [
    [330, top, 'Goods value', 9],
    [480, top, net, 9],
    [330, top + 14, 'Levy @ 20%', 9],
    [480, top + 14, tax, 9],
    [330, top + 28, 'Invoice total', 9],
    [480, top + 28, total, 9],
  ];
  it('are looked for on the other pages when the taught page does not print their labels', () => {
    const first = pageOf([
      [40, 40, 'Kestrel IT Services Ltd', 16],
      ...totals(300, '100.00', '20.00', '120.00'),
    ]);
    const rules = [
      learnField([first], 'subtotal', '100.00'),
      learnField([first], 'tax', '20.00'),
      learnField([first], 'total', '120.00'),
    ];
    expect(rules.map((r) => r?.page)).toEqual(['last', 'last', 'last']);
    expect(rules[1]).toMatchObject({ label: 'levy @ 20%' });
    const page1 = pageOf(
      [
        [40, 40, 'Kestrel IT Services Ltd', 16],
        [300, 700, 'Carried forward', 9],
        [480, 700, '150.00', 9],
      ],
      1,
    );
    const page2 = pageOf(
      [[40, 40, 'Kestrel IT Services Ltd', 16], ...totals(120, '250.00', '50.00', '300.00')],
      2,
    );
    const next = read([page1, page2], rules);
    expect([next.subtotal?.value, next.tax?.value, next.total?.value]).toEqual(['250.00', '50.00', '300.00']);
  });
});

describe('what is learned is stored per supplier', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-learn-moves-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps a row label and payment terms, and reads them back', () => {
    const db = openDatabase(dir);
    try {
      const company = insertCompany(db, { name: 'Northwind Facilities', baseCurrency: 'EUR' });
      const supplier = insertSupplier(db, company.id, { name: 'Kessler Bürotechnik' });
      const table = vatTable(
        [['19 %', '1.000,00', '190,00', '1.190,00']],
        ['1.000,00', '190,00', '1.190,00'],
      );
      const withTerms = {
        ...table,
        words: [...table.words, ...pageOf([[40, 700, 'Zahlbar innerhalb von 14 Tagen netto', 9]]).words],
      };
      const learned = learnCorrections(db, {
        companyId: company.id,
        supplierId: supplier.id,
        pages: [withTerms],
        corrections: [
          { field: 'tax', value: '190.00' },
          { field: 'dueDate', value: '2024-04-18' },
        ],
        confirmed: [{ field: 'date', value: '2024-04-04' }],
      });
      expect(learned).toEqual(expect.arrayContaining(['tax', 'dueDate']));
      const rules = learnedBySupplier(db, company.id).get(supplier.id) ?? [];
      expect(rules.find((r) => r.field === 'tax')).toMatchObject({ row: 'summe', taughtBy: 'correction' });
      expect(rules.find((r) => r.field === 'dueDate')).toMatchObject({ format: 'days', example: '14' });
      const exported = exportLearned(db, company.id).suppliers[0]?.fields.find((f) => f.field === 'tax');
      expect(exported?.row).toBe('summe');
    } finally {
      db.close();
    }
  });
});

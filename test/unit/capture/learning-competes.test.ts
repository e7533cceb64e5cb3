// Learning from one correction or confirmation when the supplier's next invoice moves the field: the invoice date
// between an order date and a delivery date, the order number beside the customer's own reference, a label that
// is part of a longer one, an order number of another format, a value beside its label one time and under it the
// next, references side by side in a row of cells that moves. And how a learned reading competes with the
// general rules: a confirmed field read after its label as taught stands against a general reading drawn to
// another label; read otherwise, it gives way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportLearned, learnCorrections, learnedBySupplier } from '../../../main/capture/learning.js';
import { openDatabase } from '../../../main/db/database.js';
import { insertCompany } from '../../../main/db/repos/companies.js';
import { insertSupplier } from '../../../main/db/repos/suppliers.js';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { learnField } from '../../../main/domain/capture/learned.js';
import type { PageText } from '../../../main/domain/capture/words.js';
import { pageOf } from '../../fixtures/capture/page.js';
import { readLearned } from '../../fixtures/capture/read-learned.js';

type Cell = [number, number, string, number?];

const read = readLearned;

const totals: Cell[] = [
  [40, 300, 'Concepto', 9],
  [480, 300, 'Importe', 9],
  [40, 314, 'Mano de obra', 9],
  [480, 314, '100,00', 9],
  [330, 360, 'Base imponible', 9],
  [480, 360, '100,00', 9],
  [330, 374, 'IVA 21%', 9],
  [480, 374, '21,00', 9],
  [330, 388, 'Total', 9],
  [480, 388, '121,00', 9],
];

/** An Odoo-like header: label and value rows; the second invoice adds rows of other dates and references. */
function odoo(rows: [string, string][]): PageText {
  return pageOf([
    [40, 40, 'Suministros Ibéricos S.L.', 16],
    [40, 60, 'Calle Mayor 12 · 41001 Sevilla · facturas@suministros.es', 8],
    [330, 100, 'Northwind Facilities B.V.', 9],
    ...rows.flatMap(([k, v], i): Cell[] => [
      [40, 130 + i * 14, `${k}:`, 9],
      [150, 130 + i * 14, v, 9],
    ]),
    ...totals,
  ]);
}

describe('a confirmed field read after its label as taught stands against the general rules', () => {
  const first = odoo([
    ['Nº factura', 'FV-2024-118'],
    ['Fecha', '15/02/2024'],
    ['Vencimiento', '25/02/2024'],
    ['Pedido', 'B/24/0153'],
  ]);
  const second = odoo([
    ['Presupuesto nº', 'AN-3311'],
    ['Nº factura', 'FV-2024-244'],
    ['Fecha pedido', '31/03/2024'],
    ['Fecha', '10/04/2024'],
    ['Fecha entrega', '08/04/2024'],
    ['Su referencia', 'KST-349'],
    ['Pedido', 'ORD-2024-34124'],
    ['Vencimiento', '17/04/2024'],
  ]);

  it('the general rules read the first invoice right, so its fields are confirmed', () => {
    const x = extractInvoice([first], { dateOrder: 'dmy' });
    expect(x.date?.value).toBe('2024-02-15');
    expect(x.orderNumber?.value).toBe('B/24/0153');
  });

  it('the invoice date, not the order date of the row above ("Fecha:" is not "Fecha pedido:")', () => {
    const rule = learnField([first], 'date', '2024-02-15');
    expect(rule).toMatchObject({ label: 'fecha:', placement: 'right' });
    expect(read([second], [rule], 'confirmation').date?.value).toBe('2024-04-10');
  });

  it("the order number, not the customer's own reference beside it, though its format changed", () => {
    const rule = learnField([first], 'orderNumber', 'B/24/0153');
    expect(rule).toMatchObject({ label: 'pedido:', placement: 'right' });
    expect(read([second], [rule], 'confirmation').orderNumber?.value).toBe('ORD-2024-34124');
  });

  it('the due date among three dates a few days apart', () => {
    const rule = learnField([first], 'dueDate', '2024-02-25');
    expect(read([second], [rule], 'confirmation').dueDate?.value).toBe('2024-04-17');
  });

  it('a confirmation read only by position gives way to a sure general reading', () => {
    // The label is not printed on the next invoice: what stands where the order number stood is a guess.
    const rule = learnField([first], 'orderNumber', 'B/24/0153');
    if (!rule) throw new Error('not learned');
    const moved = odoo([
      ['Nº factura', 'FV-2024-301'],
      ['Fecha', '12/05/2024'],
      ['Vencimiento', '22/05/2024'],
      ['Orden de compra', 'ORD-2024-40001'],
    ]);
    const general = extractInvoice([moved], { dateOrder: 'dmy' });
    expect(general.orderNumber?.value).toBe('ORD-2024-40001');
    expect(read([moved], [rule], 'confirmation').orderNumber?.value).toBe('ORD-2024-40001');
  });
});

describe('a label no vocabulary holds, and the value moves', () => {
  /** A row of reference cells, headings above values; the second invoice adds cells in front. */
  function refs(cells: [string, string][]): PageText {
    return pageOf([
      [40, 40, 'Kessler Bürotechnik GmbH', 16],
      [40, 60, 'Industriestraße 27 · 70565 Stuttgart', 8],
      ...cells.flatMap(([k, v], i): Cell[] => [
        [40 + i * 88, 150, k, 7],
        [40 + i * 88, 162, v, 10],
      ]),
      ...totals,
    ]);
  }

  it('the order number in a row of figures moved one cell right, with another format and length', () => {
    const first = refs([
      ['Kunden-Nr.', '45210'],
      ['Lieferschein-Nr.', '80412377'],
      ['Ihr Abruf', 'PO-4410'],
      ['Beleg-Nr.', 'RE-998'],
      ['Belegdatum', '25.04.2024'],
    ]);
    const second = refs([
      ['Vertrag', 'V-310'],
      ['Kunden-Nr.', '45210'],
      ['Lieferschein-Nr.', '80977120'],
      ['Ihr Abruf', '4500123456'],
      ['Beleg-Nr.', 'RE-10234'],
      ['Lieferdatum', '03.06.2024'],
      ['Belegdatum', '04.06.2024'],
    ]);
    expect(extractInvoice([first], { dateOrder: 'dmy' }).orderNumber).toBeNull();
    const order = learnField([first], 'orderNumber', 'PO-4410');
    expect(order).toMatchObject({ label: 'ihr abruf', placement: 'below' });
    const date = learnField([first], 'date', '2024-04-25');
    const next = read([second], [order, date], 'correction');
    expect(next.orderNumber?.value).toBe('4500123456');
    expect(next.date?.value).toBe('2024-06-04');
  });

  it('a value taught beside its label is read under it when the next one is too long for the field', () => {
    const fields = (order: [number, number]) =>
      pageOf([
        [40, 40, 'Lusotec Lda', 16],
        [40, 110, 'Vossa requisição:', 9],
        [order[0], order[1], order[0] === 40 ? 'ORD-2024-00417/B' : 'PO-4410', 9],
        [40, 150, 'Pagável em:', 9],
        [130, 150, '30/05/2024', 9],
        ...totals,
      ]);
    const first = fields([130, 110]);
    const rule = learnField([first], 'orderNumber', 'PO-4410');
    expect(rule).toMatchObject({ label: 'vossa requisicao:', placement: 'right' });
    expect(read([fields([40, 122])], [rule], 'correction').orderNumber?.value).toBe('ORD-2024-00417/B');
  });

  it('a confirmed number standing in where the general rules find nothing may change its shape after its label', () => {
    const page = (number: string) =>
      pageOf([
        [40, 40, 'Alpenblick Software GmbH', 16],
        [330, 100, 'Vorgang', 9],
        [420, 100, number, 9],
        ...totals,
      ]);
    const rule = learnField([page('F2024-020')], 'invoiceNumber', 'F2024-020');
    expect(rule).toMatchObject({ label: 'vorgang', placement: 'right' });
    expect(read([page('INV/2023/03/010720')], [rule], 'confirmation').invoiceNumber?.value).toBe(
      'INV/2023/03/010720',
    );
  });
});

describe('a confirmed value is learned where it was read', () => {
  it('not at another place that prints the same value', () => {
    // The number under two labels the general rules know: the title's and the header's.
    const page = pageOf([
      [40, 40, 'Polderhost B.V.', 16],
      [40, 90, 'Factuur 2024117', 14],
      [330, 130, 'Factuurnummer', 9],
      [450, 130, '2024117', 9],
      ...totals,
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy' });
    expect(x.invoiceNumber?.value).toBe('2024117');
    const read = x.invoiceNumber;
    if (!read) throw new Error('not read');
    const there = learnField([page], 'invoiceNumber', '2024117', { at: read });
    expect(there?.box.y).toBeCloseTo(read.box.y, 3);
    expect(there?.label).toBe(read.box.y > 0.14 ? 'factuurnummer' : 'factuur');
    // Told where it was read from, either place is learned as that place.
    for (const [y, label] of [
      [90 / 842, 'factuur'],
      [130 / 842, 'factuurnummer'],
    ] as const) {
      const at = { page: 1, box: { ...read.box, x: label === 'factuur' ? 0.16 : 450 / 595, y } };
      const rule = learnField([page], 'invoiceNumber', '2024117', { at });
      expect(rule?.label).toBe(label);
    }
  });
});

describe('two dates under one label', () => {
  /** The invoice and due dates after one label, in the label's cell or in the cell beside it. */
  const dates = (date: string, due: string, own: boolean) =>
    pageOf([
      [40, 40, 'Maple Ridge Supplies Inc.', 16],
      [40, 120, 'Invoice ref.', 9],
      [140, 120, 'SI-8078-B', 9],
      ...(own
        ? ([[40, 134, `Issued / due ${date} / ${due}`, 9]] as Cell[])
        : ([
            [40, 134, 'Issued / due', 9],
            [140, 134, `${date} / ${due}`, 9],
          ] as Cell[])),
      ...totals,
    ]);

  it('the due date is learned as the second date after the label, and read so next time', () => {
    for (const own of [true, false]) {
      const first = dates('25/07/2024', '08/08/2024', own);
      expect(extractInvoice([first], { dateOrder: 'dmy' }).dueDate).toBeNull();
      const rule = learnField([first], 'dueDate', '2024-08-08');
      expect(rule).toMatchObject({ label: 'issued / due', placement: own ? 'same' : 'right', index: 2 });
      const next = read([dates('04/02/2024', '25/02/2024', own)], [rule], 'correction');
      expect(next.dueDate?.value).toBe('2024-02-25');
    }
  });

  it('the first of them is learned as the first', () => {
    const rule = learnField([dates('25/07/2024', '08/08/2024', false)], 'date', '2024-07-25');
    expect(rule?.index ?? null).toBeNull();
    expect(read([dates('04/02/2024', '25/02/2024', false)], [rule], 'correction').date?.value).toBe(
      '2024-02-04',
    );
  });

  describe('stored per supplier', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-learn-competes-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('keeps the place among the dates, and reads it back', () => {
      const db = openDatabase(dir);
      try {
        const company = insertCompany(db, { name: 'Northwind Facilities', baseCurrency: 'EUR' });
        const supplier = insertSupplier(db, company.id, { name: 'Maple Ridge Supplies' });
        const first = dates('25/07/2024', '08/08/2024', false);
        const learned = learnCorrections(db, {
          companyId: company.id,
          supplierId: supplier.id,
          pages: [first],
          corrections: [{ field: 'dueDate', value: '2024-08-08' }],
          confirmed: [{ field: 'date', value: '2024-07-25' }],
          extraction: extractInvoice([first], { dateOrder: 'dmy' }),
        });
        expect(learned).toEqual(expect.arrayContaining(['dueDate', 'date']));
        const rules = learnedBySupplier(db, company.id).get(supplier.id) ?? [];
        expect(rules.find((r) => r.field === 'dueDate')).toMatchObject({ index: 2 });
        const next = extractInvoice([dates('04/02/2024', '25/02/2024', false)], {
          dateOrder: 'dmy',
          learned: rules,
        });
        expect(next.dueDate?.value).toBe('2024-02-25');
        const exported = exportLearned(db, company.id).suppliers[0]?.fields;
        expect(exported?.find((f) => f.field === 'dueDate')?.index).toBe(2);
      } finally {
        db.close();
      }
    });
  });
});

describe('rows that come and go', () => {
  /** A header of label and value rows at the top right. */
  const header = (rows: [string, string][]) =>
    pageOf([
      [40, 40, 'Van Dijk Installatie B.V.', 16],
      [40, 60, 'Kanaalweg 112 · 3526 KM Utrecht', 8],
      ...rows.flatMap(([k, v], i): Cell[] => [
        [380, 90 + i * 14, k, 9],
        [470, 90 + i * 14, v, 9],
      ]),
      ...totals,
    ]);

  it('no order is read where a delivery-note row of the same shape now stands in its place', () => {
    const first = header([
      ['Factuur nr.', 'FT 2024/221'],
      ['Datum', '14-03-2024'],
      ['Opdrachtnr.', 'PO-4519'],
    ]);
    const rule = learnField([first], 'orderNumber', 'PO-4519');
    expect(rule).toMatchObject({ label: 'opdrachtnr.', placement: 'right' });
    const second = header([
      ['Factuur nr.', 'FT 2024/388'],
      ['Datum', '05-04-2024'],
      ['Zending', 'LS-6485'],
    ]);
    expect(read([second], [rule], 'correction').orderNumber).toBeNull();
  });

  it('a due date taught as a date is read as days after the invoice date when the row gives days', () => {
    const first = header([
      ['Factuur nr.', 'FT 2024/221'],
      ['Datum', '11-10-2024'],
      ['Vervalt', '10-11-2024'],
    ]);
    // Both dates read either way round ("11-10" and "10-11"): the due date is the one in the invoice date's order.
    const rule = learnField([first], 'dueDate', '2024-11-10', { date: '2024-10-11' });
    expect(rule).toMatchObject({ label: 'vervalt', placement: 'right', format: 'dmy' });
    const second = header([
      ['Factuur nr.', 'FT 2024/388'],
      ['Datum', '08-11-2024'],
      ['Vervalt', '45 dagen'],
    ]);
    expect(read([second], [rule], 'correction').dueDate?.value).toBe('2024-12-23');
  });

  it('the order number after a separator in a line of references, standing in for a confirmed one', () => {
    const first = header([
      ['Invoice #', 'A-9312'],
      ['Order', 'BE75-4'],
      ['Customer', '49695'],
    ]);
    const rule = learnField([first], 'orderNumber', 'BE75-4');
    const second = pageOf([
      [40, 40, 'Sharma Cloud Solutions Pvt. Ltd.', 16],
      [380, 90, 'Invoice #', 9],
      [470, 90, 'A-9944', 9],
      [40, 150, 'Customer 49695 / Order 4500709278', 9],
      ...totals,
    ]);
    expect(extractInvoice([second], { dateOrder: 'dmy' }).orderNumber).toBeNull();
    expect(read([second], [rule], 'confirmation').orderNumber?.value).toBe('4500709278');
  });
});

describe('a value printed twice on the first invoice', () => {
  const header = (rows: [string, string][]) =>
    pageOf([
      [40, 40, 'Rossi Forniture S.r.l.', 16],
      ...rows.flatMap(([k, v], i): Cell[] => [
        [40, 120 + i * 14, `${k}:`, 9],
        [150, 120 + i * 14, v, 9],
      ]),
      ...totals,
    ]);

  it('is learned after the label of its own field, not after a delivery date of the same day above it', () => {
    const first = header([
      ['Numero fattura', 'FT-118'],
      ['Data consegna', '15/02/2024'],
      ['Data', '15/02/2024'],
      ['Scadenza', '16/03/2024'],
    ]);
    const rule = learnField([first], 'date', '2024-02-15');
    expect(rule).toMatchObject({ label: 'data:', placement: 'right' });
    const second = header([
      ['Numero fattura', 'FT-244'],
      ['Data consegna', '08/04/2024'],
      ['Data', '10/04/2024'],
      ['Scadenza', '10/05/2024'],
    ]);
    expect(read([second], [rule], 'correction').date?.value).toBe('2024-04-10');
  });

  it('a due date on receipt is learned after the due label, not the invoice date above it', () => {
    const first = header([
      ['Numero fattura', 'FT-118'],
      ['Data', '15/02/2024'],
      ['Scadenza', '15/02/2024'],
    ]);
    const rule = learnField([first], 'dueDate', '2024-02-15', { date: '2024-02-15' });
    expect(rule).toMatchObject({ label: 'scadenza:' });
    const second = header([
      ['Numero fattura', 'FT-244'],
      ['Data', '10/04/2024'],
      ['Scadenza', '10/05/2024'],
    ]);
    expect(read([second], [rule], 'correction').dueDate?.value).toBe('2024-05-10');
  });
});

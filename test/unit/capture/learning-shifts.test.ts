// Learning from one invoice when what stands around the taught fields moves on the next: a row of boxes printed only
// for the fields that have a value (the taught box gone, another standing in its place), labels printed with other
// punctuation or written together after the supplier's form was reworked. A learned rule never invents a value
// where its label is gone, and never reads over a clearly labelled other value.
import { describe, expect, it } from 'vitest';
import { extractInvoice, type LearnedField } from '../../../main/domain/capture/extract.js';
import { learnField } from '../../../main/domain/capture/learned.js';
import type { PageText } from '../../../main/domain/capture/words.js';
import { pageOf } from '../../fixtures/capture/page.js';

type Cell = [number, number, string, number?];
type By = 'correction' | 'confirmation';

const read = (pages: PageText[], rules: (LearnedField | null)[], by: By) =>
  extractInvoice(pages, {
    dateOrder: 'dmy',
    learned: rules.filter((r): r is LearnedField => r !== null).map((r) => ({ ...r, taughtBy: by })),
  });

const totals = (below: Cell[] = []): Cell[] => [
  [40, 300, 'Leistung', 9],
  [480, 300, 'Betrag', 9],
  [40, 314, 'Wartung Heizung', 9],
  [480, 314, '100,00', 9],
  [330, 360, 'Zwischensumme', 9],
  [480, 360, '100,00', 9],
  [330, 374, 'zzgl. 19 % MwSt.', 9],
  [480, 374, '19,00', 9],
  [330, 388, 'Gesamtbetrag', 9],
  [480, 388, '119,00', 9],
  ...below,
];

/** An ERP's row of boxes, a heading above each value, one box for each field that has a value. */
function boxes(cells: [string, string][], below: Cell[] = []): PageText {
  const width = 515 / cells.length;
  return pageOf([
    [40, 40, 'Kessler Bürotechnik GmbH', 14],
    [40, 58, 'Industriestraße 27, 70565 Stuttgart', 8],
    [40, 110, 'Northwind Facilities B.V.', 10],
    ...cells.flatMap(([k, v], i): Cell[] => [
      [44 + i * width, 169, k, 7],
      [44 + i * width, 182, v, 9.5],
    ]),
    ...totals(below),
  ]);
}

describe('a row of boxes that prints only the fields with a value', () => {
  const first = boxes([
    ['Belegnummer', 'RE-24-0815'],
    ['Buchungsdatum', '25.04.2024'],
    ['Kundennummer', '45210'],
    ['Ihre Referenz', 'PO-4410'],
    ['Fälligkeitsdatum', '25.05.2024'],
  ]);

  it('the due date is learned under its heading and read there next time', () => {
    const rule = learnField([first], 'dueDate', '2024-05-25');
    expect(rule).toMatchObject({ label: 'falligkeitsdatum', placement: 'below' });
    const second = boxes([
      ['Belegnummer', 'RE-24-0907'],
      ['Buchungsdatum', '04.06.2024'],
      ['Kundennummer', '45210'],
      ['Ihre Referenz', 'PO-4522'],
      ['Fälligkeitsdatum', '04.07.2024'],
    ]);
    for (const by of ['correction', 'confirmation'] as const) {
      expect(read([second], [rule], by).dueDate?.value).toBe('2024-07-04');
    }
  });

  it("the delivery date's box standing where the due date's stood is not read as the due date", () => {
    const rule = learnField([first], 'dueDate', '2024-05-25');
    // "Buchungsdatum" (the posting date SAP prints as the invoice's) is no label the general rules read.
    expect(extractInvoice([first], { dateOrder: 'dmy' }).date).toBeNull();
    const date = learnField([first], 'date', '2024-04-25');
    // The next invoice gives its due date as terms under the totals: the box is gone.
    const second = boxes(
      [
        ['Belegnummer', 'RE-24-0907'],
        ['Buchungsdatum', '04.06.2024'],
        ['Kundennummer', '45210'],
        ['Ihre Referenz', 'PO-4522'],
        ['Lieferdatum', '02.06.2024'],
      ],
      [[40, 440, 'Zahlungsbedingungen: 30 Tage netto', 9]],
    );
    for (const by of ['correction', 'confirmation'] as const) {
      const next = read([second], [rule, date], by);
      expect(next.date?.value).toBe('2024-06-04');
      // The terms count from the invoice date the learned rule read.
      expect(next.dueDate?.value).toBe('2024-07-04');
    }
    // Without terms either, no due date is made up from the delivery date.
    const none = boxes([
      ['Belegnummer', 'RE-24-0907'],
      ['Buchungsdatum', '04.06.2024'],
      ['Kundennummer', '45210'],
      ['Ihre Referenz', 'PO-4522'],
      ['Lieferdatum', '02.06.2024'],
    ]);
    expect(read([none], [rule, date], 'correction').dueDate).toBeNull();
  });

  it('no order number when the next invoice answers no order and every box moves one place left', () => {
    const rule = learnField([first], 'orderNumber', 'PO-4410');
    expect(rule).toMatchObject({ label: 'ihre referenz', placement: 'below' });
    const second = boxes([
      ['Belegnummer', 'RE-24-0907'],
      ['Buchungsdatum', '04.06.2024'],
      ['Kundennummer', '45210'],
      ['Lieferung', '80977120'],
      ['Fälligkeitsdatum', '04.07.2024'],
    ]);
    for (const by of ['correction', 'confirmation'] as const) {
      expect(read([second], [rule], by).orderNumber).toBeNull();
    }
  });

  it('a position taught without a heading is still read where nothing else heads it', () => {
    // Taught with no label (the bookkeeper's value stood alone): the place is all there is to go by.
    const alone = (value: string) =>
      pageOf([[40, 40, 'Kessler Bürotechnik GmbH', 14], [420, 120, value, 9], ...totals()]);
    const rule = learnField([alone('RE-24-0815')], 'invoiceNumber', 'RE-24-0815');
    expect(rule).toMatchObject({ label: null });
    expect(read([alone('RE-24-0907')], [rule], 'correction').invoiceNumber?.value).toBe('RE-24-0907');
  });
});

/** Labels no vocabulary holds, beside their values. */
function erp(rows: [string, string][]): PageText {
  return pageOf([
    [40, 40, 'Van Dijk Installatie B.V.', 14],
    [40, 58, 'Kanaalweg 14, 3526 KL Utrecht', 8],
    ...rows.flatMap(([k, v], i): Cell[] => [
      [330, 100 + i * 14, k, 9],
      [430, 100 + i * 14, v, 9],
    ]),
    ...totals(),
  ]);
}

describe('a label printed with other punctuation after the form was reworked', () => {
  const first = erp([
    ['Boekstuk-nr.:', 'VD-24-118'],
    ['Opgemaakt op:', '15-02-2024'],
    ['Uiterlijk:', '16-03-2024'],
  ]);
  const second = erp([
    ['Boekstuknr.', 'VD-24-1244'],
    ['Opgemaakt-op', '10-04-2024'],
    ['UITERLIJK', '10-05-2024'],
  ]);

  it('the general rules know none of these labels', () => {
    const x = extractInvoice([first], { dateOrder: 'dmy' });
    expect(x.invoiceNumber?.value).not.toBe('VD-24-118');
  });

  it('words written together, a hyphen, case and a colon dropped: the label is still found', () => {
    const rules = [
      learnField([first], 'invoiceNumber', 'VD-24-118'),
      learnField([first], 'date', '2024-02-15'),
      learnField([first], 'dueDate', '2024-03-16'),
    ];
    expect(rules[0]).toMatchObject({ label: 'boekstuk-nr.:', placement: 'right' });
    const next = read([second], rules, 'correction');
    expect(next.invoiceNumber?.value).toBe('VD-24-1244');
    expect(next.date?.value).toBe('2024-04-10');
    expect(next.dueDate?.value).toBe('2024-05-10');
  });

  it('and the other way round: written apart, with a colon added', () => {
    const rule = learnField([second], 'invoiceNumber', 'VD-24-1244');
    expect(read([first], [rule], 'correction').invoiceNumber?.value).toBe('VD-24-118');
  });

  it('a label taught with its colon is itself without it, and "Fecha" is still not "Fecha pedido"', () => {
    const page = (rows: [string, string][]) => erp(rows);
    const rule = learnField(
      [
        page([
          ['Nº factura', 'FV-2024-118'],
          ['Fecha:', '15/02/2024'],
        ]),
      ],
      'date',
      '2024-02-15',
    );
    expect(rule).toMatchObject({ label: 'fecha:' });
    // The next invoice prints no colons, and an order date's row first.
    const second = page([
      ['Nº factura', 'FV-2024-244'],
      ['Fecha pedido', '31/03/2024'],
      ['Fecha', '10/04/2024'],
    ]);
    // A confirmed label as taught decides against the general rules, a correction is read first.
    for (const by of ['correction', 'confirmation'] as const) {
      expect(read([second], [rule], by).date?.value).toBe('2024-04-10');
    }
  });
});

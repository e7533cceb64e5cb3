// Learning from one invoice when what stands around the taught fields moves on the next: a row of boxes printed only
// for the fields that have a value (the taught box gone, another standing in its place), labels printed with other
// punctuation or written together after the supplier's form was reworked. A learned rule never invents a value
// where its label is gone, and never reads over a clearly labelled other value.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { learnField, learnLines } from '../../../main/domain/capture/learned.js';
import type { PageText } from '../../../main/domain/capture/words.js';
import { pageOf } from '../../fixtures/capture/page.js';
import { readLearned } from '../../fixtures/capture/read-learned.js';

type Cell = [number, number, string, number?];

const read = readLearned;

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

/**
 * A word-processor invoice: the net and the tax labelled under the lines, the total alone under a rule without a
 * label, the payment sentence after it; lines that do not fit the first page go on a second, the totals after them.
 */
function trade(lines: number, o: { total: string; net: string; tax: string }): PageText[] {
  const rows: Cell[][] = [[]];
  let top = 300;
  let page = 0;
  for (let i = 0; i < lines; i++) {
    if (top > 760) {
      rows.push([]);
      page++;
      top = 80;
    }
    rows[page]?.push([40, top, `Leistung ${i + 1}`, 9], [480, top, '10,00', 9]);
    top += 16;
  }
  rows[page]?.push(
    [330, top + 20, 'Zwischensumme', 9],
    [480, top + 20, o.net, 9],
    [330, top + 34, 'zzgl. 19 % MwSt.', 9],
    [480, top + 34, o.tax, 9],
    [480, top + 52, o.total, 10],
    [40, top + 80, 'Bitte überweisen Sie den Betrag bis zum 30.05.2024 auf unser Konto.', 9],
  );
  return rows.map((cells, i) =>
    pageOf(
      [
        ...(i === 0
          ? ([
              [40, 40, 'Malerbetrieb Sommer', 14],
              [330, 100, 'Rechnungsnummer', 9],
              [450, 100, `RE-${lines}`, 9],
              [330, 114, 'Datum', 9],
              [450, 114, '30.04.2024', 9],
              [40, 280, 'Leistung', 9],
              [480, 280, 'Betrag', 9],
            ] as Cell[])
          : []),
        ...cells,
      ],
      i + 1,
    ),
  );
}

describe('a total printed without a label under a table of another length', () => {
  const pages = trade(9, { net: '90,00', tax: '17,10', total: '107,10' });
  const taught = () => [
    learnField(pages, 'total', '107.10'),
    learnField(pages, 'subtotal', '90.00'),
    learnField(pages, 'tax', '17.10'),
  ];

  it('is learned by its place, the net and the tax after their labels', () => {
    const [total, net] = taught();
    expect(total).toMatchObject({ label: null });
    expect(net).toMatchObject({ label: 'zwischensumme' });
  });

  it('is read where the labelled net above it moved to: one line this time', () => {
    const second = trade(1, { net: '10,00', tax: '1,90', total: '11,90' });
    const rules = taught();
    const total = rules[0];
    if (!total) throw new Error('not learned');
    // Where it stood on the first invoice is empty now; moved with the net, it is found.
    expect(read(second, [total], 'correction').learned).not.toContain('total');
    const next = read(second, rules, 'correction');
    expect(next.total?.value).toBe('11.90');
    expect(next.learned).toContain('total');
  });

  it('and on the second page when the table runs over the first', () => {
    const second = trade(40, { net: '400,00', tax: '76,00', total: '476,00' });
    expect(second).toHaveLength(2);
    const next = read(second, taught(), 'correction');
    expect(next.total?.value).toBe('476.00');
    expect(next.total?.page).toBe(2);
    expect(next.learned).toContain('total');
  });

  it('a line amount standing where the total stood is not taken as the total', () => {
    // Thirteen lines: the old place of the total is now a line's amount (10,00).
    const second = trade(13, { net: '130,00', tax: '24,70', total: '154,70' });
    const next = read(second, taught(), 'correction');
    expect(next.total?.value).toBe('154.70');
    // Read the learned way, not only put right by the sums.
    expect(next.learned).toContain('total');
  });
});

/**
 * A line table under a header of words no vocabulary holds, `rows` lines of it; what does not fit the first page
 * goes on at the top of the second (`repeat`: under the header printed again), the totals after the last line.
 * `foot` puts a carried-forward line at the foot of the first page, `after` a table of other figures on the second
 * page after the totals of the first.
 */
function ledger(rows: number, o: { repeat?: boolean; foot?: boolean; after?: boolean } = {}): PageText[] {
  const pages: Cell[][] = [
    [
      [40, 40, 'Lakeshore Print Works', 16],
      [330, 100, 'Invoice no.', 9],
      [450, 100, `LP-${rows}`, 9],
    ],
  ];
  const header = (top: number): Cell[] => [
    [40, top, 'What', 9],
    [300, top, 'How many', 9],
    [380, top, 'Each', 9],
    [480, top, 'Together', 9],
  ];
  pages[0]?.push(...header(200));
  let top = 216;
  let net = 0;
  for (let i = 0; i < rows; i++) {
    if (top > 780) {
      if (o.foot) pages[pages.length - 1]?.push([300, top, 'Carried forward', 9], [480, top, `${net}.00`, 9]);
      pages.push(o.repeat ? header(60) : []);
      top = o.repeat ? 76 : 60;
    }
    const quantity = (i % 3) + 1;
    const price = 10 + i;
    net += quantity * price;
    pages[pages.length - 1]?.push(
      [40, top, `Item ${i + 1}`, 9],
      [300, top, String(quantity), 9],
      [380, top, `${price}.00`, 9],
      [480, top, `${quantity * price}.00`, 9],
    );
    top += 16;
  }
  pages[pages.length - 1]?.push(
    [330, top + 20, 'Subtotal', 9],
    [480, top + 20, `${net}.00`, 9],
    [330, top + 34, 'Total', 9],
    [480, top + 34, `${net}.00`, 9],
  );
  if (o.after) {
    // A schedule of other figures on a page of its own after the invoice.
    pages.push([
      [40, 60, 'Delivery 1', 9],
      [300, 60, '2', 9],
      [380, 60, '5.00', 9],
      [480, 60, '10.00', 9],
    ]);
  }
  return pages.map((cells, i) => pageOf(cells, i + 1));
}

describe('a value at the foot of the page, learned by its place', () => {
  it('stays where it was when the totals and the payment sentence far above it move', () => {
    // The supplier's own file reference alone at the foot of every page, taught as the order number.
    const withFoot = (pages: PageText[], reference: string) =>
      pages.map((p, i) =>
        i === pages.length - 1
          ? { ...p, words: [...p.words, ...pageOf([[480, 800, reference, 8]]).words] }
          : p,
      );
    const first = withFoot(trade(9, { net: '90,00', tax: '17,10', total: '107,10' }), 'AZ-1187');
    const rules = [
      learnField(first, 'orderNumber', 'AZ-1187'),
      learnField(first, 'subtotal', '90.00'),
      learnField(first, 'tax', '17.10'),
      // The payment sentence under the totals, nearest above the foot, moves with them.
      learnField(first, 'dueDate', '2024-05-30'),
    ];
    expect(rules[0]).toMatchObject({ label: null });
    const second = withFoot(trade(1, { net: '10,00', tax: '1,90', total: '11,90' }), 'AZ-1243');
    expect(read(second, rules, 'correction').orderNumber?.value).toBe('AZ-1243');
  });
});

describe('a learned line table that runs onto a second page', () => {
  const first = ledger(2);
  const rule = learnLines(first, [
    { quantity: '1', unitPrice: '10.00', amount: '10.00' },
    { quantity: '2', unitPrice: '11.00', amount: '22.00' },
  ]);
  const lines = (pages: PageText[]) =>
    extractInvoice(pages, { dateOrder: 'dmy', learned: rule ? [{ ...rule, taughtBy: 'confirmation' }] : [] })
      .lines;

  it('goes on at the top of the next page without its header printed again', () => {
    expect(rule).toMatchObject({ field: 'lines', label: 'what how many each together' });
    const second = ledger(48);
    expect(second).toHaveLength(2);
    const read = lines(second);
    expect(read).toHaveLength(48);
    expect(read[47]).toMatchObject({ quantity: '3', unitPrice: '57.00', amount: '171.00' });
  });

  it('reads each line once when the next page prints the header again', () => {
    expect(lines(ledger(48, { repeat: true }))).toHaveLength(48);
  });

  it('goes on past a carried-forward sum at the foot of the first page', () => {
    expect(lines(ledger(48, { foot: true }))).toHaveLength(48);
  });

  it('stops at the totals: figures on a page after them are no lines of the table', () => {
    const read = lines(ledger(3, { after: true }));
    expect(read.map((l) => l.amount)).toEqual(['10.00', '22.00', '36.00']);
  });
});

describe('a learned label that OCR read with one letter slipped', () => {
  /** Labels no vocabulary holds beside their values; `ocr`: the words as a scan's OCR gives them. */
  const page = (rows: [string, string][], ocr: boolean): PageText => {
    const p = erp(rows);
    return ocr ? { ...p, words: p.words.map((w) => ({ ...w, confidence: 0.82 })) } : p;
  };
  const first = page(
    [
      ['Emitida em:', '15-02-2024'],
      ['Liquidar até:', '16-03-2024'],
    ],
    false,
  );
  const rules = [learnField([first], 'date', '2024-02-15'), learnField([first], 'dueDate', '2024-03-16')];
  // The next invoice prints the rows the other way round: where each value stood, the other one stands now.
  const slipped: [string, string][] = [
    ['Liquidar atè:', '10-05-2024'],
    ['mitida em:', '10-04-2024'],
  ];

  it('is found on a scan: a letter lost, a letter misread', () => {
    expect(rules[0]).toMatchObject({ label: 'emitida em:' });
    const next = read([page(slipped, true)], rules, 'correction');
    expect(next.date?.value).toBe('2024-04-10');
    expect(next.dueDate?.value).toBe('2024-05-10');
  });

  it('is not on a text layer, which prints what the supplier wrote', () => {
    const next = read([page(slipped, false)], rules, 'correction');
    expect(next.date?.value).not.toBe('2024-04-10');
  });

  it('a short label is not matched with a letter off ("Data" is not "Date")', () => {
    const short = page([['Date:', '15-02-2024']], false);
    const rule = learnField([short], 'date', '2024-02-15');
    expect(rule).toMatchObject({ label: 'date:' });
    const next = read([page([['Dato:', '10-04-2024']], true)], [rule], 'correction');
    expect(next.date?.value).not.toBe('2024-04-10');
  });
});

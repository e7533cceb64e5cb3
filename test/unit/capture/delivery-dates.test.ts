// Dates that stand beside the invoice date and are not it (a delivery or ship date, a service period), in each
// language, and what a learned date or due date does when the supplier's next invoice prints one where the taught
// date stood, or gives its terms instead of a due date.
import { describe, expect, it } from 'vitest';
import { extractInvoice, type LearnedField } from '../../../main/domain/capture/extract.js';
import { learnField } from '../../../main/domain/capture/learned.js';
import type { PageText } from '../../../main/domain/capture/words.js';
import { pageOf } from '../../fixtures/capture/page.js';

type Row = [number, number, string, number];
type Totals = { net: string; tax: string; total: string };

/** One line (`item`, its amount the net) and the totals under it, as every page here prints them. */
function lineAndTotals(item: string, words: Totals, amounts: Totals): Row[] {
  return [
    [40, 260, item, 10],
    [480, 260, amounts.net, 10],
    [330, 300, words.net, 10],
    [480, 300, amounts.net, 10],
    [330, 314, words.tax, 10],
    [480, 314, amounts.tax, 10],
    [330, 328, words.total, 10],
    [480, 328, amounts.total, 10],
  ];
}

/** A header whose rows are label and value in one cell, at the top right, over a short line table. */
function header(rows: string[], language: Totals): PageText {
  return pageOf([
    [40, 40, 'Fornitore Esempio S.r.l.', 16],
    [40, 60, 'Via Roma 1 · 20121 Milano', 8],
    ...rows.map((text, i): Row => [330, 90 + i * 14, text, 10]),
    [40, 200, 'Northwind Facilities B.V.', 10],
    ...lineAndTotals('Item', language, { net: '100,00', tax: '20,00', total: '120,00' }),
  ]);
}

/** Per language: the delivery date or service period as printed, the invoice date, and the totals' words. */
const CASES = (
  [
    ['en', 'Date of supply: 04/11/2024', 'Date: 05/11/2024', 'Subtotal', 'VAT 20%', 'Total'],
    [
      'de',
      'Leistungszeitraum: 04.11.2024 – 04.11.2024',
      'Datum: 05.11.2024',
      'Nettobetrag',
      'MwSt. 20 %',
      'Gesamtbetrag',
    ],
    ['fr', 'Livré le 04/11/2024', 'Date : 05/11/2024', 'Total HT', 'TVA 20 %', 'Total TTC'],
    ['nl', 'Leveringsdatum: 04-11-2024', 'Datum: 05-11-2024', 'Subtotaal', 'Btw 20%', 'Totaal'],
    ['es', 'Fecha entrega: 04/11/2024', 'Fecha: 05/11/2024', 'Base imponible', 'IVA 20%', 'Total'],
    ['it', 'Data consegna: 04/11/2024', 'Data: 05/11/2024', 'Imponibile', 'IVA 20%', 'Totale'],
    ['pt', 'Data da entrega: 04/11/2024', 'Data: 05/11/2024', 'Total ilíquido', 'IVA 20%', 'Total'],
  ] as const
).map(([language, delivery, date, net, tax, total]) => ({
  language,
  delivery,
  date,
  words: { net, tax, total },
}));

describe('a delivery date or a service period beside the invoice date is not the invoice date', () => {
  for (const c of CASES) {
    it(`${c.language}: "${c.delivery.replace(/[:\d].*$/, '').trim()}" printed first`, () => {
      const page = header(['Nr. 2024-118', c.delivery, c.date], c.words);
      const x = extractInvoice([page], { dateOrder: 'dmy' });
      expect(x.date?.value).toBe('2024-11-05');
    });
  }
});

const read = (pages: PageText[], rules: (LearnedField | null)[], taughtBy: 'correction' | 'confirmation') =>
  extractInvoice(pages, {
    dateOrder: 'dmy',
    learned: rules.filter((r): r is LearnedField => r !== null).map((r) => ({ ...r, taughtBy })),
  });

/** A grid of rows, each label in its cell and the value in the next (QuickBooks, Exact, Odoo print this way). */
function grid(rows: [string, string][]): PageText {
  return pageOf([
    [40, 40, 'Summit Office Supply Inc.', 16],
    [40, 60, '915 W Lake Street, Chicago', 8],
    ...rows.flatMap(([label, value], i): Row[] => [
      [330, 90 + i * 14, label, 9],
      [440, 90 + i * 14, value, 10],
    ]),
    [40, 200, 'Northwind Facilities B.V.', 10],
    ...lineAndTotals(
      'Desk lamp',
      { net: 'Subtotal', tax: 'Tax', total: 'Total' },
      { net: '100.00', tax: '10.00', total: '110.00' },
    ),
  ]);
}

describe('a learned due date given as terms on the next invoice, in the cell beside its label', () => {
  // QuickBooks prints "DATE" above "DUE DATE": the invoice date's row, moved down by a ship date, stands where the
  // due date stood, under a label the due date's holds.
  const TERMS: { language: string; due: string; terms: string; days: number; date?: string }[] = [
    { language: 'en', due: 'DUE DATE', terms: 'Net 21', days: 21, date: 'DATE' },
    { language: 'de', due: 'Fällig am', terms: 'zahlbar innerhalb 14 Tagen', days: 14 },
    { language: 'fr', due: "Date d'échéance", terms: 'Paiement à 30 jours', days: 30 },
    { language: 'nl', due: 'Vervaldatum', terms: 'Te betalen binnen 30 dagen', days: 30 },
    { language: 'es', due: 'Vencimiento', terms: 'Pago a 30 días', days: 30 },
    { language: 'it', due: 'Scadenza', terms: 'Pagamento entro 30 giorni d.f.', days: 30 },
    { language: 'pt', due: 'Data de vencimento', terms: 'Pagamento a 30 dias', days: 30 },
  ];
  for (const t of TERMS) {
    it(`${t.language}: "${t.terms}"`, () => {
      const first = grid([
        ['Invoice #', '2024-117'],
        [t.date ?? 'Invoice date', '03/05/2024'],
        [t.due, '17/05/2024'],
      ]);
      const rule = learnField([first], 'dueDate', '2024-05-17', { date: '2024-05-03' });
      expect(rule).toMatchObject({ field: 'dueDate', placement: 'right' });
      // Taught by a correction and by a confirmation alike.
      for (const taughtBy of ['correction', 'confirmation'] as const) {
        const next = read(
          [
            grid([
              ['Invoice #', '2024-204'],
              ['Ship date', '04/11/2024'],
              [t.date ?? 'Invoice date', '05/11/2024'],
              [t.due, t.terms],
            ]),
          ],
          [rule],
          taughtBy,
        );
        const due = new Date(Date.UTC(2024, 10, 5 + t.days)).toISOString().slice(0, 10);
        expect(next.dueDate?.value).toBe(due);
        // Read the learned way (after the taught label), not only by the general rules' terms.
        if (taughtBy === 'correction') expect(next.learned).toContain('dueDate');
      }
    });
  }
});

describe('a due date counted from payment terms', () => {
  it('counts from the invoice date a learned rule read, not from the date the general rules took', () => {
    // The document's date at the top and the tax point lower down: the bookkeeper books the tax point.
    const page = (date: string, taxPoint: string) =>
      pageOf([
        [40, 40, 'Kestrel IT Services Ltd', 16],
        [400, 40, `Date ${date}`, 10],
        [40, 120, 'Northwind Facilities B.V.', 10],
        [330, 150, 'Invoice No. KIT-2024-88', 10],
        [330, 164, `Tax point ${taxPoint}`, 10],
        ...lineAndTotals(
          'Support hours',
          { net: 'Subtotal', tax: 'VAT 20%', total: 'Total' },
          { net: '100.00', tax: '20.00', total: '120.00' },
        ),
        [40, 380, 'Payment terms: 30 days', 10],
      ]);
    const first = page('28/04/2024', '30/04/2024');
    expect(extractInvoice([first], { dateOrder: 'dmy' }).date?.value).toBe('2024-04-28');
    const rule = learnField([first], 'date', '2024-04-30');
    expect(rule).toMatchObject({ label: 'tax point' });
    const next = read([page('01/06/2024', '03/06/2024')], [rule], 'correction');
    expect(next.date?.value).toBe('2024-06-03');
    expect(next.dueDate?.value).toBe('2024-07-03');
  });
});

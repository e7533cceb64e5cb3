// Learning per supplier, for each kind of field: one correction on the first invoice makes the next invoice right
// (a date's order, an order number under an unknown label, an amount, the currency, the line table), and a field
// the bookkeeper confirmed (saved as read) is learned too — used when the general rules find nothing, and never
// against what they read.
import { describe, expect, it } from 'vitest';
import { extractInvoice, type LearnedField } from '../../../main/domain/capture/extract.js';
import { learnField, learnLines } from '../../../main/domain/capture/learned.js';
import { pageOf } from '../../fixtures/capture/page.js';

type Row = [string, string, string, string];

/** A supplier who prints dates month first, its order under "Vorgangsref.", prices in "$" (Canadian dollars),
 * and a line table whose header words no vocabulary holds. */
function invoice(o: { date: string; order: string; rows: Row[]; net: string; tax: string; total: string }) {
  const cells: [number, number, string, number?][] = [
    [40, 40, 'Lakeshore Print Works', 16],
    [40, 62, '12 Harbour Road, Halifax', 9],
    [330, 100, 'Invoice no.', 9],
    [450, 100, 'LP-1042', 9],
    [330, 114, 'Date', 9],
    [450, 114, o.date, 9],
    [330, 128, 'Vorgangsref.', 9],
    [450, 128, o.order, 9],
    [40, 200, 'What', 9],
    [300, 200, 'How many', 9],
    [380, 200, 'Each', 9],
    [480, 200, 'Together', 9],
  ];
  o.rows.forEach(([d, q, p, a], i) => {
    const top = 216 + i * 16;
    cells.push([40, top, d], [300, top, q], [380, top, `$${p}`], [480, top, `$${a}`]);
  });
  cells.push(
    [330, 320, 'Subtotal', 9],
    [480, 320, `$${o.net}`, 9],
    [330, 334, 'Sales tax', 9],
    [480, 334, `$${o.tax}`, 9],
    [330, 348, 'Total', 9],
    [480, 348, `$${o.total}`, 9],
  );
  return pageOf(cells);
}

const first = invoice({
  date: '04/03/2024',
  order: 'WO-5521',
  rows: [
    ['Flyers A5', '500', '0.20', '100.00'],
    ['Posters A2', '4', '12.50', '50.00'],
  ],
  net: '150.00',
  tax: '19.50',
  total: '169.50',
});
const second = invoice({
  date: '06/05/2024',
  order: 'WO-5630',
  rows: [
    ['Business cards', '250', '0.12', '30.00'],
    ['Banner 2 m', '1', '85.00', '85.00'],
    ['Stickers', '100', '0.35', '35.00'],
  ],
  net: '150.00',
  tax: '19.50',
  total: '169.50',
});

const read = (learned: LearnedField[] = []) => extractInvoice([second], { dateOrder: 'dmy', learned });

describe('one correction makes the next invoice right, for each kind of field', () => {
  it('a date printed month first', () => {
    expect(read().date?.value).toBe('2024-05-06');
    const rule = learnField([first], 'date', '2024-04-03');
    expect(rule).toMatchObject({ format: 'mdy' });
    const next = read(rule ? [rule] : []);
    expect(next.date?.value).toBe('2024-06-05');
    expect(next.learned).toContain('date');
  });

  it('an order number under a label no vocabulary has', () => {
    expect(read().orderNumber?.value).not.toBe('WO-5630');
    const rule = learnField([first], 'orderNumber', 'WO-5521');
    expect(rule).toMatchObject({ label: 'vorgangsref.', placement: 'right' });
    expect(read(rule ? [rule] : []).orderNumber?.value).toBe('WO-5630');
  });

  it('the currency a "$" stands for', () => {
    expect(read().currency?.value).toBe('USD');
    const rule = learnField([first], 'currency', 'CAD');
    const next = read(rule ? [rule] : []);
    expect(next.currency?.value).toBe('CAD');
    expect(next.learned).toContain('currency');
    // A page that prints another currency's code keeps it.
    const euro = pageOf([
      [40, 40, 'Lakeshore Print Works', 16],
      [330, 348, 'Total EUR', 9],
      [480, 348, '169.50', 9],
    ]);
    expect(extractInvoice([euro], { dateOrder: 'dmy', learned: rule ? [rule] : [] }).currency?.value).toBe(
      'EUR',
    );
  });

  it('the line table under a header of unknown words', () => {
    expect(read().lines).toEqual([]);
    const rule = learnLines(
      [first],
      [
        { quantity: '500', unitPrice: '0.20', amount: '100.00' },
        { quantity: '4', unitPrice: '12.50', amount: '50.00' },
      ],
    );
    expect(rule).toMatchObject({ field: 'lines', label: 'what how many each together' });
    const next = read(rule ? [rule] : []);
    expect(next.lines.map((l) => [l.description, l.quantity, l.unitPrice, l.amount])).toEqual([
      ['Business cards', '250', '0.12', '30.00'],
      ['Banner 2 m', '1', '85.00', '85.00'],
      ['Stickers', '100', '0.35', '35.00'],
    ]);
    expect(next.learned).toContain('lines');
  });

  it('an amount the general rules take wrongly, and only while the sums still hold', () => {
    // This supplier's total is the line "Total"; a rule taught on the tax keeps reconciling.
    const rule = learnField([first], 'tax', '19.50');
    const next = read(rule ? [rule] : []);
    expect([next.subtotal?.value, next.tax?.value, next.total?.value]).toEqual(['150.00', '19.50', '169.50']);
    expect(next.learned).toContain('tax');
    // A rule that points at a figure breaking net + tax = total is outweighed by the sums.
    const wrong: LearnedField = { ...(rule as LearnedField), label: 'subtotal' };
    const checked = read([wrong]);
    expect([checked.subtotal?.value, checked.tax?.value, checked.total?.value]).toEqual([
      '150.00',
      '19.50',
      '169.50',
    ]);
  });
});

describe('fields the bookkeeper confirmed', () => {
  it("keep the supplier's day/month order, seen on an unambiguous date, for its next ambiguous one", () => {
    const dated = (date: string) =>
      pageOf([
        [40, 40, 'Lakeshore Print Works', 16],
        [330, 114, 'Date', 9],
        [450, 114, date, 9],
      ]);
    const rule = learnField([dated('03/25/2024')], 'date', '2024-03-25');
    expect(rule).toMatchObject({ format: 'mdy' });
    const confirmed = { ...(rule as LearnedField), taughtBy: 'confirmation' as const };
    expect(extractInvoice([dated('04/05/2024')], { dateOrder: 'dmy' }).date?.value).toBe('2024-05-04');
    expect(
      extractInvoice([dated('04/05/2024')], { dateOrder: 'dmy', learned: [confirmed] }).date?.value,
    ).toBe('2024-04-05');
  });

  it('do not stand in for a missing order number with a month and a day', () => {
    const page = (order: string | null) =>
      pageOf([
        [40, 40, 'Lakeshore Print Works', 16],
        [330, 128, 'PO', 9],
        [450, 128, order ?? 'December 16', 9],
      ]);
    const rule = learnField([page('PO-5521')], 'orderNumber', 'PO-5521');
    const learned = [{ ...(rule as LearnedField), taughtBy: 'correction' as const }];
    expect(extractInvoice([page(null)], { dateOrder: 'dmy', learned }).orderNumber).toBeNull();
  });

  it('stand in where the general rules find nothing, and never against what they read', () => {
    const withDue = (due: string | null) =>
      pageOf([
        [40, 40, 'Lakeshore Print Works', 16],
        [330, 100, 'Invoice no.', 9],
        [450, 100, 'LP-1042', 9],
        [330, 114, 'Date', 9],
        [450, 114, '03.04.2024', 9],
        ...(due ? ([[450, 128, due, 9]] as [number, number, string, number][]) : []),
        [330, 348, 'Total', 9],
        [480, 348, '169.50', 9],
      ]);
    const due = learnField([withDue('30.04.2024')], 'dueDate', '2024-04-30');
    const number = learnField([withDue('30.04.2024')], 'invoiceNumber', 'LP-1042');
    const confirmed = [due, number].map((r) => ({
      ...(r as LearnedField),
      taughtBy: 'confirmation' as const,
    }));
    const next = extractInvoice([withDue('31.05.2024')], { dateOrder: 'dmy', learned: confirmed });
    expect(next.dueDate?.value).toBe('2024-05-31');
    expect(next.invoiceNumber?.value).toBe('LP-1042');
    // Filled in by the confirmed rule: shown as learned; agreeing with the general rules: more confident only.
    expect(next.learned).toEqual(['dueDate']);
    expect(next.invoiceNumber?.confidence).toBeGreaterThan(0.95);
    // A confirmed number does not replace another one the general rules read under the label.
    const other = pageOf([
      [40, 40, 'Lakeshore Print Works', 16],
      [330, 100, 'Invoice no.', 9],
      [450, 100, 'LP-2001', 9],
    ]);
    expect(extractInvoice([other], { dateOrder: 'dmy', learned: confirmed }).invoiceNumber?.value).toBe(
      'LP-2001',
    );
  });
});

// Learning from a supplier's first invoice when its next one, printed by the same template, carries other data: due
// at once printed as zero days of terms; so many lines that a page break splits the totals. Each is taught on the
// first invoice and read on the next.
import { describe, expect, it } from 'vitest';
import { learnField } from '../../../main/domain/capture/learned.js';
import { pageOf } from '../../fixtures/capture/page.js';
import { readLearned } from '../../fixtures/capture/read-learned.js';

/** An ERP's invoice whose terms stand under a word no vocabulary holds for them ("Konditionen"). */
function terms(o: { number: string; date: string; terms: string }) {
  return pageOf([
    [40, 40, 'Brandt Haustechnik GmbH', 16],
    [40, 120, 'Northwind Facilities B.V.', 10],
    [360, 120, `Rechnung ${o.number}`, 10],
    [360, 134, `Datum ${o.date}`, 10],
    [40, 230, 'Wartung Heizung', 10],
    [480, 230, '100,00', 10],
    [330, 300, 'Rechnungsbetrag', 10],
    [480, 300, '119,00', 10],
    [40, 340, `Konditionen: ${o.terms}`, 9],
  ]);
}

describe('the next invoice of a supplier, printed the same way with other data', () => {
  it('reads zero days of learned terms as due on the invoice date', () => {
    const first = terms({ number: '2024-0815', date: '25.04.2024', terms: '30 Tage' });
    const due = learnField([first], 'dueDate', '2024-05-25', { date: '2024-04-25' });
    expect(due).toMatchObject({ label: 'konditionen:', format: 'days' });
    const next = (t: string) =>
      readLearned([terms({ number: '2024-0907', date: '04.06.2024', terms: t })], [due]).dueDate?.value;
    expect(next('0 Tage')).toBe('2024-06-04');
    expect(next('14 Tage')).toBe('2024-06-18');
    // A zero that is no count of days says nothing of the due date.
    expect(next('0 % Skonto')).toBeUndefined();
  });
});

/** An invoice's line rows from `top`, 16 points apart, and the top of the row after them. */
function rows(amounts: string[], top: number): { cells: [number, number, string, number][]; end: number } {
  const cells = amounts.flatMap((a, i): [number, number, string, number][] => [
    [40, top + i * 16, `Consulting (${i + 1})`, 9],
    [480, top + i * 16, a, 9],
  ]);
  return { cells, end: top + amounts.length * 16 };
}

/** The totals as an ERP prints them: the net and the total labelled, the tax under the net with no label. */
function totals(top: number, net: string, tax: string, total: string): [number, number, string, number][] {
  return [
    [330, top, 'Untaxed Amount', 9],
    [480, top, net, 9],
    [480, top + 14, tax, 9],
    [330, top + 28, 'Grand sum', 10],
    [480, top + 28, total, 10],
  ];
}

describe('amounts learned by their place', () => {
  it('are read where the nearest learned amount after the page break moved to, when a page break splits them', () => {
    const head: [number, number, string, number][] = [
      [40, 40, 'Brandt Haustechnik GmbH', 16],
      [360, 120, 'Rechnung 2024-0815', 10],
      [360, 134, 'Datum 25.04.2024', 10],
    ];
    const few = rows(['60.00', '40.00'], 240);
    const first = pageOf([...head, ...few.cells, ...totals(few.end + 20, '100.00', '19.00', '119.00')]);
    const rules = [
      learnField([first], 'subtotal', '100.00'),
      learnField([first], 'tax', '19.00'),
      learnField([first], 'total', '119.00'),
    ];
    expect(rules[1]).toMatchObject({ label: null });
    // The next invoice's lines fill its first page: the net is its last row, the tax and total head the second.
    const many = rows(
      Array.from({ length: 33 }, () => '10.00'),
      240,
    );
    const next = [
      pageOf([...head, ...many.cells, ...totals(many.end + 20, '330.00', '62.70', '392.70').slice(0, 2)]),
      pageOf(totals(26, '330.00', '62.70', '392.70').slice(2), 2),
    ];
    const x = readLearned(next, rules);
    expect([x.subtotal?.value, x.tax?.value, x.total?.value]).toEqual(['330.00', '62.70', '392.70']);
  });
});

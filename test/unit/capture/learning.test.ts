// Learning per supplier: one correction on the review screen teaches how this supplier prints a field; its next
// invoice is read that way and says the field was learned.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { learnField } from '../../../main/domain/capture/learned.js';
import { pageOf } from '../../fixtures/capture/page.js';

/** An invoice of a supplier that prints its number under "Vorgang" and its total as "Endsumme inkl. Abgaben". */
function invoice(number: string, date: string, totals: [string, string, string]) {
  return pageOf([
    [40, 40, 'Fischer & Söhne OHG', 16],
    [40, 120, 'Northwind Facilities', 10],
    [330, 110, 'Vorgang', 8],
    [330, 122, number, 10],
    [450, 110, 'Datum', 8],
    [450, 122, date, 10],
    [40, 200, 'Bezeichnung', 10],
    [300, 200, 'Menge', 10],
    [370, 200, 'Preis', 10],
    [480, 200, 'Betrag', 10],
    [40, 216, 'Wartung Heizung', 10],
    [300, 216, '1', 10],
    [370, 216, totals[0], 10],
    [480, 216, totals[0], 10],
    [330, 260, 'Warenwert', 10],
    [480, 260, totals[0], 10],
    [330, 276, 'Abgaben', 10],
    [480, 276, totals[1], 10],
    [330, 292, 'Endsumme inkl. Abgaben', 10],
    [480, 292, totals[2], 10],
    [40, 700, 'Zahlbar innerhalb 30 Tagen. Referenz 55-1029-77', 9],
  ]);
}

describe('learning how a supplier prints a field', () => {
  const first = invoice('V 2024 118', '03.04.2024', ['100,00', '19,00', '119,00']);
  const second = invoice('V 2024 241', '17.06.2024', ['250,00', '47,50', '297,50']);

  it('reads the next invoice right after one correction, and says it was learned', () => {
    const before = extractInvoice([second], { dateOrder: 'dmy' });
    expect(before.invoiceNumber?.value).not.toBe('V 2024 241');
    expect(before.total?.value).not.toBe('297.50');

    const rules = [
      learnField([first], 'invoiceNumber', 'V 2024 118'),
      learnField([first], 'total', '119.00'),
      learnField([first], 'tax', '19.00'),
    ];
    expect(rules.every((r) => r !== null)).toBe(true);
    expect(rules[0]).toMatchObject({ label: 'vorgang', placement: 'below' });

    const after = extractInvoice([second], { dateOrder: 'dmy', learned: rules.filter((r) => r !== null) });
    expect(after.invoiceNumber?.value).toBe('V 2024 241');
    expect(after.total?.value).toBe('297.50');
    expect(after.tax?.value).toBe('47.50');
    expect(after.learned).toEqual(expect.arrayContaining(['invoiceNumber', 'total', 'tax']));
    expect(after.invoiceNumber?.learned).toBe(true);
    expect(after.invoiceNumber?.confidence).toBeGreaterThan(0.95);
  });

  it('learns a value without a label by its place on the page', () => {
    const unlabelled = (n: string) =>
      pageOf([
        [40, 40, 'Fischer & Söhne OHG', 16],
        [480, 60, n, 10],
      ]);
    const rule = learnField([unlabelled('77/2024')], 'invoiceNumber', '77/2024');
    expect(rule).toMatchObject({ label: null });
    const next = extractInvoice([unlabelled('78/2024')], { dateOrder: 'dmy', learned: rule ? [rule] : [] });
    expect(next.invoiceNumber?.value).toBe('78/2024');
  });

  it('reads a taught label where the value was, not where the same words title a column', () => {
    // "Summe" titles the amount column and, lower down, the line holding the total.
    const page = (amounts: [string, string], total: string) =>
      pageOf([
        [40, 40, 'Fischer & Söhne OHG', 16],
        [40, 200, 'Bezeichnung', 10],
        [480, 200, 'Summe', 10],
        [40, 216, 'Wartung', 10],
        [480, 216, amounts[0], 10],
        [40, 232, 'Material', 10],
        [480, 232, amounts[1], 10],
        [330, 300, 'Summe', 10],
        [480, 300, total, 10],
      ]);
    const rule = learnField([page(['80,00', '20,00'], '119,00')], 'total', '119.00');
    expect(rule).toMatchObject({ label: 'summe', placement: 'right' });
    const next = extractInvoice([page(['150,00', '50,00'], '238,00')], {
      dateOrder: 'dmy',
      learned: rule ? [rule] : [],
    });
    expect(next.total?.value).toBe('238.00');
  });

  it("learns a date's label without the invoice's own number printed before it", () => {
    const page = (n: string, date: string) =>
      pageOf([
        [40, 40, 'Fischer & Söhne OHG', 16],
        [40, 120, `Beleg ${n} vom ${date}`, 10],
        [40, 400, 'Gesamt 10,00', 10],
      ]);
    const rule = learnField([page('4711', '03.04.2024')], 'date', '2024-04-03');
    expect(rule).toMatchObject({ label: 'vom', placement: 'same' });
    // A longer number moves the date to the right, out of the taught box.
    const next = extractInvoice([page('2024-000123', '17.06.2024')], {
      dateOrder: 'dmy',
      learned: rule ? [rule] : [],
    });
    expect(next.date?.value).toBe('2024-06-17');
    expect(next.date?.learned).toBe(true);
  });

  it('teaches nothing when the value is not printed', () => {
    expect(learnField([first], 'invoiceNumber', 'NOT-ON-PAGE-1')).toBeNull();
  });
});

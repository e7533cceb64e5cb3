// Learning from a supplier's first invoice when its next one, printed by the same template, carries other data: due
// at once printed as zero days of terms. Each is taught on the first invoice and read on the next.
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

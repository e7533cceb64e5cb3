// Learning from one correction when the supplier's next invoice leaves out or rewords what the first printed: the
// due date's box holding payment at once instead of a date, a date printed as eight figures. Each is taught on the
// first invoice and read on the second.
import { describe, expect, it } from 'vitest';
import { learnField } from '../../../main/domain/capture/learned.js';
import { pageOf } from '../../fixtures/capture/page.js';
import { readLearned } from '../../fixtures/capture/read-learned.js';

const read = readLearned;

/** An ERP's row of boxes, a heading above each value, under labels no vocabulary holds. */
function boxes(o: { number: string; date: string; due: string }, dateLabel = 'Belegdatum') {
  return pageOf([
    [40, 40, 'Brandt Haustechnik GmbH', 16],
    [40, 200, 'Beleg', 8],
    [150, 200, dateLabel, 8],
    [260, 200, 'Kunde', 8],
    [370, 200, 'Valuta', 8],
    [40, 214, o.number, 9],
    [150, 214, o.date, 9],
    [260, 214, '27169', 9],
    [370, 214, o.due, 9],
    [330, 320, 'Summe', 9],
    [480, 320, '119,00', 9],
  ]);
}

describe('one correction makes the next invoice right when the next one rewords a field', () => {
  it('a due date taught in a box reads payment at once in that box as the invoice date', () => {
    const first = boxes({ number: '2024-0815', date: '25.04.2024', due: '25.05.2024' });
    const due = learnField([first], 'dueDate', '2024-05-25');
    const date = learnField([first], 'date', '2024-04-25');
    expect(due).toMatchObject({ label: 'valuta', placement: 'below' });
    const second = boxes({ number: '2024-0907', date: '04.06.2024', due: 'sofort' });
    const x = read([second], [date, due]);
    expect(x.date?.value).toBe('2024-06-04');
    expect(x.dueDate?.value).toBe('2024-06-04');
    // Days after the invoice date, as before.
    expect(
      read([boxes({ number: '2024-0908', date: '04.06.2024', due: '30 Tage' })], [date, due]).dueDate?.value,
    ).toBe('2024-07-04');
  });

  it('a date printed as eight figures is learned where it stands, after its label', () => {
    const first = boxes({ number: '2024-0815', date: '20240425', due: '20240525' }, 'Doc. date');
    const date = learnField([first], 'date', '2024-04-25');
    const due = learnField([first], 'dueDate', '2024-05-25');
    expect(date).toMatchObject({ label: 'doc. date', placement: 'below' });
    expect(due).toMatchObject({ label: 'valuta', placement: 'below' });
    const second = boxes({ number: '2024-0907', date: '20240604', due: '20240704' }, 'Doc. date');
    const x = read([second], [date, due]);
    expect(x.date?.value).toBe('2024-06-04');
    expect(x.dueDate?.value).toBe('2024-07-04');
  });
});

/** A letter: the date alone at the top right, flush right (its right edge at x = 555), without a label. */
function letter(date: string, number: string) {
  const width = date.split(' ').reduce((n, w) => n + w.length * 5.2, 0) + (date.split(' ').length - 1) * 2.8;
  return pageOf([
    [40, 40, 'Brandt Haustechnik GmbH', 16],
    [40, 60, 'Hafenstraße 3 · 20457 Hamburg', 8],
    [40, 120, 'Northwind Facilities B.V.', 10],
    [40, 132, 'Stationsplein 45', 10],
    [555 - width, 150, date, 10],
    [40, 190, `Rechnung ${number}`, 12],
    [40, 230, 'Wartung Heizung', 10],
    [480, 230, '100,00', 10],
    [330, 308, 'Rechnungsbetrag', 10],
    [480, 308, '119,00', 10],
  ]);
}

describe('a date learned by its place', () => {
  it('is read whole when its month has a longer name and it stands flush right', () => {
    const rule = learnField([letter('3. Mai 2024', '2024-0815')], 'date', '2024-05-03');
    expect(rule).toMatchObject({ label: null });
    for (const [printed, iso] of [
      ['12. September 2024', '2024-09-12'],
      ['28. Februar 2024', '2024-02-28'],
      ['1. Juni 2024', '2024-06-01'],
      ['14.08.2024', '2024-08-14'],
    ]) {
      expect(read([letter(printed ?? '', '2024-0907')], [rule]).date?.value).toBe(iso);
    }
  });
});

/** An ERP's header under words of its own: the document's number, its date and the day it is to be paid. */
function header(date: string, due: string) {
  return pageOf([
    [40, 40, 'Brandt Haustechnik GmbH', 16],
    [360, 100, 'Beleg', 9],
    [450, 100, '2024-0815', 9],
    [360, 112, 'Belegtag', 9],
    [450, 112, date, 9],
    [360, 124, 'Valuta', 9],
    [450, 124, due, 9],
    [330, 320, 'Summe', 9],
    [480, 320, '119,00', 9],
  ]);
}

describe('an invoice due the day it is dated teaches two places', () => {
  const first = header('25.04.2024', '25.04.2024');
  const second = header('04.06.2024', '04.07.2024');

  it('the due date at the place after the invoice date, not at the invoice date', () => {
    const date = learnField([first], 'date', '2024-04-25', { due: '2024-04-25' });
    const due = learnField([first], 'dueDate', '2024-04-25', { date: '2024-04-25' });
    expect(date).toMatchObject({ label: 'belegtag' });
    expect(due).toMatchObject({ label: 'valuta' });
    const x = read([second], [date, due]);
    expect(x.date?.value).toBe('2024-06-04');
    expect(x.dueDate?.value).toBe('2024-07-04');
  });

  it('a date confirmed where the due date stands is learned at its own place, as a correction', () => {
    // The general rules read the invoice date from the due date's row: right, by chance, on this invoice only.
    const valuta = pageOf([[450, 124, '25.04.2024', 9]]).words[0];
    const at = { page: 1, box: valuta?.box ?? { x: 0, y: 0, w: 0, h: 0 } };
    const date = learnField([first], 'date', '2024-04-25', { due: '2024-04-25', at });
    expect(date).toMatchObject({ label: 'belegtag', taughtBy: 'correction' });
    // Not a twin: the place read is the place learned, as before.
    expect(learnField([second], 'date', '2024-06-04', { due: '2024-07-04', at })).toMatchObject({
      label: 'belegtag',
    });
    expect(learnField([first], 'date', '2024-04-25', { at })?.taughtBy).toBeUndefined();
  });
});

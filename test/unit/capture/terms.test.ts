// Payment terms instead of a due date: the days are read in each language, only from a line about payment, and
// the due date is the invoice date plus them when no due date is printed.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { buildLines } from '../../../main/domain/capture/layout.js';
import { addDays, dueAtOnce, paymentTermsDays } from '../../../main/domain/capture/terms.js';
import { pageOf } from '../../fixtures/capture/page.js';

const days = (text: string) => paymentTermsDays(buildLines([pageOf([[40, 400, text, 9]])]))?.days ?? null;

describe('payment terms', () => {
  it.each([
    ['Terms: Net 30', 30],
    ['Payment due within 14 days of the invoice date', 14],
    ['Zahlungsbedingungen: zahlbar innerhalb von 10 Tagen netto', 10],
    ['Zahlbar innert 30 Tagen', 30],
    ['2 % Skonto bei Zahlung innerhalb von 10 Tagen, netto 30 Tage', 30],
    ['Conditions de règlement : 45 jours net', 45],
    ['Betalingstermijn: 14 dagen', 14],
    ['Forma de pago: transferencia a 30 días', 30],
    ['Pagamento: bonifico 60 gg d.f.', 60],
    ['Condições de pagamento: 30 dias', 30],
    // Payment at once as an ERP prints it when the customer's terms are zero days.
    ['Payment terms: 0 days from invoice date.', 0],
    ['Terms: Net 0', 0],
    ['Zahlungsziel: 0 Tage netto', 0],
  ])('"%s" gives %i days', (text, expected) => {
    expect(days(text)).toBe(expected);
  });

  it('are not read from a line that does not speak of payment, nor from a net amount', () => {
    expect(days('Cloud storage 1 TB, 30 days')).toBeNull();
    expect(days('Net 30.00')).toBeNull();
  });

  it.each([
    'Terms: Due on receipt',
    'Payment terms: Due upon receipt',
    'Terms: Immediate',
    'Payable immediately',
    'Zahlbar sofort ohne Abzug',
    'Zahlungsziel: sofort',
    'Der Betrag ist sofort fällig.',
    'Paiement à réception de facture',
    'Conditions de paiement : à réception de la facture',
    'Betaling per omgaande',
    'Te voldoen bij ontvangst',
    'Forma de pago: pago al contado',
    'Vencimiento: a la vista',
    'Pagamento: rimessa diretta vista fattura',
    'Condições de pagamento: pagamento à vista',
  ])('"%s" asks for payment at once: 0 days', (text) => {
    expect(days(text)).toBe(0);
  });

  it('at once is not read from a discount for paying at once, nor over printed days', () => {
    expect(days('Bei sofortiger Zahlung 2 % Skonto')).toBeNull();
    expect(days('Escompte pour paiement comptant : néant')).toBeNull();
    expect(days('Sconto per pagamento immediato: 2 %')).toBeNull();
    expect(days('Payable on receipt, at the latest within 14 days')).toBe(14);
  });

  it('count from the invoice date when no due date is printed', () => {
    expect(addDays('2024-03-14', 30)).toBe('2024-04-13');
    const page = (due: boolean) =>
      pageOf([
        [40, 40, 'Lakeshore Print Works', 16],
        [330, 100, 'Invoice no.', 9],
        [450, 100, 'LP-1042', 9],
        [330, 114, 'Invoice date', 9],
        [450, 114, '14/03/2024', 9],
        ...(due
          ? ([
              [330, 128, 'Due date', 9],
              [450, 128, '20/03/2024', 9],
            ] as [number, number, string, number][])
          : []),
        [330, 320, 'Total', 9],
        [480, 320, '169.50', 9],
        [40, 400, 'Terms: Net 30', 9],
      ]);
    const read = extractInvoice([page(false)], { dateOrder: 'dmy' });
    expect(read.dueDate?.value).toBe('2024-04-13');
    expect(read.dueDate?.confidence).toBeLessThan(0.85);
    // A printed due date wins over the terms.
    expect(extractInvoice([page(true)], { dateOrder: 'dmy' }).dueDate?.value).toBe('2024-03-20');
  });

  it('due on receipt makes the due date the invoice date when none is printed', () => {
    const read = extractInvoice(
      [
        pageOf([
          [40, 40, 'Lakeshore Print Works', 16],
          [330, 100, 'Invoice no.', 9],
          [450, 100, 'LP-1043', 9],
          [330, 114, 'Invoice date', 9],
          [450, 114, '14/03/2024', 9],
          [330, 128, 'Terms', 9],
          [450, 128, 'Due on receipt', 9],
          [330, 320, 'Total', 9],
          [480, 320, '169.50', 9],
        ]),
      ],
      { dateOrder: 'dmy' },
    );
    expect(read.dueDate?.value).toBe('2024-03-14');
    expect(read.dueDate?.confidence).toBeLessThan(0.85);
  });

  it.each([
    'On receipt',
    'Due on receipt',
    'Sofort',
    'À réception',
    'Direct',
    'Al contado',
    'Vista fattura',
    'Pronto pagamento',
  ])('a due date label holding "%s" asks for payment at once', (value) => {
    expect(dueAtOnce(value)).toBe(true);
  });

  it('a due date label holding other words, or more than them, does not', () => {
    for (const value of ['Direct debit', 'Net 30', 'Receipt', 'sofort nach Lieferung 2 % Skonto']) {
      expect(dueAtOnce(value)).toBe(false);
    }
  });

  it('payment at once under a due date box makes the due date the invoice date', () => {
    // An ERP's row of boxes, every box printed on every invoice: the due date's box holds words, not a date.
    const boxes = (due: string) =>
      pageOf([
        [40, 40, 'Lakeshore Print Works', 16],
        [40, 200, 'Invoice No.', 8],
        [150, 200, 'Invoice Date', 8],
        [260, 200, 'Account No.', 8],
        [370, 200, 'Due Date', 8],
        [40, 214, 'LP-1044', 9],
        [150, 214, '07/07/2024', 9],
        [260, 214, '27169', 9],
        [370, 214, due, 9],
        [330, 320, 'Total', 9],
        [480, 320, '169.50', 9],
      ]);
    expect(extractInvoice([boxes('On receipt')], { dateOrder: 'mdy' }).dueDate?.value).toBe('2024-07-07');
    expect(extractInvoice([boxes('Sofort')], { dateOrder: 'dmy' }).dueDate?.value).toBe('2024-07-07');
    expect(extractInvoice([boxes('07/21/2024')], { dateOrder: 'mdy' }).dueDate?.value).toBe('2024-07-21');
    expect(extractInvoice([boxes('Direct debit')], { dateOrder: 'mdy' }).dueDate).toBeNull();
  });
});

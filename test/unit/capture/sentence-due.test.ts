// A due date given in a sentence that asks for payment, with words between the verb and the date ("Please pay the
// amount above by 15 March 2024"), is the due date when no label gives one; never a delivery's, a discount's or a
// period's date.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import type { PageText } from '../../../main/domain/capture/words.js';
import { pageOf } from '../../fixtures/capture/page.js';

type Row = [number, number, string, number?];

/** A letter-style invoice dated 1 March 2024 with the given sentences under its table. */
function letter(sentences: string[], extra: Row[] = []): PageText {
  return pageOf([
    [40, 40, 'Atelier Exemple', 16],
    [40, 60, '12 Example Street', 8],
    [400, 40, 'Invoice', 18],
    [330, 100, 'Invoice date: 01/03/2024', 10],
    [330, 114, 'Invoice no.: 2024-017', 10],
    ...extra,
    [40, 200, 'Northwind Facilities B.V.', 10],
    [40, 420, 'Consulting', 10],
    [480, 420, '100.00', 10],
    [330, 460, 'Subtotal', 10],
    [480, 460, '100.00', 10],
    [330, 474, 'VAT 20 %', 10],
    [480, 474, '20.00', 10],
    [330, 488, 'Total', 10],
    [480, 488, '120.00', 10],
    ...sentences.map((text, i): Row => [40, 540 + i * 13, text, 10]),
  ]);
}

const read = (page: PageText) => extractInvoice([page], { dateOrder: 'dmy' });

describe('a due date given in a sentence asking for payment', () => {
  it.each([
    ['en', 'Please pay the amount above by 15 March 2024.'],
    ['en', 'Kindly settle this invoice in full before 15/03/2024.'],
    ['de', 'Bitte überweisen Sie den Betrag bis 15.03.2024 auf unser Konto.'],
    ['de', 'Bitte überweisen Sie den Betrag bis 15.03.2024 an den Lieferanten.'],
    ['fr', 'Merci de régler cette facture avant le 15 mars 2024.'],
    ['fr', "Merci de virer la somme due d'ici le 15 mars 2024."],
    ['nl', 'Wij verzoeken u het bedrag vóór 15 maart 2024 over te maken.'],
    ['nl', 'Wij verzoeken u het bedrag vóór 15 maart 2024 aan de leverancier over te maken.'],
    ['es', 'Le rogamos abone el importe antes del 15 de marzo de 2024.'],
    ['es', 'Por favor, pague la factura hasta el 15 de marzo de 2024.'],
    ['it', "Si prega di pagare l'importo entro il 15 marzo 2024."],
    ['it', "Vi preghiamo di saldare l'importo non oltre il 15 marzo 2024."],
    ['pt', 'Agradecemos o pagamento até 15 de março de 2024.'],
  ])('%s: %s', (_, sentence) => {
    expect(read(letter([sentence])).dueDate?.value).toBe('2024-03-15');
  });

  it('with a confidence that asks for a look', () => {
    const x = read(letter(['Please pay the amount above by 15 March 2024.']));
    expect(x.dueDate?.confidence).toBeLessThan(0.7);
  });

  it('a sentence that runs on to the next line', () => {
    const x = read(letter(['Please transfer the amount shown above to our account', 'by 15 March 2024.']));
    expect(x.dueDate?.value).toBe('2024-03-15');
  });

  it('a labelled due date wins', () => {
    const x = read(
      letter(['Please pay the amount above by 15 March 2024.'], [[330, 128, 'Due date: 31/03/2024', 10]]),
    );
    expect(x.dueDate?.value).toBe('2024-03-31');
  });

  it.each([
    ['no payment verb', 'We will be closed from our office by 15 March 2024.'],
    ['a delivery', 'Payment on delivery: the goods will be shipped by 15 March 2024.'],
    ['a discount', '2 % Skonto bei Zahlung bis 15.03.2024.'],
    ['a discount (en)', 'A 2 % discount applies if you pay before 15/03/2024.'],
    ['a period', 'Payment for services from 01/02/2024 until 15/03/2024.'],
    ['a period (de)', 'Zahlung für den Zeitraum vom 01.02.2024 bis 15.03.2024.'],
    ['another sentence', 'Please pay the amount above. Our office is closed until 15/03/2024.'],
  ])('not the due date: %s', (_, sentence) => {
    expect(read(letter([sentence])).dueDate?.value).not.toBe('2024-03-15');
  });
});

// A FatturaPA printout (the Italian e-invoice's standard rendering) prints the buyer's order in a section of its
// own: "Dati ordine di acquisto | Id documento | Data", the values under the headings.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import type { PageText } from '../../../main/domain/capture/words.js';
import { pageOf } from '../../fixtures/capture/page.js';

const read = (page: PageText) => extractInvoice([page], { dateOrder: 'dmy' });

describe('a FatturaPA printout', () => {
  const fattura = (split: boolean) =>
    pageOf([
      [40, 40, 'Cedente/prestatore (fornitore)', 9],
      [40, 52, 'Denominazione: Rossi Forniture S.r.l.', 9],
      [40, 120, 'Tipologia documento', 8],
      [150, 120, 'Numero documento', 8],
      [260, 120, 'Data documento', 8],
      [40, 132, 'TD01 fattura', 9],
      [150, 132, 'FPR 50/24', 9],
      [260, 132, '12-01-2024', 9],
      ...((split
        ? [
            [40, 160, 'Dati ordine di acquisto', 8],
            [150, 172, 'Id documento', 8],
            [260, 172, 'Data', 8],
          ]
        : [
            [40, 172, 'Dati ordine di acquisto', 8],
            [150, 172, 'Id documento', 8],
            [260, 172, 'Data', 8],
          ]) as [number, number, string, number][]),
      [150, 184, 'PO-4480', 9],
      [260, 184, '05-01-2024', 9],
      [40, 240, 'Totale documento', 9],
      [480, 240, '122,00', 9],
    ]);

  it('reads the order under "Dati ordine di acquisto | Id documento"', () => {
    for (const split of [false, true]) {
      const x = read(fattura(split));
      expect(x.orderNumber?.value, String(split)).toBe('PO-4480');
      expect(x.invoiceNumber?.value).toBe('FPR 50/24');
      expect(x.date?.value).toBe('2024-01-12');
    }
  });
});

// Dates that stand beside the invoice date and are not it (a delivery or ship date, a service period), in each
// language.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import type { PageText } from '../../../main/domain/capture/words.js';
import { pageOf } from '../../fixtures/capture/page.js';

/** A header whose rows are label and value in one cell, at the top right, over a short line table. */
function header(rows: string[], language: { net: string; tax: string; total: string }): PageText {
  return pageOf([
    [40, 40, 'Fornitore Esempio S.r.l.', 16],
    [40, 60, 'Via Roma 1 · 20121 Milano', 8],
    ...rows.map((text, i) => [330, 90 + i * 14, text, 10] as [number, number, string, number]),
    [40, 200, 'Northwind Facilities B.V.', 10],
    [40, 260, 'Item', 10],
    [480, 260, '100,00', 10],
    [330, 300, language.net, 10],
    [480, 300, '100,00', 10],
    [330, 314, language.tax, 10],
    [480, 314, '20,00', 10],
    [330, 328, language.total, 10],
    [480, 328, '120,00', 10],
  ]);
}

const CASES: {
  language: string;
  delivery: string;
  date: string;
  words: { net: string; tax: string; total: string };
}[] = [
  {
    language: 'en',
    delivery: 'Date of supply: 04/11/2024',
    date: 'Date: 05/11/2024',
    words: { net: 'Subtotal', tax: 'VAT 20%', total: 'Total' },
  },
  {
    language: 'de',
    delivery: 'Leistungszeitraum: 04.11.2024 – 04.11.2024',
    date: 'Datum: 05.11.2024',
    words: { net: 'Nettobetrag', tax: 'MwSt. 20 %', total: 'Gesamtbetrag' },
  },
  {
    language: 'fr',
    delivery: 'Livré le 04/11/2024',
    date: 'Date : 05/11/2024',
    words: { net: 'Total HT', tax: 'TVA 20 %', total: 'Total TTC' },
  },
  {
    language: 'nl',
    delivery: 'Leveringsdatum: 04-11-2024',
    date: 'Datum: 05-11-2024',
    words: { net: 'Subtotaal', tax: 'Btw 20%', total: 'Totaal' },
  },
  {
    language: 'es',
    delivery: 'Fecha entrega: 04/11/2024',
    date: 'Fecha: 05/11/2024',
    words: { net: 'Base imponible', tax: 'IVA 20%', total: 'Total' },
  },
  {
    language: 'it',
    delivery: 'Data consegna: 04/11/2024',
    date: 'Data: 05/11/2024',
    words: { net: 'Imponibile', tax: 'IVA 20%', total: 'Totale' },
  },
  {
    language: 'pt',
    delivery: 'Data da entrega: 04/11/2024',
    date: 'Data: 05/11/2024',
    words: { net: 'Total ilíquido', tax: 'IVA 20%', total: 'Total' },
  },
];

describe('a delivery date or a service period beside the invoice date is not the invoice date', () => {
  for (const c of CASES) {
    it(`${c.language}: "${c.delivery.replace(/[:\d].*$/, '').trim()}" printed first`, () => {
      const page = header(['Nr. 2024-118', c.delivery, c.date], c.words);
      const x = extractInvoice([page], { dateOrder: 'dmy' });
      expect(x.date?.value).toBe('2024-11-05');
    });
  }
});

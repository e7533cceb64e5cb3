// Invoices in seven languages: each language's labels (invoice number, dates, net, tax, total), its dates with
// month names and its amount notation, read from a page laid out as a real invoice would be.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { detectLanguage } from '../../../main/domain/capture/vocabulary.js';
import { findAmounts, parseDate } from '../../../main/domain/capture/values.js';
import { pageOf } from '../../fixtures/capture/page.js';

interface Case {
  language: string;
  supplier: string;
  labels: { number: string; date: string; due: string; net: string; tax: string; total: string };
  columns: [string, string, string, string];
  number: string;
  date: string;
  due: string;
  /** [net, tax, total] as printed. */
  amounts: [string, string, string];
  line: [string, string, string, string];
}

const CASES: Case[] = [
  {
    language: 'en',
    supplier: 'Redwood Hosting LLC',
    labels: {
      number: 'Invoice #:',
      date: 'Invoice Date:',
      due: 'Due Date:',
      net: 'Subtotal',
      tax: 'Sales Tax (8%)',
      total: 'Amount Due',
    },
    columns: ['Description', 'Qty', 'Rate', 'Amount'],
    number: 'INV/2023/03/0008',
    date: 'March 3, 2023',
    due: 'April 2, 2023',
    amounts: ['$1,250.00', '$100.00', '$1,350.00'],
    line: ['Managed server', '1', '1,250.00', '1,250.00'],
  },
  {
    language: 'de',
    supplier: 'Kessler Bürotechnik GmbH',
    labels: {
      number: 'Rechnungsnummer:',
      date: 'Rechnungsdatum:',
      due: 'Fällig am:',
      net: 'Nettobetrag',
      tax: 'zzgl. 19 % MwSt.',
      total: 'Gesamtbetrag',
    },
    columns: ['Bezeichnung', 'Menge', 'Einzelpreis', 'Gesamtpreis'],
    number: 'RE-2024-0117',
    date: '3. Mai 2024',
    due: '17.05.2024',
    amounts: ['1.234,50 €', '234,56 €', '1.469,06 €'],
    line: ['Bürostuhl Ergo', '3', '411,50', '1.234,50'],
  },
  {
    language: 'fr',
    supplier: 'Atelier Dumas SARL',
    labels: {
      number: 'N° de facture :',
      date: 'Date de facture :',
      due: "Date d'échéance :",
      net: 'Total HT',
      tax: 'TVA 20 %',
      total: 'Net à payer',
    },
    columns: ['Désignation', 'Qté', 'Prix unitaire', 'Montant HT'],
    number: 'F 2015 0712',
    date: '2 juillet 2015',
    due: '1 août 2015',
    amounts: ['1 500,00 €', '300,00 €', '1 800,00 €'],
    line: ['Mobilier de bureau', '2', '750,00', '1 500,00'],
  },
  {
    language: 'nl',
    supplier: 'Van Dijk Installatie B.V.',
    labels: {
      number: 'Factuurnummer',
      date: 'Factuurdatum',
      due: 'Vervaldatum',
      net: 'Subtotaal',
      tax: 'BTW 21%',
      total: 'Totaal',
    },
    columns: ['Omschrijving', 'Aantal', 'Prijs', 'Bedrag'],
    number: '2014-0418',
    date: '18 april 2014',
    due: '2 mei 2014',
    amounts: ['€ 200,00', '€ 42,00', '€ 242,00'],
    line: ['Onderhoud CV-ketel', '2', '100,00', '200,00'],
  },
  {
    language: 'es',
    supplier: 'Suministros Ibéricos S.L.',
    labels: {
      number: 'Nº Factura:',
      date: 'Fecha de emisión:',
      due: 'Vencimiento:',
      net: 'Base imponible',
      tax: 'IVA 21%',
      total: 'Total factura',
    },
    columns: ['Descripción', 'Cantidad', 'Precio unitario', 'Importe'],
    number: 'A-2024/155',
    date: '5 de marzo de 2024',
    due: '04/04/2024',
    amounts: ['2.000,00 €', '420,00 €', '2.420,00 €'],
    line: ['Cableado estructurado', '4', '500,00', '2.000,00'],
  },
  {
    language: 'it',
    supplier: 'Rossi Forniture S.r.l.',
    labels: {
      number: 'Fattura n.',
      date: 'Data fattura',
      due: 'Scadenza',
      net: 'Imponibile',
      tax: 'IVA 22%',
      total: 'Totale documento',
    },
    columns: ['Descrizione', 'Quantità', 'Prezzo unitario', 'Importo'],
    number: '2023/0456',
    date: '14 dicembre 2023',
    due: '13/01/2024',
    amounts: ['€ 1.000,00', '€ 220,00', '€ 1.220,00'],
    line: ['Consulenza tecnica', '8', '125,00', '1.000,00'],
  },
  {
    language: 'pt',
    supplier: 'Lusotec Lda',
    labels: {
      number: 'Fatura nº',
      date: 'Data de emissão',
      due: 'Data de vencimento',
      net: 'Total sem IVA',
      tax: 'IVA 23%',
      total: 'Total a pagar',
    },
    columns: ['Descrição', 'Quantidade', 'Preço unitário', 'Valor'],
    number: 'FT 2024/88',
    date: '12 de março de 2024',
    due: '11-04-2024',
    amounts: ['300,00 €', '69,00 €', '369,00 €'],
    line: ['Licença de software', '3', '100,00', '300,00'],
  },
];

const EXPECTED: Record<string, { date: string; due: string; net: string; tax: string; total: string }> = {
  en: { date: '2023-03-03', due: '2023-04-02', net: '1250.00', tax: '100.00', total: '1350.00' },
  de: { date: '2024-05-03', due: '2024-05-17', net: '1234.50', tax: '234.56', total: '1469.06' },
  fr: { date: '2015-07-02', due: '2015-08-01', net: '1500.00', tax: '300.00', total: '1800.00' },
  nl: { date: '2014-04-18', due: '2014-05-02', net: '200.00', tax: '42.00', total: '242.00' },
  es: { date: '2024-03-05', due: '2024-04-04', net: '2000.00', tax: '420.00', total: '2420.00' },
  it: { date: '2023-12-14', due: '2024-01-13', net: '1000.00', tax: '220.00', total: '1220.00' },
  pt: { date: '2024-03-12', due: '2024-04-11', net: '300.00', tax: '69.00', total: '369.00' },
};

/** A page: the issuer's name large at the top, a customer block, labels beside their values, a table, totals. */
function invoicePage(c: Case) {
  return pageOf([
    [40, 40, c.supplier, 18],
    [40, 64, 'Hauptweg 12, 1000 Stadt', 9],
    [40, 130, 'Northwind Facilities', 10],
    [40, 144, '500 Market Street', 10],
    [330, 120, c.labels.number, 10],
    [460, 120, c.number, 10],
    [330, 136, c.labels.date, 10],
    [460, 136, c.date, 10],
    [330, 152, c.labels.due, 10],
    [460, 152, c.due, 10],
    [40, 230, c.columns[0], 10],
    [300, 230, c.columns[1], 10],
    [370, 230, c.columns[2], 10],
    [480, 230, c.columns[3], 10],
    [40, 250, c.line[0], 10],
    [300, 250, c.line[1], 10],
    [370, 250, c.line[2], 10],
    [480, 250, c.line[3], 10],
    [330, 300, c.labels.net, 10],
    [480, 300, c.amounts[0], 10],
    [330, 316, c.labels.tax, 10],
    [480, 316, c.amounts[1], 10],
    [330, 332, c.labels.total, 10],
    [480, 332, c.amounts[2], 10],
  ]);
}

describe.each(CASES)('an invoice in $language', (c) => {
  const expected = EXPECTED[c.language]!;
  const x = extractInvoice([invoicePage(c)], { dateOrder: 'mdy', ownNames: ['Northwind Facilities'] });

  it('is recognised as its language', () => {
    expect(x.language).toBe(c.language);
  });
  it('reads the invoice number with its letters, slashes and spaces', () => {
    expect(x.invoiceNumber?.value).toBe(c.number);
  });
  it('reads the dates, month names and numeric order included', () => {
    expect(x.date?.value).toBe(expected.date);
    expect(x.dueDate?.value).toBe(expected.due);
  });
  it('reads net, tax and total in the local notation', () => {
    expect([x.subtotal?.value, x.tax?.value, x.total?.value]).toEqual([
      expected.net,
      expected.tax,
      expected.total,
    ]);
    expect(x.warnings).toEqual([]);
  });
  it('reads the line table under a header in the language', () => {
    expect(x.lines).toHaveLength(1);
    expect(Number(x.lines[0]?.amount)).toBe(Number(expected.net));
  });
  it('takes the issuer, not the customer, as the supplier', () => {
    expect(x.supplierName?.value).toBe(c.supplier);
  });
});

describe('values in every notation', () => {
  it.each([
    ['1,234.56', 'point', '1234.56'],
    ['1.234,56', 'comma', '1234.56'],
    ['1 234,56', 'comma', '1234.56'],
    ["1'234.56", 'point', '1234.56'],
    ['-12,00', 'comma', '-12.00'],
    ['(12.00)', 'point', '-12.00'],
    ['EUR 1.234,56', 'comma', '1234.56'],
    ['1.234,56 EUR', 'comma', '1234.56'],
    ['CHF 1’234.50', 'point', '1234.50'],
    ['US$ 99.90', 'point', '99.90'],
  ] as const)('%s → %s', (text, mark, value) => {
    expect(findAmounts(text, mark).map((h) => h.value)).toEqual([value]);
  });

  it('skips percentages', () => {
    expect(
      findAmounts('MwSt. 19 % 19,00', 'comma')
        .filter((h) => !h.percent)
        .map((h) => h.value),
    ).toEqual(['19.00']);
  });

  it.each([
    ['18 april 2014', '2014-04-18'],
    ['2 juillet 2015', '2015-07-02'],
    ['1er janvier 2024', '2024-01-01'],
    ['15. März 2024', '2024-03-15'],
    ['5 de marzo de 2024', '2024-03-05'],
    ['12 de março de 2024', '2024-03-12'],
    ['14 dicembre 2023', '2023-12-14'],
    ['15-mrt-24', '2024-03-15'],
    ['8 août 2024', '2024-08-08'],
    ['Oct. 5, 2024', '2024-10-05'],
    ['03.05.2014', '2014-05-03'],
  ])('%s → %s', (text, value) => {
    expect(parseDate(text, 'mdy')?.value).toBe(value);
  });
});

describe('the order of day and month', () => {
  const page = (dates: string[]) =>
    pageOf([
      [40, 40, 'Summit Parts Inc', 16],
      [330, 120, 'Invoice Date:', 10],
      [460, 120, dates[0]!, 10],
      [330, 136, 'Due Date:', 10],
      [460, 136, dates[1]!, 10],
    ]);
  it('is told by another date on the page', () => {
    // 04/05 alone could be either; 04/25 can only be month first.
    const x = extractInvoice([page(['04/05/2024', '04/25/2024'])], { dateOrder: 'dmy' });
    expect(x.date?.value).toBe('2024-04-05');
    expect(x.dueDate?.value).toBe('2024-04-25');
    const y = extractInvoice([page(['04/05/2024', '19/05/2024'])], { dateOrder: 'mdy' });
    expect(y.date?.value).toBe('2024-05-04');
  });
  it('follows the language when the page does not tell', () => {
    const german = pageOf([
      [40, 40, 'Kessler GmbH', 16],
      [330, 120, 'Rechnungsdatum:', 10],
      [460, 120, '04/05/2024', 10],
      [330, 136, 'Bitte zahlen Sie den Betrag bis zum Fälligkeitsdatum', 10],
    ]);
    expect(extractInvoice([german], { dateOrder: 'mdy' }).date?.value).toBe('2024-05-04');
  });
  it('follows the supplier country over the language', () => {
    const x = extractInvoice([page(['04/05/2024', '05/05/2024'])], {
      dateOrder: 'mdy',
      dateOrderFromCountry: true,
    });
    expect(x.date?.value).toBe('2024-04-05');
  });
});

describe('detectLanguage', () => {
  it('tells a page by its words', () => {
    expect(detectLanguage(['Rechnung', 'Bitte überweisen Sie den Betrag'])).toBe('de');
    expect(detectLanguage(['Factuur', 'Te betalen binnen 14 dagen'])).toBe('nl');
    expect(detectLanguage(['Facture', 'Montant TTC', 'Merci pour votre confiance'])).toBe('fr');
    expect(detectLanguage(['12345'])).toBe('en');
  });

  it('counts compound labels, so English column titles do not outvote a German page', () => {
    expect(
      detectLanguage([
        'Kessler Bürotechnik GmbH',
        'Rechnungsnummer RE-77',
        'Description Qty Unit price Amount',
        'Nettobetrag 1.324,50',
        'MwSt. 19 % 251,66',
        'Gesamtbetrag 1.576,16',
      ]),
    ).toBe('de');
    expect(detectLanguage(['Factuurnummer 2014-0418', 'Factuurdatum 18-04-2014', 'Subtotaal 100,00'])).toBe(
      'nl',
    );
  });
});

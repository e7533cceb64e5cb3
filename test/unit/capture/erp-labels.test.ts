// An ERP prints its invoice as one of its documents, under its own words: the document's number ("Beleg", "Pièce",
// "Doc.", "Stuk"), its date ("Belegtag", "Date pièce", "Fecha doc.") and its value date, when it is to be paid
// ("Valuta", "Date valeur", "Value date"). A bare "N°", "Nr.", "#" is the invoice number's label only by the
// invoice's title; "Pay by" followed by a payment means says how to pay, not when.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import type { PageText } from '../../../main/domain/capture/words.js';
import { headerInvoice as invoice, type Row } from '../../fixtures/capture/header-invoice.js';
import { pageOf } from '../../fixtures/capture/page.js';

const read = (page: PageText) => extractInvoice([page], { dateOrder: 'dmy' });

/** The header's three rows, label at 330 and value at 420 (as an ERP prints its document header). */
const rows = (labels: [string, string, string], values: [string, string, string]): Row[] =>
  labels.flatMap((label, i) => [
    [330, 90 + 14 * i, label, 9],
    [420, 90 + 14 * i, values[i] ?? '', 10],
  ]);

describe("an ERP's document header", () => {
  it.each([
    ['Ausgangsrechnung', ['Beleg', 'Belegtag', 'Valuta']],
    ['Facture client', ['Pièce', 'Date pièce', 'Date valeur']],
    ['Sales invoice', ['Doc. no.', 'Doc. date', 'Value date']],
    ['Factura de venta', ['Doc.', 'Fecha doc.', 'Fecha cobro']],
    ['Fatura de venda', ['Doc.', 'Emitido', 'Data valor']],
    ['Verkoopfactuur', ['Stuk', 'Datum stuk', 'Betaaldatum']],
    ['Fattura di vendita', ['N° doc.', 'Data doc.', 'Data valuta']],
  ] as const)('%s: %j', (title, labels) => {
    const x = read(invoice(title, rows([...labels], ['RE-4931', '01/03/2024', '29/03/2024'])));
    expect(x.invoiceNumber?.value).toBe('RE-4931');
    expect(x.date?.value).toBe('2024-03-01');
    expect(x.dueDate?.value).toBe('2024-03-29');
  });

  it('German "Belegnr." and "Valutadatum" with the value in the same cell', () => {
    const x = read(
      invoice('Rechnung', [
        [330, 90, 'Belegnr. 2024-0815', 10],
        [330, 104, 'Belegdatum 01.03.2024', 10],
        [330, 118, 'Valutadatum 29.03.2024', 10],
      ]),
    );
    expect(x.invoiceNumber?.value).toBe('2024-0815');
    expect(x.dueDate?.value).toBe('2024-03-29');
  });

  it('Italian "Valuta" is the currency: a date under it is not the due date', () => {
    const x = read(
      invoice('FATTURA', [
        [330, 90, 'Numero fattura 118', 10],
        [330, 104, 'Valuta EUR', 10],
        [330, 118, '29/03/2024', 10],
      ]),
    );
    expect(x.dueDate).toBeNull();
  });
});

describe('a bare "N°", "Nr.", "#" label', () => {
  it('is the invoice number right by the invoice title', () => {
    for (const cell of ['# 921648', 'N° 921648', 'Nr. 921648', 'No. 921648', '#921648']) {
      const x = read(invoice('TAX INVOICE', [[400, 75, cell, 10]]));
      expect(x.invoiceNumber?.value, cell).toBe('921648');
    }
    // On the title's line, to its right.
    const x = read(
      pageOf([
        [40, 40, 'Fournisseur Exemple SARL', 16],
        [330, 40, 'FACTURE', 18],
        [440, 44, 'N°', 10],
        [470, 44, 'F-2024-118', 10],
        [40, 200, 'Conseil', 10],
        [480, 200, '100,00', 10],
        [330, 240, 'Total TTC', 10],
        [480, 240, '100,00', 10],
      ]),
    );
    expect(x.invoiceNumber?.value).toBe('F-2024-118');
  });

  it('is not, away from the title or as the table column, or before an address', () => {
    for (const header of [
      // In the customer's block at the left, far from the title.
      [[40, 220, 'Nr. 4711', 10]],
      // A street number: the address goes on after a comma.
      [[400, 75, 'No. 12, MG Road', 10]],
    ] as Row[][]) {
      const x = read(invoice('TAX INVOICE', header));
      expect(x.invoiceNumber?.value ?? null, header[0]?.[2]).toBeNull();
    }
    const table = read(
      invoice('RECHNUNG', [
        [40, 380, 'Nr.', 9],
        [80, 380, 'Bezeichnung', 9],
        [440, 380, 'Betrag', 9],
        [40, 400, '1', 10],
        [80, 400, 'Wartung', 10],
      ]),
    );
    expect(table.invoiceNumber?.value ?? null).toBeNull();
  });
});

describe('"Pay by" with a payment means', () => {
  it('is no due date, whatever date the sentence holds further on', () => {
    const x = read(
      invoice('INVOICE', [
        [330, 90, 'Invoice no. 118', 10],
        [330, 104, 'Date 01/03/2024', 10],
        [40, 520, 'Please pay by bank transfer; our office closes 15/03/2024', 10],
      ]),
    );
    expect(x.dueDate).toBeNull();
  });

  it('is still the due date when a date follows', () => {
    const x = read(
      invoice('INVOICE', [
        [330, 90, 'Invoice no. 118', 10],
        [330, 104, 'Date 01/03/2024', 10],
        [40, 520, 'Please pay by 15/03/2024', 10],
      ]),
    );
    expect(x.dueDate?.value).toBe('2024-03-15');
  });
});

describe('a posting date', () => {
  it('is the invoice date, below a document date printed beside it', () => {
    const alone = read(invoice('A/R Invoice', [[330, 90, 'Posting Date 02/03/2024', 10]]));
    expect(alone.date?.value).toBe('2024-03-02');
    for (const rows of [
      [
        [330, 90, 'Posting Date 02/03/2024', 10],
        [330, 104, 'Document Date 01/03/2024', 10],
      ],
      [
        [330, 90, 'Document Date 01/03/2024', 10],
        [330, 104, 'Posting Date 02/03/2024', 10],
      ],
    ] as Row[][]) {
      expect(read(invoice('A/R Invoice', rows)).date?.value).toBe('2024-03-01');
    }
  });
});

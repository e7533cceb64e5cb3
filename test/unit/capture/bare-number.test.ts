// A bare "Numéro" / "Nummer" / "Número" / "Number" / "Documento" in an invoice's header is the invoice number's
// label when no explicit one is printed; never when another field's word qualifies it.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import type { PageText } from '../../../main/domain/capture/words.js';
import { headerInvoice as invoice, type Row } from '../../fixtures/capture/header-invoice.js';

const read = (page: PageText) => extractInvoice([page], { dateOrder: 'dmy' });

describe('a bare number label in an invoice header is the invoice number', () => {
  it('fr: "Numéro" beside its value in the header form under FACTURE', () => {
    const x = read(
      invoice('FACTURE', [
        [330, 100, 'Numéro', 9],
        [420, 100, 'F-2024-118', 10],
        [330, 114, 'Date de facture', 9],
        [420, 114, '05/11/2024', 10],
      ]),
    );
    expect(x.invoiceNumber?.value).toBe('F-2024-118');
    // Lower than an explicit label would give.
    expect(x.invoiceNumber?.confidence).toBeLessThan(0.85);
  });

  it('de: "Nummer" heading a box of the header, its value under it', () => {
    const x = read(
      invoice('RECHNUNG', [
        [330, 100, 'Nummer', 9],
        [420, 100, 'Datum', 9],
        [490, 100, 'Kundennummer', 9],
        [330, 114, 'RE-7781', 10],
        [420, 114, '05.11.2024', 10],
        [490, 114, '10023', 10],
      ]),
    );
    expect(x.invoiceNumber?.value).toBe('RE-7781');
  });

  it('es, pt, en: "Número:", "Documento", "Number" with the value in the same cell', () => {
    for (const [title, label] of [
      ['FACTURA', 'Número:'],
      ['FATURA', 'Documento'],
      ['INVOICE', 'Number'],
    ] as const) {
      const x = read(invoice(title, [[330, 100, `${label} A-2024/118`, 10]]));
      expect(x.invoiceNumber?.value, label).toBe('A-2024/118');
    }
  });

  it('an explicit invoice-number label wins over a bare one', () => {
    const x = read(
      invoice('INVOICE', [
        [330, 100, 'Invoice no. INV-5501', 10],
        [330, 114, 'Number 7788', 10],
      ]),
    );
    expect(x.invoiceNumber?.value).toBe('INV-5501');
  });

  it('a number qualified by another field is not the invoice number', () => {
    for (const rows of [
      [[330, 100, 'Kundennummer 10023', 10]],
      [[330, 100, 'Numéro client 10023', 10]],
      [[330, 100, 'Number of pages 12', 10]],
      [
        [330, 100, 'Customer', 9],
        [400, 100, 'Number', 9],
        [470, 100, '10023', 10],
      ],
      [
        [330, 100, 'Numéro', 9],
        [420, 100, 'de TVA FR12345678901', 10],
      ],
    ] as Row[][]) {
      const x = read(invoice('RECHNUNG', rows));
      expect(x.invoiceNumber?.value ?? null, rows.map((r) => r[2]).join(' | ')).toBeNull();
    }
  });

  it('a page not titled as an invoice takes no bare number', () => {
    const x = read(invoice('LIEFERSCHEIN', [[330, 100, 'Nummer 4711-2', 10]]));
    expect(x.invoiceNumber?.value ?? null).toBeNull();
  });
});

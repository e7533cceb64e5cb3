// A letter's date standing alone at the top of the first page ("3 May 2024", "Lyon, le 3 mai 2024") is the
// invoice date when no label gives one; never a date beside or under a label of its own.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import type { PageText } from '../../../main/domain/capture/words.js';
import { headerInvoice as invoice, type Row } from '../../fixtures/capture/header-invoice.js';

const read = (page: PageText) => extractInvoice([page], { dateOrder: 'dmy' });

describe("a letter's lone date at the top is the invoice date when no label gives one", () => {
  it('en: the date alone at the right', () => {
    const x = read(invoice(null, [], [[450, 130, '3 May 2024', 10]]));
    expect(x.date?.value).toBe('2024-05-03');
    expect(x.date?.confidence).toBeLessThanOrEqual(0.6);
  });

  it('fr, de: after the place it was written in', () => {
    expect(read(invoice(null, [], [[400, 130, 'Lyon, le 3 mai 2024', 10]])).date?.value).toBe('2024-05-03');
    expect(read(invoice(null, [], [[400, 130, 'Berlin, den 03.05.2024', 10]])).date?.value).toBe(
      '2024-05-03',
    );
  });

  it('a labelled invoice date wins', () => {
    const x = read(
      invoice(null, [[330, 100, 'Date de facture : 05/11/2024', 10]], [[450, 130, '3 May 2024', 10]]),
    );
    expect(x.date?.value).toBe('2024-11-05');
  });

  it('a date beside or under a label of its own is not the invoice date', () => {
    for (const rows of [
      [
        [330, 130, 'Lieferdatum', 9],
        [450, 130, '03.05.2024', 10],
      ],
      [
        [450, 116, 'Due date', 9],
        [450, 130, '3 May 2024', 10],
      ],
      [
        [450, 116, 'Buchungsdatum', 9],
        [450, 130, '25.04.2024', 10],
      ],
      [
        [330, 130, 'Enviada em:', 9],
        [450, 130, '10-04-2024', 10],
      ],
    ] as Row[][]) {
      const x = read(invoice(null, [], rows));
      expect(x.date?.value ?? null, rows[0]?.[2]).toBeNull();
    }
  });

  it('a lone date low on the page or inside a sentence is not taken', () => {
    expect(read(invoice(null, [], [[450, 600, '3 May 2024', 10]])).date?.value ?? null).toBeNull();
    expect(
      read(invoice(null, [], [[40, 130, 'We thank you for your order of 3 May 2024', 10]])).date?.value ??
        null,
    ).toBeNull();
  });
});

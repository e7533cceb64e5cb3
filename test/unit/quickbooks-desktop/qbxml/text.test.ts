import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkLength,
  describeField,
  escapeXml,
  isCp1252Encodable,
  qbText,
  toCp1252Safe,
  unescapeXml,
} from '../../../../main/connectors/quickbooks-desktop/qbxml/text.js';
import { QbxmlFieldError } from '../../../../main/connectors/quickbooks-desktop/qbxml/types.js';

// An independent oracle: the characters Windows-1252 can hold, from the platform's own decoder. WHATWG's decoder
// maps the five undefined bytes (0x81 0x8D 0x8F 0x90 0x9D) to C1 controls, which are not text; leave them out.
const CP1252 = new Set(
  [...new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 256 }, (_, i) => i))].filter(
    (c) => !/[\u0080-\u009f]/.test(c),
  ),
);
const encodable = (s: string) => [...s].every((c) => CP1252.has(c));

const anyText = fc.string({ unit: 'binary', maxLength: 60 });
const cp1252Text = fc.string({
  unit: fc.constantFrom(
    ...[...CP1252].filter((c) => (c >= ' ' && c !== '\u007f') || c === '\n' || c === '\t'),
  ),
  maxLength: 60,
});

describe('toCp1252Safe', () => {
  it('always yields Windows-1252 text, or refuses with the field named', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        try {
          const out = toCp1252Safe(s, 'Vendor.Name');
          expect(encodable(out)).toBe(true);
          expect(isCp1252Encodable(out)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(QbxmlFieldError);
          expect((e as QbxmlFieldError).field).toBe('Vendor.Name');
          expect(['unencodable', 'invalid']).toContain((e as QbxmlFieldError).problem);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the platform decoder on what Windows-1252 holds', () => {
    for (let cp = 0; cp < 0x3000; cp++) {
      if (cp >= 0x80 && cp <= 0x9f) continue;
      const c = String.fromCodePoint(cp);
      expect(isCp1252Encodable(c), `U+${cp.toString(16)}`).toBe(CP1252.has(c));
    }
    expect(isCp1252Encodable('🚰')).toBe(false);
  });

  it('leaves Windows-1252 letters and plain punctuation alone', () => {
    fc.assert(
      fc.property(cp1252Text, (s) => {
        const out = toCp1252Safe(s, 'f');
        // Only typographic punctuation and odd spaces are flattened; everything else is unchanged.
        const flattened = /[‘’‚“”„‹›«»–—…•\u00a0\u00ad™ƒ]/;
        if (!flattened.test(s)) expect(out).toBe(s.normalize('NFC'));
      }),
    );
  });

  it('transliterates the usual suspects', () => {
    expect(toCp1252Safe('“Quote” ‘single’ – — … • ™', 'f')).toBe(`"Quote" 'single' - - ... * (TM)`);
    expect(toCp1252Safe('Łódź Kraków Dvořák Ōsaka ﬁne Ａ', 'f')).toBe('Lódz Kraków Dvorák Osaka fine A');
    expect(toCp1252Safe('e\u0301', 'f')).toBe('é');
    expect(toCp1252Safe('a\u200bb\u00a0c', 'f')).toBe('ab c');
  });

  it('refuses scripts without a plain form and control characters', () => {
    expect(() => toCp1252Safe('Москва', 'Vendor.City')).toThrow(/The city \(Vendor.City\) contains "М"/);
    expect(() => toCp1252Safe('東京', 'f')).toThrow(QbxmlFieldError);
    expect(() => toCp1252Safe('bell\u0007', 'f')).toThrow(/control character \(U\+0007\)/);
    expect(toCp1252Safe('tab\tline\nbreak\r', 'f')).toBe('tab\tline\nbreak\r');
  });
});

describe('escapeXml', () => {
  it('round-trips through unescaping for any text', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(unescapeXml(escapeXml(s))).toBe(s);
      }),
    );
  });

  it('leaves no markup characters and no bare ampersand', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const out = escapeXml(s);
        expect(out).not.toMatch(/[<>"]/);
        expect(out.replace(/&(amp|lt|gt|quot);/g, '')).not.toContain('&');
      }),
    );
  });

  it('every safe + escaped output is Windows-1252 and reads back as the safe text', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        let safe: string;
        try {
          safe = qbText(s, 'f');
        } catch {
          return;
        }
        const written = escapeXml(safe);
        expect(isCp1252Encodable(written)).toBe(true);
        expect(unescapeXml(written)).toBe(safe);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('checkLength', () => {
  it('counts characters (code points), never cuts, and names the limit', () => {
    expect(() => checkLength('x'.repeat(41), 'Vendor.Name', 41)).not.toThrow();
    try {
      checkLength('x'.repeat(42), 'Vendor.Name', 41);
      throw new Error('expected too_long');
    } catch (e) {
      expect(e).toBeInstanceOf(QbxmlFieldError);
      const err = e as QbxmlFieldError;
      expect([err.field, err.problem, err.limit]).toEqual(['Vendor.Name', 'too_long', 41]);
      expect(err.message).toBe(
        'Vendor.Name is 42 characters long; QuickBooks Desktop allows at most 41. Shorten it and send again.',
      );
    }
  });
});

describe('describeField', () => {
  it.each([
    ['PurchaseOrderAdd.RefNumber', 'purchase order number (PurchaseOrderAdd.RefNumber)'],
    ['BillAdd.RefNumber', 'supplier invoice number (BillAdd.RefNumber)'],
    ['VendorAdd.Name', 'supplier name (VendorAdd.Name)'],
    ['CustomerAdd.JobDesc', 'job description (CustomerAdd.JobDesc)'],
    [
      'PurchaseOrderAdd.PurchaseOrderLineAdd[2].Desc',
      'description on line 2 (PurchaseOrderAdd.PurchaseOrderLineAdd[2].Desc)',
    ],
    [
      'BillAdd.ExpenseLineAdd[1].CustomerRef.FullName',
      'customer or job on expense line 1 (BillAdd.ExpenseLineAdd[1].CustomerRef.FullName)',
    ],
    ['VendorAdd.VendorAddress.Addr2', 'address line 2 (VendorAdd.VendorAddress.Addr2)'],
    ['PurchaseOrderAdd.VendorAddress.PostalCode', 'postal code (PurchaseOrderAdd.VendorAddress.PostalCode)'],
    ['PurchaseOrderAdd.VendorRef.FullName', 'supplier (PurchaseOrderAdd.VendorRef.FullName)'],
    ['HostQuery@requestID', 'HostQuery@requestID'],
  ])('%s', (path, label) => {
    expect(describeField(path)).toBe(label);
  });

  it('puts the bookkeeper name first in the messages', () => {
    expect(() => qbText('x'.repeat(12), 'PurchaseOrderAdd.RefNumber', 11)).toThrow(
      'The purchase order number (PurchaseOrderAdd.RefNumber) is 12 characters long; QuickBooks Desktop allows at most 11. Shorten it and send again.',
    );
  });
});

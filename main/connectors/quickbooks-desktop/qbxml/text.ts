// Text that QuickBooks Desktop can store. QuickBooks keeps Windows-1252 text only: anything else makes the whole
// message fail to parse (0x80040400) or turns into "?" (qbwc/qbxml#8, consolibyte/quickbooks-php#36). So every
// value is made Windows-1252-safe before it is written: typographic punctuation becomes its plain form (curly
// quotes, dashes, ellipsis, odd spaces), letters outside Windows-1252 lose their accents when that leaves a
// letter ("ő" → "o", "ł" → "l"), and what has no honest plain form (Cyrillic, Chinese, emoji ...) is refused with
// a QbxmlFieldError naming the field, rather than sent as "?".

import { QbxmlFieldError } from './types.js';

/** The 27 characters Windows-1252 puts in 0x80–0x9F (the rest of 0x80–0x9F is undefined). */
const CP1252_HIGH = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const CP1252_HIGH_SET = new Set(CP1252_HIGH);

/** Whether a single character (code point) exists in Windows-1252. */
export function isCp1252Char(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x80) return true;
  if (cp >= 0xa0 && cp <= 0xff) return true;
  return CP1252_HIGH_SET.has(ch);
}

/** Whether the whole string can be encoded in Windows-1252. */
export function isCp1252Encodable(s: string): boolean {
  for (const ch of s) if (!isCp1252Char(ch)) return false;
  return true;
}

/**
 * Plain forms. Typographic punctuation is flattened even where Windows-1252 has it (curly quotes, en/em dash,
 * ellipsis, bullet): older QuickBooks releases and many printed forms show those as "?" and bookkeepers search
 * for the plain characters. Letters that Windows-1252 lacks and that Unicode does not decompose are listed here.
 */
const PLAIN: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u02bc': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2039': "'",
  '\u203a': "'",
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u2022': '*',
  '\u00a0': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2004': ' ',
  '\u2005': ' ',
  '\u2006': ' ',
  '\u2007': ' ',
  '\u2008': ' ',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u202f': ' ',
  '\u205f': ' ',
  '\u3000': ' ',
  '\u2028': '\n',
  '\u2029': '\n',
  '\u200b': '',
  '\u200c': '',
  '\u200d': '',
  '\u2060': '',
  '\ufeff': '',
  '\u00ad': '',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
  ı: 'i',
  ŀ: 'l',
  Ŀ: 'L',
  ŧ: 't',
  Ŧ: 'T',
  ĸ: 'k',
  ŉ: "'n",
  ſ: 's',
  ƒ: 'f',
  ŋ: 'ng',
  Ŋ: 'NG',
  ĳ: 'ij',
  Ĳ: 'IJ',
  '\u2122': '(TM)',
  '\u2116': 'No.',
  '\u2044': '/',
  '\u2215': '/',
};

/** XML 1.0 allows tab, LF and CR among the C0 controls; the others cannot appear in a document at all. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/u;

function transliterateChar(ch: string): string | null {
  const plain = PLAIN[ch];
  if (plain !== undefined) return plain;
  if (isCp1252Char(ch)) return ch;
  // Try compatibility decomposition: "ő" → "o" + U+030B, "ﬁ" → "fi", full-width "Ａ" → "A".
  const decomposed = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  if (decomposed.length > 0 && decomposed !== ch && isCp1252Encodable(decomposed)) return decomposed;
  return null;
}

const LINE_LABEL: Record<string, string> = {
  PurchaseOrderLineAdd: 'line',
  PurchaseOrderLineMod: 'line',
  InvoiceLineAdd: 'line',
  ExpenseLineAdd: 'expense line',
  ExpenseLineMod: 'expense line',
  ItemLineAdd: 'item line',
  ItemLineMod: 'item line',
};
const REF_LABEL: Record<string, string> = {
  VendorRef: 'supplier',
  CustomerRef: 'customer or job',
  ParentRef: 'parent',
  ItemRef: 'item',
  ClassRef: 'class',
  AccountRef: 'account',
  APAccountRef: 'accounts payable account',
  ExpenseAccountRef: 'expense account',
  TermsRef: 'terms',
  ShipToEntityRef: 'ship-to customer',
};
const REF_NUMBER_LABEL: Record<string, string> = {
  PurchaseOrderAdd: 'purchase order number',
  PurchaseOrderMod: 'purchase order number',
  BillAdd: 'supplier invoice number',
  BillMod: 'supplier invoice number',
  ItemReceiptAdd: 'receipt number',
  ItemReceiptMod: 'receipt number',
  InvoiceAdd: 'invoice number',
};
const NAME_LABEL: Record<string, string> = {
  VendorAdd: 'supplier name',
  VendorMod: 'supplier name',
  CustomerAdd: 'customer or job name',
  CustomerMod: 'customer or job name',
  ItemNonInventoryAdd: 'item name',
  ItemServiceAdd: 'item name',
};
const FIELD_LABEL: Record<string, string> = {
  Memo: 'memo',
  Desc: 'description',
  VendorMsg: 'message to the supplier',
  CompanyName: 'company name',
  FirstName: 'first name',
  LastName: 'last name',
  JobTitle: 'job title',
  Phone: 'phone number',
  Mobile: 'mobile number',
  Fax: 'fax number',
  Email: 'email address',
  Contact: 'contact',
  NameOnCheck: 'name on checks',
  AccountNumber: 'account number',
  JobDesc: 'job description',
  Notes: 'notes',
  City: 'city',
  State: 'state',
  PostalCode: 'postal code',
  Country: 'country',
  Note: 'address note',
  FOB: 'FOB',
  PONumber: 'customer PO number',
  Other1: 'custom field Other1',
  Other2: 'custom field Other2',
};

/**
 * A bookkeeper's name for a qbXML field path, with the path kept for support:
 * "PurchaseOrderAdd.PurchaseOrderLineAdd[2].Desc" → "description on line 2 (PurchaseOrderAdd.PurchaseOrderLineAdd[2].Desc)".
 * Unknown paths come back as they are.
 */
export function describeField(path: string): string {
  const parts = path.split('.');
  const root = parts[0] ?? '';
  let line = '';
  let label: string | undefined;
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const m = /^(\w+)\[(\d+)\]$/.exec(part);
    if (m && LINE_LABEL[m[1] ?? '']) {
      line = ` on ${LINE_LABEL[m[1] ?? '']} ${m[2]}`;
      continue;
    }
    if (i < parts.length - 1) {
      if (REF_LABEL[part] && parts[i + 1] === 'FullName') {
        label = REF_LABEL[part];
        break;
      }
      const inner = part.endsWith('Address') ? parts[i + 1] : undefined;
      if (inner) {
        const n = /^Addr(\d)$/.exec(inner)?.[1];
        label = n ? `address line ${n}` : FIELD_LABEL[inner];
        break;
      }
      continue;
    }
    label =
      part === 'RefNumber'
        ? REF_NUMBER_LABEL[root]
        : part === 'Name' && parts.length === 2
          ? NAME_LABEL[root]
          : FIELD_LABEL[part];
  }
  return label ? `${label}${line} (${path})` : path;
}

function subject(field: string): string {
  const d = describeField(field);
  return d === field ? field : `The ${d}`;
}

/**
 * The Windows-1252-safe form of `value` (not yet XML-escaped). Throws QbxmlFieldError('unencodable') naming the
 * field and the first character that has no plain form, or ('invalid') for control characters.
 */
export function toCp1252Safe(value: string, field: string): string {
  // Compose first so "e" + combining acute becomes "é" (which Windows-1252 has) instead of losing the accent.
  const composed = value.normalize('NFC');
  let out = '';
  for (const ch of composed) {
    if (FORBIDDEN_CONTROL.test(ch)) {
      throw new QbxmlFieldError(
        field,
        'invalid',
        `${subject(field)} contains a control character (U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}) that QuickBooks cannot store. Remove it and send again.`,
      );
    }
    const t = transliterateChar(ch);
    if (t === null) {
      throw new QbxmlFieldError(
        field,
        'unencodable',
        `${subject(field)} contains "${ch}", which QuickBooks Desktop cannot store (it keeps Western European characters only). Replace it and send again.`,
      );
    }
    out += t;
  }
  return out;
}

/** Escapes & < > " for element text and attribute values. The apostrophe is written as is (consolibyte does the same). */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}

/** The inverse of escapeXml for the five predefined entities and numeric references (tests, simulator). */
export function unescapeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

/** Throws QbxmlFieldError('too_long') when the value is longer than QuickBooks' limit for the field. Never cuts. */
export function checkLength(value: string, field: string, max: number): void {
  const length = [...value].length;
  if (length > max) {
    throw new QbxmlFieldError(
      field,
      'too_long',
      `${subject(field)} is ${length} characters long; QuickBooks Desktop allows at most ${max}. Shorten it and send again.`,
      max,
    );
  }
}

/** The text as it will be written: Windows-1252-safe, length-checked (after transliteration), not yet escaped. */
export function qbText(value: string, field: string, max?: number): string {
  const safe = toCp1252Safe(value, field);
  if (max !== undefined) checkLength(safe, field, max);
  return safe;
}

import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildMessage,
  buildRequest,
  chooseVersion,
} from '../../../../main/connectors/quickbooks-desktop/qbxml/builders.js';
import type { QbxmlRequest } from '../../../../main/connectors/quickbooks-desktop/qbxml/types.js';
import { QbxmlFieldError } from '../../../../main/connectors/quickbooks-desktop/qbxml/types.js';
import {
  requireQbxmlXsd,
  validateQbxml,
  validateQbxmlBatch,
  type XsdResult,
} from '../../../simulators/quickbooks-desktop/xsd-validate.js';
import { GUID, SAMPLE_REQUESTS } from './sample-requests.js';

const xsd = requireQbxmlXsd();
const opts = { version: '13.0', onError: 'continueOnError' } as const;

function fieldError(fn: () => unknown): QbxmlFieldError {
  try {
    fn();
  } catch (e) {
    if (e instanceof QbxmlFieldError) return e;
    throw e;
  }
  throw new Error('expected a QbxmlFieldError');
}

function po(overrides: Record<string, unknown> = {}, line: Record<string, unknown> = {}): QbxmlRequest {
  return {
    type: 'PurchaseOrderAdd',
    requestID: 'po',
    body: {
      VendorRef: { FullName: 'Acme' },
      RefNumber: 'PO-1',
      PurchaseOrderLineAdd: [{ ItemRef: { FullName: 'Parts' }, Amount: '1.00', ...line }],
      ...overrides,
    },
  } as QbxmlRequest;
}

describe.runIf(xsd)('every request type validates against qbxmlops130.xsd', () => {
  const messages = SAMPLE_REQUESTS.map((r) => buildMessage([r], opts));
  let results: XsdResult[] = [];
  beforeAll(() => {
    // One xmllint run for all (the schema compiles once), plus the whole batch as one message.
    results = validateQbxmlBatch([...messages, buildMessage(SAMPLE_REQUESTS, opts)]);
  });

  it.each(SAMPLE_REQUESTS.map((r, i) => [`${r.type} (${r.requestID})`, i] as const))('%s', (_label, i) => {
    const r = results[i];
    expect(r?.errors ?? 'missing result', messages[i]).toBe('');
    expect(r?.valid).toBe(true);
  });

  it('all of them together in one message (continueOnError)', () => {
    expect(results[messages.length]?.errors).toBe('');
    expect(results[messages.length]?.valid).toBe(true);
  });

  it('stopOnError with a newMessageSetID validates', () => {
    const xml = buildMessage(SAMPLE_REQUESTS.slice(0, 3), {
      version: '13.0',
      onError: 'stopOnError',
      newMessageSetID: 'set-42',
    });
    expect(xml).toContain('<QBXMLMsgsRq onError="stopOnError" newMessageSetID="set-42">');
    expect(validateQbxml(xml)).toEqual({ valid: true, errors: '' });
  });

  it('the XSD catches a wrong element order (the oracle is live)', () => {
    const wrong = buildMessage([SAMPLE_REQUESTS.find((r) => r.type === 'BillAdd')!], opts).replace(
      /<VendorRef>(.*?)<\/VendorRef>(.*?)<TxnDate>(.*?)<\/TxnDate>/,
      '<TxnDate>$3</TxnDate>$2<VendorRef>$1</VendorRef>',
    );
    const r = validateQbxml(wrong);
    expect(r.valid).toBe(false);
    expect(r.errors).toMatch(/TxnDate/);
  });

  it('a message built for qbXML 8.0 (ExternalGUID dropped) still validates', () => {
    const xml = buildMessage([po({ ExternalGUID: GUID })], { version: '8.0', onError: 'stopOnError' });
    expect(xml).toContain('<?qbxml version="8.0"?>');
    expect(xml).not.toContain('ExternalGUID');
    expect(validateQbxml(xml).valid).toBe(true);
  });
});

describe('message envelope', () => {
  it('writes the declarations, the version PI and one Rq per request with its requestID', () => {
    const xml = buildMessage(
      [
        { type: 'HostQuery', requestID: 'a', body: {} },
        { type: 'VendorQuery', requestID: 'b "x"', body: { FullName: ['A'] } },
      ],
      opts,
    );
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="13.0"?>\n<QBXML>')).toBe(
      true,
    );
    expect(xml).toContain('<HostQueryRq requestID="a"></HostQueryRq>');
    expect(xml).toContain(
      '<VendorQueryRq requestID="b &quot;x&quot;"><FullName>A</FullName></VendorQueryRq>',
    );
  });

  it('writes iterator attributes: Start without an id, Continue with it', () => {
    expect(
      buildRequest({
        type: 'CustomerQuery',
        requestID: 'c',
        body: { MaxReturned: 5 },
        iterator: { iterator: 'Start' },
      }),
    ).toBe('<CustomerQueryRq requestID="c" iterator="Start"><MaxReturned>5</MaxReturned></CustomerQueryRq>');
    expect(
      buildRequest({
        type: 'CustomerQuery',
        requestID: 'c',
        body: { MaxReturned: 5 },
        iterator: { iterator: 'Continue', iteratorID: '{x}' },
      }),
    ).toContain('iterator="Continue" iteratorID="{x}"');
    expect(() =>
      buildRequest({ type: 'CustomerQuery', requestID: 'c', body: {}, iterator: { iterator: 'Continue' } }),
    ).toThrow(QbxmlFieldError);
  });

  it('refuses an empty message, duplicate requestIDs and a requestID over 50 characters', () => {
    expect(() => buildMessage([], opts)).toThrow();
    const h = { type: 'HostQuery', requestID: 'same', body: {} } as const;
    expect(() => buildMessage([h, h], opts)).toThrow(/Duplicate requestID/);
    const e = fieldError(() => buildMessage([{ ...h, requestID: 'r'.repeat(51) }], opts));
    expect(e.field).toBe('HostQuery@requestID');
    expect(e.limit).toBe(50);
    expect(() => buildMessage([{ ...h, requestID: 'r'.repeat(50) }], opts)).not.toThrow();
  });
});

describe('element order follows the XSD', () => {
  const order = (xml: string, names: string[]) => names.map((n) => xml.indexOf(`<${n}>`));
  it('PurchaseOrderLineAdd: Rate, ClassRef, Amount, CustomerRef', () => {
    const xml = buildRequest(
      po({}, { Rate: '1', ClassRef: { FullName: 'C' }, CustomerRef: { FullName: 'J' } }),
    );
    const idx = order(xml, ['Rate', 'ClassRef', 'Amount', 'CustomerRef']);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
    expect(idx.every((i) => i > 0)).toBe(true);
  });
  it('BillAdd: VendorRef first, expense lines before item lines', () => {
    const bill = SAMPLE_REQUESTS.find((r) => r.type === 'BillAdd')!;
    const xml = buildRequest(bill);
    expect(xml.startsWith('<BillAddRq requestID="bill-add"><BillAdd><VendorRef>')).toBe(true);
    expect(xml.indexOf('<ExpenseLineAdd>')).toBeLessThan(xml.indexOf('<ItemLineAdd>'));
    expect(xml.indexOf('<LinkToTxnID>')).toBeLessThan(xml.indexOf('<ExpenseLineAdd>'));
  });
  it('ItemNonInventoryAdd puts ParentRef before ClassRef, ItemServiceAdd the reverse', () => {
    const common = {
      Name: 'X',
      ParentRef: { FullName: 'P' },
      ClassRef: { FullName: 'C' },
      SalesOrPurchase: {},
    };
    const ni = buildRequest({ type: 'ItemNonInventoryAdd', requestID: 'a', body: common });
    const sv = buildRequest({ type: 'ItemServiceAdd', requestID: 'b', body: common });
    expect(ni.indexOf('<ParentRef>')).toBeLessThan(ni.indexOf('<ClassRef>'));
    expect(sv.indexOf('<ClassRef>')).toBeLessThan(sv.indexOf('<ParentRef>'));
  });
});

describe('text: escaping, Windows-1252 and lengths', () => {
  it('escapes & < > " and writes apostrophes as is', () => {
    const xml = buildRequest({ type: 'VendorAdd', requestID: 'v', body: { Name: `A & B <C> "D" O'E` } });
    expect(xml).toContain(`<Name>A &amp; B &lt;C&gt; &quot;D&quot; O'E</Name>`);
  });

  it('transliterates curly quotes, dashes and ellipsis; keeps accented letters Windows-1252 has', () => {
    const xml = buildRequest({
      type: 'VendorAdd',
      requestID: 'v',
      body: { Name: 'Zoë’s “Café” – Łódź…', CompanyName: 'Øresund Straße' },
    });
    expect(xml).toContain("<Name>Zoë's &quot;Café&quot; - Lódz...</Name>");
    expect(xml).toContain('<CompanyName>Øresund Straße</CompanyName>');
  });

  it('refuses what cannot be transliterated, naming the field', () => {
    const e = fieldError(() => buildRequest(po({}, { Desc: 'Pipe 株式会社' })));
    expect(e.problem).toBe('unencodable');
    expect(e.field).toBe('PurchaseOrderAdd.PurchaseOrderLineAdd[1].Desc');
    expect(e.message).toContain('株');
    expect(() => buildRequest({ type: 'VendorAdd', requestID: 'v', body: { Name: 'Pipes 🚰' } })).toThrow(
      /\(VendorAdd.Name\) contains "🚰"/,
    );
  });

  it.each([
    ['VendorAdd.Name', 41, (v: string) => ({ type: 'VendorAdd', requestID: 'v', body: { Name: v } })],
    ['CustomerAdd.Name', 41, (v: string) => ({ type: 'CustomerAdd', requestID: 'c', body: { Name: v } })],
    [
      'CustomerAdd.JobDesc',
      99,
      (v: string) => ({ type: 'CustomerAdd', requestID: 'c', body: { Name: 'J', JobDesc: v } }),
    ],
    ['PurchaseOrderAdd.RefNumber', 11, (v: string) => po({ RefNumber: v })],
    ['PurchaseOrderAdd.Memo', 4095, (v: string) => po({ Memo: v })],
    ['PurchaseOrderAdd.VendorRef.FullName', 41, (v: string) => po({ VendorRef: { FullName: v } })],
    [
      'PurchaseOrderAdd.PurchaseOrderLineAdd[1].CustomerRef.FullName',
      209,
      (v: string) => po({}, { CustomerRef: { FullName: v } }),
    ],
    ['PurchaseOrderAdd.VendorAddress.Addr1', 41, (v: string) => po({ VendorAddress: { Addr1: v } })],
    ['PurchaseOrderAdd.VendorAddress.City', 31, (v: string) => po({ VendorAddress: { City: v } })],
    ['PurchaseOrderAdd.VendorAddress.State', 21, (v: string) => po({ VendorAddress: { State: v } })],
    [
      'PurchaseOrderAdd.VendorAddress.PostalCode',
      13,
      (v: string) => po({ VendorAddress: { PostalCode: v } }),
    ],
    [
      'VendorAdd.Phone',
      21,
      (v: string) => ({ type: 'VendorAdd', requestID: 'v', body: { Name: 'V', Phone: v } }),
    ],
    [
      'VendorAdd.AccountNumber',
      99,
      (v: string) => ({ type: 'VendorAdd', requestID: 'v', body: { Name: 'V', AccountNumber: v } }),
    ],
    [
      'BillAdd.RefNumber',
      20,
      (v: string) => ({
        type: 'BillAdd',
        requestID: 'b',
        body: { VendorRef: { FullName: 'V' }, RefNumber: v },
      }),
    ],
    [
      'ItemServiceAdd.Name',
      31,
      (v: string) => ({ type: 'ItemServiceAdd', requestID: 'i', body: { Name: v, SalesOrPurchase: {} } }),
    ],
  ] as const)('%s: %i characters pass, one more is refused with the limit', (field, max, make) => {
    expect(() => buildRequest(make('x'.repeat(max)) as QbxmlRequest)).not.toThrow();
    const e = fieldError(() => buildRequest(make('x'.repeat(max + 1)) as QbxmlRequest));
    expect(e.field).toBe(field);
    expect(e.problem).toBe('too_long');
    expect(e.limit).toBe(max);
    expect(e.message).toContain(`at most ${max}`);
  });

  it('counts length after transliteration and before escaping', () => {
    // "…" becomes "...": 39 + 3 = 42 characters > 41.
    expect(() =>
      buildRequest({ type: 'VendorAdd', requestID: 'v', body: { Name: 'x'.repeat(39) + '…' } }),
    ).toThrow(/at most 41/);
    // 41 ampersands are 41 characters, even though they are written as &amp;.
    expect(() =>
      buildRequest({ type: 'VendorAdd', requestID: 'v', body: { Name: '&'.repeat(41) } }),
    ).not.toThrow();
  });
});

describe('values and structure', () => {
  it('refuses malformed amounts, dates and GUIDs with the field', () => {
    expect(fieldError(() => buildRequest(po({}, { Amount: '1.5' }))).field).toBe(
      'PurchaseOrderAdd.PurchaseOrderLineAdd[1].Amount',
    );
    expect(fieldError(() => buildRequest(po({ TxnDate: '2026-02-30' }))).field).toBe(
      'PurchaseOrderAdd.TxnDate',
    );
    expect(fieldError(() => buildRequest(po({ ExternalGUID: 'abc' }))).field).toBe(
      'PurchaseOrderAdd.ExternalGUID',
    );
  });
  it('writes JavaScript ISO date-times in qbXML form', () => {
    const xml = buildRequest({
      type: 'VendorQuery',
      requestID: 'v',
      body: { FromModifiedDate: '2026-11-22T10:11:12.345Z' },
    });
    expect(xml).toContain('<FromModifiedDate>2026-11-22T10:11:12+00:00</FromModifiedDate>');
  });
  it('refuses a field the model does not know and a mix of choice options', () => {
    expect(fieldError(() => buildRequest(po({ Bogus: 1 }))).field).toBe('PurchaseOrderAdd.Bogus');
    expect(() =>
      buildRequest({ type: 'VendorQuery', requestID: 'v', body: { FullName: ['A'], MaxReturned: 5 } }),
    ).toThrow(/only one of/);
    expect(() => buildRequest({ type: 'ItemServiceAdd', requestID: 'i', body: { Name: 'S' } })).toThrow(
      /needs one of SalesOrPurchase/,
    );
  });
  it('refuses a purchase order without lines and a reference without ListID or FullName', () => {
    expect(() => buildRequest(po({ PurchaseOrderLineAdd: [] }))).toThrow(/at least one/);
    expect(() => buildRequest(po({ VendorRef: {} }))).toThrow(/needs a ListID or a FullName/);
  });
});

describe('qbXML versions', () => {
  it('chooses 13.0 or the highest US version below it', () => {
    expect(chooseVersion(['1.0', '2.0', '12.0', '13.0', '14.0', '16.0'])).toBe('13.0');
    expect(chooseVersion(['1.0', '11.0', '12.0', 'CA3.0'])).toBe('12.0');
    expect(chooseVersion(['1.0', '2.0', '3.0'])).toBeNull();
    expect(chooseVersion([])).toBeNull();
  });
  it('drops ExternalGUID below its version and refuses other fields the version lacks', () => {
    expect(
      buildMessage([po({ ExternalGUID: GUID })], { version: '8.0', onError: 'stopOnError' }),
    ).not.toContain('ExternalGUID');
    const e = fieldError(() =>
      buildRequest(
        { type: 'CustomerAdd', requestID: 'c', body: { Name: 'C', ClassRef: { FullName: 'East' } } },
        '11.0',
      ),
    );
    expect(e.problem).toBe('unsupported_version');
    expect(e.field).toBe('CustomerAdd.ClassRef');
    expect(e.message).toMatch(/needs qbXML 12\.0/);
    expect(() =>
      buildRequest(
        { type: 'CustomerAdd', requestID: 'c', body: { Name: 'C', ClassRef: { FullName: 'East' } } },
        '12.0',
      ),
    ).not.toThrow();
  });
  it('leaves a bill vendor address out below 13.0 (QuickBooks copies it from the vendor)', () => {
    const bill: QbxmlRequest = {
      type: 'BillAdd',
      requestID: 'b',
      body: { VendorRef: { FullName: 'V' }, VendorAddress: { Addr1: '1 Main St' } },
    };
    expect(buildRequest(bill, '13.0')).toContain('<VendorAddress>');
    expect(buildRequest(bill, '12.0')).not.toContain('VendorAddress');
  });
  it('refuses a request type the version does not have, and non-US versions', () => {
    const receipt = SAMPLE_REQUESTS.find((r) => r.type === 'ItemReceiptAdd')!;
    expect(fieldError(() => buildRequest(receipt, '3.0')).problem).toBe('unsupported_version');
    expect(() => buildMessage([receipt], { version: 'CA3.0', onError: 'stopOnError' })).toThrow(
      /not a US qbXML/,
    );
  });
});

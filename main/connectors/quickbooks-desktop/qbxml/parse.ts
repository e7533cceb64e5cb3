// readResponse(): QuickBooks' qbXML answer → one typed QbxmlResponse per request, in the order QuickBooks wrote
// them. QuickBooks may answer with elements and enum values newer than the version we asked for (quickbooks-sync
// PR #59), so the record schemas read what Ledgerbridge needs and ignore the rest; what they do read is checked
// with zod. Intuit's XSD (qbxmlops130.xsd) marks nearly every child of a *Ret optional (minOccurs="0"), even
// TxnID and EditSequence, so only what the code cannot do without is required: a list record's ListID and its
// Name (or FullName), a transaction's TxnID, a payment's date. A record that still cannot be read does not sink
// the message: it is left out of `records` and described in the response's `unreadable`, so the engine fails
// only the request it answered (and skips it in a list or payments page). parseResponse() is the strict form
// that throws on such a record.

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { z } from 'zod';
import type {
  ItemRet,
  PreferencesRet,
  QbxmlRequestType,
  QbxmlResponse,
  RetByType,
  StatusSeverity,
  UnreadableRecord,
} from './types.js';
import {
  AccountRet,
  BillPaymentRet,
  BillRet,
  ClassRet,
  CompanyRet,
  CustomerRet,
  ErrorRecovery,
  HostRet,
  ITEM_KINDS,
  InvoiceRet,
  ItemReceiptRet,
  ItemRetRaw,
  NO_NAME,
  PreferencesRetRaw,
  PurchaseOrderRet,
  StandardTermsRet,
  TxnDelFields,
  TxnDeletedRet,
  TxnVoidFields,
  VendorRet,
  leafName,
} from './record-schemas.js';

export { RECORD_ELEMENTS } from './record-schemas.js';

/** QuickBooks' answer could not be read at all (not XML, not qbXML), or (parseResponse) a record could not be. */
export class QbxmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QbxmlParseError';
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Only the five XML entities and numeric references; DOCTYPEs are refused before parsing (see below).
  processEntities: true,
  // htmlEntities also decodes numeric character references (&#233;), which QuickBooks may write.
  htmlEntities: true,
  // No path strings for the callbacks: building them dominated parse time for large answers.
  jPath: false,
  // Repeating elements come back as arrays even when there is one of them.
  isArray: (name) => REPEATED.has(name) || name.endsWith('Ret') || name.endsWith('Rs'),
});

const REPEATED = new Set(['SupportedQBXMLVersion', 'LinkedTxn', 'LinkToTxnID']);

type Raw = Record<string, unknown>;

/** What identifies a record in a message to the bookkeeper: its number, name or id, whichever it has. */
function labelOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Raw;
  for (const key of ['RefNumber', 'FullName', 'Name', 'TxnID', 'ListID']) {
    const v = r[key];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return undefined;
}

/** Why a record failed its schema, in a few words: "no TxnID", "TxnNumber: Invalid input…". */
function reasonOf(error: z.ZodError, raw: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.join('.');
  let value: unknown = raw;
  for (const key of issue.path) value = (value as Raw | undefined)?.[key as string];
  if (issue.message === NO_NAME.message) return NO_NAME.message;
  return value === undefined && path ? `no ${path}` : `${path || 'record'}: ${issue.message}`;
}

/** Reads the records of one response, setting aside those that cannot be read. */
class Reader {
  readonly unreadable: UnreadableRecord[] = [];
  constructor(private readonly where: string) {}

  one<T>(schema: z.ZodType<T>, value: unknown, element: string): T | undefined {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    this.unreadable.push({ element, label: labelOf(value), reason: reasonOf(r.error, value) });
    return undefined;
  }

  list<T>(rs: Raw, element: string, schema: z.ZodType<T>): T[] {
    const v = rs[element];
    if (v === undefined) return [];
    const out: T[] = [];
    for (const x of Array.isArray(v) ? v : [v]) {
      const record = this.one(schema, x, element);
      if (record !== undefined) out.push(record);
    }
    return out;
  }

  items(rs: Raw): ItemRet[] {
    const out: ItemRet[] = [];
    for (const kind of ITEM_KINDS) {
      for (const r of this.list(rs, `${kind}Ret`, ItemRetRaw)) {
        const name = r.Name ?? leafName(r.FullName ?? '');
        out.push({
          ListID: r.ListID,
          EditSequence: r.EditSequence,
          Name: name,
          FullName: r.FullName ?? name,
          IsActive: r.IsActive ?? true,
          TimeModified: r.TimeModified,
          ParentRef: r.ParentRef,
          Sublevel: r.Sublevel,
          itemKind: kind,
          Desc: r.SalesAndPurchase?.PurchaseDesc ?? r.SalesOrPurchase?.Desc ?? r.PurchaseDesc ?? r.ItemDesc,
          AccountRef:
            r.SalesAndPurchase?.ExpenseAccountRef ??
            r.SalesOrPurchase?.AccountRef ??
            r.COGSAccountRef ??
            r.AccountRef,
          ExternalGUID: r.ExternalGUID,
        });
      }
    }
    return out;
  }

  /** The message a strict reader throws for the first record set aside. */
  get failure(): string | null {
    const first = this.unreadable[0];
    return first
      ? `QuickBooks answered ${this.where} with a record Ledgerbridge cannot read (${first.element}${first.label ? ` ${first.label}` : ''}: ${first.reason}).`
      : null;
  }
}

function records(type: QbxmlRequestType, rs: Raw, read: Reader): RetByType[QbxmlRequestType][] {
  switch (type) {
    case 'HostQuery':
      return read.list(rs, 'HostRet', HostRet);
    case 'CompanyQuery':
      return read.list(rs, 'CompanyRet', CompanyRet);
    case 'PreferencesQuery':
      return read.list(rs, 'PreferencesRet', PreferencesRetRaw).map((p): PreferencesRet => ({
        IsUsingAccountNumbers: p.AccountingPreferences?.IsUsingAccountNumbers,
        IsUsingClassTracking: p.AccountingPreferences?.IsUsingClassTracking,
        ClosingDate: p.AccountingPreferences?.ClosingDate,
        IsMultiCurrencyOn: p.MultiCurrencyPreferences?.IsMultiCurrencyOn,
        IsUsingInventory: p.PurchasesAndVendorsPreferences?.IsUsingInventory,
      }));
    case 'AccountQuery':
      return read.list(rs, 'AccountRet', AccountRet);
    case 'ClassQuery':
      return read.list(rs, 'ClassRet', ClassRet);
    case 'ItemQuery':
    case 'ItemNonInventoryAdd':
    case 'ItemServiceAdd':
      return read.items(rs);
    case 'StandardTermsQuery':
      return read.list(rs, 'StandardTermsRet', StandardTermsRet);
    case 'VendorQuery':
    case 'VendorAdd':
    case 'VendorMod':
      return read.list(rs, 'VendorRet', VendorRet);
    case 'CustomerQuery':
    case 'CustomerAdd':
    case 'CustomerMod':
      return read.list(rs, 'CustomerRet', CustomerRet);
    case 'PurchaseOrderAdd':
    case 'PurchaseOrderMod':
    case 'PurchaseOrderQuery':
      return read.list(rs, 'PurchaseOrderRet', PurchaseOrderRet);
    case 'BillAdd':
    case 'BillMod':
    case 'BillQuery':
      return read.list(rs, 'BillRet', BillRet);
    case 'ItemReceiptAdd':
    case 'ItemReceiptMod':
    case 'ItemReceiptQuery':
      return read.list(rs, 'ItemReceiptRet', ItemReceiptRet);
    case 'TxnDel': {
      const r = read.one(TxnDelFields, rs, 'TxnDelRs');
      return r?.TxnID === undefined ? [] : [r];
    }
    case 'TxnVoid': {
      const r = read.one(TxnVoidFields, rs, 'TxnVoidRs');
      return r?.TxnID === undefined ? [] : [r];
    }
    case 'BillPaymentCheckQuery':
      return read.list(rs, 'BillPaymentCheckRet', BillPaymentRet);
    case 'BillPaymentCreditCardQuery':
      return read.list(rs, 'BillPaymentCreditCardRet', BillPaymentRet);
    case 'TxnDeletedQuery':
      return read.list(rs, 'TxnDeletedRet', TxnDeletedRet);
    case 'InvoiceAdd':
    case 'InvoiceQuery':
      return read.list(rs, 'InvoiceRet', InvoiceRet);
  }
}

const KNOWN_TYPES = new Set<string>([
  'HostQuery',
  'CompanyQuery',
  'PreferencesQuery',
  'AccountQuery',
  'ClassQuery',
  'ItemQuery',
  'StandardTermsQuery',
  'VendorQuery',
  'CustomerQuery',
  'VendorAdd',
  'VendorMod',
  'CustomerAdd',
  'CustomerMod',
  'ItemNonInventoryAdd',
  'ItemServiceAdd',
  'PurchaseOrderAdd',
  'PurchaseOrderMod',
  'PurchaseOrderQuery',
  'BillAdd',
  'BillMod',
  'BillQuery',
  'ItemReceiptAdd',
  'ItemReceiptMod',
  'ItemReceiptQuery',
  'TxnDel',
  'TxnVoid',
  'BillPaymentCheckQuery',
  'BillPaymentCreditCardQuery',
  'TxnDeletedQuery',
  'InvoiceAdd',
  'InvoiceQuery',
] satisfies QbxmlRequestType[]);

const SEVERITIES = new Set(['Info', 'Warn', 'Error']);

function severity(v: unknown, code: number): StatusSeverity {
  if (typeof v === 'string') {
    // QuickBooks writes "Warn"; some releases wrote "Warning".
    const s = v === 'Warning' ? 'Warn' : v;
    if (SEVERITIES.has(s)) return s as StatusSeverity;
  }
  return code === 0 ? 'Info' : code < 1000 && code >= 500 ? 'Warn' : code < 500 ? 'Info' : 'Error';
}

function optionalInt(v: unknown): number | undefined {
  return typeof v === 'string' && /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

/** The Rs elements of a QBXMLMsgsRs in document order (the parsed object groups them by name). */
function rsOrder(xml: string): string[] {
  const start = xml.indexOf('<QBXMLMsgsRs');
  const names: string[] = [];
  const re = /<([A-Za-z]+)Rs[\s>/]/g;
  re.lastIndex = start < 0 ? 0 : start;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[1] !== 'QBXMLMsgs') names.push(m[1] ?? '');
  }
  return names;
}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)(?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(\/?)>/g;

/**
 * Every element closed, in order. fast-xml-parser's own parse is lenient (it accepts a mismatched or missing
 * closing tag, e.g. a truncated answer); its validator catches that but doubles the parse time of a large
 * answer, so this cheap check runs first and the validator only explains a failure. Comments and CDATA
 * (which QuickBooks does not send) go to the full validator.
 */
function tagsBalanced(xml: string): boolean {
  if (xml.includes('<!--') || xml.includes('<![CDATA[')) return XMLValidator.validate(xml) === true;
  const stack: string[] = [];
  TAG.lastIndex = 0;
  for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
    if (m[3]) continue;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2] ?? '');
  }
  return stack.length === 0;
}

/**
 * Reads QuickBooks' answer to one message: one QbxmlResponse per request, in QuickBooks' order (the request
 * order). A record that cannot be read is left out of its response's `records` and described in `unreadable`.
 * Throws QbxmlParseError when the text is not a qbXML response at all.
 */
export function readResponse(xml: string): QbxmlResponse[] {
  return read(xml, false);
}

/** readResponse, but a record that cannot be read throws QbxmlParseError (for callers that need every record). */
export function parseResponse(xml: string): QbxmlResponse[] {
  return read(xml, true);
}

function read(xml: string, strict: boolean): QbxmlResponse[] {
  // A byte-order mark may survive the Web Connector's string handling.
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  // No DOCTYPE, no entity definitions: QuickBooks never sends them, and they are the entity-expansion attack.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new QbxmlParseError('The qbXML response contains a DOCTYPE.');
  if (!tagsBalanced(xml)) {
    const v = XMLValidator.validate(xml);
    const reason = v === true ? 'unbalanced tags' : `${v.err.msg} (line ${v.err.line})`;
    throw new QbxmlParseError(`The qbXML response is not well-formed XML: ${reason}`);
  }
  let doc: Raw;
  try {
    doc = parser.parse(xml) as Raw;
  } catch (e) {
    throw new QbxmlParseError(`The qbXML response is not well-formed XML: ${(e as Error).message}`);
  }
  const qbxml = doc.QBXML as Raw | undefined;
  const msgs = (qbxml?.QBXMLMsgsRs as Raw[] | undefined)?.[0];
  if (!qbxml || msgs === undefined) throw new QbxmlParseError('The response has no <QBXML><QBXMLMsgsRs>.');
  if (typeof msgs !== 'object' || msgs === null) return [];

  const cursor = new Map<string, number>();
  const out: QbxmlResponse[] = [];
  for (const name of rsOrder(xml)) {
    const group = msgs[`${name}Rs`];
    if (!Array.isArray(group)) continue;
    const i = cursor.get(name) ?? 0;
    cursor.set(name, i + 1);
    const rs = group[i] as Raw | string | undefined;
    if (rs === undefined) continue;
    if (!KNOWN_TYPES.has(name)) {
      throw new QbxmlParseError(`QuickBooks answered with ${name}Rs, which Ledgerbridge never asks for.`);
    }
    const type = name as QbxmlRequestType;
    const body: Raw = typeof rs === 'object' ? rs : {};
    const statusCode = optionalInt(body['@_statusCode']);
    if (statusCode === undefined) throw new QbxmlParseError(`${name}Rs has no statusCode.`);
    const isError = statusCode >= 1000 || statusCode < 0;
    const er = body.ErrorRecovery;
    const reader = new Reader(`${name}Rs`);
    const recs = isError ? [] : records(type, body, reader);
    if (strict && reader.failure) throw new QbxmlParseError(reader.failure);
    // What QuickBooks already has for a refused Add: a hint, so one that cannot be read is simply not there.
    const recovery = er === undefined ? undefined : ErrorRecovery.safeParse(Array.isArray(er) ? er[0] : er);
    if (strict && recovery && !recovery.success) {
      throw new QbxmlParseError(`${name}Rs has an ErrorRecovery Ledgerbridge cannot read.`);
    }
    const errorRecovery = recovery?.success ? recovery.data : undefined;
    out.push({
      type,
      requestID: typeof body['@_requestID'] === 'string' ? body['@_requestID'] : '',
      statusCode,
      statusSeverity: severity(body['@_statusSeverity'], statusCode),
      statusMessage: typeof body['@_statusMessage'] === 'string' ? body['@_statusMessage'] : '',
      retCount: optionalInt(body['@_retCount']),
      iteratorID: typeof body['@_iteratorID'] === 'string' ? body['@_iteratorID'] : undefined,
      iteratorRemainingCount: optionalInt(body['@_iteratorRemainingCount']),
      errorRecovery,
      records: recs,
      ...(reader.unreadable.length > 0 ? { unreadable: reader.unreadable } : {}),
    } as QbxmlResponse);
  }
  return out;
}

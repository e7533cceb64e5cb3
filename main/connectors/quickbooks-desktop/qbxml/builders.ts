// buildMessage(): typed requests → one qbXML message (<?xml?><?qbxml?><QBXML><QBXMLMsgsRq>…), every element in the
// schema's order (spec.ts), every text Windows-1252-safe, escaped and length-checked (text.ts). Anything that
// QuickBooks would reject for its form is refused here with a QbxmlFieldError naming the field, before sending.

import * as S from './spec.js';
import type { Field, Spec } from './spec.js';
import { escapeXml, qbText } from './text.js';
import type { BuildOptions, QbxmlRequest, QbxmlRequestType } from './types.js';
import { QbxmlFieldError } from './types.js';

/** The qbXML version Ledgerbridge is written for. */
export const MAX_QBXML_VERSION = '13.0';
/** The oldest version the builders can write at all (TxnDel/ItemReceipt/LinkToTxnID need 4.0 and later). */
export const MIN_QBXML_VERSION = '4.0';

interface RequestDef {
  spec: Spec;
  /** Adds and Mods wrap their fields in an aggregate of the same name (<VendorAdd> inside <VendorAddRq>). */
  wrapped: boolean;
  iterator: boolean;
  /** qbXML version that introduced the request (qbxmlops130-sample.xml). */
  since: number;
}

const def = (spec: Spec, extra: Partial<RequestDef> = {}): RequestDef => ({
  spec,
  wrapped: false,
  iterator: false,
  since: 1,
  ...extra,
});
const add = (spec: Spec, since = 1): RequestDef => def(spec, { wrapped: true, since });
const iter = (spec: Spec, since = 1): RequestDef => def(spec, { iterator: true, since });

const REQUESTS: Record<QbxmlRequestType, RequestDef> = {
  HostQuery: def(S.EMPTY),
  CompanyQuery: def(S.EMPTY),
  PreferencesQuery: def(S.EMPTY, { since: 1.1 }),
  AccountQuery: def(S.ACCOUNT_QUERY),
  ClassQuery: def(S.LIST_QUERY),
  ItemQuery: iter(S.LIST_QUERY),
  StandardTermsQuery: def(S.LIST_QUERY),
  VendorQuery: iter(S.LIST_QUERY),
  CustomerQuery: iter(S.LIST_QUERY),
  VendorAdd: add(S.VENDOR_ADD),
  VendorMod: add(S.VENDOR_MOD),
  CustomerAdd: add(S.CUSTOMER_ADD),
  CustomerMod: add(S.CUSTOMER_MOD),
  ItemNonInventoryAdd: add(S.ITEM_NON_INVENTORY_ADD),
  ItemServiceAdd: add(S.ITEM_SERVICE_ADD),
  PurchaseOrderAdd: add(S.PURCHASE_ORDER_ADD),
  PurchaseOrderMod: add(S.PURCHASE_ORDER_MOD, 2.1),
  PurchaseOrderQuery: iter(S.PURCHASE_ORDER_QUERY),
  BillAdd: add(S.BILL_ADD),
  BillMod: add(S.BILL_MOD, 3),
  BillQuery: iter(S.BILL_QUERY),
  ItemReceiptAdd: add(S.ITEM_RECEIPT_ADD, 4),
  ItemReceiptMod: add(S.ITEM_RECEIPT_MOD, 4),
  ItemReceiptQuery: iter(S.ITEM_RECEIPT_QUERY, 3),
  TxnDel: def(S.TXN_DEL, { since: 1.1 }),
  TxnVoid: def(S.TXN_VOID, { since: 1.1 }),
  BillPaymentCheckQuery: iter(S.TXN_QUERY, 2),
  BillPaymentCreditCardQuery: iter(S.TXN_QUERY, 2),
  TxnDeletedQuery: def(S.TXN_DELETED_QUERY, { since: 2 }),
  InvoiceAdd: add(S.INVOICE_ADD),
  InvoiceQuery: iter(S.INVOICE_QUERY),
};

/** "13.0" → 13. Only US qbXML versions ("N.M"); CA/UK editions ("CA3.0") use other schemas. */
export function parseVersion(version: string): number | null {
  return /^\d{1,2}\.\d$/.test(version) ? Number(version) : null;
}

/**
 * The version to write for a QuickBooks that lists `supported` (HostRet/SupportedQBXMLVersion): the highest US
 * version not above MAX_QBXML_VERSION, or null when it supports none Ledgerbridge can write.
 */
export function chooseVersion(supported: readonly string[], max: string = MAX_QBXML_VERSION): string | null {
  const limit = parseVersion(max) ?? 13;
  const min = parseVersion(MIN_QBXML_VERSION) ?? 4;
  let best: number | null = null;
  for (const v of supported) {
    const n = parseVersion(v.trim());
    if (n !== null && n <= limit && n >= min && (best === null || n > best)) best = n;
  }
  return best === null ? null : best.toFixed(1);
}

const AMT = /^[+-]?\d{1,13}(\.\d{2})?$/;
const PRICE = /^[+-]?\d{1,10}(\.\d{1,5})?$/;
const FLOAT = /^[+-]?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2}([+-]\d{2}:\d{2})?)?)?)?$/;
const GUID = /^(0|\{[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\})$/;

function invalid(path: string, message: string): QbxmlFieldError {
  return new QbxmlFieldError(path, 'invalid', message);
}

/** ISO date-times as JavaScript writes them ("…T10:00:00.000Z") in qbXML's form ("…T10:00:00+00:00"). */
function normalizeDateTime(v: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(v);
  if (!m) return v;
  const zone = m[3] === 'Z' ? '+00:00' : (m[3] ?? '');
  return `${m[1]}${zone}`;
}

function validDate(v: string): boolean {
  const d = new Date(`${v.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v.slice(0, 10);
}

class Writer {
  readonly out: string[] = [];
  constructor(readonly version: number) {}

  scalar(field: S.ScalarField, value: unknown, path: string): void {
    let text: string;
    switch (field.k) {
      case 'str':
        if (typeof value !== 'string') throw invalid(path, `${path} must be text.`);
        text = qbText(value, path, field.max);
        break;
      case 'id':
        if (typeof value !== 'string' || value === '')
          throw invalid(path, `${path} must be a QuickBooks id.`);
        text = qbText(value, path, 36);
        break;
      case 'guid':
        if (typeof value !== 'string' || !GUID.test(value)) {
          throw invalid(path, `${path} must be a GUID like {12345678-9ABC-DEF0-1234-56789ABCDEF0}.`);
        }
        text = value;
        break;
      case 'bool':
        if (typeof value !== 'boolean') throw invalid(path, `${path} must be true or false.`);
        text = value ? 'true' : 'false';
        break;
      case 'amt':
        text = typeof value === 'number' ? value.toFixed(2) : String(value);
        if (!AMT.test(text)) throw invalid(path, `${path} must be an amount like 1234.50 (got "${text}").`);
        break;
      case 'price':
      case 'qty':
      case 'pct':
        text = String(value);
        if (!PRICE.test(text)) {
          throw invalid(
            path,
            `${path} must be a number with at most 10 digits and 5 decimals (got "${text}").`,
          );
        }
        break;
      case 'float':
        text = String(value);
        if (!FLOAT.test(text)) throw invalid(path, `${path} must be a decimal number (got "${text}").`);
        break;
      case 'date':
        text = String(value);
        if (!DATE.test(text) || !validDate(text))
          throw invalid(path, `${path} must be a date YYYY-MM-DD (got "${text}").`);
        break;
      case 'datetime':
        text = normalizeDateTime(String(value));
        if (!DATETIME.test(text) || !validDate(text)) {
          throw invalid(path, `${path} must be a date-time like 2026-11-22T10:00:00+00:00 (got "${text}").`);
        }
        break;
      case 'int':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
          throw invalid(path, `${path} must be a whole number of at least 1.`);
        }
        text = String(value);
        break;
      case 'enum':
        if (typeof value !== 'string' || !(field.values ?? []).includes(value)) {
          throw invalid(
            path,
            `${path} must be one of ${(field.values ?? []).join(', ')} (got "${String(value)}").`,
          );
        }
        text = value;
        break;
    }
    this.out.push(`<${field.n}>${escapeXml(text)}</${field.n}>`);
  }

  ref(field: S.RefField, value: unknown, path: string): void {
    if (typeof value !== 'object' || value === null) throw invalid(path, `${path} must be a reference.`);
    const r = value as Record<string, unknown>;
    checkKeys(r, ['ListID', 'FullName'], path);
    if (r.ListID === undefined && r.FullName === undefined) {
      throw invalid(path, `${path} needs a ListID or a FullName.`);
    }
    this.out.push(`<${field.n}>`);
    if (r.ListID !== undefined) this.scalar({ n: 'ListID', k: 'id' }, r.ListID, `${path}.ListID`);
    if (r.FullName !== undefined) {
      this.scalar({ n: 'FullName', k: 'str', max: field.max }, r.FullName, `${path}.FullName`);
    }
    this.out.push(`</${field.n}>`);
  }

  /** Writes `obj`'s fields in `spec` order. */
  spec(spec: Spec, obj: Record<string, unknown>, path: string, checkUnknown = true): void {
    if (checkUnknown) checkKeys(obj, namesOf(spec), path);
    for (const field of spec) this.field(field, obj, path);
  }

  field(field: Field, obj: Record<string, unknown>, path: string): void {
    if (field.k === 'choice') {
      const present = field.of.filter((option) => namesOf(option).some((n) => obj[n] !== undefined));
      if (present.length > 1) {
        const names = present.map((o) =>
          namesOf(o)
            .filter((n) => obj[n] !== undefined)
            .join('/'),
        );
        throw invalid(path, `${path} can have only one of ${names.join(' or ')}.`);
      }
      const chosen = present[0];
      if (!chosen) {
        if (field.req) {
          const names = field.of.map((o) => namesOf(o).join('/')).join(' or ');
          throw invalid(path, `${path} needs one of ${names}.`);
        }
        return;
      }
      this.spec(chosen, obj, path, false);
      return;
    }
    const value = obj[field.n];
    const fieldPath = `${path}.${field.n}`;
    if (value === undefined || value === null) {
      if (field.req) throw invalid(fieldPath, `${fieldPath} is required.`);
      return;
    }
    if (field.since !== undefined && field.since > this.version) {
      if (field.dropBelow) return;
      throw new QbxmlFieldError(
        fieldPath,
        'unsupported_version',
        `${fieldPath} needs qbXML ${field.since.toFixed(1)} or later; this QuickBooks accepts only ${this.version.toFixed(1)}. Update QuickBooks Desktop, or leave this field empty.`,
      );
    }
    const items: unknown[] = field.rep ? (Array.isArray(value) ? value : [value]) : [value];
    if (field.rep && field.req && items.length === 0)
      throw invalid(fieldPath, `${fieldPath} needs at least one entry.`);
    items.forEach((item, i) => {
      const itemPath = field.rep ? `${fieldPath}[${i + 1}]` : fieldPath;
      if (field.k === 'ref') this.ref(field, item, itemPath);
      else if (field.k === 'agg') {
        if (typeof item !== 'object' || item === null)
          throw invalid(itemPath, `${itemPath} must be an aggregate.`);
        const start = this.out.length;
        this.out.push(`<${field.n}>`);
        this.spec(field.spec, item as Record<string, unknown>, itemPath);
        // An aggregate with nothing in it says nothing: leave it out (unless a line, where order carries meaning).
        if (this.out.length === start + 1 && !field.rep) this.out.length = start;
        else this.out.push(`</${field.n}>`);
      } else this.scalar(field, item, itemPath);
    });
  }
}

const namesCache = new WeakMap<Spec, string[]>();
function namesOf(spec: Spec): string[] {
  let names = namesCache.get(spec);
  if (!names) {
    names = spec.flatMap((f) => (f.k === 'choice' ? f.of.flatMap(namesOf) : [f.n]));
    namesCache.set(spec, names);
  }
  return names;
}

function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(obj)) {
    if (obj[key] !== undefined && !allowed.includes(key)) {
      throw invalid(`${path}.${key}`, `${path}.${key} is not an element Ledgerbridge writes for ${path}.`);
    }
  }
}

/** One request (…Rq element) as qbXML text. */
export function buildRequest(request: QbxmlRequest, version: string = MAX_QBXML_VERSION): string {
  const v = parseVersion(version);
  if (v === null) {
    throw new QbxmlFieldError(
      'qbxml',
      'unsupported_version',
      `qbXML version "${version}" is not a US qbXML version.`,
    );
  }
  const d = REQUESTS[request.type];
  if (!d) throw new Error(`Unknown qbXML request type ${String(request.type)}`);
  const path = request.type;
  if (d.since > v) {
    throw new QbxmlFieldError(
      path,
      'unsupported_version',
      `${path} needs qbXML ${d.since.toFixed(1)} or later; this QuickBooks accepts only ${v.toFixed(1)}. Update QuickBooks Desktop.`,
    );
  }
  const requestID = qbText(request.requestID, `${path}@requestID`, 50);
  if (requestID === '') throw invalid(`${path}@requestID`, 'Every request needs a requestID.');
  let attrs = ` requestID="${escapeXml(requestID)}"`;
  if ('iterator' in request && request.iterator) {
    if (!d.iterator) throw invalid(`${path}@iterator`, `${path} does not support iterators.`);
    const it = request.iterator;
    attrs += ` iterator="${it.iterator}"`;
    if (it.iterator !== 'Start') {
      if (!it.iteratorID)
        throw invalid(`${path}@iteratorID`, `${path} with iterator ${it.iterator} needs the iteratorID.`);
      attrs += ` iteratorID="${escapeXml(qbText(it.iteratorID, `${path}@iteratorID`))}"`;
    }
  }
  const w = new Writer(v);
  const body = request.body as unknown as Record<string, unknown>;
  w.out.push(`<${request.type}Rq${attrs}>`);
  if (d.wrapped) {
    w.out.push(`<${request.type}>`);
    w.spec(d.spec, body, path);
    w.out.push(`</${request.type}>`);
    // The Rq's own IncludeRetElement list comes after the aggregate (XSD: *AddRqType / *ModRqType).
    (request.includeRetElement ?? []).forEach((name, i) =>
      w.scalar({ n: 'IncludeRetElement', k: 'str', max: 50 }, name, `${path}.IncludeRetElement[${i + 1}]`),
    );
  } else {
    if (request.includeRetElement?.length) {
      throw invalid(
        `${path}.IncludeRetElement`,
        `${path} takes IncludeRetElement in its body, not on the request.`,
      );
    }
    w.spec(d.spec, body, path);
  }
  w.out.push(`</${request.type}Rq>`);
  return w.out.join('');
}

/**
 * The whole qbXML message for `requests`, in order. Throws QbxmlFieldError (naming the field and the limit)
 * when a value is too long, cannot be written in Windows-1252, has the wrong form, or needs a newer qbXML.
 */
export function buildMessage(requests: QbxmlRequest[], options: BuildOptions): string {
  if (requests.length === 0) throw new Error('buildMessage needs at least one request');
  const seen = new Set<string>();
  for (const r of requests) {
    if (seen.has(r.requestID)) throw new Error(`Duplicate requestID "${r.requestID}" in one qbXML message`);
    seen.add(r.requestID);
  }
  if (parseVersion(options.version) === null) {
    throw new QbxmlFieldError(
      'qbxml',
      'unsupported_version',
      `qbXML version "${options.version}" is not a US qbXML version.`,
    );
  }
  return envelope(
    requests.map((r) => buildRequest(r, options.version)),
    options,
  );
}

/**
 * The message around requests already written by buildRequest: the XML and qbxml declarations, QBXML and
 * QBXMLMsgsRq with its onError (and newMessageSetID). The engine writes each document's request alone (to fail
 * only that document on a value QuickBooks cannot take) and wraps the kept texts with this.
 */
export function envelope(parts: readonly string[], options: BuildOptions): string {
  if (parts.length === 0) throw new Error('A qbXML message needs at least one request');
  let attrs = ` onError="${options.onError}"`;
  if (options.newMessageSetID !== undefined) {
    attrs += ` newMessageSetID="${escapeXml(qbText(options.newMessageSetID, 'QBXMLMsgsRq@newMessageSetID'))}"`;
  }
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="${options.version}"?>\n` +
    `<QBXML>\n<QBXMLMsgsRq${attrs}>\n${parts.join('\n')}\n</QBXMLMsgsRq>\n</QBXML>\n`
  );
}

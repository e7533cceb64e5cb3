// parseResponse(): QuickBooks' qbXML answer → one typed QbxmlResponse per request, in the order QuickBooks wrote
// them. QuickBooks may answer with elements and enum values newer than the version we asked for (quickbooks-sync
// PR #59), so the record schemas read what Ledgerbridge needs and ignore the rest; what they do read is checked
// with zod, because a record without its ListID/TxnID or EditSequence cannot be used.

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import type {
  ItemKind,
  ItemRet,
  PreferencesRet,
  QbxmlRequestType,
  QbxmlResponse,
  RetByType,
  StatusSeverity,
} from './types.js';

/** QuickBooks' answer could not be read at all (not XML, not qbXML, or a record without its identity). */
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

// ---- zod building blocks --------------------------------------------------------------------------------------
const str = z.string();
const optStr = z.string().optional();
const bool = z
  .enum(['true', 'false', 'True', 'False'])
  .transform((v) => v.toLowerCase() === 'true')
  .optional();
const int = z
  .string()
  .regex(/^[+-]?\d+$/)
  .transform(Number);
const optInt = int.optional();
const ref = z.object({ ListID: optStr, FullName: optStr }).optional();
const address = z
  .object({
    Addr1: optStr,
    Addr2: optStr,
    Addr3: optStr,
    Addr4: optStr,
    Addr5: optStr,
    City: optStr,
    State: optStr,
    PostalCode: optStr,
    Country: optStr,
    Note: optStr,
  })
  .optional();
const arr = <T extends z.ZodType>(schema: T) => z.array(schema).optional().default([]);

const listCore = {
  ListID: str,
  EditSequence: str,
  Name: str,
  FullName: z.string().optional(),
  IsActive: bool,
  TimeModified: optStr,
  ParentRef: ref,
  Sublevel: optInt,
};
/** FullName defaults to Name (QuickBooks omits it for lists without hierarchy); IsActive defaults to true. */
const withListDefaults = <
  T extends { Name: string; FullName?: string | undefined; IsActive?: boolean | undefined },
>(
  r: T,
) => ({ ...r, FullName: r.FullName ?? r.Name, IsActive: r.IsActive ?? true });

const linkedTxn = z.object({
  TxnID: str,
  TxnType: str,
  TxnDate: optStr,
  RefNumber: optStr,
  LinkType: optStr,
  Amount: optStr,
});

const AccountRet = z
  .object({ ...listCore, AccountType: str, AccountNumber: optStr })
  .transform(withListDefaults);
const ClassRet = z.object(listCore).transform(withListDefaults);
const StandardTermsRet = z.object({
  ListID: str,
  EditSequence: str,
  Name: str,
  IsActive: bool.transform((v) => v ?? true),
  StdDueDays: optInt,
  StdDiscountDays: optInt,
  DiscountPct: optStr,
});
const VendorRet = z
  .object({
    ...listCore,
    CompanyName: optStr,
    VendorAddress: address,
    Phone: optStr,
    Email: optStr,
    AccountNumber: optStr,
    TermsRef: ref,
    Balance: optStr,
    ExternalGUID: optStr,
  })
  .transform(withListDefaults);
const CustomerRet = z
  .object({
    ...listCore,
    CompanyName: optStr,
    BillAddress: address,
    Phone: optStr,
    Email: optStr,
    JobStatus: optStr,
    JobDesc: optStr,
    Balance: optStr,
    ExternalGUID: optStr,
  })
  .transform(withListDefaults);
const ItemRetRaw = z.object({
  ...listCore,
  ExternalGUID: optStr,
  SalesOrPurchase: z.object({ Desc: optStr, AccountRef: ref }).optional(),
  SalesAndPurchase: z.object({ PurchaseDesc: optStr, ExpenseAccountRef: ref }).optional(),
  // Inventory items and others carry these at the top level.
  PurchaseDesc: optStr,
  ItemDesc: optStr,
  COGSAccountRef: ref,
  AccountRef: ref,
});

const poLine = z.object({
  TxnLineID: str,
  ItemRef: ref,
  Desc: optStr,
  Quantity: optStr,
  Rate: optStr,
  ClassRef: ref,
  Amount: optStr,
  CustomerRef: ref,
  ReceivedQuantity: optStr,
  IsBilled: bool,
  IsManuallyClosed: bool,
});
const PurchaseOrderRet = z.object({
  TxnID: str,
  EditSequence: str,
  TxnNumber: optInt,
  TimeModified: optStr,
  VendorRef: ref,
  TxnDate: str,
  RefNumber: optStr,
  TotalAmount: optStr,
  IsManuallyClosed: bool,
  IsFullyReceived: bool,
  Memo: optStr,
  ExternalGUID: optStr,
  LinkedTxn: arr(linkedTxn),
  PurchaseOrderLineRet: arr(poLine),
});
const expenseLine = z.object({
  TxnLineID: str,
  AccountRef: ref,
  Amount: optStr,
  Memo: optStr,
  CustomerRef: ref,
  ClassRef: ref,
  BillableStatus: optStr,
});
const itemLine = z.object({
  TxnLineID: str,
  ItemRef: ref,
  Desc: optStr,
  Quantity: optStr,
  Cost: optStr,
  Amount: optStr,
  CustomerRef: ref,
  ClassRef: ref,
  BillableStatus: optStr,
});
const vendorRefRequired = z.object({ ListID: optStr, FullName: optStr });
const BillRet = z.object({
  TxnID: str,
  EditSequence: str,
  TxnNumber: optInt,
  TimeModified: optStr,
  VendorRef: vendorRefRequired,
  TxnDate: str,
  DueDate: optStr,
  AmountDue: str,
  RefNumber: optStr,
  Memo: optStr,
  IsPaid: bool,
  OpenAmount: optStr,
  ExternalGUID: optStr,
  LinkedTxn: arr(linkedTxn),
  ExpenseLineRet: arr(expenseLine),
  ItemLineRet: arr(itemLine),
});
const ItemReceiptRet = z.object({
  TxnID: str,
  EditSequence: str,
  TxnNumber: optInt,
  TimeModified: optStr,
  VendorRef: vendorRefRequired,
  TxnDate: str,
  TotalAmount: optStr,
  RefNumber: optStr,
  Memo: optStr,
  ExternalGUID: optStr,
  LinkedTxn: arr(linkedTxn),
  ExpenseLineRet: arr(expenseLine),
  ItemLineRet: arr(itemLine),
});
const BillPaymentRet = z.object({
  TxnID: str,
  EditSequence: optStr,
  TxnNumber: optInt,
  TimeCreated: optStr,
  TimeModified: optStr,
  PayeeEntityRef: ref,
  TxnDate: str,
  Amount: str,
  RefNumber: optStr,
  Memo: optStr,
  AppliedToTxnRet: arr(
    z.object({
      TxnID: str,
      TxnType: str,
      TxnDate: optStr,
      RefNumber: optStr,
      BalanceRemaining: optStr,
      Amount: optStr,
      DiscountAmount: optStr,
    }),
  ),
});
const TxnDeletedRet = z.object({
  TxnDelType: str,
  TxnID: str,
  TimeCreated: optStr,
  TimeDeleted: str,
  RefNumber: optStr,
});
const InvoiceRet = z.object({
  TxnID: str,
  EditSequence: str,
  TxnNumber: optInt,
  CustomerRef: vendorRefRequired,
  TxnDate: str,
  RefNumber: optStr,
  Subtotal: optStr,
  BalanceRemaining: optStr,
  IsPaid: bool,
  Memo: optStr,
  ExternalGUID: optStr,
});
const HostRet = z.object({
  ProductName: optStr,
  MajorVersion: optStr,
  MinorVersion: optStr,
  Country: optStr,
  SupportedQBXMLVersion: arr(str),
  IsAutomaticLogin: bool,
  QBFileMode: optStr,
});
const CompanyRet = z.object({ CompanyName: optStr, LegalCompanyName: optStr });
const PreferencesRetRaw = z.object({
  AccountingPreferences: z
    .object({ IsUsingAccountNumbers: bool, IsUsingClassTracking: bool, ClosingDate: optStr })
    .optional(),
  MultiCurrencyPreferences: z.object({ IsMultiCurrencyOn: bool }).optional(),
  PurchasesAndVendorsPreferences: z.object({ IsUsingInventory: bool }).optional(),
});
const TxnDelFields = z.object({ TxnDelType: optStr, TxnID: optStr, TimeDeleted: optStr, RefNumber: optStr });
const TxnVoidFields = z.object({
  TxnVoidType: optStr,
  TxnID: optStr,
  TimeModified: optStr,
  RefNumber: optStr,
});
const ErrorRecovery = z.object({
  ListID: optStr,
  TxnID: optStr,
  OwnerID: optStr,
  TxnNumber: optInt,
  EditSequence: optStr,
  ExternalGUID: optStr,
});

const ITEM_KINDS: readonly ItemKind[] = [
  'ItemService',
  'ItemNonInventory',
  'ItemOtherCharge',
  'ItemInventory',
  'ItemInventoryAssembly',
  'ItemFixedAsset',
  'ItemSubtotal',
  'ItemDiscount',
  'ItemPayment',
  'ItemSalesTax',
  'ItemSalesTaxGroup',
  'ItemGroup',
];

type Raw = Record<string, unknown>;

function parseWith<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new QbxmlParseError(
      `QuickBooks answered ${where} with a record Ledgerbridge cannot read (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}).`,
    );
  }
  return r.data;
}

function items(rs: Raw, where: string): ItemRet[] {
  const out: ItemRet[] = [];
  for (const kind of ITEM_KINDS) {
    const list = rs[`${kind}Ret`];
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const r = parseWith(ItemRetRaw, raw, where);
      out.push({
        ListID: r.ListID,
        EditSequence: r.EditSequence,
        Name: r.Name,
        FullName: r.FullName ?? r.Name,
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

function list<T>(rs: Raw, retName: string, schema: z.ZodType<T>, where: string): T[] {
  const v = rs[retName];
  if (v === undefined) return [];
  const arrv = Array.isArray(v) ? v : [v];
  return arrv.map((x) => parseWith(schema, x, where));
}

function records(type: QbxmlRequestType, rs: Raw): RetByType[QbxmlRequestType][] {
  const where = `${type}Rs`;
  switch (type) {
    case 'HostQuery':
      return list(rs, 'HostRet', HostRet, where);
    case 'CompanyQuery':
      return list(rs, 'CompanyRet', CompanyRet, where);
    case 'PreferencesQuery':
      return list(rs, 'PreferencesRet', PreferencesRetRaw, where).map((p): PreferencesRet => ({
        IsUsingAccountNumbers: p.AccountingPreferences?.IsUsingAccountNumbers,
        IsUsingClassTracking: p.AccountingPreferences?.IsUsingClassTracking,
        ClosingDate: p.AccountingPreferences?.ClosingDate,
        IsMultiCurrencyOn: p.MultiCurrencyPreferences?.IsMultiCurrencyOn,
        IsUsingInventory: p.PurchasesAndVendorsPreferences?.IsUsingInventory,
      }));
    case 'AccountQuery':
      return list(rs, 'AccountRet', AccountRet, where);
    case 'ClassQuery':
      return list(rs, 'ClassRet', ClassRet, where);
    case 'ItemQuery':
    case 'ItemNonInventoryAdd':
    case 'ItemServiceAdd':
      return items(rs, where);
    case 'StandardTermsQuery':
      return list(rs, 'StandardTermsRet', StandardTermsRet, where);
    case 'VendorQuery':
    case 'VendorAdd':
    case 'VendorMod':
      return list(rs, 'VendorRet', VendorRet, where);
    case 'CustomerQuery':
    case 'CustomerAdd':
    case 'CustomerMod':
      return list(rs, 'CustomerRet', CustomerRet, where);
    case 'PurchaseOrderAdd':
    case 'PurchaseOrderMod':
    case 'PurchaseOrderQuery':
      return list(rs, 'PurchaseOrderRet', PurchaseOrderRet, where);
    case 'BillAdd':
    case 'BillMod':
    case 'BillQuery':
      return list(rs, 'BillRet', BillRet, where);
    case 'ItemReceiptAdd':
    case 'ItemReceiptMod':
    case 'ItemReceiptQuery':
      return list(rs, 'ItemReceiptRet', ItemReceiptRet, where);
    case 'TxnDel': {
      const r = parseWith(TxnDelFields, rs, where);
      return r.TxnID === undefined ? [] : [r];
    }
    case 'TxnVoid': {
      const r = parseWith(TxnVoidFields, rs, where);
      return r.TxnID === undefined ? [] : [r];
    }
    case 'BillPaymentCheckQuery':
      return list(rs, 'BillPaymentCheckRet', BillPaymentRet, where);
    case 'BillPaymentCreditCardQuery':
      return list(rs, 'BillPaymentCreditCardRet', BillPaymentRet, where);
    case 'TxnDeletedQuery':
      return list(rs, 'TxnDeletedRet', TxnDeletedRet, where);
    case 'InvoiceAdd':
    case 'InvoiceQuery':
      return list(rs, 'InvoiceRet', InvoiceRet, where);
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
 * order). Throws QbxmlParseError when the text is not a qbXML response or a record lacks its identity.
 */
export function parseResponse(xml: string): QbxmlResponse[] {
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
    out.push({
      type,
      requestID: typeof body['@_requestID'] === 'string' ? body['@_requestID'] : '',
      statusCode,
      statusSeverity: severity(body['@_statusSeverity'], statusCode),
      statusMessage: typeof body['@_statusMessage'] === 'string' ? body['@_statusMessage'] : '',
      retCount: optionalInt(body['@_retCount']),
      iteratorID: typeof body['@_iteratorID'] === 'string' ? body['@_iteratorID'] : undefined,
      iteratorRemainingCount: optionalInt(body['@_iteratorRemainingCount']),
      errorRecovery:
        er === undefined ? undefined : parseWith(ErrorRecovery, Array.isArray(er) ? er[0] : er, name),
      records: isError ? [] : records(type, body),
    } as QbxmlResponse);
  }
  return out;
}

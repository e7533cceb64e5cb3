// A QuickBooks Desktop company file behind the request processor, as the Web Connector reaches it: handle() takes
// a whole qbXML request message and answers a whole QBXMLMsgsRs, with QuickBooks' status codes and rules — names
// unique across customers, vendors, employees and other names (3100), EditSequence on every Mod (3200),
// references that must exist (3140), ids that must exist (3120), field lengths (3070), the closing date,
// iterators, onError, linked purchase orders, payments applied to bills, deletes and voids. Every incoming message
// is validated against Intuit's qbXML 13.0 schema by default (an invalid one throws, so the test fails).
//
// Message wording: 0/1/3100/3200/3140/3070/3120 follow QuickBooks' texts as quoted in ../shared/reference/qbwc.md
// and peers' fixtures; the closing-date, iterator and 570 wordings are modelled (no verbatim source found).

import { XMLParser } from 'fast-xml-parser';
import { isCp1252Encodable } from '../../../main/connectors/quickbooks-desktop/qbxml/text.js';
import type {
  Account,
  Bill,
  BillPayment,
  Company,
  Customer,
  ExpenseLine,
  Invoice,
  Item,
  ItemLine,
  ItemReceipt,
  ListBase,
  PoLine,
  PurchaseOrder,
  QbClass,
  Terms,
  TxnBase,
  Vendor,
  Address,
} from './company.js';
import { cents, emptyCompany, money, paidOnBill } from './company.js';
import { el, Writer } from './respond.js';
import { requireQbxmlXsd, validateQbxml } from './xsd-validate.js';

/** QuickBooks failed the whole message (the Web Connector passes hresult + message to receiveResponseXML). */
export class QbdHresultError extends Error {
  constructor(
    readonly hresult: string,
    message: string,
  ) {
    super(message);
    this.name = 'QbdHresultError';
  }
}

/** QuickBooks applied the message, but its answer never reached the caller (injected fault). */
export class QbdLostResponseError extends Error {
  constructor(readonly response: string) {
    super('The response to this message was lost after QuickBooks applied it.');
    this.name = 'QbdLostResponseError';
  }
}

/** The message is not valid qbXML 13.0 (xmllint against qbxmlops130.xsd): a bug in the code under test. */
export class QbdInvalidRequestError extends Error {
  constructor(
    readonly errors: string,
    readonly xml: string,
  ) {
    super(`The simulator received qbXML that is not valid against qbxmlops130.xsd:\n${errors}`);
    this.name = 'QbdInvalidRequestError';
  }
}

export type QbdFault =
  /** QuickBooks cannot be started / is busy: 0x80040408, nothing applied. */
  | { kind: 'busy' }
  /** Any HRESULT for the whole message, nothing applied. */
  | { kind: 'hresult'; hresult: string; message: string }
  /** The message is applied, then handle() throws QbdLostResponseError. */
  | { kind: 'lostResponse' }
  /**
   * Every message containing `contains` (e.g. a document's number) is refused as a whole with 0x80040400, as
   * QuickBooks refuses a message it cannot parse: nothing in it is applied, the other requests included. Stays
   * until removed with clearFault (a document QuickBooks cannot read is refused every time it is sent).
   */
  | { kind: 'refuse'; contains: string; message?: string }
  /** The request with this requestID answers with this status (not applied). */
  | {
      kind: 'status';
      requestID: string;
      statusCode: number;
      statusMessage: string;
      statusSeverity?: Severity;
    };

type Severity = 'Info' | 'Warn' | 'Error';

export interface QbdSimulatorOptions {
  /** Validate every incoming message with xmllint (default true; the benchmark turns it off). */
  validate?: boolean;
  /** HostRet/SupportedQBXMLVersion (default 1.0 … 13.0). A message in another version fails with 0x80040400. */
  supportedVersions?: string[];
  companyName?: string;
  productName?: string;
  /** 'standard' (default): a few accounts, classes, terms and items; 'empty': nothing. */
  seed?: 'standard' | 'empty';
  closingDate?: string;
  /** Simulated clock start (ISO date-time); it advances one second per change. */
  startTime?: string;
}

interface RsOut {
  statusCode: number;
  statusSeverity: Severity;
  statusMessage: string;
  body: string;
  retCount?: number;
  iteratorID?: string;
  iteratorRemainingCount?: number;
}

/** A QuickBooks status answer raised inside a handler (nothing is applied). */
class QbStatus extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly severity: Severity = 'Error',
  ) {
    super(message);
  }
}

type Node = Record<string, unknown>;
type RefNode = { ListID?: string; FullName?: string };

const DEFAULT_VERSIONS = [
  '1.0',
  '1.1',
  '2.0',
  '2.1',
  '3.0',
  '4.0',
  '4.1',
  '5.0',
  '6.0',
  '7.0',
  '8.0',
  '9.0',
  '10.0',
  '11.0',
  '12.0',
  '13.0',
];

/** Elements that repeat in the requests the simulator reads. */
const REPEATED_ANYWHERE = new Set([
  'PurchaseOrderLineAdd',
  'PurchaseOrderLineMod',
  'ExpenseLineAdd',
  'ExpenseLineMod',
  'ItemLineAdd',
  'ItemLineMod',
  'InvoiceLineAdd',
  'LinkToTxnID',
  'AccountType',
  'IncludeRetElement',
]);
const REPEATED_IN_QUERY = new Set(['ListID', 'FullName', 'TxnID', 'RefNumber']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  // The matcher instead of a path string: building path strings for every element is slow.
  jPath: false,
  isArray: (name, matcher) => {
    if (REPEATED_ANYWHERE.has(name)) return true;
    const special = name === 'TxnDelType' || REPEATED_IN_QUERY.has(name) || name.endsWith('Rq');
    if (!special) return false;
    const path = (matcher as unknown as { toArray(): string[] }).toArray();
    if (name.endsWith('Rq')) return path.length === 3;
    // ListID/FullName/TxnID/RefNumber lists directly in a query, or inside EntityFilter.
    const parent = path[path.length - 2] ?? '';
    if (name === 'TxnDelType') return parent === 'TxnDeletedQueryRq';
    return parent.endsWith('QueryRq') || parent === 'EntityFilter';
  },
});

const s = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const b = (v: unknown): boolean | undefined => (v === 'true' ? true : v === 'false' ? false : undefined);
const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : v === undefined ? [] : [v as T]);
const node = (v: unknown): Node | undefined =>
  typeof v === 'object' && v !== null ? (v as Node) : undefined;
const refOf = (v: unknown): RefNode | undefined => {
  const n = node(v);
  return n ? { ListID: s(n.ListID), FullName: s(n.FullName) } : undefined;
};
const lower = (x: string) => x.toLowerCase();

const TXN_LABEL: Record<string, string> = {
  PurchaseOrder: 'Purchase Order',
  Bill: 'Bill',
  ItemReceipt: 'Item Receipt',
  Invoice: 'Invoice',
};

export class QbdSimulator {
  readonly company: Company;
  /** Every request answered, in order: what the code under test asked and what it got. */
  readonly log: { requestID: string; type: string; statusCode: number }[] = [];
  /** Messages received (including those failed by a fault). */
  messages = 0;
  /** Messages refused by a 'refuse' fault, in order (what the code under test sent). */
  readonly refused: string[] = [];
  readonly validate: boolean;
  readonly supportedVersions: string[];
  readonly productName: string;
  private readonly faults: QbdFault[] = [];
  private readonly iterators = new Map<string, { type: string; ids: string[]; pos: number }>();
  private clock: number;
  private idCounter = 0x80000001;
  private txnCounter = 0x1000;
  private editCounter = 1_700_000_000;
  private txnNumber = 1;
  private readonly writer: Writer;

  constructor(options: QbdSimulatorOptions = {}) {
    // Without xmllint or the schema: a warning and no validation, except in CI where requireQbxmlXsd throws.
    this.validate = (options.validate ?? true) && requireQbxmlXsd();
    this.supportedVersions = options.supportedVersions ?? DEFAULT_VERSIONS;
    this.productName = options.productName ?? 'QuickBooks Enterprise Solutions: Contractor 23.0';
    this.company = emptyCompany(options.companyName ?? 'Ledgerbridge Test Plumbing LLC');
    this.company.closingDate = options.closingDate;
    this.clock = Date.parse(options.startTime ?? '2026-11-01T08:00:00Z');
    this.writer = new Writer(this.company);
    if ((options.seed ?? 'standard') === 'standard') this.seedStandard();
  }

  // ---- the Web Connector side ---------------------------------------------------------------------------------

  /** strHCPResponse for the first sendRequestXML: HostQueryRs, CompanyQueryRs and PreferencesQueryRs. */
  hostResponse(): string {
    const host =
      '<HostRet>' +
      el('ProductName', this.productName) +
      el('MajorVersion', '33') +
      el('MinorVersion', '0') +
      el('Country', 'US') +
      this.supportedVersions.map((v) => el('SupportedQBXMLVersion', v)).join('') +
      el('IsAutomaticLogin', true) +
      el('QBFileMode', 'SingleUser') +
      '</HostRet>';
    const company =
      '<CompanyRet>' +
      el('IsSampleCompany', false) +
      el('CompanyName', this.company.companyName) +
      el('LegalCompanyName', this.company.companyName) +
      '</CompanyRet>';
    const prefs =
      '<PreferencesRet><AccountingPreferences>' +
      el('IsUsingAccountNumbers', false) +
      el('IsRequiringAccounts', true) +
      el('IsUsingClassTracking', this.company.isUsingClassTracking) +
      el('IsUsingAuditTrail', true) +
      el('IsAssigningJournalEntryNumbers', true) +
      el('ClosingDate', this.company.closingDate) +
      '</AccountingPreferences><PurchasesAndVendorsPreferences>' +
      el('IsUsingInventory', true) +
      el('DaysBillsAreDue', 10) +
      el('IsAutomaticallyUsingDiscounts', false) +
      '</PurchasesAndVendorsPreferences></PreferencesRet>';
    const ok = 'statusCode="0" statusSeverity="Info" statusMessage="Status OK"';
    return (
      '<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n' +
      `<HostQueryRs requestID="0" ${ok}>${host}</HostQueryRs>\n` +
      `<CompanyQueryRs requestID="1" ${ok}>${company}</CompanyQueryRs>\n` +
      `<PreferencesQueryRs requestID="2" ${ok}>${prefs}</PreferencesQueryRs>\n` +
      '</QBXMLMsgsRs>\n</QBXML>\n'
    );
  }

  /** Queues a fault for the next message(s) (status faults: for the next request with that requestID). */
  injectFault(fault: QbdFault): void {
    this.faults.push(fault);
  }

  /** Faults not yet consumed. */
  get pendingFaults(): readonly QbdFault[] {
    return this.faults;
  }

  /** Removes a fault (a persistent 'refuse', or one not consumed yet). */
  clearFault(fault: QbdFault): void {
    const i = this.faults.indexOf(fault);
    if (i >= 0) this.faults.splice(i, 1);
  }

  /** The Web Connector closed its QuickBooks session: iterators die with it. */
  endSession(): void {
    this.iterators.clear();
  }

  /** Answers one qbXML request message as QuickBooks would. */
  handle(requestXml: string): string {
    this.messages++;
    if (/<!DOCTYPE|<!ENTITY/i.test(requestXml)) {
      throw new QbdHresultError(
        '0x80040400',
        'QuickBooks found an error when parsing the provided XML text stream.',
      );
    }
    if (this.validate) {
      const r = validateQbxml(requestXml);
      if (!r.valid) throw new QbdInvalidRequestError(r.errors, requestXml);
    }
    const refusal = this.faults.find(
      (f): f is Extract<QbdFault, { kind: 'refuse' }> =>
        f.kind === 'refuse' && requestXml.includes(f.contains),
    );
    if (refusal) {
      this.refused.push(requestXml);
      throw new QbdHresultError(
        '0x80040400',
        refusal.message ?? 'QuickBooks found an error when parsing the provided XML text stream.',
      );
    }
    const fi = this.faults.findIndex((f) => f.kind !== 'status' && f.kind !== 'refuse');
    const fault = fi >= 0 ? this.faults[fi] : undefined;
    if (fault && fault.kind !== 'lostResponse' && fault.kind !== 'status' && fault.kind !== 'refuse') {
      this.faults.splice(fi, 1);
      if (fault.kind === 'busy') throw new QbdHresultError('0x80040408', 'Could not start QuickBooks.');
      throw new QbdHresultError(fault.hresult, fault.message);
    }
    // QuickBooks keeps Windows-1252 only; anything else breaks the parse of the whole message.
    if (!isCp1252Encodable(requestXml)) {
      throw new QbdHresultError(
        '0x80040400',
        'QuickBooks found an error when parsing the provided XML text stream.',
      );
    }
    const version = /<\?qbxml\s+version="([^"]+)"\s*\?>/.exec(requestXml)?.[1];
    if (!version || !this.supportedVersions.includes(version)) {
      throw new QbdHresultError(
        '0x80040400',
        `QuickBooks found an error when parsing the provided XML text stream. (qbXML version "${version ?? ''}" is not supported by this QuickBooks.)`,
      );
    }
    const response = this.process(requestXml);
    if (fault?.kind === 'lostResponse') {
      this.faults.splice(fi, 1);
      throw new QbdLostResponseError(response);
    }
    return response;
  }

  private process(xml: string): string {
    let doc: Node;
    try {
      doc = parser.parse(xml) as Node;
    } catch (e) {
      throw new QbdHresultError(
        '0x80040400',
        `QuickBooks found an error when parsing the provided XML text stream. ${(e as Error).message}`,
      );
    }
    const msgs = node(node(doc.QBXML)?.QBXMLMsgsRq);
    if (!msgs)
      throw new QbdHresultError(
        '0x80040400',
        'QuickBooks found an error when parsing the provided XML text stream.',
      );
    const onError = s(msgs['@_onError']) ?? 'stopOnError';
    const order: string[] = [];
    const re = /<([A-Za-z]+)Rq[\s>/]/g;
    for (let m = re.exec(xml); m; m = re.exec(xml)) if (m[1] !== 'QBXMLMsgs') order.push(m[1] ?? '');
    const cursor = new Map<string, number>();
    const out: string[] = [];
    for (const type of order) {
      const i = cursor.get(type) ?? 0;
      cursor.set(type, i + 1);
      const rq = node(arr<Node>(msgs[`${type}Rq`])[i]) ?? {};
      const requestID = s(rq['@_requestID']) ?? '';
      const r = this.one(type, rq, requestID);
      this.log.push({ requestID, type, statusCode: r.statusCode });
      let attrs = `requestID="${escapeAttr(requestID)}" statusCode="${r.statusCode}" statusSeverity="${r.statusSeverity}" statusMessage="${escapeAttr(r.statusMessage)}"`;
      if (r.retCount !== undefined) attrs += ` retCount="${r.retCount}"`;
      if (r.iteratorRemainingCount !== undefined)
        attrs += ` iteratorRemainingCount="${r.iteratorRemainingCount}"`;
      if (r.iteratorID !== undefined) attrs += ` iteratorID="${escapeAttr(r.iteratorID)}"`;
      out.push(`<${type}Rs ${attrs}>${r.body}</${type}Rs>`);
      if (onError === 'stopOnError' && r.statusSeverity === 'Error') break;
    }
    return `<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n${out.join('\n')}\n</QBXMLMsgsRs>\n</QBXML>\n`;
  }

  private one(type: string, rq: Node, requestID: string): RsOut {
    const fi = this.faults.findIndex((f) => f.kind === 'status' && f.requestID === requestID);
    if (fi >= 0) {
      const f = this.faults[fi] as Extract<QbdFault, { kind: 'status' }>;
      this.faults.splice(fi, 1);
      return {
        statusCode: f.statusCode,
        statusSeverity:
          f.statusSeverity ?? (f.statusCode >= 1000 ? 'Error' : f.statusCode >= 500 ? 'Warn' : 'Info'),
        statusMessage: f.statusMessage,
        body: '',
      };
    }
    try {
      const out = this.dispatch(type, rq);
      const include = arr<string>(rq.IncludeRetElement);
      return include.length && out.body ? { ...out, body: keepRetElements(out.body, new Set(include)) } : out;
    } catch (e) {
      if (e instanceof QbStatus)
        return { statusCode: e.code, statusSeverity: e.severity, statusMessage: e.message, body: '' };
      throw e;
    }
  }

  private dispatch(type: string, rq: Node): RsOut {
    const w = this.writer;
    const c = this.company;
    const body = (name: string) => node(rq[name]) ?? {};
    switch (type) {
      case 'HostQuery':
      case 'CompanyQuery':
      case 'PreferencesQuery': {
        const m = new RegExp(`<${type}Rs[^>]*>([\\s\\S]*?)</${type}Rs>`).exec(this.hostResponse());
        return ok(m?.[1] ?? '');
      }
      case 'AccountQuery': {
        const types = arr<string>(rq.AccountType);
        return this.listQuery(
          type,
          rq,
          [...c.accounts.values()].filter((a) => types.length === 0 || types.includes(a.AccountType)),
          (a) => w.accountRet(a),
          false,
        );
      }
      case 'ClassQuery':
        return this.listQuery(type, rq, [...c.classes.values()], (x) => w.classRet(x), false);
      case 'StandardTermsQuery':
        return this.listQuery(type, rq, [...c.terms.values()], (x) => w.termsRet(x), false);
      case 'ItemQuery':
        return this.listQuery(type, rq, [...c.items.values()], (x) => w.itemRet(x), true);
      case 'VendorQuery':
        return this.listQuery(type, rq, [...c.vendors.values()], (x) => w.vendorRet(x), true);
      case 'CustomerQuery':
        return this.listQuery(type, rq, [...c.customers.values()], (x) => w.customerRet(x), true);
      case 'VendorAdd':
        return ok(w.vendorRet(this.vendorAdd(body('VendorAdd'))));
      case 'VendorMod':
        return ok(w.vendorRet(this.vendorMod(body('VendorMod'))));
      case 'CustomerAdd':
        return ok(w.customerRet(this.customerAdd(body('CustomerAdd'))));
      case 'CustomerMod':
        return ok(w.customerRet(this.customerMod(body('CustomerMod'))));
      case 'ItemNonInventoryAdd':
        return ok(w.itemRet(this.itemAdd(body('ItemNonInventoryAdd'), 'ItemNonInventory')));
      case 'ItemServiceAdd':
        return ok(w.itemRet(this.itemAdd(body('ItemServiceAdd'), 'ItemService')));
      case 'PurchaseOrderAdd':
        return ok(this.poRet(this.purchaseOrderAdd(body('PurchaseOrderAdd')), true, true));
      case 'PurchaseOrderMod':
        return ok(this.poRet(this.purchaseOrderMod(body('PurchaseOrderMod')), true, true));
      case 'PurchaseOrderQuery':
        return this.txnQuery(
          type,
          rq,
          [...c.purchaseOrders.values()],
          (po) => po.VendorListID,
          (po) => this.poRet(po, b(rq.IncludeLineItems) === true, b(rq.IncludeLinkedTxns) === true),
        );
      case 'BillAdd': {
        const { bill, warning } = this.billAdd(body('BillAdd'));
        const out = ok(w.billRet(bill, true, true));
        return warning ? { ...out, statusCode: 570, statusSeverity: 'Warn', statusMessage: warning } : out;
      }
      case 'BillMod':
        return ok(w.billRet(this.billMod(body('BillMod')), true, true));
      case 'BillQuery': {
        const paid = s(rq.PaidStatus) ?? 'All';
        const bills = [...c.bills.values()].filter((x) => {
          const open = x.AmountDue - paidOnBill(c, x.TxnID);
          return paid === 'All' || (paid === 'PaidOnly' ? open <= 0 : open > 0);
        });
        return this.txnQuery(
          type,
          rq,
          bills,
          (x) => x.VendorListID,
          (x) => w.billRet(x, b(rq.IncludeLineItems) === true, b(rq.IncludeLinkedTxns) === true),
        );
      }
      case 'ItemReceiptAdd':
        return ok(w.itemReceiptRet(this.itemReceiptAdd(body('ItemReceiptAdd')), true, true));
      case 'ItemReceiptMod':
        return ok(w.itemReceiptRet(this.itemReceiptMod(body('ItemReceiptMod')), true, true));
      case 'ItemReceiptQuery':
        return this.txnQuery(
          type,
          rq,
          [...c.itemReceipts.values()],
          (r) => r.VendorListID,
          (r) => w.itemReceiptRet(r, b(rq.IncludeLineItems) === true, b(rq.IncludeLinkedTxns) === true),
        );
      case 'TxnDel':
        return ok(this.txnDel(rq));
      case 'TxnVoid':
        return ok(this.txnVoid(rq));
      case 'BillPaymentCheckQuery':
      case 'BillPaymentCreditCardQuery': {
        const kind = type === 'BillPaymentCheckQuery' ? 'BillPaymentCheck' : 'BillPaymentCreditCard';
        const payments = [...c.billPayments.values()].filter((p) => p.kind === kind);
        return this.txnQuery(
          type,
          rq,
          payments,
          (p) => p.PayeeListID,
          (p) => w.billPaymentRet(p),
        );
      }
      case 'TxnDeletedQuery': {
        const types = arr<string>(rq.TxnDelType);
        const range = node(rq.DeletedDateRangeFilter);
        const from = s(range?.FromDeletedDate);
        const to = s(range?.ToDeletedDate);
        const found = c.deleted.filter(
          (d) =>
            types.includes(d.TxnDelType) &&
            (!from || time(d.TimeDeleted) >= time(from)) &&
            (!to || time(d.TimeDeleted) <= time(to)),
        );
        if (found.length === 0) return noMatch();
        return { ...ok(found.map((d) => w.txnDeletedRet(d)).join('')), retCount: found.length };
      }
      case 'InvoiceAdd':
        return ok(w.invoiceRet(this.invoiceAdd(body('InvoiceAdd'))));
      case 'InvoiceQuery':
        return this.txnQuery(
          type,
          rq,
          [...c.invoices.values()],
          (i) => i.CustomerListID,
          (i) => w.invoiceRet(i),
        );
      default:
        throw new QbStatus(
          3250,
          `The request "${type}Rq" is not supported by the QuickBooks Desktop simulator.`,
        );
    }
  }

  // ---- queries -------------------------------------------------------------------------------------------------

  private page<T>(
    type: string,
    rq: Node,
    all: T[],
    idOf: (x: T) => string,
    byId: (id: string) => T | undefined,
    write: (x: T) => string,
    iterable: boolean,
  ): RsOut {
    const mode = s(rq['@_iterator']);
    const max = Number(s(rq.MaxReturned) ?? '0') || undefined;
    if (mode === 'Continue' || mode === 'Stop') {
      const id = s(rq['@_iteratorID']) ?? '';
      const it = this.iterators.get(id);
      if (!it || it.type !== type) {
        throw new QbStatus(
          3120,
          `Object "${id}" specified in the request cannot be found. (The iterator has expired or ended.)`,
        );
      }
      if (mode === 'Stop') {
        this.iterators.delete(id);
        return { ...ok(''), retCount: 0, iteratorRemainingCount: 0, iteratorID: id };
      }
      const ids = it.ids.slice(it.pos, it.pos + (max ?? it.ids.length));
      it.pos += ids.length;
      const remaining = it.ids.length - it.pos;
      if (remaining === 0) this.iterators.delete(id);
      const records = ids.map(byId).filter((x): x is T => x !== undefined);
      return {
        ...(records.length ? ok(records.map(write).join('')) : noMatch()),
        retCount: records.length,
        iteratorRemainingCount: remaining,
        iteratorID: id,
      };
    }
    if (mode === 'Start' && iterable) {
      const id = `{${this.guid()}}`;
      const ids = all.map(idOf);
      const first = ids.slice(0, max ?? ids.length);
      const remaining = ids.length - first.length;
      if (remaining > 0) this.iterators.set(id, { type, ids, pos: first.length });
      return {
        ...(first.length ? ok(first.map((x) => write(byId(x) as T)).join('')) : noMatch()),
        retCount: first.length,
        iteratorRemainingCount: remaining,
        iteratorID: id,
      };
    }
    const shown = max ? all.slice(0, max) : all;
    if (shown.length === 0) return noMatch();
    return { ...ok(shown.map(write).join('')), retCount: shown.length };
  }

  private listQuery<T extends ListBase>(
    type: string,
    rq: Node,
    all: T[],
    write: (x: T) => string,
    iterable: boolean,
  ): RsOut {
    const byId = new Map(all.map((x) => [x.ListID, x]));
    const ids = arr<string>(rq.ListID);
    const names = arr<string>(rq.FullName);
    if (ids.length || names.length) {
      const byName = new Map(all.map((x) => [lower(x.FullName), x]));
      const keys = ids.length ? ids : names;
      const found = keys.map((k) => (ids.length ? byId.get(k) : byName.get(lower(k))));
      const hits = found.filter((x): x is T => x !== undefined);
      if (hits.length === 0) return noMatch();
      const out = { ...ok(hits.map(write).join('')), retCount: hits.length };
      const missing = keys.filter((_k, i) => found[i] === undefined);
      if (missing.length) {
        return {
          ...out,
          statusCode: 500,
          statusSeverity: 'Warn',
          statusMessage: `The query request has not been fully completed. There was a required element ("${missing[0]}") that could not be found in QuickBooks.`,
        };
      }
      return out;
    }
    const active = s(rq.ActiveStatus) ?? 'ActiveOnly';
    const from = s(rq.FromModifiedDate);
    const to = s(rq.ToModifiedDate);
    const nf = node(rq.NameFilter);
    const nr = node(rq.NameRangeFilter);
    const matches = all
      .filter((x) => active === 'All' || (active === 'ActiveOnly' ? x.IsActive : !x.IsActive))
      .filter(
        (x) => (!from || time(x.TimeModified) >= time(from)) && (!to || time(x.TimeModified) <= time(to)),
      )
      .filter((x) => !nf || matchText(x.FullName, s(nf.MatchCriterion) ?? 'StartsWith', s(nf.Name) ?? ''))
      .filter(
        (x) =>
          !nr ||
          ((!s(nr.FromName) || lower(x.FullName) >= lower(s(nr.FromName) ?? '')) &&
            (!s(nr.ToName) || lower(x.FullName) <= lower(s(nr.ToName) ?? ''))),
      )
      .sort((a, z) =>
        lower(a.FullName) < lower(z.FullName) ? -1 : lower(a.FullName) > lower(z.FullName) ? 1 : 0,
      );
    return this.page(
      type,
      rq,
      matches,
      (x) => x.ListID,
      (id) => byId.get(id),
      write,
      iterable,
    );
  }

  private txnQuery<T extends { TxnID: string; TxnDate: string; TimeModified: string; RefNumber?: string }>(
    type: string,
    rq: Node,
    all: T[],
    entityOf: (x: T) => string,
    write: (x: T) => string,
  ): RsOut {
    const byId = new Map(all.map((x) => [x.TxnID, x]));
    const ids = arr<string>(rq.TxnID);
    const refs = arr<string>(rq.RefNumber);
    if (ids.length || refs.length) {
      const hits = ids.length
        ? ids.map((id) => byId.get(id)).filter((x): x is T => x !== undefined)
        : all.filter(
            (x) => x.RefNumber !== undefined && refs.some((r) => lower(r) === lower(x.RefNumber ?? '')),
          );
      if (hits.length === 0) return noMatch();
      const out = { ...ok(hits.map(write).join('')), retCount: hits.length };
      if (ids.length && hits.length < ids.length) {
        const missing = ids.find((id) => !byId.has(id));
        return {
          ...out,
          statusCode: 500,
          statusSeverity: 'Warn',
          statusMessage: `The query request has not been fully completed. There was a required element ("${missing}") that could not be found in QuickBooks.`,
        };
      }
      return out;
    }
    const mod = node(rq.ModifiedDateRangeFilter);
    const dates = node(rq.TxnDateRangeFilter);
    const entity = node(rq.EntityFilter);
    const refFilter = node(rq.RefNumberFilter);
    const entityIds = new Set<string>(arr<string>(entity?.ListID));
    for (const n of arr<string>(entity?.FullName)) {
      const v = this.findByName(this.company.vendors, n) ?? this.findByName(this.company.customers, n);
      entityIds.add(v?.ListID ?? `missing:${n}`);
    }
    const matches = all
      .filter((x) => {
        if (mod) {
          const from = s(mod.FromModifiedDate);
          const to = s(mod.ToModifiedDate);
          if (from && time(x.TimeModified) < time(from)) return false;
          if (to && time(x.TimeModified) > time(to)) return false;
        }
        if (dates) {
          const from = s(dates.FromTxnDate);
          const to = s(dates.ToTxnDate);
          if (from && x.TxnDate < from) return false;
          if (to && x.TxnDate > to) return false;
        }
        if (entity && !entityIds.has(entityOf(x))) return false;
        if (
          refFilter &&
          !matchText(
            x.RefNumber ?? '',
            s(refFilter.MatchCriterion) ?? 'StartsWith',
            s(refFilter.RefNumber) ?? '',
          )
        ) {
          return false;
        }
        return true;
      })
      .sort((a, z) => (a.TimeModified < z.TimeModified ? -1 : a.TimeModified > z.TimeModified ? 1 : 0));
    return this.page(
      type,
      rq,
      matches,
      (x) => x.TxnID,
      (id) => byId.get(id),
      write,
      true,
    );
  }

  // ---- lists ---------------------------------------------------------------------------------------------------

  /** Name indexes, rebuilt when a list grows or a name changes (lookups by name are on every reference). */
  private readonly nameCache = new WeakMap<
    Map<string, ListBase>,
    { version: number; size: number; byName: Map<string, ListBase> }
  >();
  private listVersion = 0;

  private findByName<T extends ListBase>(map: Map<string, T>, fullName: string): T | undefined {
    let cache = this.nameCache.get(map);
    if (!cache || cache.version !== this.listVersion || cache.size !== map.size) {
      const byName = new Map<string, ListBase>();
      for (const x of map.values()) byName.set(lower(x.FullName), x);
      cache = { version: this.listVersion, size: map.size, byName };
      this.nameCache.set(map, cache);
    }
    return cache.byName.get(lower(fullName)) as T | undefined;
  }

  private resolve<T extends ListBase>(
    map: Map<string, T>,
    ref: RefNode | undefined,
    label: string,
    where: string,
  ): T | undefined {
    if (!ref || (ref.ListID === undefined && ref.FullName === undefined)) return undefined;
    const hit = ref.ListID !== undefined ? map.get(ref.ListID) : this.findByName(map, ref.FullName ?? '');
    if (!hit) {
      throw new QbStatus(
        3140,
        `There is an invalid reference to QuickBooks ${label} "${ref.FullName ?? ref.ListID}" in the ${where}. QuickBooks error message: Invalid argument. The specified record does not exist in the list.`,
      );
    }
    return hit;
  }

  /** Names are unique across customers (full names), vendors, employees and other names. */
  private assertNameFree(fullName: string, exceptListID?: string): void {
    const key = lower(fullName);
    const taken = (x: { ListID: string } | undefined) => x !== undefined && x.ListID !== exceptListID;
    const clash =
      taken(this.findByName(this.company.vendors, fullName)) ||
      taken(this.findByName(this.company.customers, fullName)) ||
      [...this.company.otherNames.values()].some((v) => v.ListID !== exceptListID && lower(v.Name) === key);
    if (clash) throw new QbStatus(3100, `The name "${fullName}" of the list element is already in use.`);
  }

  private checkLength(value: string | undefined, field: string, max: number): void {
    if (value !== undefined && [...value].length > max) {
      throw new QbStatus(3070, `The string "${value}" in the field "${field}" is too long.`);
    }
  }

  private newList(name: string, fullName: string, parent?: ListBase, guid?: string): ListBase {
    const t = this.tick();
    return {
      ListID: `${(this.idCounter++).toString(16).toUpperCase()}-${Math.floor(this.clock / 1000)}`,
      TimeCreated: t,
      TimeModified: t,
      EditSequence: this.nextEditSequence(),
      Name: name,
      FullName: fullName,
      IsActive: true,
      ParentListID: parent?.ListID,
      Sublevel: parent ? parent.Sublevel + 1 : 0,
      ExternalGUID: guid,
    };
  }

  private checkEdit<T extends { EditSequence: string }>(
    rec: T | undefined,
    id: string,
    editSequence: string | undefined,
  ): T {
    if (!rec) throw new QbStatus(3120, `Object "${id}" specified in the request cannot be found.`);
    if (editSequence !== rec.EditSequence) {
      throw new QbStatus(3200, `The provided edit sequence "${editSequence ?? ''}" is out-of-date.`);
    }
    return rec;
  }

  private touch(rec: { EditSequence: string; TimeModified: string }): void {
    rec.EditSequence = this.nextEditSequence();
    rec.TimeModified = this.tick();
  }

  private vendorFields(n: Node): Partial<Vendor> {
    const terms = this.resolve(this.company.terms, refOf(n.TermsRef), 'Terms', 'Vendor');
    const out: Partial<Vendor> = {
      CompanyName: s(n.CompanyName),
      FirstName: s(n.FirstName),
      LastName: s(n.LastName),
      VendorAddress: address(n.VendorAddress),
      Phone: s(n.Phone),
      Fax: s(n.Fax),
      Email: s(n.Email),
      Contact: s(n.Contact),
      NameOnCheck: s(n.NameOnCheck),
      AccountNumber: s(n.AccountNumber),
      Notes: s(n.Notes),
      TermsListID: terms?.ListID,
      VendorTaxIdent: s(n.VendorTaxIdent),
    };
    this.checkLength(out.AccountNumber, 'AccountNumber', 99);
    this.checkLength(out.CompanyName, 'CompanyName', 41);
    return out;
  }

  private vendorAdd(n: Node): Vendor {
    const name = s(n.Name) ?? '';
    this.checkLength(name, 'Name', 41);
    const fields = this.vendorFields(n);
    this.assertNameFree(name);
    const v: Vendor = { ...this.newList(name, name, undefined, s(n.ExternalGUID)), ...defined(fields) };
    if (b(n.IsActive) === false) v.IsActive = false;
    this.company.vendors.set(v.ListID, v);
    return v;
  }

  private vendorMod(n: Node): Vendor {
    const id = s(n.ListID) ?? '';
    const v = this.checkEdit(this.company.vendors.get(id), id, s(n.EditSequence));
    const name = s(n.Name);
    if (name !== undefined) {
      this.checkLength(name, 'Name', 41);
      this.assertNameFree(name, v.ListID);
    }
    const fields = this.vendorFields(n);
    if (name !== undefined) {
      v.Name = name;
      v.FullName = name;
      this.listVersion++;
    }
    Object.assign(v, defined(fields));
    const active = b(n.IsActive);
    if (active !== undefined) v.IsActive = active;
    this.touch(v);
    return v;
  }

  private customerAdd(n: Node): Customer {
    const name = s(n.Name) ?? '';
    this.checkLength(name, 'Name', 41);
    const parent = this.resolve(this.company.customers, refOf(n.ParentRef), 'Customer:Job', 'Customer');
    if (parent && parent.Sublevel >= 4) {
      throw new QbStatus(
        3140,
        `There is an invalid reference to QuickBooks Customer:Job "${parent.FullName}" in the Customer. Jobs can be nested at most five levels deep.`,
      );
    }
    const fullName = parent ? `${parent.FullName}:${name}` : name;
    this.assertNameFree(fullName);
    const c: Customer = {
      ...this.newList(name, fullName, parent, s(n.ExternalGUID)),
      ...defined({
        CompanyName: s(n.CompanyName),
        BillAddress: address(n.BillAddress),
        Phone: s(n.Phone),
        Email: s(n.Email),
        JobStatus: s(n.JobStatus),
        JobDesc: s(n.JobDesc),
      }),
    };
    this.checkLength(c.JobDesc, 'JobDesc', 99);
    this.company.customers.set(c.ListID, c);
    return c;
  }

  private customerMod(n: Node): Customer {
    const id = s(n.ListID) ?? '';
    const c = this.checkEdit(this.company.customers.get(id), id, s(n.EditSequence));
    const name = s(n.Name);
    if (name !== undefined) {
      this.checkLength(name, 'Name', 41);
      const parent = c.ParentListID ? this.company.customers.get(c.ParentListID) : undefined;
      const fullName = parent ? `${parent.FullName}:${name}` : name;
      this.assertNameFree(fullName, c.ListID);
      const old = c.FullName;
      c.Name = name;
      c.FullName = fullName;
      this.listVersion++;
      // Descendants' full names follow their parent.
      for (const d of this.company.customers.values()) {
        if (d.FullName.startsWith(`${old}:`)) d.FullName = fullName + d.FullName.slice(old.length);
      }
    }
    Object.assign(
      c,
      defined({
        CompanyName: s(n.CompanyName),
        BillAddress: address(n.BillAddress),
        Phone: s(n.Phone),
        Email: s(n.Email),
        JobStatus: s(n.JobStatus),
        JobDesc: s(n.JobDesc),
      }),
    );
    const active = b(n.IsActive);
    if (active !== undefined) c.IsActive = active;
    this.touch(c);
    return c;
  }

  private itemAdd(n: Node, kind: Item['kind']): Item {
    const name = s(n.Name) ?? '';
    this.checkLength(name, 'Name', 31);
    const parent = this.resolve(this.company.items, refOf(n.ParentRef), 'Item', 'Item');
    const fullName = parent ? `${parent.FullName}:${name}` : name;
    if (this.findByName(this.company.items, fullName)) {
      throw new QbStatus(3100, `The name "${fullName}" of the list element is already in use.`);
    }
    const sap = node(n.SalesAndPurchase);
    const sop = node(n.SalesOrPurchase);
    const account = this.resolve(
      this.company.accounts,
      refOf(sap?.ExpenseAccountRef) ?? refOf(sop?.AccountRef),
      'Account',
      'Item',
    );
    if (!account)
      throw new QbStatus(
        3140,
        `There is a missing element: "AccountRef" in the Item. An account is required.`,
      );
    const item: Item = {
      ...this.newList(name, fullName, parent, s(n.ExternalGUID)),
      kind,
      Desc: s(sap?.PurchaseDesc) ?? s(sop?.Desc),
      AccountListID: account.ListID,
      salesAndPurchase: sap !== undefined,
      ManufacturerPartNumber: s(n.ManufacturerPartNumber),
    };
    this.company.items.set(item.ListID, item);
    return item;
  }

  // ---- transactions --------------------------------------------------------------------------------------------

  private assertOpenPeriod(date: string | undefined, txnType: string): void {
    const closing = this.company.closingDate;
    if (closing && date && date <= closing) {
      throw new QbStatus(
        3180,
        `There was an error when saving a ${TXN_LABEL[txnType] ?? txnType}. QuickBooks error message: The transaction date ${date} is on or before the closing date of this company file (${closing}). Transactions dated on or before the closing date cannot be added, changed or deleted.`,
      );
    }
  }

  private newTxn(n: Node, txnType: string): TxnBase {
    const date = s(n.TxnDate) ?? this.today();
    this.assertOpenPeriod(date, txnType);
    const t = this.tick();
    return {
      TxnID: `${(this.txnCounter++).toString(16).toUpperCase()}-${Math.floor(this.clock / 1000)}`,
      TxnNumber: this.txnNumber++,
      TimeCreated: t,
      TimeModified: t,
      EditSequence: this.nextEditSequence(),
      TxnDate: date,
      RefNumber: s(n.RefNumber),
      Memo: s(n.Memo),
      ExternalGUID: s(n.ExternalGUID),
      linked: [],
    };
  }

  private lineID(): string {
    return `${(this.txnCounter++).toString(16).toUpperCase()}-${Math.floor(this.clock / 1000)}`;
  }

  private vendorOf(n: Node, where: string): Vendor {
    const v = this.resolve(this.company.vendors, refOf(n.VendorRef), 'Vendor', where);
    if (!v)
      throw new QbStatus(
        3140,
        `There is an invalid reference to QuickBooks Vendor "" in the ${where}. A vendor is required.`,
      );
    return v;
  }

  private poLine(l: Node, where: string, existing?: PoLine): PoLine {
    const c = this.company;
    const item = this.resolve(c.items, refOf(l.ItemRef), 'Item', where);
    const cls = this.resolve(c.classes, refOf(l.ClassRef), 'Class', where);
    const job = this.resolve(c.customers, refOf(l.CustomerRef), 'Customer:Job', where);
    const quantity = s(l.Quantity) !== undefined ? Number(s(l.Quantity)) : existing?.Quantity;
    const rate = s(l.Rate) ?? existing?.Rate;
    const amount =
      s(l.Amount) !== undefined
        ? cents(s(l.Amount))
        : rate !== undefined
          ? Math.round(Number(rate) * (quantity ?? 1) * 100)
          : (existing?.Amount ?? 0);
    this.checkLength(s(l.Desc), 'Desc', 4095);
    return {
      TxnLineID: existing?.TxnLineID ?? this.lineID(),
      ItemListID: item?.ListID ?? existing?.ItemListID,
      Desc: s(l.Desc) ?? existing?.Desc ?? item?.Desc,
      Quantity: quantity,
      Rate: rate,
      ClassListID: cls?.ListID ?? existing?.ClassListID,
      Amount: amount,
      CustomerListID: job?.ListID ?? existing?.CustomerListID,
      ServiceDate: s(l.ServiceDate) ?? existing?.ServiceDate,
      ReceivedQuantity: existing?.ReceivedQuantity ?? 0,
      BilledQuantity: existing?.BilledQuantity ?? 0,
      IsManuallyClosed: b(l.IsManuallyClosed) ?? existing?.IsManuallyClosed ?? false,
    };
  }

  private purchaseOrderAdd(n: Node): PurchaseOrder {
    const vendor = this.vendorOf(n, 'Purchase Order');
    this.checkLength(s(n.RefNumber), 'RefNumber', 11);
    const cls = this.resolve(this.company.classes, refOf(n.ClassRef), 'Class', 'Purchase Order');
    const lines = arr<Node>(n.PurchaseOrderLineAdd).map((l) => this.poLine(l, 'Purchase Order'));
    const po: PurchaseOrder = {
      ...this.newTxn(n, 'PurchaseOrder'),
      VendorListID: vendor.ListID,
      ClassListID: cls?.ListID,
      DueDate: s(n.DueDate),
      ExpectedDate: s(n.ExpectedDate),
      IsManuallyClosed: false,
      lines,
    };
    this.company.purchaseOrders.set(po.TxnID, po);
    return po;
  }

  private purchaseOrderMod(n: Node): PurchaseOrder {
    const id = s(n.TxnID) ?? '';
    const po = this.checkEdit(this.company.purchaseOrders.get(id), id, s(n.EditSequence));
    this.assertOpenPeriod(po.TxnDate, 'PurchaseOrder');
    this.assertOpenPeriod(s(n.TxnDate), 'PurchaseOrder');
    this.checkLength(s(n.RefNumber), 'RefNumber', 11);
    const vendor = n.VendorRef !== undefined ? this.vendorOf(n, 'Purchase Order') : undefined;
    const cls = this.resolve(this.company.classes, refOf(n.ClassRef), 'Class', 'Purchase Order');
    let lines = po.lines;
    if (n.PurchaseOrderLineMod !== undefined) {
      // Lines left out of a Mod that lists lines are deleted; "-1" adds a line.
      lines = arr<Node>(n.PurchaseOrderLineMod).map((l) => {
        const lid = s(l.TxnLineID) ?? '';
        if (lid === '-1') return this.poLine(l, 'Purchase Order');
        const existing = po.lines.find((x) => x.TxnLineID === lid);
        if (!existing) throw new QbStatus(3120, `Object "${lid}" specified in the request cannot be found.`);
        return this.poLine(l, 'Purchase Order', existing);
      });
    }
    Object.assign(
      po,
      defined({
        VendorListID: vendor?.ListID,
        ClassListID: cls?.ListID,
        TxnDate: s(n.TxnDate),
        RefNumber: s(n.RefNumber),
        Memo: s(n.Memo),
        DueDate: s(n.DueDate),
        ExpectedDate: s(n.ExpectedDate),
      }),
    );
    const closed = b(n.IsManuallyClosed);
    if (closed !== undefined) po.IsManuallyClosed = closed;
    po.lines = lines;
    this.touch(po);
    return po;
  }

  private poFullyReceived(po: PurchaseOrder): boolean {
    return (
      po.IsManuallyClosed ||
      (po.lines.length > 0 &&
        po.lines.every(
          (l) => l.IsManuallyClosed || Math.max(l.ReceivedQuantity, l.BilledQuantity) >= (l.Quantity ?? 1),
        ))
    );
  }

  private poRet(po: PurchaseOrder, lines: boolean, linked: boolean): string {
    return this.writer.purchaseOrderRet(po, lines, linked, this.poFullyReceived(po));
  }

  private expenseLine(l: Node, where: string, existing?: ExpenseLine): ExpenseLine {
    const c = this.company;
    const account = this.resolve(c.accounts, refOf(l.AccountRef), 'Account', where);
    const job = this.resolve(c.customers, refOf(l.CustomerRef), 'Customer:Job', where);
    const cls = this.resolve(c.classes, refOf(l.ClassRef), 'Class', where);
    return {
      TxnLineID: existing?.TxnLineID ?? this.lineID(),
      AccountListID: account?.ListID ?? existing?.AccountListID,
      Amount: s(l.Amount) !== undefined ? cents(s(l.Amount)) : (existing?.Amount ?? 0),
      Memo: s(l.Memo) ?? existing?.Memo,
      CustomerListID: job?.ListID ?? existing?.CustomerListID,
      ClassListID: cls?.ListID ?? existing?.ClassListID,
      BillableStatus: s(l.BillableStatus) ?? existing?.BillableStatus,
    };
  }

  private itemLine(l: Node, where: string, existing?: ItemLine): ItemLine {
    const c = this.company;
    const item = this.resolve(c.items, refOf(l.ItemRef), 'Item', where);
    const job = this.resolve(c.customers, refOf(l.CustomerRef), 'Customer:Job', where);
    const cls = this.resolve(c.classes, refOf(l.ClassRef), 'Class', where);
    const quantity = s(l.Quantity) !== undefined ? Number(s(l.Quantity)) : existing?.Quantity;
    const cost = s(l.Cost) ?? existing?.Cost;
    const amount =
      s(l.Amount) !== undefined
        ? cents(s(l.Amount))
        : cost !== undefined
          ? Math.round(Number(cost) * (quantity ?? 1) * 100)
          : (existing?.Amount ?? 0);
    return {
      TxnLineID: existing?.TxnLineID ?? this.lineID(),
      ItemListID: item?.ListID ?? existing?.ItemListID,
      Desc: s(l.Desc) ?? existing?.Desc ?? item?.Desc,
      Quantity: quantity,
      Cost: cost,
      Amount: amount,
      CustomerListID: job?.ListID ?? existing?.CustomerListID,
      ClassListID: cls?.ListID ?? existing?.ClassListID,
      BillableStatus: s(l.BillableStatus) ?? existing?.BillableStatus,
    };
  }

  /**
   * Lines taken from purchase orders: a whole order (LinkToTxnID) brings its open lines; an item line with
   * LinkToTxn takes one order line. `use` records the quantity against the order line (billed or received).
   */
  private linkedLines(
    n: Node,
    vendor: Vendor,
    where: string,
    kind: 'bill' | 'receipt',
  ): {
    itemLines: ItemLine[];
    links: { po: PurchaseOrder; line: PoLine; quantity: number; amount: number }[];
    warning?: string;
  } {
    const itemLines: ItemLine[] = [];
    const links: { po: PurchaseOrder; line: PoLine; quantity: number; amount: number }[] = [];
    let warning: string | undefined;
    const findPo = (id: string) => {
      const po = this.company.purchaseOrders.get(id);
      if (!po) throw new QbStatus(3120, `Object "${id}" specified in the request cannot be found.`);
      if (po.VendorListID !== vendor.ListID) {
        throw new QbStatus(
          3140,
          `There is an invalid reference to QuickBooks Purchase Order "${id}" in the ${where}: it belongs to another vendor.`,
        );
      }
      return po;
    };
    const used = (l: PoLine) => (kind === 'bill' ? l.BilledQuantity : l.ReceivedQuantity);
    for (const id of arr<string>(n.LinkToTxnID)) {
      const po = findPo(id);
      if (this.poFullyReceived(po)) {
        warning = `The transaction "${po.RefNumber ?? po.TxnID}" cannot be linked: it is already closed. The ${where.toLowerCase()} was saved without the link.`;
        continue;
      }
      for (const line of po.lines) {
        const q = (line.Quantity ?? 1) - used(line);
        if (line.IsManuallyClosed || q <= 0) continue;
        const amount = line.Quantity ? Math.round((line.Amount * q) / line.Quantity) : line.Amount;
        itemLines.push({
          TxnLineID: this.lineID(),
          ItemListID: line.ItemListID,
          Desc: line.Desc,
          Quantity: line.Quantity === undefined ? undefined : q,
          Cost: line.Rate,
          Amount: amount,
          CustomerListID: line.CustomerListID,
          ClassListID: line.ClassListID,
        });
        links.push({ po, line, quantity: q, amount });
      }
    }
    for (const l of arr<Node>(n.ItemLineAdd)) {
      const link = node(l.LinkToTxn);
      const line = this.itemLine(l, where);
      if (link) {
        const po = findPo(s(link.TxnID) ?? '');
        const lineId = s(link.TxnLineID) ?? '';
        const poLine = po.lines.find((x) => x.TxnLineID === lineId);
        if (!poLine) throw new QbStatus(3120, `Object "${lineId}" specified in the request cannot be found.`);
        if (this.poFullyReceived(po) || poLine.IsManuallyClosed) {
          throw new QbStatus(
            3180,
            `There was an error when saving a ${where}. QuickBooks error message: The purchase order line "${lineId}" is already closed.`,
          );
        }
        const q = line.Quantity ?? (poLine.Quantity ?? 1) - used(poLine);
        line.Quantity ??= poLine.Quantity === undefined ? undefined : q;
        line.ItemListID ??= poLine.ItemListID;
        line.CustomerListID ??= poLine.CustomerListID;
        line.ClassListID ??= poLine.ClassListID;
        if (s(l.Amount) === undefined && s(l.Cost) === undefined) {
          line.Amount = poLine.Quantity ? Math.round((poLine.Amount * q) / poLine.Quantity) : poLine.Amount;
        }
        links.push({ po, line: poLine, quantity: q, amount: line.Amount });
      }
      itemLines.push(line);
    }
    return { itemLines, links, warning };
  }

  private applyLinks(
    txn: TxnBase,
    txnType: 'Bill' | 'ItemReceipt',
    links: { po: PurchaseOrder; line: PoLine; quantity: number; amount: number }[],
  ): void {
    const byPo = new Map<PurchaseOrder, number>();
    for (const k of links) {
      if (txnType === 'Bill') k.line.BilledQuantity += k.quantity;
      else k.line.ReceivedQuantity += k.quantity;
      byPo.set(k.po, (byPo.get(k.po) ?? 0) + k.amount);
    }
    for (const [po, amount] of byPo) {
      po.linked.push({
        TxnID: txn.TxnID,
        TxnType: txnType,
        TxnDate: txn.TxnDate,
        RefNumber: txn.RefNumber,
        LinkType: 'QUANTYPE',
        Amount: amount,
      });
      txn.linked.push({
        TxnID: po.TxnID,
        TxnType: 'PurchaseOrder',
        TxnDate: po.TxnDate,
        RefNumber: po.RefNumber,
        LinkType: 'QUANTYPE',
        Amount: amount,
      });
      this.touch(po);
    }
  }

  private billAdd(n: Node): { bill: Bill; warning?: string } {
    const vendor = this.vendorOf(n, 'Bill');
    this.checkLength(s(n.RefNumber), 'RefNumber', 20);
    const ap = this.resolve(this.company.accounts, refOf(n.APAccountRef), 'Account', 'Bill');
    const expenseLines = arr<Node>(n.ExpenseLineAdd).map((l) => this.expenseLine(l, 'Bill'));
    const { itemLines, links, warning } = this.linkedLines(n, vendor, 'Bill', 'bill');
    const bill: Bill = {
      ...this.newTxn(n, 'Bill'),
      VendorListID: vendor.ListID,
      APAccountListID: ap?.ListID,
      DueDate: s(n.DueDate),
      expenseLines,
      itemLines,
      AmountDue: 0,
      voided: false,
    };
    bill.AmountDue = total(bill.expenseLines, bill.itemLines);
    this.applyLinks(bill, 'Bill', links);
    this.company.bills.set(bill.TxnID, bill);
    return { bill, warning };
  }

  private modLines<T extends { TxnLineID: string }>(
    current: T[],
    clear: boolean | undefined,
    mods: Node[] | undefined,
    make: (l: Node, existing?: T) => T,
  ): T[] {
    let lines = clear ? [] : current;
    if (mods !== undefined) {
      lines = mods.map((l) => {
        const lid = s(l.TxnLineID) ?? '';
        if (lid === '-1') return make(l);
        const existing = current.find((x) => x.TxnLineID === lid);
        if (!existing) throw new QbStatus(3120, `Object "${lid}" specified in the request cannot be found.`);
        return make(l, existing);
      });
    }
    return lines;
  }

  private billMod(n: Node): Bill {
    const id = s(n.TxnID) ?? '';
    const bill = this.checkEdit(this.company.bills.get(id), id, s(n.EditSequence));
    this.assertOpenPeriod(bill.TxnDate, 'Bill');
    this.assertOpenPeriod(s(n.TxnDate), 'Bill');
    this.checkLength(s(n.RefNumber), 'RefNumber', 20);
    const vendor = n.VendorRef !== undefined ? this.vendorOf(n, 'Bill') : undefined;
    const expenseLines = this.modLines(
      bill.expenseLines,
      b(n.ClearExpenseLines),
      n.ExpenseLineMod === undefined ? undefined : arr<Node>(n.ExpenseLineMod),
      (l, e) => this.expenseLine(l, 'Bill', e),
    );
    const itemLines = this.modLines(
      bill.itemLines,
      b(n.ClearItemLines),
      n.ItemLineMod === undefined ? undefined : arr<Node>(n.ItemLineMod),
      (l, e) => this.itemLine(l, 'Bill', e),
    );
    const amountDue = total(expenseLines, itemLines);
    const paid = paidOnBill(this.company, bill.TxnID);
    if (amountDue < paid) {
      throw new QbStatus(
        3210,
        `The "AmountDue" field has an invalid value "${money(amountDue)}". The bill has payments of ${money(paid)} applied to it.`,
      );
    }
    Object.assign(
      bill,
      defined({
        VendorListID: vendor?.ListID,
        TxnDate: s(n.TxnDate),
        DueDate: s(n.DueDate),
        RefNumber: s(n.RefNumber),
        Memo: s(n.Memo),
      }),
    );
    bill.expenseLines = expenseLines;
    bill.itemLines = itemLines;
    bill.AmountDue = amountDue;
    this.touch(bill);
    return bill;
  }

  private itemReceiptAdd(n: Node): ItemReceipt {
    const vendor = this.vendorOf(n, 'Item Receipt');
    this.checkLength(s(n.RefNumber), 'RefNumber', 20);
    const expenseLines = arr<Node>(n.ExpenseLineAdd).map((l) => this.expenseLine(l, 'Item Receipt'));
    const { itemLines, links, warning } = this.linkedLines(n, vendor, 'Item Receipt', 'receipt');
    // Nothing left to receive: unlike a bill (saved without the link, 570), an empty receipt is an error.
    if (warning && itemLines.length === 0 && expenseLines.length === 0) {
      throw new QbStatus(
        3180,
        `There was an error when saving a Item Receipt. QuickBooks error message: ${warning}`,
      );
    }
    const r: ItemReceipt = {
      ...this.newTxn(n, 'ItemReceipt'),
      VendorListID: vendor.ListID,
      expenseLines,
      itemLines,
      TotalAmount: 0,
    };
    r.TotalAmount = total(expenseLines, itemLines);
    this.applyLinks(r, 'ItemReceipt', links);
    this.company.itemReceipts.set(r.TxnID, r);
    return r;
  }

  private itemReceiptMod(n: Node): ItemReceipt {
    const id = s(n.TxnID) ?? '';
    const r = this.checkEdit(this.company.itemReceipts.get(id), id, s(n.EditSequence));
    this.assertOpenPeriod(r.TxnDate, 'ItemReceipt');
    this.assertOpenPeriod(s(n.TxnDate), 'ItemReceipt');
    const expenseLines = this.modLines(
      r.expenseLines,
      b(n.ClearExpenseLines),
      n.ExpenseLineMod === undefined ? undefined : arr<Node>(n.ExpenseLineMod),
      (l, e) => this.expenseLine(l, 'Item Receipt', e),
    );
    const itemLines = this.modLines(
      r.itemLines,
      b(n.ClearItemLines),
      n.ItemLineMod === undefined ? undefined : arr<Node>(n.ItemLineMod),
      (l, e) => this.itemLine(l, 'Item Receipt', e),
    );
    Object.assign(r, defined({ TxnDate: s(n.TxnDate), RefNumber: s(n.RefNumber), Memo: s(n.Memo) }));
    r.expenseLines = expenseLines;
    r.itemLines = itemLines;
    r.TotalAmount = total(expenseLines, itemLines);
    this.touch(r);
    return r;
  }

  private invoiceAdd(n: Node): Invoice {
    const customer = this.resolve(this.company.customers, refOf(n.CustomerRef), 'Customer:Job', 'Invoice');
    if (!customer)
      throw new QbStatus(3140, 'There is an invalid reference to QuickBooks Customer:Job "" in the Invoice.');
    this.checkLength(s(n.RefNumber), 'RefNumber', 11);
    const lines = arr<Node>(n.InvoiceLineAdd).map((l) => {
      const item = this.resolve(this.company.items, refOf(l.ItemRef), 'Item', 'Invoice');
      const quantity = s(l.Quantity) !== undefined ? Number(s(l.Quantity)) : undefined;
      const rate = s(l.Rate);
      const amount =
        s(l.Amount) !== undefined
          ? cents(s(l.Amount))
          : rate
            ? Math.round(Number(rate) * (quantity ?? 1) * 100)
            : 0;
      return {
        TxnLineID: this.lineID(),
        ItemListID: item?.ListID,
        Desc: s(l.Desc),
        Quantity: quantity,
        Rate: rate,
        Amount: amount,
      };
    });
    const txn = this.newTxn(n, 'Invoice');
    // QuickBooks numbers an invoice sent without a RefNumber: one more than the last invoice's number.
    if (txn.RefNumber === undefined) {
      const last = Math.max(
        1000,
        ...[...this.company.invoices.values()].map((i) => Number(i.RefNumber) || 0),
      );
      txn.RefNumber = String(last + 1);
    }
    const inv: Invoice = {
      ...txn,
      CustomerListID: customer.ListID,
      lines,
      Subtotal: lines.reduce((a, l) => a + l.Amount, 0),
    };
    this.company.invoices.set(inv.TxnID, inv);
    return inv;
  }

  private txnDel(rq: Node): string {
    const type = s(rq.TxnDelType) ?? '';
    const id = s(rq.TxnID) ?? '';
    const c = this.company;
    const maps: Record<
      string,
      Map<string, { TxnID: string; TxnDate: string; RefNumber?: string; TimeCreated: string }>
    > = {
      PurchaseOrder: c.purchaseOrders,
      Bill: c.bills,
      ItemReceipt: c.itemReceipts,
      Invoice: c.invoices,
      BillPaymentCheck: c.billPayments,
      BillPaymentCreditCard: c.billPayments,
    };
    const map = maps[type];
    const rec = map?.get(id);
    if (!map || !rec || ('kind' in rec && rec.kind !== type)) {
      throw new QbStatus(3120, `Object "${id}" specified in the request cannot be found.`);
    }
    this.assertOpenPeriod(rec.TxnDate, type);
    if (type === 'Bill' && paidOnBill(c, id) > 0) {
      throw new QbStatus(
        3170,
        `There was an error when deleting a Bill. QuickBooks error message: This bill has payments applied to it; delete or void the payments first.`,
      );
    }
    if (type === 'Bill' || type === 'ItemReceipt') this.unlink(rec as Bill | ItemReceipt, type);
    if (type === 'PurchaseOrder' && (rec as PurchaseOrder).linked.length > 0) {
      throw new QbStatus(
        3170,
        `There was an error when deleting a Purchase Order. QuickBooks error message: This purchase order has linked transactions; it cannot be deleted.`,
      );
    }
    map.delete(id);
    const t = this.tick();
    c.deleted.push({
      TxnDelType: type,
      TxnID: id,
      TimeCreated: rec.TimeCreated,
      TimeDeleted: t,
      RefNumber: rec.RefNumber,
    });
    return el('TxnDelType', type) + el('TxnID', id) + el('TimeDeleted', t) + el('RefNumber', rec.RefNumber);
  }

  /** A deleted or voided bill / receipt gives its quantities back to the purchase order lines. */
  private unlink(txn: Bill | ItemReceipt, type: 'Bill' | 'ItemReceipt'): void {
    for (const link of txn.linked) {
      const po = this.company.purchaseOrders.get(link.TxnID);
      if (!po) continue;
      po.linked = po.linked.filter((l) => l.TxnID !== txn.TxnID);
      for (const il of txn.itemLines) {
        const line = po.lines.find(
          (l) =>
            l.ItemListID === il.ItemListID && (type === 'Bill' ? l.BilledQuantity : l.ReceivedQuantity) > 0,
        );
        if (!line) continue;
        const q = il.Quantity ?? 1;
        if (type === 'Bill') line.BilledQuantity = Math.max(0, line.BilledQuantity - q);
        else line.ReceivedQuantity = Math.max(0, line.ReceivedQuantity - q);
      }
      this.touch(po);
    }
    txn.linked = [];
  }

  private txnVoid(rq: Node): string {
    const type = s(rq.TxnVoidType) ?? '';
    const id = s(rq.TxnID) ?? '';
    const c = this.company;
    if (type === 'Bill') {
      const bill = c.bills.get(id);
      if (!bill) throw new QbStatus(3120, `Object "${id}" specified in the request cannot be found.`);
      this.assertOpenPeriod(bill.TxnDate, 'Bill');
      if (paidOnBill(c, id) > 0) {
        throw new QbStatus(
          3170,
          'There was an error when voiding a Bill. QuickBooks error message: This bill has payments applied to it.',
        );
      }
      this.unlink(bill, 'Bill');
      bill.voided = true;
      bill.expenseLines = bill.expenseLines.map((l) => ({ ...l, Amount: 0 }));
      bill.itemLines = bill.itemLines.map((l) => ({ ...l, Amount: 0 }));
      bill.AmountDue = 0;
      bill.Memo = `VOID: ${bill.Memo ?? ''}`.trim();
      this.touch(bill);
      return (
        el('TxnVoidType', type) +
        el('TxnID', id) +
        el('TimeModified', bill.TimeModified) +
        el('RefNumber', bill.RefNumber)
      );
    }
    if (type === 'BillPaymentCheck' || type === 'BillPaymentCreditCard') {
      const p = c.billPayments.get(id);
      if (!p || p.kind !== type)
        throw new QbStatus(3120, `Object "${id}" specified in the request cannot be found.`);
      this.assertOpenPeriod(p.TxnDate, type);
      p.voided = true;
      this.touch(p);
      return (
        el('TxnVoidType', type) +
        el('TxnID', id) +
        el('TimeModified', p.TimeModified) +
        el('RefNumber', p.RefNumber)
      );
    }
    if (type === 'ItemReceipt') {
      const r = c.itemReceipts.get(id);
      if (!r) throw new QbStatus(3120, `Object "${id}" specified in the request cannot be found.`);
      this.assertOpenPeriod(r.TxnDate, 'ItemReceipt');
      this.unlink(r, 'ItemReceipt');
      r.TotalAmount = 0;
      this.touch(r);
      return (
        el('TxnVoidType', type) +
        el('TxnID', id) +
        el('TimeModified', r.TimeModified) +
        el('RefNumber', r.RefNumber)
      );
    }
    throw new QbStatus(3120, `Object "${id}" specified in the request cannot be found.`);
  }

  // ---- clock and ids -------------------------------------------------------------------------------------------

  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().slice(0, 19) + '+00:00';
  }

  private today(): string {
    return new Date(this.clock).toISOString().slice(0, 10);
  }

  private nextEditSequence(): string {
    return String(this.editCounter++);
  }

  private guid(): string {
    const h = (n: number, w: number) => (n >>> 0).toString(16).toUpperCase().padStart(w, '0').slice(-w);
    const n = this.idCounter++;
    return `${h(n, 8)}-${h(n >> 3, 4)}-4${h(n, 3)}-8${h(n >> 5, 3)}-${h(n, 8)}${h(n >> 7, 4)}`;
  }

  // ---- what a QuickBooks user does (test set-up) ----------------------------------------------------------------

  addAccount(fullName: string, accountType: string, accountNumber?: string): Account {
    const { name, parent } = this.split(this.company.accounts, fullName);
    const a: Account = {
      ...this.newList(name, fullName, parent),
      AccountType: accountType,
      AccountNumber: accountNumber,
    };
    this.company.accounts.set(a.ListID, a);
    return a;
  }

  addClass(fullName: string): QbClass {
    const { name, parent } = this.split(this.company.classes, fullName);
    const c: QbClass = this.newList(name, fullName, parent);
    this.company.classes.set(c.ListID, c);
    return c;
  }

  addTerms(name: string, stdDueDays: number): Terms {
    const t: Terms = { ...this.newList(name, name), StdDueDays: stdDueDays };
    this.company.terms.set(t.ListID, t);
    return t;
  }

  addItem(fullName: string, kind: Item['kind'], accountFullName: string, desc?: string): Item {
    const { name, parent } = this.split(this.company.items, fullName);
    const account = this.findByName(this.company.accounts, accountFullName);
    if (!account) throw new Error(`No account ${accountFullName}`);
    const i: Item = {
      ...this.newList(name, fullName, parent),
      kind,
      Desc: desc,
      AccountListID: account.ListID,
      salesAndPurchase: kind !== 'ItemService',
    };
    this.company.items.set(i.ListID, i);
    return i;
  }

  addVendor(name: string, fields: Partial<Omit<Vendor, keyof ListBase>> = {}): Vendor {
    this.assertNameFreeForSetup(name);
    const v: Vendor = { ...this.newList(name, name), ...fields };
    this.company.vendors.set(v.ListID, v);
    return v;
  }

  /** Adds a customer, or a job when fullName has ":" (parents must exist). */
  addCustomer(fullName: string, fields: Partial<Omit<Customer, keyof ListBase>> = {}): Customer {
    this.assertNameFreeForSetup(fullName);
    const { name, parent } = this.split(this.company.customers, fullName);
    const c: Customer = { ...this.newList(name, fullName, parent), ...fields };
    this.company.customers.set(c.ListID, c);
    return c;
  }

  addEmployee(name: string): void {
    this.assertNameFreeForSetup(name);
    const id = this.newList(name, name).ListID;
    this.company.otherNames.set(id, { ListID: id, Name: name, kind: 'Employee' });
  }

  addOtherName(name: string): void {
    this.assertNameFreeForSetup(name);
    const id = this.newList(name, name).ListID;
    this.company.otherNames.set(id, { ListID: id, Name: name, kind: 'OtherName' });
  }

  /** A QuickBooks user edits a vendor: its EditSequence changes, so a stale Mod gets 3200. */
  editVendorInQuickBooks(
    listID: string,
    changes: Partial<Omit<Vendor, keyof ListBase>> & { Name?: string },
  ): Vendor {
    const v = this.company.vendors.get(listID);
    if (!v) throw new Error(`No vendor ${listID}`);
    Object.assign(v, changes);
    if (changes.Name) v.FullName = changes.Name;
    this.listVersion++;
    this.touch(v);
    return v;
  }

  /** A QuickBooks user edits a customer or job (its own name, not its parent): its EditSequence changes. */
  editCustomerInQuickBooks(listID: string, changes: { Name?: string; IsActive?: boolean }): Customer {
    const c = this.company.customers.get(listID);
    if (!c) throw new Error(`No customer ${listID}`);
    if (changes.Name !== undefined) {
      c.Name = changes.Name;
      const parent = c.ParentListID ? this.company.customers.get(c.ParentListID) : undefined;
      c.FullName = parent ? `${parent.FullName}:${changes.Name}` : changes.Name;
    }
    if (changes.IsActive !== undefined) c.IsActive = changes.IsActive;
    this.listVersion++;
    this.touch(c);
    return c;
  }

  /** A QuickBooks user edits a transaction (purchase order, bill, item receipt): its EditSequence changes. */
  touchTxnInQuickBooks(txnID: string): void {
    const t =
      this.company.purchaseOrders.get(txnID) ??
      this.company.bills.get(txnID) ??
      this.company.itemReceipts.get(txnID);
    if (!t) throw new Error(`No transaction ${txnID}`);
    this.touch(t);
  }

  setClosingDate(date: string | undefined): void {
    this.company.closingDate = date;
  }

  /** A QuickBooks user pays bills (by check or credit card). Returns the payment. */
  payBills(
    applied: { billTxnID: string; amount: string }[],
    opts: { kind?: BillPayment['kind']; date?: string; refNumber?: string } = {},
  ): BillPayment {
    const first = this.company.bills.get(applied[0]?.billTxnID ?? '');
    if (!first) throw new Error('payBills needs an existing bill');
    for (const a of applied) {
      const bill = this.company.bills.get(a.billTxnID);
      if (!bill) throw new Error(`No bill ${a.billTxnID}`);
      if (cents(a.amount) > bill.AmountDue - paidOnBill(this.company, bill.TxnID)) {
        throw new Error(`Cannot pay more than the amount due on ${a.billTxnID}`);
      }
    }
    const t = this.tick();
    const p: BillPayment = {
      TxnID: this.lineID(),
      kind: opts.kind ?? 'BillPaymentCheck',
      TxnNumber: this.txnNumber++,
      TimeCreated: t,
      TimeModified: t,
      EditSequence: this.nextEditSequence(),
      PayeeListID: first.VendorListID,
      TxnDate: opts.date ?? this.today(),
      RefNumber: opts.refNumber,
      Amount: applied.reduce((x, a) => x + cents(a.amount), 0),
      applied: applied.map((a) => ({ billTxnID: a.billTxnID, amount: cents(a.amount) })),
      voided: false,
    };
    this.company.billPayments.set(p.TxnID, p);
    for (const a of applied) {
      const bill = this.company.bills.get(a.billTxnID);
      if (bill) bill.TimeModified = t;
    }
    return p;
  }

  voidPaymentInQuickBooks(txnID: string): void {
    const p = this.company.billPayments.get(txnID);
    if (!p) throw new Error(`No payment ${txnID}`);
    p.voided = true;
    this.touch(p);
  }

  deletePaymentInQuickBooks(txnID: string): void {
    const p = this.company.billPayments.get(txnID);
    if (!p) throw new Error(`No payment ${txnID}`);
    this.company.billPayments.delete(txnID);
    this.company.deleted.push({
      TxnDelType: p.kind,
      TxnID: p.TxnID,
      TimeCreated: p.TimeCreated,
      TimeDeleted: this.tick(),
      RefNumber: p.RefNumber,
    });
  }

  findVendor(name: string): Vendor | undefined {
    return this.findByName(this.company.vendors, name);
  }
  findCustomer(fullName: string): Customer | undefined {
    return this.findByName(this.company.customers, fullName);
  }
  findItem(fullName: string): Item | undefined {
    return this.findByName(this.company.items, fullName);
  }
  purchaseOrdersByRef(refNumber: string): PurchaseOrder[] {
    return [...this.company.purchaseOrders.values()].filter((p) => p.RefNumber === refNumber);
  }
  billsByRef(refNumber: string): Bill[] {
    return [...this.company.bills.values()].filter((x) => x.RefNumber === refNumber);
  }
  /** Bill's open amount and paid state as QuickBooks reports them. */
  billStatus(txnID: string): { openAmount: string; isPaid: boolean } {
    const bill = this.company.bills.get(txnID);
    if (!bill) throw new Error(`No bill ${txnID}`);
    const open = bill.AmountDue - paidOnBill(this.company, txnID);
    return { openAmount: money(open), isPaid: open <= 0 };
  }
  purchaseOrderStatus(txnID: string): { isFullyReceived: boolean; lines: PoLine[] } {
    const po = this.company.purchaseOrders.get(txnID);
    if (!po) throw new Error(`No purchase order ${txnID}`);
    return { isFullyReceived: this.poFullyReceived(po), lines: po.lines };
  }

  private assertNameFreeForSetup(fullName: string): void {
    try {
      this.assertNameFree(fullName);
    } catch (e) {
      throw new Error(e instanceof Error ? e.message : String(e), { cause: e });
    }
  }

  private split<T extends ListBase>(map: Map<string, T>, fullName: string): { name: string; parent?: T } {
    const parts = fullName.split(':');
    const name = parts.pop() ?? fullName;
    if (parts.length === 0) return { name };
    const parent = this.findByName(map, parts.join(':'));
    if (!parent) throw new Error(`Parent "${parts.join(':')}" of "${fullName}" does not exist`);
    return { name, parent };
  }

  private seedStandard(): void {
    this.addAccount('Accounts Payable', 'AccountsPayable');
    this.addAccount('Checking', 'Bank');
    this.addAccount('Company Visa', 'CreditCard');
    this.addAccount('Cost of Goods Sold', 'CostOfGoodsSold');
    this.addAccount('Job Materials', 'CostOfGoodsSold');
    this.addAccount('Subcontractors', 'Expense');
    this.addAccount('Freight', 'Expense');
    this.addAccount('Office Supplies', 'Expense');
    this.addAccount('Sales', 'Income');
    this.addClass('East');
    this.addClass('West');
    this.addTerms('Net 30', 30);
    this.addTerms('Net 15', 15);
    this.addTerms('Due on receipt', 0);
    this.addItem('Parts', 'ItemNonInventory', 'Job Materials', 'Parts and materials');
    this.addItem('Labor', 'ItemService', 'Subcontractors', 'Subcontracted labor');
  }
}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)(?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(\/?)>/g;

/** IncludeRetElement: keeps only the named top-level children of each *Ret in `body`. */
export function keepRetElements(body: string, include: Set<string>): string {
  let out = '';
  let depth = 0;
  let childStart = -1;
  let childName = '';
  TAG.lastIndex = 0;
  for (let m = TAG.exec(body); m; m = TAG.exec(body)) {
    const [whole, close, name = '', selfClose] = m;
    const end = m.index + whole.length;
    if (close) {
      depth--;
      if (depth === 1 && childStart >= 0 && name === childName) {
        if (include.has(childName)) out += body.slice(childStart, end);
        childStart = -1;
      } else if (depth === 0) out += whole;
    } else if (depth === 0) {
      out += whole;
      depth++;
    } else if (depth === 1) {
      if (selfClose) {
        if (include.has(name)) out += whole;
      } else {
        childStart = m.index;
        childName = name;
        depth++;
      }
    } else if (!selfClose) depth++;
  }
  return out;
}

function ok(body: string): RsOut {
  return { statusCode: 0, statusSeverity: 'Info', statusMessage: 'Status OK', body };
}

function noMatch(): RsOut {
  return {
    statusCode: 1,
    statusSeverity: 'Info',
    statusMessage: 'A query request did not find a matching object in QuickBooks',
    body: '',
    retCount: 0,
  };
}

function escapeAttr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function time(v: string): number {
  // qbXML date-times may omit the offset (local time); the simulator's clock is UTC.
  const withZone = /[+-]\d{2}:\d{2}$|Z$/.test(v) || v.length <= 10 ? v : `${v}+00:00`;
  return Date.parse(withZone.length <= 10 ? `${withZone}T00:00:00+00:00` : withZone);
}

function matchText(value: string, criterion: string, needle: string): boolean {
  const v = lower(value);
  const n = lower(needle);
  return criterion === 'Contains'
    ? v.includes(n)
    : criterion === 'EndsWith'
      ? v.endsWith(n)
      : v.startsWith(n);
}

function total(expense: { Amount: number }[], items: { Amount: number }[]): number {
  return [...expense, ...items].reduce((a, l) => a + l.Amount, 0);
}

function address(v: unknown): Address | undefined {
  const n = node(v);
  if (!n) return undefined;
  return defined({
    Addr1: s(n.Addr1),
    Addr2: s(n.Addr2),
    Addr3: s(n.Addr3),
    Addr4: s(n.Addr4),
    Addr5: s(n.Addr5),
    City: s(n.City),
    State: s(n.State),
    PostalCode: s(n.PostalCode),
    Country: s(n.Country),
    Note: s(n.Note),
  });
}

/** Drops undefined properties (so Object.assign does not erase existing values). */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// The typed model of the qbXML answers Ledgerbridge reads (parse.ts reads them; types.ts says how values are
// written).
import type { Address, ListRef } from './values.js';

// ---------------------------------------------------------------------------------------------------------------
// Responses

export interface HostRet {
  ProductName?: string;
  MajorVersion?: string;
  MinorVersion?: string;
  Country?: string;
  SupportedQBXMLVersion: string[];
  IsAutomaticLogin?: boolean;
  QBFileMode?: string;
}

export interface CompanyRet {
  CompanyName?: string;
  LegalCompanyName?: string;
}

export interface PreferencesRet {
  IsUsingAccountNumbers?: boolean;
  IsUsingClassTracking?: boolean;
  /** The closing date: QuickBooks refuses (or asks for a password for) transactions dated on or before it. */
  ClosingDate?: string;
  IsMultiCurrencyOn?: boolean;
  IsUsingInventory?: boolean;
}

/**
 * Records as read (qbxml/parse.ts): what Intuit's XSD marks optional is optional here too, except what
 * Ledgerbridge cannot do without (ListID and a name, TxnID, a payment's TxnDate); a record lacking those is
 * set aside in the response's `unreadable`.
 */
interface ListRetCore {
  ListID: string;
  EditSequence?: string;
  /** From FullName's last part when QuickBooks sent only FullName. */
  Name: string;
  FullName: string;
  IsActive: boolean;
  TimeModified?: string;
  ParentRef?: ListRef;
  Sublevel?: number;
}

export interface AccountRet extends ListRetCore {
  AccountType?: string;
  AccountNumber?: string;
}
export type ClassRet = ListRetCore;

export type ItemKind =
  | 'ItemService'
  | 'ItemNonInventory'
  | 'ItemOtherCharge'
  | 'ItemInventory'
  | 'ItemInventoryAssembly'
  | 'ItemFixedAsset'
  | 'ItemSubtotal'
  | 'ItemDiscount'
  | 'ItemPayment'
  | 'ItemSalesTax'
  | 'ItemSalesTaxGroup'
  | 'ItemGroup';
export interface ItemRet extends ListRetCore {
  /** Which *Ret element QuickBooks answered with. */
  itemKind: ItemKind;
  /** Purchase-side description (SalesAndPurchase) or the single description. */
  Desc?: string;
  /** The account purchases post to (ExpenseAccountRef or AccountRef). */
  AccountRef?: ListRef;
  ExternalGUID?: string;
}

export interface StandardTermsRet {
  ListID: string;
  EditSequence?: string;
  Name: string;
  IsActive: boolean;
  StdDueDays?: number;
  StdDiscountDays?: number;
  DiscountPct?: string;
}

export interface VendorRet extends ListRetCore {
  CompanyName?: string;
  VendorAddress?: Address;
  Phone?: string;
  Email?: string;
  AccountNumber?: string;
  TermsRef?: ListRef;
  Balance?: string;
  ExternalGUID?: string;
}

export interface CustomerRet extends ListRetCore {
  CompanyName?: string;
  BillAddress?: Address;
  Phone?: string;
  Email?: string;
  JobStatus?: string;
  JobDesc?: string;
  Balance?: string;
  ExternalGUID?: string;
}

/** A transaction linked to this one (a bill's purchase order, a purchase order's bills, a payment). */
export interface LinkedTxn {
  TxnID: string;
  TxnType: string;
  TxnDate?: string;
  RefNumber?: string;
  LinkType?: string;
  Amount?: string;
}

export interface PurchaseOrderLineRet {
  TxnLineID: string;
  ItemRef?: ListRef;
  Desc?: string;
  Quantity?: string;
  Rate?: string;
  ClassRef?: ListRef;
  Amount?: string;
  CustomerRef?: ListRef;
  ReceivedQuantity?: string;
  IsBilled?: boolean;
  IsManuallyClosed?: boolean;
}

export interface PurchaseOrderRet {
  TxnID: string;
  EditSequence?: string;
  TxnNumber?: number;
  TimeModified?: string;
  VendorRef?: ListRef;
  TxnDate?: string;
  RefNumber?: string;
  TotalAmount?: string;
  IsManuallyClosed?: boolean;
  IsFullyReceived?: boolean;
  Memo?: string;
  ExternalGUID?: string;
  LinkedTxn: LinkedTxn[];
  PurchaseOrderLineRet: PurchaseOrderLineRet[];
}

export interface ExpenseLineRet {
  TxnLineID: string;
  AccountRef?: ListRef;
  Amount?: string;
  Memo?: string;
  CustomerRef?: ListRef;
  ClassRef?: ListRef;
  BillableStatus?: string;
}
export interface ItemLineRet {
  TxnLineID: string;
  ItemRef?: ListRef;
  Desc?: string;
  Quantity?: string;
  Cost?: string;
  Amount?: string;
  CustomerRef?: ListRef;
  ClassRef?: ListRef;
  BillableStatus?: string;
}

export interface BillRet {
  TxnID: string;
  EditSequence?: string;
  TxnNumber?: number;
  TimeModified?: string;
  VendorRef?: ListRef;
  TxnDate?: string;
  DueDate?: string;
  AmountDue?: string;
  RefNumber?: string;
  Memo?: string;
  IsPaid?: boolean;
  OpenAmount?: string;
  ExternalGUID?: string;
  LinkedTxn: LinkedTxn[];
  ExpenseLineRet: ExpenseLineRet[];
  ItemLineRet: ItemLineRet[];
}

export interface ItemReceiptRet {
  TxnID: string;
  EditSequence?: string;
  TxnNumber?: number;
  TimeModified?: string;
  VendorRef?: ListRef;
  TxnDate?: string;
  TotalAmount?: string;
  RefNumber?: string;
  Memo?: string;
  ExternalGUID?: string;
  LinkedTxn: LinkedTxn[];
  ExpenseLineRet: ExpenseLineRet[];
  ItemLineRet: ItemLineRet[];
}

export interface AppliedToTxnRet {
  TxnID: string;
  TxnType: string;
  TxnDate?: string;
  RefNumber?: string;
  BalanceRemaining?: string;
  Amount?: string;
  DiscountAmount?: string;
}

/** BillPaymentCheckRet and BillPaymentCreditCardRet share this shape. */
export interface BillPaymentRet {
  TxnID: string;
  EditSequence?: string;
  TxnNumber?: number;
  TimeCreated?: string;
  TimeModified?: string;
  PayeeEntityRef?: ListRef;
  TxnDate: string;
  Amount?: string;
  RefNumber?: string;
  Memo?: string;
  AppliedToTxnRet: AppliedToTxnRet[];
}

export interface TxnDeletedRet {
  TxnDelType?: string;
  TxnID: string;
  TimeCreated?: string;
  TimeDeleted?: string;
  RefNumber?: string;
}

export interface InvoiceRet {
  TxnID: string;
  EditSequence?: string;
  TxnNumber?: number;
  CustomerRef?: ListRef;
  TxnDate?: string;
  RefNumber?: string;
  Subtotal?: string;
  BalanceRemaining?: string;
  IsPaid?: boolean;
  Memo?: string;
  ExternalGUID?: string;
}

/** TxnDelRs / TxnVoidRs carry their fields directly (no *Ret element). */
export interface TxnDelRet {
  TxnDelType?: string;
  TxnID?: string;
  TimeDeleted?: string;
  RefNumber?: string;
}
export interface TxnVoidRet {
  TxnVoidType?: string;
  TxnID?: string;
  TimeModified?: string;
  RefNumber?: string;
}

/** The ErrorRecovery aggregate an Add/Mod response may carry (what QuickBooks already has for that record). */
export interface ErrorRecovery {
  ListID?: string;
  TxnID?: string;
  OwnerID?: string;
  TxnNumber?: number;
  EditSequence?: string;
  ExternalGUID?: string;
}

/** For each request type, the record type its response returns. */
export interface RetByType {
  HostQuery: HostRet;
  CompanyQuery: CompanyRet;
  PreferencesQuery: PreferencesRet;
  AccountQuery: AccountRet;
  ClassQuery: ClassRet;
  ItemQuery: ItemRet;
  StandardTermsQuery: StandardTermsRet;
  VendorQuery: VendorRet;
  CustomerQuery: CustomerRet;
  VendorAdd: VendorRet;
  VendorMod: VendorRet;
  CustomerAdd: CustomerRet;
  CustomerMod: CustomerRet;
  ItemNonInventoryAdd: ItemRet;
  ItemServiceAdd: ItemRet;
  PurchaseOrderAdd: PurchaseOrderRet;
  PurchaseOrderMod: PurchaseOrderRet;
  PurchaseOrderQuery: PurchaseOrderRet;
  BillAdd: BillRet;
  BillMod: BillRet;
  BillQuery: BillRet;
  InvoiceQuery: InvoiceRet;
  ItemReceiptAdd: ItemReceiptRet;
  ItemReceiptMod: ItemReceiptRet;
  ItemReceiptQuery: ItemReceiptRet;
  TxnDel: TxnDelRet;
  TxnVoid: TxnVoidRet;
  BillPaymentCheckQuery: BillPaymentRet;
  BillPaymentCreditCardQuery: BillPaymentRet;
  TxnDeletedQuery: TxnDeletedRet;
  InvoiceAdd: InvoiceRet;
}

export type StatusSeverity = 'Info' | 'Warn' | 'Error';

/** A record QuickBooks answered with that Ledgerbridge cannot use (left out of `records`). */
export interface UnreadableRecord {
  /** Its element, e.g. "BillRet". */
  element: string;
  /** Its RefNumber, FullName, Name, TxnID or ListID, whichever it has. */
  label?: string;
  /** What is missing or wrong, e.g. "no TxnID". */
  reason: string;
}

interface ResponseBase {
  /** The requestID the request carried ("" when QuickBooks answered without one). */
  requestID: string;
  statusCode: number;
  statusSeverity: StatusSeverity;
  statusMessage: string;
  retCount?: number;
  iteratorID?: string;
  iteratorRemainingCount?: number;
  errorRecovery?: ErrorRecovery;
  /** Records of this answer that could not be read (absent when there are none). */
  unreadable?: UnreadableRecord[];
}

/** One answer per request, narrowed by `type`: `records` holds that request's *Ret records (empty on errors). */
export type QbxmlResponse = {
  [K in keyof RetByType]: ResponseBase & { type: K; records: RetByType[K][] };
}[keyof RetByType];

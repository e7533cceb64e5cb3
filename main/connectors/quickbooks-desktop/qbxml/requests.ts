// The typed model of the qbXML requests Ledgerbridge sends (types.ts says how values are written). The builders
// (builders.ts) write these fields in the XSD's element order.
import type {
  AccountType,
  ActiveStatus,
  Address,
  BillableStatus,
  JobStatus,
  ListRef,
  MatchCriterion,
  OnError,
  TxnDelType,
  TxnVoidType,
} from './values.js';

// ---------------------------------------------------------------------------------------------------------------
// Queries

/** Iterator control for the queries that support one (Customer, Vendor, Item, PurchaseOrder, Bill, payments). */
export interface IteratorControl {
  /** Start opens an iterator (MaxReturned is the page size); Continue reads the next page; Stop releases it. */
  iterator: 'Start' | 'Continue' | 'Stop';
  /** Required for Continue and Stop: the iteratorID QuickBooks returned. */
  iteratorID?: string;
}

export interface NameFilter {
  MatchCriterion: MatchCriterion;
  Name: string;
}
export interface NameRangeFilter {
  FromName?: string;
  ToName?: string;
}

/**
 * ListQuery / ListQueryWithOwnerID / CustomerListQuery / VendorListQuery / AccountListQuery, flattened.
 * QuickBooks takes exactly one of: ListID list, FullName list, or the filters (MaxReturned, ActiveStatus, dates,
 * NameFilter | NameRangeFilter, AccountType). The builder refuses a mix.
 */
export interface ListQuery {
  ListID?: string[];
  FullName?: string[];
  MaxReturned?: number;
  ActiveStatus?: ActiveStatus;
  FromModifiedDate?: string;
  ToModifiedDate?: string;
  NameFilter?: NameFilter;
  NameRangeFilter?: NameRangeFilter;
  IncludeRetElement?: string[];
}

export interface AccountQuery extends ListQuery {
  /** Only with the filters (not with ListID/FullName). */
  AccountType?: AccountType[];
}

export interface ModifiedDateRangeFilter {
  FromModifiedDate?: string;
  ToModifiedDate?: string;
}
export interface TxnDateRangeFilter {
  FromTxnDate?: string;
  ToTxnDate?: string;
}
export interface EntityFilter {
  ListID?: string[];
  FullName?: string[];
}
export interface RefNumberFilter {
  MatchCriterion: MatchCriterion;
  RefNumber: string;
}

/**
 * TxnQuery / PurchaseOrderQuery / BillQuery, flattened. Exactly one of: TxnID list, RefNumber list, or the filters
 * (MaxReturned, ModifiedDateRangeFilter | TxnDateRangeFilter, EntityFilter, RefNumberFilter, PaidStatus for bills).
 * The duplicate guard queries a purchase order or bill by RefNumberFilter (Equal is not offered: StartsWith +
 * compare) or by RefNumber list, with EntityFilter for the vendor.
 */
export interface TxnQuery {
  TxnID?: string[];
  RefNumber?: string[];
  MaxReturned?: number;
  ModifiedDateRangeFilter?: ModifiedDateRangeFilter;
  TxnDateRangeFilter?: TxnDateRangeFilter;
  EntityFilter?: EntityFilter;
  RefNumberFilter?: RefNumberFilter;
  IncludeLineItems?: boolean;
  IncludeRetElement?: string[];
}

export interface PurchaseOrderQuery extends TxnQuery {
  IncludeLinkedTxns?: boolean;
}

export interface BillQuery extends TxnQuery {
  /** Only with the filters. */
  PaidStatus?: 'All' | 'PaidOnly' | 'NotPaidOnly';
  IncludeLinkedTxns?: boolean;
}

/**
 * ItemReceiptQuery (qbXML 3.0+): the duplicate guard looks for an item receipt by RefNumber and compares its
 * ExternalGUID; a revision meeting a stale EditSequence (3200) reads it again by TxnID.
 */
export interface ItemReceiptQuery extends TxnQuery {
  IncludeLinkedTxns?: boolean;
}

/** InvoiceQuery: the duplicate guard looks for an invoice by customer (EntityFilter) and its ExternalGUID. */
export interface InvoiceQuery extends TxnQuery {
  PaidStatus?: 'All' | 'PaidOnly' | 'NotPaidOnly';
  IncludeLinkedTxns?: boolean;
}

export interface TxnDeletedQuery {
  TxnDelType: TxnDelType[];
  DeletedDateRangeFilter?: { FromDeletedDate?: string; ToDeletedDate?: string };
  IncludeRetElement?: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Lists: add / mod

export interface VendorAdd {
  /** ≤ 41; unique across customers, vendors, employees and other names. */
  Name: string;
  IsActive?: boolean;
  CompanyName?: string;
  Salutation?: string;
  FirstName?: string;
  MiddleName?: string;
  LastName?: string;
  JobTitle?: string;
  VendorAddress?: Address;
  ShipAddress?: Address;
  Phone?: string;
  Mobile?: string;
  Fax?: string;
  Email?: string;
  Cc?: string;
  Contact?: string;
  AltContact?: string;
  NameOnCheck?: string;
  AccountNumber?: string;
  Notes?: string;
  VendorTypeRef?: ListRef;
  TermsRef?: ListRef;
  CreditLimit?: string;
  VendorTaxIdent?: string;
  IsVendorEligibleFor1099?: boolean;
  /** v8.0 */
  ExternalGUID?: string;
  CurrencyRef?: ListRef;
}

/** VendorMod: ListID + EditSequence, then the fields to change (no ExternalGUID). */
export interface VendorMod extends Omit<Partial<VendorAdd>, 'ExternalGUID'> {
  ListID: string;
  EditSequence: string;
}

export interface CustomerAdd {
  /** ≤ 41. A job is a customer whose ParentRef is its customer (or location). */
  Name: string;
  IsActive?: boolean;
  ClassRef?: ListRef;
  ParentRef?: ListRef;
  CompanyName?: string;
  Salutation?: string;
  FirstName?: string;
  MiddleName?: string;
  LastName?: string;
  JobTitle?: string;
  BillAddress?: Address;
  ShipAddress?: Address;
  PrintAs?: string;
  Phone?: string;
  Mobile?: string;
  Fax?: string;
  Email?: string;
  Cc?: string;
  Contact?: string;
  AltContact?: string;
  CustomerTypeRef?: ListRef;
  TermsRef?: ListRef;
  AccountNumber?: string;
  JobStatus?: JobStatus;
  JobStartDate?: string;
  JobProjectedEndDate?: string;
  JobEndDate?: string;
  /** ≤ 99 */
  JobDesc?: string;
  JobTypeRef?: ListRef;
  Notes?: string;
  /** v8.0 */
  ExternalGUID?: string;
  CurrencyRef?: ListRef;
}

/** CustomerMod: ListID + EditSequence, then the fields to change (no ExternalGUID). */
export interface CustomerMod extends Omit<Partial<CustomerAdd>, 'ExternalGUID'> {
  ListID: string;
  EditSequence: string;
}

/** ItemNonInventoryAdd / ItemServiceAdd with SalesOrPurchase (one description, price and account). */
export interface SalesOrPurchase {
  Desc?: string;
  Price?: string;
  AccountRef?: ListRef;
}
/** ItemNonInventoryAdd / ItemServiceAdd with SalesAndPurchase (separate purchase side: what POs and bills use). */
export interface SalesAndPurchase {
  SalesDesc?: string;
  SalesPrice?: string;
  IncomeAccountRef?: ListRef;
  PurchaseDesc?: string;
  PurchaseCost?: string;
  ExpenseAccountRef?: ListRef;
  PrefVendorRef?: ListRef;
}
export interface ItemAdd {
  /** ≤ 31 */
  Name: string;
  IsActive?: boolean;
  ParentRef?: ListRef;
  ClassRef?: ListRef;
  /** ItemNonInventory only. */
  ManufacturerPartNumber?: string;
  /** Exactly one of SalesOrPurchase and SalesAndPurchase. */
  SalesOrPurchase?: SalesOrPurchase;
  SalesAndPurchase?: SalesAndPurchase;
  /** v8.0 */
  ExternalGUID?: string;
}
export type ItemNonInventoryAdd = ItemAdd;
export type ItemServiceAdd = Omit<ItemAdd, 'ManufacturerPartNumber'>;

// ---------------------------------------------------------------------------------------------------------------
// Transactions: add / mod

export interface PurchaseOrderLineAdd {
  ItemRef?: ListRef;
  ManufacturerPartNumber?: string;
  Desc?: string;
  Quantity?: string;
  UnitOfMeasure?: string;
  Rate?: string;
  ClassRef?: ListRef;
  Amount?: string;
  /** The job (or customer) the cost belongs to: job costing. */
  CustomerRef?: ListRef;
  ServiceDate?: string;
  SalesTaxCodeRef?: ListRef;
  OverrideItemAccountRef?: ListRef;
  Other1?: string;
  Other2?: string;
}

export interface PurchaseOrderAdd {
  VendorRef: ListRef;
  ClassRef?: ListRef;
  ShipToEntityRef?: ListRef;
  TemplateRef?: ListRef;
  TxnDate?: string;
  /** ≤ 11 */
  RefNumber?: string;
  VendorAddress?: Address;
  ShipAddress?: Address;
  TermsRef?: ListRef;
  DueDate?: string;
  ExpectedDate?: string;
  ShipMethodRef?: ListRef;
  FOB?: string;
  Memo?: string;
  VendorMsg?: string;
  IsToBePrinted?: boolean;
  IsToBeEmailed?: boolean;
  IsTaxIncluded?: boolean;
  SalesTaxCodeRef?: ListRef;
  Other1?: string;
  Other2?: string;
  ExchangeRate?: string;
  /** v9.0 */
  ExternalGUID?: string;
  /** At least one. */
  PurchaseOrderLineAdd: PurchaseOrderLineAdd[];
}

/** TxnLineID "-1" adds a new line; lines left out of a Mod are deleted by QuickBooks. */
export interface PurchaseOrderLineMod extends PurchaseOrderLineAdd {
  TxnLineID: string;
  IsManuallyClosed?: boolean;
}

export interface PurchaseOrderMod extends Omit<
  Partial<PurchaseOrderAdd>,
  'ExternalGUID' | 'PurchaseOrderLineAdd' | 'IsToBePrinted'
> {
  TxnID: string;
  EditSequence: string;
  IsManuallyClosed?: boolean;
  IsToBePrinted?: boolean;
  PurchaseOrderLineMod?: PurchaseOrderLineMod[];
}

export interface ExpenseLineAdd {
  AccountRef?: ListRef;
  Amount?: string;
  Memo?: string;
  CustomerRef?: ListRef;
  ClassRef?: ListRef;
  SalesTaxCodeRef?: ListRef;
  BillableStatus?: BillableStatus;
}

export interface LinkToTxn {
  TxnID: string;
  TxnLineID: string;
}

export interface ItemLineAdd {
  ItemRef?: ListRef;
  Desc?: string;
  Quantity?: string;
  UnitOfMeasure?: string;
  /** Bills and item receipts use Cost, not Rate. */
  Cost?: string;
  Amount?: string;
  CustomerRef?: ListRef;
  ClassRef?: ListRef;
  SalesTaxCodeRef?: ListRef;
  BillableStatus?: BillableStatus;
  OverrideItemAccountRef?: ListRef;
  /** Receive against one purchase-order line. */
  LinkToTxn?: LinkToTxn;
}

export interface BillAdd {
  VendorRef: ListRef;
  VendorAddress?: Address;
  APAccountRef?: ListRef;
  TxnDate?: string;
  DueDate?: string;
  /** ≤ 20: the supplier's invoice number. */
  RefNumber?: string;
  TermsRef?: ListRef;
  Memo?: string;
  IsTaxIncluded?: boolean;
  SalesTaxCodeRef?: ListRef;
  ExchangeRate?: string;
  /** v9.0 */
  ExternalGUID?: string;
  /** Links the whole purchase order (v4.0); its open lines become item lines of the bill. */
  LinkToTxnID?: string[];
  ExpenseLineAdd?: ExpenseLineAdd[];
  ItemLineAdd?: ItemLineAdd[];
}

export interface ExpenseLineMod extends ExpenseLineAdd {
  TxnLineID: string;
}
export interface ItemLineMod extends Omit<ItemLineAdd, 'LinkToTxn'> {
  TxnLineID: string;
}

export interface BillMod extends Omit<
  Partial<BillAdd>,
  'ExternalGUID' | 'LinkToTxnID' | 'ExpenseLineAdd' | 'ItemLineAdd'
> {
  TxnID: string;
  EditSequence: string;
  ClearExpenseLines?: boolean;
  ExpenseLineMod?: ExpenseLineMod[];
  ClearItemLines?: boolean;
  ItemLineMod?: ItemLineMod[];
}

export interface ItemReceiptAdd {
  VendorRef: ListRef;
  APAccountRef?: ListRef;
  TxnDate?: string;
  /** ≤ 20 */
  RefNumber?: string;
  Memo?: string;
  IsTaxIncluded?: boolean;
  SalesTaxCodeRef?: ListRef;
  ExchangeRate?: string;
  ExternalGUID?: string;
  /** The purchase order this receipt receives (whole order); or ItemLineAdd.LinkToTxn for single lines. */
  LinkToTxnID?: string[];
  ExpenseLineAdd?: ExpenseLineAdd[];
  ItemLineAdd?: ItemLineAdd[];
}

export interface ItemReceiptMod extends Omit<
  Partial<ItemReceiptAdd>,
  'ExternalGUID' | 'LinkToTxnID' | 'ExpenseLineAdd' | 'ItemLineAdd'
> {
  TxnID: string;
  EditSequence: string;
  ClearExpenseLines?: boolean;
  ExpenseLineMod?: ExpenseLineMod[];
  ClearItemLines?: boolean;
  ItemLineMod?: ItemLineMod[];
}

export interface InvoiceLineAdd {
  ItemRef?: ListRef;
  Desc?: string;
  Quantity?: string;
  UnitOfMeasure?: string;
  Rate?: string;
  ClassRef?: ListRef;
  Amount?: string;
  ServiceDate?: string;
  SalesTaxCodeRef?: ListRef;
}

export interface InvoiceAdd {
  /** The customer or job (Customer:Job) invoiced. */
  CustomerRef: ListRef;
  ClassRef?: ListRef;
  ARAccountRef?: ListRef;
  TemplateRef?: ListRef;
  TxnDate?: string;
  /** ≤ 11 */
  RefNumber?: string;
  BillAddress?: Address;
  ShipAddress?: Address;
  /** ≤ 25 */
  PONumber?: string;
  TermsRef?: ListRef;
  DueDate?: string;
  Memo?: string;
  IsToBePrinted?: boolean;
  IsToBeEmailed?: boolean;
  /** ≤ 29 */
  Other?: string;
  ExternalGUID?: string;
  InvoiceLineAdd: InvoiceLineAdd[];
}

export interface TxnDel {
  TxnDelType: TxnDelType;
  TxnID: string;
}
export interface TxnVoid {
  TxnVoidType: TxnVoidType;
  TxnID: string;
}

// ---------------------------------------------------------------------------------------------------------------
// The request union

interface Rq<T extends string, B> {
  type: T;
  /** Echoed on the response; ≤ 50 characters. Ledgerbridge uses it to find the outbox job. */
  requestID: string;
  body: B;
  /**
   * Adds and Mods only (queries have IncludeRetElement in their body): the top-level *Ret elements QuickBooks
   * should return, for smaller answers. The parser needs the record's identity, so include ListID, EditSequence
   * and Name for lists; TxnID, EditSequence and TxnDate for transactions; plus VendorRef and AmountDue for bills,
   * VendorRef for item receipts, CustomerRef for invoices.
   */
  includeRetElement?: string[];
}
interface IterRq<T extends string, B> extends Rq<T, B> {
  /** Absent: a plain query (all matches at once). */
  iterator?: IteratorControl;
}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type Empty = {};

export type QbxmlRequest =
  | Rq<'HostQuery', Empty>
  | Rq<'CompanyQuery', Empty>
  | Rq<'PreferencesQuery', Empty>
  | Rq<'AccountQuery', AccountQuery>
  | Rq<'ClassQuery', ListQuery>
  | IterRq<'ItemQuery', ListQuery>
  | Rq<'StandardTermsQuery', ListQuery>
  | IterRq<'VendorQuery', ListQuery>
  | IterRq<'CustomerQuery', ListQuery>
  | Rq<'VendorAdd', VendorAdd>
  | Rq<'VendorMod', VendorMod>
  | Rq<'CustomerAdd', CustomerAdd>
  | Rq<'CustomerMod', CustomerMod>
  | Rq<'ItemNonInventoryAdd', ItemNonInventoryAdd>
  | Rq<'ItemServiceAdd', ItemServiceAdd>
  | Rq<'PurchaseOrderAdd', PurchaseOrderAdd>
  | Rq<'PurchaseOrderMod', PurchaseOrderMod>
  | IterRq<'PurchaseOrderQuery', PurchaseOrderQuery>
  | Rq<'BillAdd', BillAdd>
  | Rq<'BillMod', BillMod>
  | IterRq<'BillQuery', BillQuery>
  | IterRq<'InvoiceQuery', InvoiceQuery>
  | Rq<'ItemReceiptAdd', ItemReceiptAdd>
  | Rq<'ItemReceiptMod', ItemReceiptMod>
  | IterRq<'ItemReceiptQuery', ItemReceiptQuery>
  | Rq<'TxnDel', TxnDel>
  | Rq<'TxnVoid', TxnVoid>
  | IterRq<'BillPaymentCheckQuery', TxnQuery>
  | IterRq<'BillPaymentCreditCardQuery', TxnQuery>
  | Rq<'TxnDeletedQuery', TxnDeletedQuery>
  | Rq<'InvoiceAdd', InvoiceAdd>;

export type QbxmlRequestType = QbxmlRequest['type'];

export interface BuildOptions {
  /** The qbXML version written in the <?qbxml version="…"?> processing instruction, e.g. "13.0". */
  version: string;
  onError: OnError;
  /** Intuit error recovery: a message-set id QuickBooks remembers (optional). */
  newMessageSetID?: string;
}

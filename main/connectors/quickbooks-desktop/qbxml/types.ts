// The typed model of the qbXML requests Ledgerbridge sends to QuickBooks Desktop and of the answers it reads.
// Field names are qbXML's own element names, so a reader can hold this file next to Intuit's reference; the
// builders (builders.ts) write them in the XSD's element order, which is what QuickBooks insists on
// (a wrong order is the classic 0x80040400 parse error).
//
// Values: amounts and prices are decimal strings as qbXML writes them ("1234.50"), never floats; dates are
// "YYYY-MM-DD"; date-times are ISO 8601 ("2026-11-22T10:00:00" with an optional offset); ListID/TxnID are
// QuickBooks' opaque ids; ExternalGUID is "{8-4-4-4-12}" in hex.

/** A reference to a list element (vendor, customer, item, account, class, terms, ...). */
export interface ListRef {
  ListID?: string;
  FullName?: string;
}

/** qbXML's AddressData group. */
export interface Address {
  Addr1?: string;
  Addr2?: string;
  Addr3?: string;
  Addr4?: string;
  Addr5?: string;
  City?: string;
  State?: string;
  PostalCode?: string;
  Country?: string;
  Note?: string;
}

export type ActiveStatus = 'ActiveOnly' | 'InactiveOnly' | 'All';
export type MatchCriterion = 'StartsWith' | 'Contains' | 'EndsWith';
export type BillableStatus = 'Billable' | 'NotBillable' | 'HasBeenBilled';
export type JobStatus = 'Awarded' | 'Closed' | 'InProgress' | 'None' | 'NotAwarded' | 'Pending';
export type OnError = 'continueOnError' | 'stopOnError';

/** Transaction types Ledgerbridge deletes (TxnDel) or reads as deleted (TxnDeletedQuery). */
export type TxnDelType =
  | 'Bill'
  | 'BillPaymentCheck'
  | 'BillPaymentCreditCard'
  | 'Check'
  | 'Invoice'
  | 'ItemReceipt'
  | 'PurchaseOrder'
  | 'VendorCredit';
/** TxnVoid has no PurchaseOrder: a purchase order is deleted or closed, never voided. */
export type TxnVoidType =
  'Bill' | 'BillPaymentCheck' | 'BillPaymentCreditCard' | 'Check' | 'Invoice' | 'ItemReceipt';

export type AccountType =
  | 'AccountsPayable'
  | 'AccountsReceivable'
  | 'Bank'
  | 'CostOfGoodsSold'
  | 'CreditCard'
  | 'Equity'
  | 'Expense'
  | 'FixedAsset'
  | 'Income'
  | 'LongTermLiability'
  | 'NonPosting'
  | 'OtherAsset'
  | 'OtherCurrentAsset'
  | 'OtherCurrentLiability'
  | 'OtherExpense'
  | 'OtherIncome';

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

/** A value cannot be sent as written: names the field, the limit or the character, and how to fix it. */
export class QbxmlFieldError extends Error {
  constructor(
    /** Dotted path of the qbXML element, e.g. "PurchaseOrderAdd.RefNumber". */
    readonly field: string,
    readonly problem: 'too_long' | 'unencodable' | 'invalid' | 'unsupported_version',
    message: string,
    readonly limit?: number,
  ) {
    super(message);
    this.name = 'QbxmlFieldError';
  }
}

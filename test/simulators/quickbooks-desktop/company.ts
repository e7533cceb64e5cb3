// The company file the QuickBooks Desktop simulator keeps: lists, transactions, payments, deleted transactions and
// the closing date. Amounts are whole cents; quantities are numbers. Tests read it directly (sim.company).

export interface ListBase {
  ListID: string;
  TimeCreated: string;
  TimeModified: string;
  EditSequence: string;
  Name: string;
  /** Name joined with the parents' names by ":" (customers/jobs, accounts, classes, items). */
  FullName: string;
  IsActive: boolean;
  ParentListID?: string;
  Sublevel: number;
  ExternalGUID?: string;
}

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

export interface Account extends ListBase {
  AccountType: string;
  AccountNumber?: string;
}
export type QbClass = ListBase;
export interface Terms extends ListBase {
  StdDueDays: number;
}
export interface Item extends ListBase {
  kind: 'ItemService' | 'ItemNonInventory' | 'ItemOtherCharge';
  Desc?: string;
  /** The account purchases of this item post to. */
  AccountListID?: string;
  /** SalesAndPurchase (separate purchase side) vs SalesOrPurchase. */
  salesAndPurchase: boolean;
  ManufacturerPartNumber?: string;
}
export interface Vendor extends ListBase {
  CompanyName?: string;
  FirstName?: string;
  LastName?: string;
  VendorAddress?: Address;
  Phone?: string;
  Fax?: string;
  Email?: string;
  Contact?: string;
  NameOnCheck?: string;
  AccountNumber?: string;
  Notes?: string;
  TermsListID?: string;
  VendorTaxIdent?: string;
}
export interface Customer extends ListBase {
  CompanyName?: string;
  BillAddress?: Address;
  Phone?: string;
  Email?: string;
  JobStatus?: string;
  JobDesc?: string;
}
/** Employees and other names: only their names matter here (names are unique across all name lists). */
export interface OtherName {
  ListID: string;
  Name: string;
  kind: 'Employee' | 'OtherName';
}

export interface LinkedTxn {
  TxnID: string;
  TxnType: string;
  TxnDate: string;
  RefNumber?: string;
  LinkType: 'AMTTYPE' | 'QUANTYPE';
  /** Cents. */
  Amount: number;
}

export interface TxnBase {
  TxnID: string;
  TxnNumber: number;
  TimeCreated: string;
  TimeModified: string;
  EditSequence: string;
  TxnDate: string;
  RefNumber?: string;
  Memo?: string;
  ExternalGUID?: string;
  linked: LinkedTxn[];
}

export interface PoLine {
  TxnLineID: string;
  ItemListID?: string;
  Desc?: string;
  Quantity?: number;
  Rate?: string;
  ClassListID?: string;
  /** Cents. */
  Amount: number;
  CustomerListID?: string;
  ServiceDate?: string;
  ReceivedQuantity: number;
  /** Quantity billed so far. */
  BilledQuantity: number;
  IsManuallyClosed: boolean;
}
export interface PurchaseOrder extends TxnBase {
  VendorListID: string;
  ClassListID?: string;
  DueDate?: string;
  ExpectedDate?: string;
  IsManuallyClosed: boolean;
  lines: PoLine[];
}

export interface ExpenseLine {
  TxnLineID: string;
  AccountListID?: string;
  Amount: number;
  Memo?: string;
  CustomerListID?: string;
  ClassListID?: string;
  BillableStatus?: string;
}
export interface ItemLine {
  TxnLineID: string;
  ItemListID?: string;
  Desc?: string;
  Quantity?: number;
  Cost?: string;
  Amount: number;
  CustomerListID?: string;
  ClassListID?: string;
  BillableStatus?: string;
}
export interface Bill extends TxnBase {
  VendorListID: string;
  APAccountListID?: string;
  DueDate?: string;
  expenseLines: ExpenseLine[];
  itemLines: ItemLine[];
  /** Total of the lines, in cents. */
  AmountDue: number;
  voided: boolean;
}
export interface ItemReceipt extends TxnBase {
  VendorListID: string;
  expenseLines: ExpenseLine[];
  itemLines: ItemLine[];
  TotalAmount: number;
}
export interface BillPayment {
  TxnID: string;
  kind: 'BillPaymentCheck' | 'BillPaymentCreditCard';
  TxnNumber: number;
  TimeCreated: string;
  TimeModified: string;
  EditSequence: string;
  PayeeListID: string;
  TxnDate: string;
  RefNumber?: string;
  /** Cents. */
  Amount: number;
  applied: { billTxnID: string; amount: number }[];
  voided: boolean;
}
export interface Invoice extends TxnBase {
  CustomerListID: string;
  lines: {
    TxnLineID: string;
    ItemListID?: string;
    Desc?: string;
    Quantity?: number;
    Rate?: string;
    Amount: number;
  }[];
  Subtotal: number;
}
export interface DeletedTxn {
  TxnDelType: string;
  TxnID: string;
  TimeCreated: string;
  TimeDeleted: string;
  RefNumber?: string;
}

export interface Company {
  companyName: string;
  closingDate?: string;
  isUsingClassTracking: boolean;
  accounts: Map<string, Account>;
  classes: Map<string, QbClass>;
  terms: Map<string, Terms>;
  items: Map<string, Item>;
  vendors: Map<string, Vendor>;
  customers: Map<string, Customer>;
  otherNames: Map<string, OtherName>;
  purchaseOrders: Map<string, PurchaseOrder>;
  bills: Map<string, Bill>;
  itemReceipts: Map<string, ItemReceipt>;
  billPayments: Map<string, BillPayment>;
  invoices: Map<string, Invoice>;
  deleted: DeletedTxn[];
}

export function emptyCompany(companyName: string): Company {
  return {
    companyName,
    isUsingClassTracking: true,
    accounts: new Map(),
    classes: new Map(),
    terms: new Map(),
    items: new Map(),
    vendors: new Map(),
    customers: new Map(),
    otherNames: new Map(),
    purchaseOrders: new Map(),
    bills: new Map(),
    itemReceipts: new Map(),
    billPayments: new Map(),
    invoices: new Map(),
    deleted: [],
  };
}

/** Amount paid on a bill so far (cents), from the payments that are not voided. */
export function paidOnBill(company: Company, billTxnID: string): number {
  let paid = 0;
  for (const p of company.billPayments.values()) {
    if (p.voided) continue;
    for (const a of p.applied) if (a.billTxnID === billTxnID) paid += a.amount;
  }
  return paid;
}

export function cents(amount: string | undefined): number {
  if (amount === undefined || amount === '') return 0;
  const neg = amount.startsWith('-');
  const [whole = '0', frac = ''] = amount.replace(/^[+-]/, '').split('.');
  const c = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  return neg ? -c : c;
}

export function money(c: number): string {
  const neg = c < 0;
  const a = Math.abs(c);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

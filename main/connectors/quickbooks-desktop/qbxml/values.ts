// qbXML's shared value types: references, addresses and the enumerations requests and answers both use.
// Field names are qbXML's own element names (see types.ts).

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

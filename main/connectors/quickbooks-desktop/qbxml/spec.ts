// The element order, limits and versions of every aggregate Ledgerbridge writes, transcribed from Intuit's
// qbXML 13.0 schema (qbxmlops130.xsd / qbxml130.xsd) and the version notes in qbxmlops130-sample.xml. Order is
// not a matter of taste: QuickBooks rejects a message whose elements are out of the schema's sequence
// (0x80040400). The unit tests validate every builder's output against the XSD with xmllint.

export type ScalarKind =
  | 'str'
  | 'id'
  | 'guid'
  | 'bool'
  | 'amt'
  | 'price'
  | 'qty'
  | 'pct'
  | 'float'
  | 'date'
  | 'datetime'
  | 'int'
  | 'enum';

interface FieldBase {
  /** The qbXML element name (also the property name in the typed model). */
  n: string;
  /** Repeats: the property is an array, one element per item. */
  rep?: boolean;
  /** Required by the schema. */
  req?: boolean;
  /** qbXML version that introduced the element (from the sample file's "vN.0" notes). */
  since?: number;
  /** Below `since`, leave the element out instead of refusing (only for elements nothing depends on). */
  dropBelow?: boolean;
}
export interface ScalarField extends FieldBase {
  k: ScalarKind;
  max?: number;
  values?: readonly string[];
}
export interface RefField extends FieldBase {
  k: 'ref';
  /** maxLength of FullName inside this reference. */
  max?: number;
}
export interface AggField extends FieldBase {
  k: 'agg';
  spec: Spec;
}
/** An XSD choice: at most one of the options may carry values (exactly one when `req`). */
export interface ChoiceField {
  k: 'choice';
  of: readonly Spec[];
  req?: boolean;
}
export type Field = ScalarField | RefField | AggField | ChoiceField;
export type Spec = readonly Field[];

const s = (n: string, max?: number, extra: Partial<ScalarField> = {}): ScalarField => ({
  n,
  k: 'str',
  max,
  ...extra,
});
const k = (n: string, kind: ScalarKind, extra: Partial<ScalarField> = {}): ScalarField => ({
  n,
  k: kind,
  ...extra,
});
const ref = (n: string, max?: number, extra: Partial<RefField> = {}): RefField => ({
  n,
  k: 'ref',
  max,
  ...extra,
});
const agg = (n: string, spec: Spec, extra: Partial<AggField> = {}): AggField => ({
  n,
  k: 'agg',
  spec,
  ...extra,
});
const choice = (of: readonly Spec[], req = false): ChoiceField => ({ k: 'choice', of, req });

/** FullName limits of the reference groups (XSD). */
const L = {
  vendor: 41,
  customer: 209,
  list: 159,
  simple: 31,
  taxCode: 3,
  shipMethod: 15,
  salesRep: 5,
  currency: 64,
};

export const ADDRESS: Spec = [
  s('Addr1', 41),
  s('Addr2', 41),
  s('Addr3', 41),
  s('Addr4', 41, { since: 2 }),
  s('Addr5', 41, { since: 6 }),
  s('City', 31),
  s('State', 21),
  s('PostalCode', 13),
  s('Country', 31),
  s('Note', 41, { since: 6 }),
];

const PERSON_NAME: Spec = [s('Salutation', 15), s('FirstName', 25), s('MiddleName', 5), s('LastName', 25)];

const COMM_INFO: Spec = [
  s('Phone', 21),
  s('Mobile', 21),
  s('Fax', 21),
  s('Email', 1023),
  s('Cc', 1023, { since: 12 }),
  s('Contact', 41),
  s('AltContact', 41),
];

const JOB_STATUS = ['Awarded', 'Closed', 'InProgress', 'None', 'NotAwarded', 'Pending'] as const;
const BILLABLE = ['Billable', 'NotBillable', 'HasBeenBilled'] as const;
const GUID_SINCE_LIST = { since: 8, dropBelow: true };
const GUID_SINCE_TXN = { since: 9, dropBelow: true };

// ---- Vendor ------------------------------------------------------------------------------------------------
const VENDOR_FIELDS = (mod: boolean): Spec => [
  s('Name', 41, { req: !mod }),
  k('IsActive', 'bool', mod ? { since: 3 } : {}),
  s('CompanyName', 41),
  ...PERSON_NAME,
  s('JobTitle', 41, { since: 12 }),
  agg('VendorAddress', ADDRESS),
  agg('ShipAddress', ADDRESS, { since: 11 }),
  ...COMM_INFO,
  s('NameOnCheck', 41),
  s('AccountNumber', 99),
  s('Notes', 4095, { since: 3 }),
  ref('VendorTypeRef', L.list, mod ? { since: 3 } : {}),
  ref('TermsRef', L.simple, mod ? { since: 3 } : {}),
  k('CreditLimit', 'amt', mod ? { since: 3 } : {}),
  s('VendorTaxIdent', 15),
  k('IsVendorEligibleFor1099', 'bool', mod ? { since: 3 } : {}),
  ...(mod ? [] : [k('ExternalGUID', 'guid', GUID_SINCE_LIST)]),
  ref('CurrencyRef', L.currency, { since: 8 }),
];
export const VENDOR_ADD: Spec = VENDOR_FIELDS(false);
export const VENDOR_MOD: Spec = [
  k('ListID', 'id', { req: true }),
  s('EditSequence', 16, { req: true }),
  ...VENDOR_FIELDS(true),
];

// ---- Customer / job ------------------------------------------------------------------------------------------
const CUSTOMER_FIELDS = (mod: boolean): Spec => {
  const m3 = mod ? { since: 3 } : {};
  return [
    s('Name', 41, { req: !mod }),
    k('IsActive', 'bool', m3),
    ref('ClassRef', L.list, { since: 12 }),
    ref('ParentRef', 209, m3),
    s('CompanyName', 41),
    ...PERSON_NAME,
    s('JobTitle', 41, { since: 12 }),
    agg('BillAddress', ADDRESS),
    agg('ShipAddress', ADDRESS),
    s('PrintAs', 41),
    ...COMM_INFO,
    ref('CustomerTypeRef', L.list, m3),
    ref('TermsRef', L.simple, m3),
    s('AccountNumber', 99),
    k('JobStatus', 'enum', { values: JOB_STATUS, ...m3 }),
    k('JobStartDate', 'date', m3),
    k('JobProjectedEndDate', 'date', m3),
    k('JobEndDate', 'date', m3),
    s('JobDesc', 99, m3),
    ref('JobTypeRef', L.list, m3),
    s('Notes', 4095, { since: 3 }),
    ...(mod ? [] : [k('ExternalGUID', 'guid', GUID_SINCE_LIST)]),
    ref('CurrencyRef', L.currency, { since: 8 }),
  ];
};
export const CUSTOMER_ADD: Spec = CUSTOMER_FIELDS(false);
export const CUSTOMER_MOD: Spec = [
  k('ListID', 'id', { req: true }),
  s('EditSequence', 16, { req: true }),
  ...CUSTOMER_FIELDS(true),
];

// ---- Items ---------------------------------------------------------------------------------------------------
const SALES_OR_PURCHASE: Spec = [s('Desc', 4095), k('Price', 'price'), ref('AccountRef', L.list)];
const SALES_AND_PURCHASE: Spec = [
  s('SalesDesc', 4095),
  k('SalesPrice', 'price'),
  ref('IncomeAccountRef', L.list),
  s('PurchaseDesc', 4095),
  k('PurchaseCost', 'price'),
  ref('ExpenseAccountRef', L.list),
  ref('PrefVendorRef', L.vendor),
];
const ITEM_SALES_PURCHASE = choice(
  [[agg('SalesOrPurchase', SALES_OR_PURCHASE)], [agg('SalesAndPurchase', SALES_AND_PURCHASE)]],
  true,
);
// Note the XSD's different order: ItemNonInventoryAdd has ParentRef before ClassRef, ItemServiceAdd the reverse.
export const ITEM_NON_INVENTORY_ADD: Spec = [
  s('Name', 31, { req: true }),
  k('IsActive', 'bool'),
  ref('ParentRef', L.list),
  ref('ClassRef', L.list, { since: 12 }),
  s('ManufacturerPartNumber', 31, { since: 7 }),
  ITEM_SALES_PURCHASE,
  k('ExternalGUID', 'guid', GUID_SINCE_LIST),
];
export const ITEM_SERVICE_ADD: Spec = [
  s('Name', 31, { req: true }),
  k('IsActive', 'bool'),
  ref('ClassRef', L.list, { since: 12 }),
  ref('ParentRef', L.list),
  ITEM_SALES_PURCHASE,
  k('ExternalGUID', 'guid', GUID_SINCE_LIST),
];

// ---- Purchase orders -----------------------------------------------------------------------------------------
const PO_LINE_CORE = (mod: boolean): Spec => [
  ref('ItemRef', L.list),
  s('ManufacturerPartNumber', 31, { since: 7 }),
  s('Desc', 4095),
  k('Quantity', 'qty'),
  s('UnitOfMeasure', 31, { since: 7 }),
  k('Rate', 'price'),
  ref('ClassRef', L.list),
  k('Amount', 'amt'),
  ref('CustomerRef', L.customer),
  k('ServiceDate', 'date'),
  ref('SalesTaxCodeRef', L.taxCode),
  ...(mod ? [k('IsManuallyClosed', 'bool')] : []),
  ref('OverrideItemAccountRef', L.list, { since: 2 }),
  s('Other1', 29, { since: 6 }),
  s('Other2', 29, { since: 6 }),
];
export const PO_LINE_ADD: Spec = PO_LINE_CORE(false);
export const PO_LINE_MOD: Spec = [k('TxnLineID', 'id', { req: true }), ...PO_LINE_CORE(true)];

const PO_HEADER = (mod: boolean): Spec => [
  ref('VendorRef', L.vendor, { req: !mod }),
  ref('ClassRef', L.list),
  ref('ShipToEntityRef', L.customer),
  ref('TemplateRef', L.simple, { since: 3 }),
  k('TxnDate', 'date'),
  s('RefNumber', 11),
  agg('VendorAddress', ADDRESS),
  agg('ShipAddress', ADDRESS),
  ref('TermsRef', L.simple),
  k('DueDate', 'date'),
  k('ExpectedDate', 'date'),
  ref('ShipMethodRef', L.shipMethod),
  s('FOB', 13),
  ...(mod ? [k('IsManuallyClosed', 'bool')] : []),
  s('Memo', 4095),
  s('VendorMsg', 99),
  k('IsToBePrinted', 'bool'),
  k('IsToBeEmailed', 'bool', { since: 6 }),
  k('IsTaxIncluded', 'bool'),
  ref('SalesTaxCodeRef', L.taxCode),
  s('Other1', 25, { since: 6 }),
  s('Other2', 29, { since: 6 }),
  k('ExchangeRate', 'float', { since: 8 }),
];
export const PURCHASE_ORDER_ADD: Spec = [
  ...PO_HEADER(false),
  k('ExternalGUID', 'guid', GUID_SINCE_TXN),
  agg('PurchaseOrderLineAdd', PO_LINE_ADD, { rep: true, req: true }),
];
export const PURCHASE_ORDER_MOD: Spec = [
  k('TxnID', 'id', { req: true }),
  s('EditSequence', 16, { req: true }),
  ...PO_HEADER(true),
  agg('PurchaseOrderLineMod', PO_LINE_MOD, { rep: true }),
];

// ---- Bills and item receipts ---------------------------------------------------------------------------------
const EXPENSE_LINE_CORE: Spec = [
  ref('AccountRef', L.list),
  k('Amount', 'amt'),
  s('Memo', 4095),
  ref('CustomerRef', L.customer),
  ref('ClassRef', L.list),
  ref('SalesTaxCodeRef', L.taxCode),
  k('BillableStatus', 'enum', { values: BILLABLE, since: 2 }),
];
export const EXPENSE_LINE_ADD: Spec = EXPENSE_LINE_CORE;
export const EXPENSE_LINE_MOD: Spec = [k('TxnLineID', 'id', { req: true }), ...EXPENSE_LINE_CORE];

const LINK_TO_TXN: Spec = [k('TxnID', 'id', { req: true }), k('TxnLineID', 'id', { req: true })];
const ITEM_LINE_CORE = (mod: boolean): Spec => [
  ref('ItemRef', L.list),
  s('Desc', 4095),
  k('Quantity', 'qty'),
  s('UnitOfMeasure', 31, { since: 7 }),
  k('Cost', 'price'),
  k('Amount', 'amt'),
  ref('CustomerRef', L.customer),
  ref('ClassRef', L.list),
  ref('SalesTaxCodeRef', L.taxCode),
  k('BillableStatus', 'enum', { values: BILLABLE, since: 2 }),
  ref('OverrideItemAccountRef', L.list, { since: 2 }),
  ...(mod ? [] : [agg('LinkToTxn', LINK_TO_TXN, { since: 4 })]),
];
export const ITEM_LINE_ADD: Spec = ITEM_LINE_CORE(false);
export const ITEM_LINE_MOD: Spec = [k('TxnLineID', 'id', { req: true }), ...ITEM_LINE_CORE(true)];

// A bill's vendor address (qbXML 13.0) is a copy QuickBooks fills from the vendor record anyway: below 13.0 it is
// left out rather than refusing the bill.
const BILL_VENDOR_ADDRESS = { since: 13, dropBelow: true };

export const BILL_ADD: Spec = [
  ref('VendorRef', L.vendor, { req: true }),
  agg('VendorAddress', ADDRESS, BILL_VENDOR_ADDRESS),
  ref('APAccountRef', L.list, { since: 2 }),
  k('TxnDate', 'date'),
  k('DueDate', 'date'),
  s('RefNumber', 20),
  ref('TermsRef', L.simple),
  s('Memo', 4095),
  k('IsTaxIncluded', 'bool'),
  ref('SalesTaxCodeRef', L.taxCode),
  k('ExchangeRate', 'float', { since: 8 }),
  k('ExternalGUID', 'guid', GUID_SINCE_TXN),
  k('LinkToTxnID', 'id', { rep: true, since: 4 }),
  agg('ExpenseLineAdd', EXPENSE_LINE_ADD, { rep: true }),
  agg('ItemLineAdd', ITEM_LINE_ADD, { rep: true }),
];
export const BILL_MOD: Spec = [
  k('TxnID', 'id', { req: true }),
  s('EditSequence', 16, { req: true }),
  ref('VendorRef', L.vendor),
  agg('VendorAddress', ADDRESS, BILL_VENDOR_ADDRESS),
  ref('APAccountRef', L.list),
  k('TxnDate', 'date'),
  k('DueDate', 'date'),
  s('RefNumber', 20),
  ref('TermsRef', L.simple),
  s('Memo', 4095),
  k('IsTaxIncluded', 'bool'),
  ref('SalesTaxCodeRef', L.taxCode),
  k('ExchangeRate', 'float', { since: 8 }),
  k('ClearExpenseLines', 'bool'),
  agg('ExpenseLineMod', EXPENSE_LINE_MOD, { rep: true }),
  k('ClearItemLines', 'bool'),
  agg('ItemLineMod', ITEM_LINE_MOD, { rep: true }),
];
export const ITEM_RECEIPT_ADD: Spec = [
  ref('VendorRef', L.vendor, { req: true }),
  ref('APAccountRef', L.list),
  k('TxnDate', 'date'),
  s('RefNumber', 20),
  s('Memo', 4095),
  k('IsTaxIncluded', 'bool'),
  ref('SalesTaxCodeRef', L.taxCode),
  k('ExchangeRate', 'float', { since: 8 }),
  k('ExternalGUID', 'guid', GUID_SINCE_TXN),
  k('LinkToTxnID', 'id', { rep: true }),
  agg('ExpenseLineAdd', EXPENSE_LINE_ADD, { rep: true }),
  agg('ItemLineAdd', ITEM_LINE_ADD, { rep: true }),
];
export const ITEM_RECEIPT_MOD: Spec = [
  k('TxnID', 'id', { req: true }),
  s('EditSequence', 16, { req: true }),
  ref('VendorRef', L.vendor),
  ref('APAccountRef', L.list),
  k('TxnDate', 'date'),
  s('RefNumber', 20),
  s('Memo', 4095),
  k('IsTaxIncluded', 'bool'),
  ref('SalesTaxCodeRef', L.taxCode),
  k('ExchangeRate', 'float', { since: 8 }),
  k('ClearExpenseLines', 'bool'),
  agg('ExpenseLineMod', EXPENSE_LINE_MOD, { rep: true }),
  k('ClearItemLines', 'bool'),
  agg('ItemLineMod', ITEM_LINE_MOD, { rep: true }),
];

// ---- Invoices (ServiceTrade job invoices) --------------------------------------------------------------------
const INVOICE_LINE_ADD: Spec = [
  ref('ItemRef', L.list),
  s('Desc', 4095),
  k('Quantity', 'qty'),
  s('UnitOfMeasure', 31, { since: 7 }),
  k('Rate', 'price'),
  ref('ClassRef', L.list),
  k('Amount', 'amt'),
  k('ServiceDate', 'date'),
  ref('SalesTaxCodeRef', L.taxCode),
];
export const INVOICE_ADD: Spec = [
  ref('CustomerRef', L.customer, { req: true }),
  ref('ClassRef', L.list),
  ref('ARAccountRef', L.list),
  ref('TemplateRef', L.simple, { since: 3 }),
  k('TxnDate', 'date'),
  s('RefNumber', 11),
  agg('BillAddress', ADDRESS),
  agg('ShipAddress', ADDRESS),
  s('PONumber', 25),
  ref('TermsRef', L.simple),
  k('DueDate', 'date'),
  s('Memo', 4095),
  k('IsToBePrinted', 'bool'),
  k('IsToBeEmailed', 'bool', { since: 6 }),
  s('Other', 29, { since: 6 }),
  k('ExternalGUID', 'guid', GUID_SINCE_TXN),
  agg('InvoiceLineAdd', INVOICE_LINE_ADD, { rep: true, req: true }),
];

// ---- Deletes and voids ---------------------------------------------------------------------------------------
const TXN_DEL_TYPES = [
  'Bill',
  'BillPaymentCheck',
  'BillPaymentCreditCard',
  'Check',
  'Invoice',
  'ItemReceipt',
  'PurchaseOrder',
  'VendorCredit',
] as const;
const TXN_VOID_TYPES = [
  'Bill',
  'BillPaymentCheck',
  'BillPaymentCreditCard',
  'Check',
  'Invoice',
  'ItemReceipt',
] as const;
export const TXN_DEL: Spec = [
  k('TxnDelType', 'enum', { values: TXN_DEL_TYPES, req: true }),
  k('TxnID', 'id', { req: true }),
];
export const TXN_VOID: Spec = [
  k('TxnVoidType', 'enum', { values: TXN_VOID_TYPES, req: true }),
  k('TxnID', 'id', { req: true }),
];

// ---- Queries -------------------------------------------------------------------------------------------------
const NAME_FILTER: Spec = [
  k('MatchCriterion', 'enum', { values: ['StartsWith', 'Contains', 'EndsWith'], req: true }),
  s('Name', undefined, { req: true }),
];
const NAME_RANGE_FILTER: Spec = [s('FromName'), s('ToName')];
const LIST_FILTER: Spec = [
  k('MaxReturned', 'int'),
  k('ActiveStatus', 'enum', { values: ['ActiveOnly', 'InactiveOnly', 'All'] }),
  k('FromModifiedDate', 'datetime'),
  k('ToModifiedDate', 'datetime'),
  choice([[agg('NameFilter', NAME_FILTER)], [agg('NameRangeFilter', NAME_RANGE_FILTER)]]),
];
const ACCOUNT_TYPES = [
  'AccountsPayable',
  'AccountsReceivable',
  'Bank',
  'CostOfGoodsSold',
  'CreditCard',
  'Equity',
  'Expense',
  'FixedAsset',
  'Income',
  'LongTermLiability',
  'NonPosting',
  'OtherAsset',
  'OtherCurrentAsset',
  'OtherCurrentLiability',
  'OtherExpense',
  'OtherIncome',
] as const;

const listQuery = (filter: Spec): Spec => [
  choice([[k('ListID', 'id', { rep: true })], [s('FullName', undefined, { rep: true })], filter]),
  s('IncludeRetElement', 50, { rep: true }),
];
export const LIST_QUERY: Spec = listQuery(LIST_FILTER);
export const ACCOUNT_QUERY: Spec = listQuery([
  ...LIST_FILTER,
  k('AccountType', 'enum', { values: ACCOUNT_TYPES, rep: true }),
]);

const ENTITY_FILTER: Spec = [
  choice([[k('ListID', 'id', { rep: true })], [s('FullName', undefined, { rep: true })]], true),
];
const REF_NUMBER_FILTER: Spec = [
  k('MatchCriterion', 'enum', { values: ['StartsWith', 'Contains', 'EndsWith'], req: true }),
  s('RefNumber', undefined, { req: true }),
];
const TXN_FILTER = (extra: Spec): Spec => [
  k('MaxReturned', 'int'),
  choice([
    [agg('ModifiedDateRangeFilter', [k('FromModifiedDate', 'datetime'), k('ToModifiedDate', 'datetime')])],
    [agg('TxnDateRangeFilter', [k('FromTxnDate', 'date'), k('ToTxnDate', 'date')])],
  ]),
  agg('EntityFilter', ENTITY_FILTER),
  agg('RefNumberFilter', REF_NUMBER_FILTER),
  ...extra,
];
const txnQuery = (filterExtra: Spec, tail: Spec): Spec => [
  choice([
    [k('TxnID', 'id', { rep: true })],
    [s('RefNumber', undefined, { rep: true })],
    TXN_FILTER(filterExtra),
  ]),
  k('IncludeLineItems', 'bool'),
  ...tail,
  s('IncludeRetElement', 50, { rep: true }),
];
export const TXN_QUERY: Spec = txnQuery([], []);
export const PURCHASE_ORDER_QUERY: Spec = txnQuery([], [k('IncludeLinkedTxns', 'bool', { since: 3 })]);
export const BILL_QUERY: Spec = txnQuery(
  [k('PaidStatus', 'enum', { values: ['All', 'PaidOnly', 'NotPaidOnly'] })],
  [k('IncludeLinkedTxns', 'bool', { since: 2 })],
);
/** ItemReceiptQueryRq: the TxnFilter of a purchase order query (no PaidStatus), then IncludeLinkedTxns. */
export const ITEM_RECEIPT_QUERY: Spec = txnQuery([], [k('IncludeLinkedTxns', 'bool')]);
export const INVOICE_QUERY: Spec = txnQuery(
  [k('PaidStatus', 'enum', { values: ['All', 'PaidOnly', 'NotPaidOnly'] })],
  [k('IncludeLinkedTxns', 'bool')],
);
export const TXN_DELETED_QUERY: Spec = [
  k('TxnDelType', 'enum', { values: TXN_DEL_TYPES, rep: true, req: true }),
  agg('DeletedDateRangeFilter', [k('FromDeletedDate', 'datetime'), k('ToDeletedDate', 'datetime')]),
  s('IncludeRetElement', 50, { rep: true }),
];
export const EMPTY: Spec = [];

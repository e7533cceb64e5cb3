// The zod schemas of the *Ret records the parser reads (parse.ts says why so little is required), and the
// children each reads (RECORD_ELEMENTS, checked against Intuit's XSD by the tests).
import { z } from 'zod';
import type { ItemKind } from './types.js';

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
  EditSequence: optStr,
  // One of Name and FullName (the other is derived): a record needs a name to be mirrored or matched.
  Name: optStr,
  FullName: optStr,
  IsActive: bool,
  TimeModified: optStr,
  ParentRef: ref,
  Sublevel: optInt,
};
/** The last part of a full name ("Parent:Child" → "Child"). */
export const leafName = (fullName: string) => fullName.slice(fullName.lastIndexOf(':') + 1);
const named = (r: { Name?: string | undefined; FullName?: string | undefined }) =>
  r.Name !== undefined || r.FullName !== undefined;
export const NO_NAME = { message: 'no Name', path: ['Name'] };
/**
 * Name defaults to the last part of FullName, FullName to Name (QuickBooks omits it for lists without
 * hierarchy); IsActive defaults to true.
 */
const withListDefaults = <
  T extends { Name?: string | undefined; FullName?: string | undefined; IsActive?: boolean | undefined },
>(
  r: T,
) => {
  const name = r.Name ?? leafName(r.FullName ?? '');
  return { ...r, Name: name, FullName: r.FullName ?? name, IsActive: r.IsActive ?? true };
};

export const linkedTxn = z.object({
  TxnID: str,
  TxnType: str,
  TxnDate: optStr,
  RefNumber: optStr,
  LinkType: optStr,
  Amount: optStr,
});

export const AccountRet = z
  .object({ ...listCore, AccountType: optStr, AccountNumber: optStr })
  .refine(named, NO_NAME)
  .transform(withListDefaults);
export const ClassRet = z.object(listCore).refine(named, NO_NAME).transform(withListDefaults);
export const StandardTermsRet = z.object({
  ListID: str,
  EditSequence: optStr,
  Name: str,
  IsActive: bool.transform((v) => v ?? true),
  StdDueDays: optInt,
  StdDiscountDays: optInt,
  DiscountPct: optStr,
});
export const VendorRet = z
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
  .refine(named, NO_NAME)
  .transform(withListDefaults);
export const CustomerRet = z
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
  .refine(named, NO_NAME)
  .transform(withListDefaults);
export const ItemRetRaw = z
  .object({
    ...listCore,
    ExternalGUID: optStr,
    SalesOrPurchase: z.object({ Desc: optStr, AccountRef: ref }).optional(),
    SalesAndPurchase: z.object({ PurchaseDesc: optStr, ExpenseAccountRef: ref }).optional(),
    // Inventory items and others carry these at the top level.
    PurchaseDesc: optStr,
    ItemDesc: optStr,
    COGSAccountRef: ref,
    AccountRef: ref,
  })
  .refine(named, NO_NAME);

export const poLine = z.object({
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
export const PurchaseOrderRet = z.object({
  TxnID: str,
  EditSequence: optStr,
  TxnNumber: optInt,
  TimeModified: optStr,
  VendorRef: ref,
  TxnDate: optStr,
  RefNumber: optStr,
  TotalAmount: optStr,
  IsManuallyClosed: bool,
  IsFullyReceived: bool,
  Memo: optStr,
  ExternalGUID: optStr,
  LinkedTxn: arr(linkedTxn),
  PurchaseOrderLineRet: arr(poLine),
});
export const expenseLine = z.object({
  TxnLineID: str,
  AccountRef: ref,
  Amount: optStr,
  Memo: optStr,
  CustomerRef: ref,
  ClassRef: ref,
  BillableStatus: optStr,
});
export const itemLine = z.object({
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
export const BillRet = z.object({
  TxnID: str,
  EditSequence: optStr,
  TxnNumber: optInt,
  TimeModified: optStr,
  VendorRef: ref,
  TxnDate: optStr,
  DueDate: optStr,
  AmountDue: optStr,
  RefNumber: optStr,
  Memo: optStr,
  IsPaid: bool,
  OpenAmount: optStr,
  ExternalGUID: optStr,
  LinkedTxn: arr(linkedTxn),
  ExpenseLineRet: arr(expenseLine),
  ItemLineRet: arr(itemLine),
});
export const ItemReceiptRet = z.object({
  TxnID: str,
  EditSequence: optStr,
  TxnNumber: optInt,
  TimeModified: optStr,
  VendorRef: ref,
  TxnDate: optStr,
  TotalAmount: optStr,
  RefNumber: optStr,
  Memo: optStr,
  ExternalGUID: optStr,
  LinkedTxn: arr(linkedTxn),
  ExpenseLineRet: arr(expenseLine),
  ItemLineRet: arr(itemLine),
});
export const appliedToTxn = z.object({
  TxnID: str,
  TxnType: str,
  TxnDate: optStr,
  RefNumber: optStr,
  BalanceRemaining: optStr,
  Amount: optStr,
  DiscountAmount: optStr,
});
export const BillPaymentRet = z.object({
  TxnID: str,
  EditSequence: optStr,
  TxnNumber: optInt,
  TimeCreated: optStr,
  TimeModified: optStr,
  PayeeEntityRef: ref,
  // The payment's date is what Ledgerbridge records it under.
  TxnDate: str,
  Amount: optStr,
  RefNumber: optStr,
  Memo: optStr,
  AppliedToTxnRet: arr(appliedToTxn),
});
export const TxnDeletedRet = z.object({
  TxnDelType: optStr,
  TxnID: str,
  TimeCreated: optStr,
  TimeDeleted: optStr,
  RefNumber: optStr,
});
export const InvoiceRet = z.object({
  TxnID: str,
  EditSequence: optStr,
  TxnNumber: optInt,
  CustomerRef: ref,
  TxnDate: optStr,
  RefNumber: optStr,
  Subtotal: optStr,
  BalanceRemaining: optStr,
  IsPaid: bool,
  Memo: optStr,
  ExternalGUID: optStr,
});
export const HostRet = z.object({
  ProductName: optStr,
  MajorVersion: optStr,
  MinorVersion: optStr,
  Country: optStr,
  SupportedQBXMLVersion: arr(str),
  IsAutomaticLogin: bool,
  QBFileMode: optStr,
});
export const CompanyRet = z.object({ CompanyName: optStr, LegalCompanyName: optStr });
export const PreferencesRetRaw = z.object({
  AccountingPreferences: z
    .object({ IsUsingAccountNumbers: bool, IsUsingClassTracking: bool, ClosingDate: optStr })
    .optional(),
  MultiCurrencyPreferences: z.object({ IsMultiCurrencyOn: bool }).optional(),
  PurchasesAndVendorsPreferences: z.object({ IsUsingInventory: bool }).optional(),
});
export const TxnDelFields = z.object({
  TxnDelType: optStr,
  TxnID: optStr,
  TimeDeleted: optStr,
  RefNumber: optStr,
});
export const TxnVoidFields = z.object({
  TxnVoidType: optStr,
  TxnID: optStr,
  TimeModified: optStr,
  RefNumber: optStr,
});
export const ErrorRecovery = z.object({
  ListID: optStr,
  TxnID: optStr,
  OwnerID: optStr,
  TxnNumber: optInt,
  EditSequence: optStr,
  ExternalGUID: optStr,
});

export const ITEM_KINDS: readonly ItemKind[] = [
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

/** The child elements a record schema reads (the rest of what QuickBooks sends is ignored). */
function elementsOf(schema: z.ZodType): readonly string[] {
  const inner = schema instanceof z.ZodPipe ? schema.in : schema;
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

/**
 * For each *Ret element the parser reads, the children it reads: tests check these against Intuit's XSD (each
 * optional child left out must still be read, or be set aside as unreadable).
 */
export const RECORD_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  HostRet: elementsOf(HostRet),
  CompanyRet: elementsOf(CompanyRet),
  PreferencesRet: elementsOf(PreferencesRetRaw),
  AccountRet: elementsOf(AccountRet),
  ClassRet: elementsOf(ClassRet),
  StandardTermsRet: elementsOf(StandardTermsRet),
  VendorRet: elementsOf(VendorRet),
  CustomerRet: elementsOf(CustomerRet),
  ...Object.fromEntries(ITEM_KINDS.map((kind) => [`${kind}Ret`, elementsOf(ItemRetRaw)])),
  PurchaseOrderRet: elementsOf(PurchaseOrderRet),
  PurchaseOrderLineRet: elementsOf(poLine),
  BillRet: elementsOf(BillRet),
  ItemReceiptRet: elementsOf(ItemReceiptRet),
  ExpenseLineRet: elementsOf(expenseLine),
  ItemLineRet: elementsOf(itemLine),
  LinkedTxn: elementsOf(linkedTxn),
  BillPaymentCheckRet: elementsOf(BillPaymentRet),
  BillPaymentCreditCardRet: elementsOf(BillPaymentRet),
  AppliedToTxnRet: elementsOf(appliedToTxn),
  TxnDeletedRet: elementsOf(TxnDeletedRet),
  InvoiceRet: elementsOf(InvoiceRet),
};

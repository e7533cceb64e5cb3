// Writes the simulator's *Ret records in the element order of Intuit's qbXML 13.0 schema (the simulator tests
// validate its answers with xmllint too), so the parser is exercised with what QuickBooks really sends.

import { escapeXml } from '../../../main/connectors/quickbooks-desktop/qbxml/text.js';
import type {
  Account,
  Address,
  Bill,
  BillPayment,
  Company,
  Customer,
  DeletedTxn,
  ExpenseLine,
  Invoice,
  Item,
  ItemLine,
  ItemReceipt,
  LinkedTxn,
  ListBase,
  PurchaseOrder,
  QbClass,
  Terms,
  Vendor,
} from './company.js';
import { money, paidOnBill } from './company.js';

export function el(name: string, value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null || value === '') return '';
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function qty(n: number | undefined): string | undefined {
  return n === undefined ? undefined : String(Number(n.toFixed(5)));
}

export class Writer {
  constructor(readonly company: Company) {}

  private listFullName(
    map: Map<string, ListBase>,
    id: string | undefined,
  ): { ListID: string; FullName: string } | null {
    if (!id) return null;
    const r = map.get(id);
    return r ? { ListID: r.ListID, FullName: r.FullName } : null;
  }

  ref(
    name: string,
    kind: 'account' | 'class' | 'terms' | 'item' | 'vendor' | 'customer' | 'entity',
    id?: string,
  ): string {
    if (!id) return '';
    const c = this.company;
    let r: { ListID: string; FullName: string } | null = null;
    switch (kind) {
      case 'account':
        r = this.listFullName(c.accounts, id);
        break;
      case 'class':
        r = this.listFullName(c.classes, id);
        break;
      case 'terms':
        r = this.listFullName(c.terms, id);
        break;
      case 'item':
        r = this.listFullName(c.items, id);
        break;
      case 'vendor':
        r = this.listFullName(c.vendors, id);
        break;
      case 'customer':
        r = this.listFullName(c.customers, id);
        break;
      case 'entity':
        r = this.listFullName(c.vendors, id) ?? this.listFullName(c.customers, id);
        break;
    }
    if (!r) return '';
    return `<${name}>${el('ListID', r.ListID)}${el('FullName', r.FullName)}</${name}>`;
  }

  address(name: string, a: Address | undefined): string {
    if (!a) return '';
    const inner = (
      ['Addr1', 'Addr2', 'Addr3', 'Addr4', 'Addr5', 'City', 'State', 'PostalCode', 'Country', 'Note'] as const
    )
      .map((k) => el(k, a[k]))
      .join('');
    return inner ? `<${name}>${inner}</${name}>` : '';
  }

  private listCore(r: ListBase, withFullName: boolean): string {
    return (
      el('ListID', r.ListID) +
      el('TimeCreated', r.TimeCreated) +
      el('TimeModified', r.TimeModified) +
      el('EditSequence', r.EditSequence) +
      el('Name', r.Name) +
      (withFullName ? el('FullName', r.FullName) : '')
    );
  }

  private parentAndLevel(kind: 'account' | 'class' | 'item' | 'customer', r: ListBase): string {
    return this.ref('ParentRef', kind, r.ParentListID) + el('Sublevel', r.Sublevel);
  }

  vendorRet(v: Vendor): string {
    return (
      '<VendorRet>' +
      this.listCore(v, false) +
      el('IsActive', v.IsActive) +
      el('CompanyName', v.CompanyName) +
      el('FirstName', v.FirstName) +
      el('LastName', v.LastName) +
      this.address('VendorAddress', v.VendorAddress) +
      el('Phone', v.Phone) +
      el('Fax', v.Fax) +
      el('Email', v.Email) +
      el('Contact', v.Contact) +
      el('NameOnCheck', v.NameOnCheck) +
      el('AccountNumber', v.AccountNumber) +
      el('Notes', v.Notes) +
      this.ref('TermsRef', 'terms', v.TermsListID) +
      el('VendorTaxIdent', v.VendorTaxIdent) +
      el('Balance', money(this.vendorBalance(v.ListID))) +
      el('ExternalGUID', v.ExternalGUID) +
      '</VendorRet>'
    );
  }

  private vendorBalance(listID: string): number {
    let total = 0;
    for (const b of this.company.bills.values()) {
      if (b.VendorListID === listID) total += b.AmountDue - paidOnBill(this.company, b.TxnID);
    }
    return total;
  }

  customerRet(c: Customer): string {
    return (
      '<CustomerRet>' +
      this.listCore(c, true) +
      el('IsActive', c.IsActive) +
      this.parentAndLevel('customer', c) +
      el('CompanyName', c.CompanyName) +
      this.address('BillAddress', c.BillAddress) +
      el('Phone', c.Phone) +
      el('Email', c.Email) +
      el('Balance', '0.00') +
      el('TotalBalance', '0.00') +
      el('JobStatus', c.JobStatus) +
      el('JobDesc', c.JobDesc) +
      el('ExternalGUID', c.ExternalGUID) +
      '</CustomerRet>'
    );
  }

  accountRet(a: Account): string {
    return (
      '<AccountRet>' +
      this.listCore(a, true) +
      el('IsActive', a.IsActive) +
      this.parentAndLevel('account', a) +
      el('AccountType', a.AccountType) +
      el('AccountNumber', a.AccountNumber) +
      '</AccountRet>'
    );
  }

  classRet(c: QbClass): string {
    return (
      '<ClassRet>' +
      this.listCore(c, true) +
      el('IsActive', c.IsActive) +
      this.parentAndLevel('class', c) +
      '</ClassRet>'
    );
  }

  termsRet(t: Terms): string {
    return (
      '<StandardTermsRet>' +
      this.listCore(t, false) +
      el('IsActive', t.IsActive) +
      el('StdDueDays', t.StdDueDays) +
      '</StandardTermsRet>'
    );
  }

  itemRet(i: Item): string {
    const tag = `${i.kind}Ret`;
    const purchase = i.salesAndPurchase
      ? `<SalesAndPurchase>${el('PurchaseDesc', i.Desc)}${this.ref('ExpenseAccountRef', 'account', i.AccountListID)}</SalesAndPurchase>`
      : `<SalesOrPurchase>${el('Desc', i.Desc)}${this.ref('AccountRef', 'account', i.AccountListID)}</SalesOrPurchase>`;
    let body = this.listCore(i, true) + el('IsActive', i.IsActive) + this.parentAndLevel('item', i);
    if (i.kind === 'ItemNonInventory') body += el('ManufacturerPartNumber', i.ManufacturerPartNumber);
    body += purchase;
    body += el('ExternalGUID', i.ExternalGUID);
    return `<${tag}>${body}</${tag}>`;
  }

  private txnCore(t: {
    TxnID: string;
    TimeCreated: string;
    TimeModified: string;
    EditSequence: string;
    TxnNumber: number;
  }) {
    return (
      el('TxnID', t.TxnID) +
      el('TimeCreated', t.TimeCreated) +
      el('TimeModified', t.TimeModified) +
      el('EditSequence', t.EditSequence) +
      el('TxnNumber', t.TxnNumber)
    );
  }

  linkedTxn(l: LinkedTxn[]): string {
    return l
      .map(
        (x) =>
          '<LinkedTxn>' +
          el('TxnID', x.TxnID) +
          el('TxnType', x.TxnType) +
          el('TxnDate', x.TxnDate) +
          el('RefNumber', x.RefNumber) +
          el('LinkType', x.LinkType) +
          el('Amount', money(x.Amount)) +
          '</LinkedTxn>',
      )
      .join('');
  }

  purchaseOrderRet(po: PurchaseOrder, lines: boolean, linked: boolean, fullyReceived: boolean): string {
    const total = po.lines.reduce((s, l) => s + l.Amount, 0);
    return (
      '<PurchaseOrderRet>' +
      this.txnCore(po) +
      this.ref('VendorRef', 'vendor', po.VendorListID) +
      this.ref('ClassRef', 'class', po.ClassListID) +
      el('TxnDate', po.TxnDate) +
      el('RefNumber', po.RefNumber) +
      el('DueDate', po.DueDate) +
      el('ExpectedDate', po.ExpectedDate) +
      el('TotalAmount', money(total)) +
      el('IsManuallyClosed', po.IsManuallyClosed) +
      el('IsFullyReceived', fullyReceived) +
      el('Memo', po.Memo) +
      el('ExternalGUID', po.ExternalGUID) +
      (linked ? this.linkedTxn(po.linked) : '') +
      (lines
        ? po.lines
            .map(
              (l) =>
                '<PurchaseOrderLineRet>' +
                el('TxnLineID', l.TxnLineID) +
                this.ref('ItemRef', 'item', l.ItemListID) +
                el('Desc', l.Desc) +
                el('Quantity', qty(l.Quantity)) +
                el('Rate', l.Rate) +
                this.ref('ClassRef', 'class', l.ClassListID) +
                el('Amount', money(l.Amount)) +
                this.ref('CustomerRef', 'customer', l.CustomerListID) +
                el('ServiceDate', l.ServiceDate) +
                el('ReceivedQuantity', qty(l.ReceivedQuantity)) +
                el('UnbilledQuantity', qty(Math.max(0, (l.Quantity ?? 0) - l.BilledQuantity))) +
                el('IsBilled', l.BilledQuantity > 0 && l.BilledQuantity >= (l.Quantity ?? 0)) +
                el('IsManuallyClosed', l.IsManuallyClosed) +
                '</PurchaseOrderLineRet>',
            )
            .join('')
        : '') +
      '</PurchaseOrderRet>'
    );
  }

  private expenseLines(lines: ExpenseLine[]): string {
    return lines
      .map(
        (l) =>
          '<ExpenseLineRet>' +
          el('TxnLineID', l.TxnLineID) +
          this.ref('AccountRef', 'account', l.AccountListID) +
          el('Amount', money(l.Amount)) +
          el('Memo', l.Memo) +
          this.ref('CustomerRef', 'customer', l.CustomerListID) +
          this.ref('ClassRef', 'class', l.ClassListID) +
          el('BillableStatus', l.BillableStatus) +
          '</ExpenseLineRet>',
      )
      .join('');
  }

  private itemLines(lines: ItemLine[]): string {
    return lines
      .map(
        (l) =>
          '<ItemLineRet>' +
          el('TxnLineID', l.TxnLineID) +
          this.ref('ItemRef', 'item', l.ItemListID) +
          el('Desc', l.Desc) +
          el('Quantity', qty(l.Quantity)) +
          el('Cost', l.Cost) +
          el('Amount', money(l.Amount)) +
          this.ref('CustomerRef', 'customer', l.CustomerListID) +
          this.ref('ClassRef', 'class', l.ClassListID) +
          el('BillableStatus', l.BillableStatus) +
          '</ItemLineRet>',
      )
      .join('');
  }

  billRet(b: Bill, lines: boolean, linked: boolean): string {
    const open = b.AmountDue - paidOnBill(this.company, b.TxnID);
    return (
      '<BillRet>' +
      this.txnCore(b) +
      this.ref('VendorRef', 'vendor', b.VendorListID) +
      this.ref('APAccountRef', 'account', b.APAccountListID) +
      el('TxnDate', b.TxnDate) +
      el('DueDate', b.DueDate) +
      el('AmountDue', money(b.AmountDue)) +
      el('RefNumber', b.RefNumber) +
      el('Memo', b.Memo) +
      el('IsPaid', open <= 0) +
      el('ExternalGUID', b.ExternalGUID) +
      (linked ? this.linkedTxn(b.linked) : '') +
      (lines ? this.expenseLines(b.expenseLines) + this.itemLines(b.itemLines) : '') +
      el('OpenAmount', money(open)) +
      '</BillRet>'
    );
  }

  itemReceiptRet(r: ItemReceipt, lines: boolean, linked: boolean): string {
    return (
      '<ItemReceiptRet>' +
      this.txnCore(r) +
      this.ref('VendorRef', 'vendor', r.VendorListID) +
      el('TxnDate', r.TxnDate) +
      el('TotalAmount', money(r.TotalAmount)) +
      el('RefNumber', r.RefNumber) +
      el('Memo', r.Memo) +
      el('ExternalGUID', r.ExternalGUID) +
      (linked ? this.linkedTxn(r.linked) : '') +
      (lines ? this.expenseLines(r.expenseLines) + this.itemLines(r.itemLines) : '') +
      '</ItemReceiptRet>'
    );
  }

  billPaymentRet(p: BillPayment): string {
    const tag = `${p.kind}Ret`;
    const bankRef =
      p.kind === 'BillPaymentCheck'
        ? this.ref('BankAccountRef', 'account', this.firstAccount('Bank'))
        : this.ref('CreditCardAccountRef', 'account', this.firstAccount('CreditCard'));
    const applied = p.applied
      .map((a) => {
        const bill = this.company.bills.get(a.billTxnID);
        const open = bill ? bill.AmountDue - paidOnBill(this.company, bill.TxnID) : 0;
        return (
          '<AppliedToTxnRet>' +
          el('TxnID', a.billTxnID) +
          el('TxnType', 'Bill') +
          el('TxnDate', bill?.TxnDate) +
          el('RefNumber', bill?.RefNumber) +
          el('BalanceRemaining', money(open)) +
          el('Amount', money(p.voided ? 0 : a.amount)) +
          '</AppliedToTxnRet>'
        );
      })
      .join('');
    return (
      `<${tag}>` +
      this.txnCore(p) +
      this.ref('PayeeEntityRef', 'vendor', p.PayeeListID) +
      this.ref('APAccountRef', 'account', this.firstAccount('AccountsPayable')) +
      el('TxnDate', p.TxnDate) +
      bankRef +
      el('Amount', money(p.voided ? 0 : p.Amount)) +
      el('RefNumber', p.RefNumber) +
      el('Memo', p.voided ? 'VOID:' : undefined) +
      applied +
      `</${tag}>`
    );
  }

  private firstAccount(type: string): string | undefined {
    for (const a of this.company.accounts.values()) if (a.AccountType === type) return a.ListID;
    return undefined;
  }

  txnDeletedRet(d: DeletedTxn): string {
    return (
      '<TxnDeletedRet>' +
      el('TxnDelType', d.TxnDelType) +
      el('TxnID', d.TxnID) +
      el('TimeCreated', d.TimeCreated) +
      el('TimeDeleted', d.TimeDeleted) +
      el('RefNumber', d.RefNumber) +
      '</TxnDeletedRet>'
    );
  }

  invoiceRet(i: Invoice): string {
    return (
      '<InvoiceRet>' +
      this.txnCore(i) +
      this.ref('CustomerRef', 'customer', i.CustomerListID) +
      el('TxnDate', i.TxnDate) +
      el('RefNumber', i.RefNumber) +
      el('Subtotal', money(i.Subtotal)) +
      el('BalanceRemaining', money(i.Subtotal)) +
      el('Memo', i.Memo) +
      el('IsPaid', i.Subtotal <= 0) +
      el('ExternalGUID', i.ExternalGUID) +
      i.lines
        .map(
          (l) =>
            '<InvoiceLineRet>' +
            el('TxnLineID', l.TxnLineID) +
            this.ref('ItemRef', 'item', l.ItemListID) +
            el('Desc', l.Desc) +
            el('Quantity', qty(l.Quantity)) +
            el('Rate', l.Rate) +
            el('Amount', money(l.Amount)) +
            '</InvoiceLineRet>',
        )
        .join('') +
      '</InvoiceRet>'
    );
  }
}

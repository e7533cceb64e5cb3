// A QuickBooks Online Purchase as a cheque paying our bills, for every shape Intuit's schema allows: the links on
// lines or on the cheque itself, optional fields missing, other payment types, voided and deleted cheques.
import { describe, expect, it } from 'vitest';
import { chequeOf, type Purchase } from '../../../main/connectors/quickbooks-online/cheques.js';

const none = new Map<string, number>();
const bill = (id: string) => ({ TxnId: id, TxnType: 'Bill' });

describe('chequeOf', () => {
  it('a line linked to a bill pays it the line amount', () => {
    const p: Purchase = {
      Id: '7',
      PaymentType: 'Check',
      TxnDate: '2026-11-10',
      TotalAmt: 50,
      Line: [{ Amount: 40, LinkedTxn: [bill('1')] }, { Amount: 10 }],
    };
    expect(chequeOf(p, none)).toEqual({
      externalId: 'Purchase:7',
      kind: 'check',
      date: '2026-11-10',
      status: 'active',
      applications: [{ documentExternalId: '1', amount: '40.00' }],
    });
  });

  it('the cheque linked to one bill pays its total, or its lines sum when TotalAmt is missing', () => {
    expect(
      chequeOf({ Id: '8', PaymentType: 'Check', TotalAmt: 25.5, LinkedTxn: [bill('2')] }, none)?.applications,
    ).toEqual([{ documentExternalId: '2', amount: '25.50' }]);
    expect(
      chequeOf(
        { Id: '9', PaymentType: 'Check', LinkedTxn: [bill('2')], Line: [{ Amount: 10 }, { Amount: 2.25 }] },
        none,
      )?.applications,
    ).toEqual([{ documentExternalId: '2', amount: '12.25' }]);
  });

  it('several bills on the cheque share its total in order, each at most its own total', () => {
    const p: Purchase = {
      Id: '10',
      PaymentType: 'Check',
      TotalAmt: 70,
      LinkedTxn: [bill('3'), bill('4'), bill('5')],
    };
    expect(
      chequeOf(
        p,
        new Map([
          ['3', 30],
          ['4', 100],
          ['5', 10],
        ]),
      )?.applications,
    ).toEqual([
      { documentExternalId: '3', amount: '30.00' },
      { documentExternalId: '4', amount: '40.00' },
    ]);
  });

  it('is no payment of ours: cash, card, no payment type, no bill link, a link without TxnId or to another type', () => {
    const linked = { TotalAmt: 5, LinkedTxn: [bill('1')] };
    expect(chequeOf({ Id: '1', PaymentType: 'Cash', ...linked }, none)).toBeNull();
    expect(chequeOf({ Id: '2', PaymentType: 'CreditCard', ...linked }, none)).toBeNull();
    expect(chequeOf({ Id: '3', ...linked }, none)).toBeNull();
    expect(chequeOf({ Id: '4', PaymentType: 'Check', TotalAmt: 5 }, none)).toBeNull();
    expect(
      chequeOf({ Id: '5', PaymentType: 'Check', TotalAmt: 5, LinkedTxn: [{ TxnType: 'Bill' }] }, none),
    ).toBeNull();
    expect(
      chequeOf(
        { Id: '6', PaymentType: 'Check', TotalAmt: 5, LinkedTxn: [{ TxnId: '1', TxnType: 'PurchaseOrder' }] },
        none,
      ),
    ).toBeNull();
  });

  it('a voided cheque (zero total) or a deleted one is canceled; the date falls back to the change time', () => {
    expect(
      chequeOf(
        {
          Id: '11',
          PaymentType: 'Check',
          TotalAmt: 0,
          TxnDate: '2026-11-10',
          Line: [{ Amount: 0, LinkedTxn: [bill('1')] }],
        },
        none,
      ),
    ).toMatchObject({
      externalId: 'Purchase:11',
      status: 'canceled',
    });
    expect(
      chequeOf(
        { Id: '12', status: 'Deleted', MetaData: { LastUpdatedTime: '2026-11-20T10:00:00-08:00' } },
        none,
      ),
    ).toEqual({
      externalId: 'Purchase:12',
      kind: 'check',
      date: '2026-11-20',
      status: 'canceled',
      applications: [],
    });
  });
});

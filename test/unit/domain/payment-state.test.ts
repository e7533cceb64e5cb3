// The payment-state sentences of a document's log: amounts in the document's currency, what is still open, and
// QuickBooks Desktop's paid flag when less came back as payments than the bill's total.
import { describe, expect, it } from 'vitest';
import { paymentStateSentence } from '../../../main/domain/payment-state.js';

describe('paymentStateSentence', () => {
  const base = { grossMinor: 10_000, currency: 'USD', system: 'QuickBooks Online' };

  it('says how much is paid and how much is open', () => {
    expect(paymentStateSentence({ ...base, status: 'partly_paid', paidMinor: 4_000 })).toBe(
      'Partly paid in QuickBooks Online: 40.00 of 100.00, 60.00 open.',
    );
    expect(paymentStateSentence({ ...base, status: 'paid', paidMinor: 10_000 })).toBe(
      'Paid in QuickBooks Online: 100.00 of 100.00.',
    );
    expect(paymentStateSentence({ ...base, status: 'unpaid', paidMinor: 0 })).toBe(
      'Unpaid again: the payment in QuickBooks Online was voided or deleted.',
    );
  });

  it('uses the currency’s decimals', () => {
    expect(
      paymentStateSentence({
        status: 'partly_paid',
        paidMinor: 1_500,
        grossMinor: 4_000,
        currency: 'JPY',
        system: 'Xero',
      }),
    ).toBe('Partly paid in Xero: 1500 of 4000, 2500 open.');
  });

  it('paid by the system’s own flag with less brought back as payments says so', () => {
    expect(
      paymentStateSentence({ ...base, system: 'QuickBooks Desktop', status: 'paid', paidMinor: 9_000 }),
    ).toBe('Paid in QuickBooks Desktop; payments brought back: 90.00 of 100.00.');
  });
});

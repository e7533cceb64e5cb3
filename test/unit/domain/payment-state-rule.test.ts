// The one paid-status rule of every accounting system (main/domain/payment-state.ts paymentStateOf): the amounts
// decide where the system gives no paid flag (QuickBooks Online, Xero, NetSuite); QuickBooks Desktop's IsPaid
// decides "paid" where it gives one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paymentStateOf } from '../../../main/domain/payment-state.js';

const amounts = fc.record({
  paidMinor: fc.integer({ min: -1_000_000, max: 10_000_000 }),
  grossMinor: fc.integer({ min: 0, max: 10_000_000 }),
});

describe('paymentStateOf', () => {
  it('without a paid flag: nothing paid is unpaid, the gross or more is paid, between is partly paid', () => {
    expect(paymentStateOf({ paidMinor: 0, grossMinor: 10_000 })).toBe('unpaid');
    expect(paymentStateOf({ paidMinor: 4_000, grossMinor: 10_000 })).toBe('partly_paid');
    expect(paymentStateOf({ paidMinor: 10_000, grossMinor: 10_000 })).toBe('paid');
    expect(paymentStateOf({ paidMinor: 12_000, grossMinor: 10_000 })).toBe('paid');
  });

  it('with QuickBooks’ IsPaid: paid when it says so, even if less came back as payments', () => {
    expect(paymentStateOf({ paidMinor: 0, grossMinor: 10_000, paidThere: true })).toBe('paid');
    expect(paymentStateOf({ paidMinor: 9_000, grossMinor: 10_000, paidThere: true })).toBe('paid');
  });

  it('with IsPaid false: open, partly paid once anything came back, however much', () => {
    expect(paymentStateOf({ paidMinor: 0, grossMinor: 10_000, paidThere: false })).toBe('unpaid');
    expect(paymentStateOf({ paidMinor: 10_000, grossMinor: 10_000, paidThere: false })).toBe('partly_paid');
  });

  it('agrees with the amounts wherever the flag agrees with them', () => {
    fc.assert(
      fc.property(amounts, ({ paidMinor, grossMinor }) => {
        const byAmounts = paymentStateOf({ paidMinor, grossMinor });
        const flag = byAmounts === 'paid';
        expect(paymentStateOf({ paidMinor, grossMinor, paidThere: flag })).toBe(byAmounts);
      }),
    );
  });

  it('is unpaid exactly when nothing came back, unless the system says paid', () => {
    fc.assert(
      fc.property(amounts, fc.constantFrom(undefined, false, true), ({ paidMinor, grossMinor }, flag) => {
        const state = paymentStateOf({ paidMinor, grossMinor, paidThere: flag });
        if (flag === true) expect(state).toBe('paid');
        else expect(state === 'unpaid').toBe(paidMinor <= 0);
        if (flag === false) expect(state).not.toBe('paid');
      }),
    );
  });

  it('never goes backwards as more is paid (unpaid < partly paid < paid)', () => {
    const rank = { unpaid: 0, partly_paid: 1, paid: 2 } as const;
    fc.assert(
      fc.property(
        amounts,
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(undefined, false, true),
        ({ paidMinor, grossMinor }, more, flag) => {
          const before = paymentStateOf({ paidMinor, grossMinor, paidThere: flag });
          const after = paymentStateOf({ paidMinor: paidMinor + more, grossMinor, paidThere: flag });
          expect(rank[after]).toBeGreaterThanOrEqual(rank[before]);
        },
      ),
    );
  });
});

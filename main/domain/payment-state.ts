// A document's payment state, by one rule for every accounting system, and the sentence its integration log gets
// when payments recorded in the accounting system change it: the same words whichever system they came from.
import { currencyDecimals } from './currency.js';
import { formatMinor } from './money.js';

export type PaymentState = 'unpaid' | 'partly_paid' | 'paid';

/**
 * The one paid-status rule. Where the accounting system says itself whether the bill is paid (QuickBooks Desktop's
 * IsPaid), its word decides "paid": it also counts credits and discounts that never come back here as payments,
 * and a bill it calls open stays open however much came back. Where it says nothing, the amounts decide: nothing
 * paid is unpaid, the gross total or more is paid, anything between is partly paid.
 */
export function paymentStateOf(input: {
  /** Sum of the document's active payments, in minor units. */
  paidMinor: number;
  grossMinor: number;
  /** The system's own paid flag, where it gives one; undefined where it does not. */
  paidThere?: boolean | undefined;
}): PaymentState {
  if (input.paidThere === true) return 'paid';
  if (input.paidMinor <= 0) return 'unpaid';
  if (input.paidThere === false) return 'partly_paid';
  return input.paidMinor >= input.grossMinor ? 'paid' : 'partly_paid';
}

export function paymentStateSentence(input: {
  status: PaymentState;
  /** Sum of the active payments, in minor units of the document's currency. */
  paidMinor: number;
  grossMinor: number;
  currency: string;
  /** Where the payments were recorded: the connection's name. */
  system: string;
}): string {
  const amount = (minor: number) => formatMinor(minor, currencyDecimals(input.currency));
  const { paidMinor, grossMinor, system } = input;
  switch (input.status) {
    case 'paid':
      // QuickBooks Desktop's own paid flag also counts credits and discounts that are not payments here.
      return paidMinor >= grossMinor
        ? `Paid in ${system}: ${amount(paidMinor)} of ${amount(grossMinor)}.`
        : `Paid in ${system}; payments brought back: ${amount(paidMinor)} of ${amount(grossMinor)}.`;
    case 'partly_paid':
      return paidMinor > 0
        ? `Partly paid in ${system}: ${amount(paidMinor)} of ${amount(grossMinor)}, ${amount(grossMinor - paidMinor)} open.`
        : `Partly paid in ${system}.`;
    case 'unpaid':
      return `Unpaid again: the payment in ${system} was voided or deleted.`;
  }
}

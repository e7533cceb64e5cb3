// The sentence a document's integration log gets when payments recorded in the accounting system change its
// payment state: the same words whichever system the payments came from.
import { currencyDecimals } from './currency.js';
import { formatMinor } from './money.js';

export type PaymentState = 'unpaid' | 'partly_paid' | 'paid';

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

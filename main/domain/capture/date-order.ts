// Which order, day/month or month/day, a numeric date such as 03/04/2024 is read in when the invoice itself does not
// tell (a day over 12 among its dates, or a language other than English, decide first: extract.ts). From the
// strongest clue to the weakest:
// 1. the supplier's country, which prints the invoice;
// 2. the currency the invoice prints, or the supplier's: US dollars are billed month first, others day first. A bare
//    "$" says little when the company's own currency is written "$" too (an Australian company's suppliers bill in
//    "$" from home), so it then leaves the choice to the company's country;
// 3. the company's country: an invoice nobody can place comes most likely from a supplier at home, who writes
//    dates the way the company does (a US company reads 03/04/2024 as March 4, an Irish one as 3 April);
// 4. the company's currency, for a company whose country is not yet entered.
import { countryCode } from '../countries.js';
import { dollarSignCurrency } from './currency-choice.js';
import type { DateOrder } from './values.js';

/** The countries whose numeric dates put the month first: the United States, its territories, and its neighbours in association. */
const MONTH_FIRST = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM', 'PH', 'FM', 'MH', 'PW']);

/** How a country writes numeric dates. */
export function countryDateOrder(code: string): DateOrder {
  return MONTH_FIRST.has(code) ? 'mdy' : 'dmy';
}

export interface DateOrderClues {
  /** The supplier's country as its record holds it (free text: "Ireland", "US"). */
  supplierCountry?: string | null;
  /** The supplier's currency, from its record. */
  supplierCurrency?: string | null;
  /** The currency read from the invoice (a code), and what it was read from: the code, or a sign ("$", "€"). */
  printedCurrency?: string | null;
  printedSign?: string | null;
  /** The company's country, ISO 3166-1 alpha-2. */
  companyCountry?: string | null;
  baseCurrency: string;
}

export interface DateOrderChoice {
  order: DateOrder;
  /** The supplier's country decided: it then beats the page's language. */
  fromSupplierCountry: boolean;
}

export function dateOrderFor(clues: DateOrderClues): DateOrderChoice {
  if (clues.supplierCountry?.trim()) {
    const code = countryCode(clues.supplierCountry);
    return { order: code ? countryDateOrder(code) : 'dmy', fromSupplierCountry: true };
  }
  const company = clues.companyCountry ?? null;
  const dollarAtHome = clues.printedSign === '$' && company !== null && dollarSignCurrency(company) !== null;
  const currency = (dollarAtHome ? null : clues.printedCurrency) ?? clues.supplierCurrency ?? null;
  if (currency) return { order: currency === 'USD' ? 'mdy' : 'dmy', fromSupplierCountry: false };
  if (company) return { order: countryDateOrder(company), fromSupplierCountry: false };
  return { order: clues.baseCurrency === 'USD' ? 'mdy' : 'dmy', fromSupplierCountry: false };
}

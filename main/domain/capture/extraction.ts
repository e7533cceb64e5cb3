// What extraction returns (extract.ts), and what learning stores about how a supplier prints a field.
import type { OwnIdentity } from './own-identity.js';
import type { DateOrder } from './values.js';
import type { Language } from './vocabulary.js';
import type { Box } from './words.js';

export interface Found<T> {
  value: T;
  confidence: number;
  page: number;
  box: Box;
  /** Read by what the bookkeeper taught for this supplier. */
  learned?: boolean;
}

export interface ExtractedLine {
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  confidence: number;
  page: number;
  box: Box;
}

/** The fields extraction reads (and learning can teach). */
export type ExtractField =
  | 'supplierName'
  | 'invoiceNumber'
  | 'date'
  | 'dueDate'
  | 'orderNumber'
  | 'currency'
  | 'subtotal'
  | 'tax'
  | 'total';

/** What learning can teach: the fields, and the line table. */
export type LearnableField = ExtractField | 'lines';

/** A column of a learned line table: where its values stand across the page (page fractions). */
export interface LearnedColumn {
  role: 'quantity' | 'unitPrice' | 'amount';
  x: number;
  w: number;
}

export type Placement = 'same' | 'right' | 'below';

/** How one supplier prints one field, as learned from a bookkeeper's correction or confirmation. */
export interface LearnedField {
  field: LearnableField;
  /** The label printed before or above the value (folded), or null when the value stands alone. */
  label: string | null;
  placement: Placement | null;
  /** The page the value was on, counted from the start ("first") or the end ("last"). */
  page: 'first' | 'last';
  /** Where the value was printed (page fractions). */
  box: Box;
  /**
   * How the value was written: a date's order ('dmy', 'mdy', 'ymd'), an amount's decimal mark, or 'days' for a
   * due date printed as payment terms ("Net 30", "zahlbar innerhalb von 14 Tagen"): the number after `label` is
   * the days after the invoice date.
   */
  format: string | null;
  /** The value's text as printed (for names: the printed name; for currency: its code). */
  example: string;
  /**
   * The label that starts the value's row when the value stands in a row of several figures ("Summe | 6.966,12 |
   * 1.323,56 | 8.289,68"): the value is read in that row, in the column it was taught in (`box`), wherever the
   * row moves. Null or absent otherwise.
   */
  row?: string | null;
  /**
   * The value's place among the values of its kind in its cell when it is not the first ("Issued / due
   * 04/02/2024 / 25/02/2024": the due date is the 2nd). Absent or null for the first.
   */
  index?: number | null;
  /** For the line table: where quantity, price and amount stand; `label` is then its header row. */
  columns?: LearnedColumn[];
  /**
   * Taught by a correction (the general rules read it wrong: the learned way comes first) or a confirmation
   * (they read it right: the learned way confirms them, and stands in when they find nothing). A correction
   * when not said.
   */
  taughtBy?: 'correction' | 'confirmation';
}

export interface IssuerDetails {
  /** The document's text without the customer's block: supplier matching looks here. */
  text: string[];
  emails: string[];
  /** Domains of the issuer's e-mail addresses and website. */
  domains: string[];
  ibans: string[];
}

export interface Extraction {
  supplierName: Found<string> | null;
  invoiceNumber: Found<string> | null;
  date: Found<string> | null;
  dueDate: Found<string> | null;
  orderNumber: Found<string> | null;
  currency: Found<string> | null;
  /**
   * What the currency was read from: its code ("EUR") or, with no code printed, a sign ("€", "$", "Rs.") — then
   * it was inferred, and a bare "$" says little (the review decides by the supplier's country). Absent when no
   * currency is printed.
   */
  currencySign?: string | null;
  subtotal: Found<string> | null;
  tax: Found<string> | null;
  total: Found<string> | null;
  lines: ExtractedLine[];
  /** Every line's text in reading order. */
  text: string[];
  emails: string[];
  issuer: IssuerDetails;
  /** The language the labels were printed in (most of them). */
  language: Language;
  /** What the bookkeeper should check: sums that do not reconcile. */
  warnings: string[];
  /** Fields read by a learned rule. */
  learned: LearnableField[];
}

export interface ExtractOptions {
  /** How dates are written when day and month could be swapped and the page does not tell. */
  dateOrder: DateOrder;
  /** dateOrder comes from the supplier's country: it then beats the page's language. */
  dateOrderFromCountry?: boolean;
  /** The company's own names: the customer, never the supplier. */
  ownNames?: readonly string[];
  /**
   * The company's own identity (names, streets, tax ids, IBANs, domains): what carries it is the customer's, and
   * none of it is the supplier's. Its names are taken with `ownNames`.
   */
  own?: OwnIdentity;
  /** How this supplier prints its fields, as taught by the bookkeeper. */
  learned?: readonly LearnedField[];
}

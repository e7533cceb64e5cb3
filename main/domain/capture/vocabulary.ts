// The words invoices are printed with, in English, German, French, Dutch, Spanish, Italian and Portuguese: the
// labels of each field, the titles of the line table's columns, the labels of the customer's block, and the words
// that tell a page's language. Labels are compared without case and accents, with any spacing and dots, so that
// "N° de facture", "Nº Factura", "Rechnungs-Nr." and "INVOICE NO." all match their phrase; the longest phrase that
// matches wins, so "Net à payer" is a total and not a net, and "Due date" is not the invoice date.
//
// The vocabulary is split by idea: phrases.ts (languages, folding, compiling), labels-references.ts (numbers and
// dates), labels-amounts.ts (net, tax, total), block-phrases.ts (customer block, table columns) and
// language-words.ts (detecting a page's language). This module gathers them.
import { AMOUNT_LABELS } from './labels-amounts.js';
import { DELIVERY_DATE_LABELS, REFERENCE_AND_DATE_LABELS } from './labels-references.js';
import type { LabelField } from './phrases.js';

export {
  compilePhrases,
  fold,
  LANGUAGES,
  type CompiledPhrase,
  type LabelField,
  type Language,
} from './phrases.js';
export { CUSTOMER_LABELS, HEADER_PHRASES } from './block-phrases.js';
export { detectLanguage, detectLanguages } from './language-words.js';

/** The labels of each field (folded); a delivery date's or a service period's is no field's. */
export const LABEL_PHRASES: Record<LabelField, string[]> = {
  ...REFERENCE_AND_DATE_LABELS,
  ...AMOUNT_LABELS,
  ignore: [...AMOUNT_LABELS.ignore, ...DELIVERY_DATE_LABELS],
};

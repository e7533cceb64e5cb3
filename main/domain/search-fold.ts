// How search text and the text searched are made comparable: Unicode canonical composition (an "é" typed as e +
// combining accent equals the single character), then lower case across every script, not ASCII alone. The
// database registers the same function as unicode_fold() (main/db/database.ts), so what the search tables hold and
// what a bookkeeper types are folded by one piece of code.
export function searchFold(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

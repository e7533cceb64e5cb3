// Sentence helpers for the messages a bookkeeper reads.

/** The text with its first letter upper-case, for a sentence that starts with a noun ("bill INV-1 was …"). */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

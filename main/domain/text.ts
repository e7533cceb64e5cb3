// Sentence helpers for the messages a bookkeeper reads.

/** The text with its first letter upper-case, for a sentence that starts with a noun ("bill INV-1 was …"). */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The connection as the bookkeeper named it ("Northwind – 2026 file"), for messages: two connections of one system
 * (two Xero organisations, two QuickBooks company files, in two companies) are told apart by it. The system's name
 * when it has none.
 */
export function connectionLabel(connection: { name: string }, systemLabel: string): string {
  return connection.name.trim() || systemLabel;
}

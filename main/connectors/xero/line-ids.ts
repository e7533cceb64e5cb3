// Xero gives every line a LineItemID. An update that leaves a line's LineItemID out deletes that line and creates a
// new one (Xero: "If LineItemIDs are not included with line items in an update request then the line items are
// deleted and recreated"), which renumbers lines and breaks whatever was tied to them (a bill made from a purchase
// order). So the ids Xero gave our lines are kept with the document's link (the connector's sync token, which the
// engine stores and hands back with the next revision) and sent again on update.
//
// Our own line ids change with every revision (lines are rewritten), so a revised line is paired with a line sent
// earlier by what it is: the same item code (Xero keeps a line's ItemCode when an update omits it, so a line whose
// item went away must be a new line), then the same description at the same position, the same description
// anywhere, or else the same position. Lines sent earlier that pair with nothing are left out, and Xero deletes them.
import { createHash } from 'node:crypto';
import type { LineItem } from 'xero-node';

const PREFIX = 'xero-lines/1:';

/** One line as Xero keeps it: its LineItemID and short hashes of its item code and description. */
export interface StoredLine {
  lineItemId: string;
  item: string;
  description: string;
}

function hash(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 8);
}

/** What a line is, as far as pairing goes, from the line as we send it or as Xero returns it. */
export function storedLineOf(line: LineItem, lineItemId: string): StoredLine {
  return {
    lineItemId,
    item: line.itemCode ? hash(line.itemCode) : '',
    description: hash(line.description ?? ''),
  };
}

/** The sync token that carries these lines: `xero-lines/1:<id>.<item>.<description>,…`. */
export function encodeLines(lines: StoredLine[]): string {
  return PREFIX + lines.map((l) => `${l.lineItemId}.${l.item}.${l.description}`).join(',');
}

/** The lines a sync token carries; null when it carries none (sent before ids were kept, or found in Xero). */
export function decodeLines(token: string | null | undefined): StoredLine[] | null {
  if (!token?.startsWith(PREFIX)) return null;
  const body = token.slice(PREFIX.length);
  if (!body) return [];
  const lines: StoredLine[] = [];
  for (const entry of body.split(',')) {
    const [lineItemId, item, description] = entry.split('.');
    if (!lineItemId || item === undefined || description === undefined) return null;
    lines.push({ lineItemId, item, description });
  }
  return lines;
}

/**
 * The lines to keep with the link after Xero answered: Xero's LineItemIDs in the order we sent the lines. Null
 * when the answer does not line up with what was sent (no lines returned, or a different count).
 */
export function linesFromAnswer(sent: LineItem[], answered: LineItem[] | undefined): StoredLine[] | null {
  if (!answered || answered.length !== sent.length) return null;
  const out: StoredLine[] = [];
  for (const [i, line] of sent.entries()) {
    const id = answered[i]?.lineItemID;
    if (!id) return null;
    out.push(storedLineOf(line, id));
  }
  return out;
}

/** The lines of a revision with the LineItemIDs of the lines they continue; lines of nothing earlier go without. */
export function pairLines(lines: LineItem[], earlier: StoredLine[]): LineItem[] {
  const wanted = lines.map((l) => storedLineOf(l, ''));
  const taken = new Set<number>();
  const pairedTo: (number | null)[] = lines.map(() => null);
  const pair = (i: number, j: number) => {
    pairedTo[i] = j;
    taken.add(j);
  };
  const sameItem = (i: number, j: number) => wanted[i]!.item === earlier[j]!.item;
  const sameText = (i: number, j: number) => wanted[i]!.description === earlier[j]!.description;
  // 1. Unchanged position and description.
  for (let i = 0; i < lines.length; i++) {
    if (i < earlier.length && sameItem(i, i) && sameText(i, i)) pair(i, i);
  }
  // 2. The same description elsewhere (a line inserted or removed above it).
  for (let i = 0; i < lines.length; i++) {
    if (pairedTo[i] !== null) continue;
    const j = earlier.findIndex((_, k) => !taken.has(k) && sameItem(i, k) && sameText(i, k));
    if (j >= 0) pair(i, j);
  }
  // 3. The same position with the same item (its description edited).
  for (let i = 0; i < lines.length; i++) {
    if (pairedTo[i] !== null || i >= earlier.length || taken.has(i)) continue;
    if (sameItem(i, i)) pair(i, i);
  }
  return lines.map((line, i) => {
    const j = pairedTo[i];
    if (j === null || j === undefined) return line;
    // A kept line's tracking is replaced, not merged: an empty list clears what the line had.
    return { ...line, lineItemID: earlier[j]!.lineItemId, tracking: line.tracking ?? [] };
  });
}

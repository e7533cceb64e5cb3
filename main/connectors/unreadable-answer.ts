// An answer from another system that lacks what Ledgerbridge cannot do without (a record's id), or carries it in
// a form no specification allows, told to the bookkeeper by name: what the system did not send, and what to do.
// Everything the specifications let a system leave out is read leniently where it is parsed; this is what is left.
import type { z } from 'zod';
import { ConnectorError } from './contract.js';

export interface Naming {
  /** Wrappers of the answer left out of a field's name ("QueryResponse"). */
  envelope?: readonly string[];
  /** The field as the system's documentation names it (xero-node's "contactID" is Xero's "ContactID"). */
  rename?: (field: string) => string;
  /** The answer as received: a field found absent or null in it is named as missing. */
  input?: unknown;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** "Id", "Vendor.Id", "items.line": the fields named by the issues, list envelopes and positions left out. */
export function fieldsOf(
  error: z.ZodError,
  { envelope = [], rename = (f: string) => f, input }: Naming = {},
): { missing: string[]; unreadable: string[] } {
  const missing = new Set<string>();
  const unreadable = new Set<string>();
  for (const issue of error.issues) {
    const path = issue.path
      .filter((p) => typeof p === 'string' && !envelope.includes(p))
      .map((p) => rename(String(p)))
      .join('.');
    const name = path || 'the answer itself';
    const absent =
      input === undefined
        ? /received (undefined|null)/.test(issue.message)
        : valueAt(input, issue.path) == null;
    if (absent) missing.add(name);
    else unreadable.add(name);
  }
  return { missing: [...missing], unreadable: [...unreadable] };
}

const list = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/** The bookkeeper's sentence for an answer that `schema` could not read. */
export function unreadableAnswer(
  system: string,
  what: string,
  error: z.ZodError,
  detail: string,
  naming: Naming = {},
): ConnectorError {
  const { missing, unreadable } = fieldsOf(error, naming);
  const parts = [
    ...(missing.length > 0 ? [`without ${list(missing)}`] : []),
    ...(unreadable.length > 0 ? [`with ${list(unreadable)} in a form Ledgerbridge cannot read`] : []),
  ];
  return new ConnectorError(
    'needs_user',
    `${system} answered about ${what} ${parts.join(' and ')}, which Ledgerbridge needs. Nothing was recorded from that answer. Try again later; if it persists, report it with the integration log entry.`,
    { detail },
  );
}

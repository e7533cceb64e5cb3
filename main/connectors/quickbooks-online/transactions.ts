// A purchase order or bill as QuickBooks answers it, read again when its SyncToken is needed, and what its answer
// means for the bookkeeper (the total QuickBooks computed, what it could not take).
import { z } from 'zod';
import { ConnectorError, type OutgoingDocument, type SendOutcome } from '../contract.js';
import { unreadableAnswer } from '../unreadable-answer.js';
import { currencyDecimals } from '../../domain/currency.js';
import { formatMinor } from '../../domain/money.js';
import type { QboClient } from './client.js';
import { entityOf, nounOf, type MappedDocument } from './mapping.js';

export const Txn = z
  .object({
    Id: z.string(),
    // Optional in Intuit's schema: a transaction answered without it is read again when it must be changed.
    SyncToken: z.string().optional(),
    DocNumber: z.string().optional(),
    PrivateNote: z.string().optional(),
    TotalAmt: z.number().optional(),
    VendorRef: z.object({ value: z.string() }).partial().optional(),
    Line: z.array(z.object({ Id: z.string().optional() }).passthrough()).optional(),
  })
  .passthrough();
export type Txn = z.infer<typeof Txn>;

/** The transaction as QuickBooks keeps it now, with its current SyncToken (refused, by name, when it has none). */
export async function currentTxn(
  client: QboClient,
  entity: string,
  id: string,
  what: string,
): Promise<Txn & { SyncToken: string }> {
  const answer = await client.request(`${entity.toLowerCase()}/${id}`, {
    what,
    schema: z.object({ [entity]: Txn }),
  });
  const txn = answer[entity] as Txn;
  if (txn.SyncToken === undefined) {
    throw new ConnectorError(
      'needs_user',
      `QuickBooks answered about ${what} without its SyncToken, which Ledgerbridge needs to change it there. Try again later; if it persists, report it with the integration log entry.`,
    );
  }
  return { ...txn, SyncToken: txn.SyncToken };
}

/** A created or found transaction in a batch answer: read, or refused by what it lacks (never a thrown ZodError). */
export function txnOf(value: unknown, what: string): Txn {
  const parsed = Txn.safeParse(value);
  if (parsed.success) return parsed.data;
  throw unreadableAnswer('QuickBooks', what, parsed.error, JSON.stringify(value ?? null).slice(0, 300));
}

export function sentOutcome(
  txn: Txn,
  mapped: MappedDocument,
  outgoing: OutgoingDocument,
  verb: string,
  /** The connection as the bookkeeper named it: where it was done. */
  named: string,
): SendOutcome {
  const noun = nounOf(outgoing.document);
  const expectedMinor = mapped.expectedTotalMinor;
  // Minor units of the document's currency (a JPY bill has none), as expectedTotalMinor is.
  const decimals = currencyDecimals(outgoing.document.currency);
  const total = Math.round((txn.TotalAmt ?? 0) * 10 ** decimals);
  const amount = (minor: number) => formatMinor(minor, decimals);
  const mismatch = txn.TotalAmt !== undefined && total !== expectedMinor;
  const sentence = mismatch
    ? `${verb} ${noun} in ${named}, but its total there is ${amount(total)} instead of ${amount(expectedMinor)}. Check the tax codes mapped in the connection settings.`
    : `${verb} ${noun} in ${named} (total ${amount(total)}).`;
  return {
    ok: true,
    externalId: txn.Id,
    syncToken: txn.SyncToken ?? null,
    // What QuickBooks could not take (a class, a location) is said, not silently dropped.
    message: [sentence, ...mapped.notSent].join(' '),
    detail: `${entityOf(outgoing.document)} Id ${txn.Id} SyncToken ${txn.SyncToken ?? '(not answered)'}`,
  };
}

// A purchase order or bill as QuickBooks answers it, read again when its SyncToken is needed, and what its answer
// means for the bookkeeper (the total QuickBooks computed, what it could not take).
import { z } from 'zod';
import type { OutgoingDocument, SendOutcome } from '../contract.js';
import { currencyDecimals } from '../../domain/currency.js';
import { formatMinor } from '../../domain/money.js';
import type { QboClient } from './client.js';
import { entityOf, nounOf, type MappedDocument } from './mapping.js';

export const Txn = z
  .object({
    Id: z.string(),
    SyncToken: z.string(),
    DocNumber: z.string().optional(),
    PrivateNote: z.string().optional(),
    TotalAmt: z.number().optional(),
    VendorRef: z.object({ value: z.string() }).partial().optional(),
    Line: z.array(z.object({ Id: z.string().optional() }).passthrough()).optional(),
  })
  .passthrough();
export type Txn = z.infer<typeof Txn>;

/** The transaction as QuickBooks keeps it now (for its current SyncToken). */
export async function currentTxn(client: QboClient, entity: string, id: string, what: string): Promise<Txn> {
  const answer = await client.request(`${entity.toLowerCase()}/${id}`, {
    what,
    schema: z.object({ [entity]: Txn }),
  });
  return answer[entity] as Txn;
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
    syncToken: txn.SyncToken,
    // What QuickBooks could not take (a class, a location) is said, not silently dropped.
    message: [sentence, ...mapped.notSent].join(' '),
    detail: `${entityOf(outgoing.document)} Id ${txn.Id} SyncToken ${txn.SyncToken}`,
  };
}

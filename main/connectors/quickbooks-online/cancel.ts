// Canceling a document in QuickBooks: the transaction is deleted (with the current SyncToken when ours is stale);
// one that is gone already counts as canceled.
import { z } from 'zod';
import { capitalized } from '../../domain/text.js';
import type { OutgoingDocument, SendOutcome } from '../contract.js';
import { QboFault, type QboClient } from './client.js';
import { isNotFound, isStale } from './faults.js';
import { entityOf, nounOf } from './mapping.js';
import { currentTxn } from './transactions.js';

export async function cancelDocument(client: QboClient, outgoing: OutgoingDocument): Promise<SendOutcome> {
  const entity = entityOf(outgoing.document);
  const what = nounOf(outgoing.document);
  const existing = outgoing.existing;
  if (!existing)
    return {
      ok: true,
      externalId: '',
      syncToken: null,
      message: `${capitalized(what)} was never in ${client.named}.`,
    };
  const remove = (syncToken: string) =>
    client.request(entity.toLowerCase(), {
      query: { operation: 'delete' },
      body: { Id: existing.externalId, SyncToken: syncToken },
      requestKey: `${outgoing.idempotencyKey}:${syncToken}`,
      what,
      schema: z.object({ [entity]: z.object({ Id: z.string() }).passthrough() }),
    });
  try {
    try {
      await remove(
        existing.syncToken ?? (await currentTxn(client, entity, existing.externalId, what)).SyncToken,
      );
    } catch (error) {
      if (!(error instanceof QboFault) || !isStale(error.info)) throw error;
      await remove((await currentTxn(client, entity, existing.externalId, what)).SyncToken);
    }
  } catch (error) {
    if (error instanceof QboFault && isNotFound(error.info)) {
      return {
        ok: true,
        externalId: existing.externalId,
        syncToken: null,
        message: `${capitalized(what)} was already deleted in ${client.named}.`,
      };
    }
    throw error;
  }
  return {
    ok: true,
    externalId: existing.externalId,
    syncToken: null,
    message: `Deleted ${what} in ${client.named}.`,
  };
}

// A revision of a document already in QuickBooks: a sparse update with the SyncToken we kept (or read), and, when
// someone changed it in QuickBooks since, once more with the current one.
import { z } from 'zod';
import type { OutgoingDocument, SendOutcome } from '../contract.js';
import { QboFault, type QboClient } from './client.js';
import { isStale } from './faults.js';
import { nounOf, type MappedDocument } from './mapping.js';
import { currentTxn, sentOutcome, Txn } from './transactions.js';

export async function updateDocument(
  client: QboClient,
  outgoing: OutgoingDocument,
  mapped: MappedDocument,
): Promise<SendOutcome> {
  const { entity, body } = mapped;
  const existing = outgoing.existing!;
  const what = nounOf(outgoing.document);
  const send = (syncToken: string) =>
    client.request(entity.toLowerCase(), {
      body: { ...body, Id: existing.externalId, SyncToken: syncToken, sparse: true },
      requestKey: `${outgoing.idempotencyKey}:${syncToken}`,
      what,
      schema: z.object({ [entity]: Txn }),
    });
  let syncToken =
    existing.syncToken ?? (await currentTxn(client, entity, existing.externalId, what)).SyncToken;
  try {
    const answer = await send(syncToken);
    return sentOutcome(answer[entity] as Txn, mapped, outgoing, 'Updated', client.named);
  } catch (error) {
    if (!(error instanceof QboFault) || !isStale(error.info)) throw error;
    // Someone changed it in QuickBooks since: read the current SyncToken and apply ours once more.
    syncToken = (await currentTxn(client, entity, existing.externalId, what)).SyncToken;
    const answer = await send(syncToken);
    return sentOutcome(answer[entity] as Txn, mapped, outgoing, 'Updated', client.named);
  }
}

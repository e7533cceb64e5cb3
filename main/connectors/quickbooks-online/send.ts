// Sending documents to QuickBooks: one batch of look-ups first (the purchase orders bills link to, and any
// transaction a lost answer already created), then the new ones created in one batch request of up to 30, each
// answered on its own; revisions as sparse updates (revise.ts); then each document's files not yet there
// (attachments.ts: all on the first send, those a revision added on its update).
import { ConnectorError, type OutgoingDocument, type SendOutcome } from '../contract.js';
import { attachFiles, failedOutcome, retryUnanswered } from '../send-outcomes.js';
import { uploadAttachments } from './attachments.js';
import { batchFaultInfo, BatchResponse } from './batch.js';
import { literal, QboFault, requestIdFor, type QboClient } from './client.js';
import type { CompanyProfile } from './company.js';
import { isClosedPeriod } from './faults.js';
import {
  docNumberOf,
  entityOf,
  mapDocument,
  markerOf,
  nounOf,
  type LinkedOrder,
  type MappedDocument,
} from './mapping.js';
import { updateDocument } from './revise.js';
import type { QboSettings } from './settings.js';
import { sentOutcome, Txn, txnOf } from './transactions.js';

export async function sendDocuments(
  client: QboClient,
  profile: CompanyProfile,
  settings: QboSettings,
  documents: OutgoingDocument[],
  /** Told when QuickBooks says the books are closed, so the cached Preferences are read again. */
  booksClosed: () => void,
): Promise<SendOutcome[]> {
  const outcomes: (SendOutcome | null)[] = documents.map(() => null);
  const fail = (i: number, error: unknown) => {
    outcomes[i] = failedOutcome(error);
  };

  // One batch of look-ups: the purchase orders bills link to, and anything an earlier, unanswered attempt created.
  // A batch whose documents are all on their first try, with no order to link, needs none: a request that
  // never left cannot have created anything.
  const creates = documents.map((d, i) => ({ d, i })).filter(({ d }) => !d.existing);
  const toLookUp = creates.map(({ d }) => d).filter((d) => d.mayExist !== false || d.linkedDocument);
  const looked = await lookUp(client, toLookUp);

  const toCreate: {
    i: number;
    entity: string;
    body: Record<string, unknown>;
    mapped: MappedDocument;
    what: string;
  }[] = [];
  for (const [i, outgoing] of documents.entries()) {
    try {
      const linkedId = outgoing.linkedDocument?.externalId;
      const linked: LinkedOrder | null = linkedId ? (looked.orders.get(linkedId) ?? null) : null;
      const mapped = mapDocument(outgoing, profile, settings, linked);
      if (outgoing.existing) {
        outcomes[i] = await updateDocument(client, outgoing, mapped);
        continue;
      }
      const earlier = looked.created.get(outgoing.document.id);
      if (earlier) {
        outcomes[i] = {
          ok: true,
          externalId: earlier.Id,
          syncToken: earlier.SyncToken ?? null,
          message: `Found ${nounOf(outgoing.document)} already in ${client.named} (sent before its answer was lost); not sent twice.`,
          detail: `${mapped.entity} ${earlier.Id} carries ${markerOf(outgoing.document)}`,
        };
        continue;
      }
      toCreate.push({
        i,
        entity: mapped.entity,
        body: mapped.body,
        mapped,
        what: nounOf(outgoing.document),
      });
    } catch (error) {
      fail(i, error);
    }
  }
  if (toCreate.length > 0) {
    const key = toCreate
      .map(({ i }) => documents[i]!.idempotencyKey)
      .sort()
      .join('|');
    const answer = await client.request('batch', {
      body: {
        BatchItemRequest: toCreate.map((c, n) => ({
          bId: String(n + 1),
          operation: 'create',
          [c.entity]: c.body,
        })),
      },
      requestKey: `batch:${requestIdFor(key)}`,
      what: `${toCreate.length} document${toCreate.length === 1 ? '' : 's'}`,
      schema: BatchResponse,
    });
    const byId = new Map(answer.BatchItemResponse.map((r) => [r.bId, r]));
    toCreate.forEach((c, n) => {
      const item = byId.get(String(n + 1));
      if (!item) {
        fail(
          c.i,
          new ConnectorError('transient', `QuickBooks did not answer for ${c.what}. Ledgerbridge retries.`),
        );
      } else if (item.Fault) {
        const info = batchFaultInfo(item.Fault);
        // The books were closed since we last read Preferences: read them again before the next send.
        if (isClosedPeriod(info)) booksClosed();
        fail(c.i, new QboFault(info, c.what));
      } else {
        const created = Txn.safeParse(item[c.entity]);
        if (created.success)
          outcomes[c.i] = sentOutcome(created.data, c.mapped, documents[c.i]!, 'Created', client.named);
        else
          // Created there, but we cannot tell which record it is: the next try finds it by the marker in its
          // memo (lookUp) instead of creating it twice.
          fail(
            c.i,
            new ConnectorError(
              'transient',
              `${client.named} created ${c.what} but answered without its Id. Ledgerbridge finds it there on the next try and does not create it twice.`,
              { detail: `${c.entity}: ${created.error.message.slice(0, 300)}` },
            ),
          );
      }
    });
  }
  await attachFiles(outcomes, documents, (outgoing, id, files) =>
    uploadAttachments(client, entityOf(outgoing.document), id, files),
  );
  return retryUnanswered(outcomes);
}

/** The linked purchase orders (with their line ids) and transactions an earlier attempt already created. */
async function lookUp(
  client: QboClient,
  creates: OutgoingDocument[],
): Promise<{ orders: Map<string, LinkedOrder>; created: Map<string, Txn> }> {
  const orders = new Map<string, LinkedOrder>();
  const created = new Map<string, Txn>();
  const linkedIds = [
    ...new Set(creates.map((d) => d.linkedDocument?.externalId).filter((x): x is string => !!x)),
  ];
  const numbers = (entity: string) => [
    ...new Set(creates.filter((d) => entityOf(d.document) === entity).map((d) => docNumberOf(d.document))),
  ];
  const queries: { bId: string; Query: string }[] = [];
  if (linkedIds.length > 0)
    queries.push({
      bId: 'po',
      Query: `SELECT * FROM PurchaseOrder WHERE Id IN (${linkedIds.map(literal).join(',')})`,
    });
  for (const entity of ['PurchaseOrder', 'Bill']) {
    const list = numbers(entity);
    if (list.length > 0)
      queries.push({
        bId: entity,
        Query: `SELECT * FROM ${entity} WHERE DocNumber IN (${list.map(literal).join(',')}) MAXRESULTS 1000`,
      });
  }
  if (queries.length === 0) return { orders, created };
  const answer = await client.request('batch', {
    body: { BatchItemRequest: queries },
    what: 'the documents already in QuickBooks',
    schema: BatchResponse,
  });
  const markers = new Map(creates.map((d) => [markerOf(d.document), d.document.id]));
  for (const item of answer.BatchItemResponse) {
    if (item.Fault) throw new QboFault(batchFaultInfo(item.Fault), 'the documents already in QuickBooks');
    const entity = item.bId === 'po' ? 'PurchaseOrder' : item.bId;
    const found = item.QueryResponse?.[entity];
    const rows = (Array.isArray(found) ? found : []).map((row) =>
      txnOf(row, `the ${entity === 'Bill' ? 'bills' : 'purchase orders'} already in QuickBooks`),
    );
    for (const row of rows) {
      if (item.bId === 'po') {
        orders.set(row.Id, {
          id: row.Id,
          lineIds: (row.Line ?? []).map((l) => l.Id ?? '').filter(Boolean),
        });
        continue;
      }
      const marker = /\[lb:[^\]]+\]/.exec(row.PrivateNote ?? '')?.[0];
      const ours = marker ? markers.get(marker) : undefined;
      if (ours) created.set(ours, row);
    }
  }
  return { orders, created };
}

// Bulk actions on the Documents page: submit, approve or send many documents. Each document goes through the same
// function as the one-document method (transitionDocument, sendTarget + enqueueSend), in its own transaction or
// savepoint, so the rules live in one place and one refusal never stops the rest. A bulk send writes the sync
// statuses of all the documents it queued in one batch (markQueued) in the transaction that queued them.
import type { MethodOutput, ParsedInput } from '../../preload/contract.js';
import { findDocumentRow, type DocumentRow } from '../db/repos/documents.js';
import { AppError } from '../domain/errors.js';
import { documentTypeLabel } from '../domain/lifecycle.js';
import { enqueueSend, markQueued } from '../sync/outbox.js';
import type { ApiContext } from './context.js';
import { sendTarget, transitionDocument } from './documents.js';

type BulkResult = MethodOutput<'documents.sendMany'>;
type BulkItem = BulkResult['results'][number];

/** The row, when the document exists and is the company's; otherwise the refusal to report. */
function ownRow(ctx: ApiContext, companyId: string, id: string): DocumentRow | BulkItem {
  const row = findDocumentRow(ctx.db, id);
  if (row && row.company_id === companyId) return row;
  return {
    id,
    number: null,
    type: null,
    outcome: 'refused',
    message:
      'This document does not exist in this company (deleted, or chosen in another company). Reload the list.',
  };
}

function refusal(row: DocumentRow, error: unknown): BulkItem {
  if (!(error instanceof AppError)) throw error;
  return { id: row.id, number: row.number, type: row.type, outcome: 'refused', message: error.userMessage };
}

/** "QuickBooks Online and NetSuite": the connections' names, read in one query. */
function connectionNames(ctx: ApiContext, ids: readonly string[]): string {
  const names = new Map(
    ctx.db
      .prepare<[string], { id: string; name: string }>(
        'SELECT id, name FROM connections WHERE id IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify(ids))
      .map((r) => [r.id, r.name]),
  );
  return ids.map((id) => names.get(id) ?? id).join(' and ');
}

export function transitionMany(
  ctx: ApiContext,
  action: 'submit' | 'approve',
  input: ParsedInput<'documents.submitMany'>,
): BulkResult {
  const results = input.ids.map((id): BulkItem => {
    const row = ownRow(ctx, input.companyId, id);
    if (!('company_id' in row)) return row;
    try {
      const doc = transitionDocument(ctx, action, { id, actor: input.actor });
      if (action === 'submit') {
        return {
          id,
          number: doc.number,
          type: doc.type,
          outcome: 'submitted',
          message: 'Submitted for approval.',
        };
      }
      const queuedTo = doc.sync.filter((s) => s.status === 'queued').map((s) => s.connectionId);
      if (queuedTo.length > 0) {
        return {
          id,
          number: doc.number,
          type: doc.type,
          outcome: 'queued',
          message: `Approved and queued for ${connectionNames(ctx, queuedTo)}.`,
        };
      }
      return {
        id,
        number: doc.number,
        type: doc.type,
        outcome: 'approved',
        message: `Approved. No connection sends ${documentTypeLabel(doc.type)}s automatically: use Send to send it.`,
      };
    } catch (error) {
      return refusal(row, error);
    }
  });
  return { results };
}

export function sendMany(ctx: ApiContext, input: ParsedInput<'documents.sendMany'>): BulkResult {
  const now = new Date();
  const results: BulkItem[] = [];
  ctx.db.transaction(() => {
    const queued = new Map<string, string[]>();
    for (const id of input.ids) {
      const row = ownRow(ctx, input.companyId, id);
      if (!('company_id' in row)) {
        results.push(row);
        continue;
      }
      try {
        // A savepoint per document: a refusal undoes only its own writes.
        const { connectionId, enqueued } = ctx.db.transaction(() => {
          const target = sendTarget(ctx, row, input.connectionId);
          const result = enqueueSend(ctx.db, {
            documentId: row.id,
            connectionId: target,
            revision: row.revision,
            reason: 'manual',
            now,
            deferStatus: true,
          });
          return { connectionId: target, enqueued: result.enqueued };
        })();
        // Already being sent (its automatic send is running): followed like the others, but its status stays.
        if (enqueued) queued.set(connectionId, [...(queued.get(connectionId) ?? []), row.id]);
        results.push({
          id,
          number: row.number,
          type: row.type,
          outcome: 'queued',
          message: `${enqueued ? 'Queued for' : 'Already sending to'} ${connectionNames(ctx, [connectionId])}.`,
        });
      } catch (error) {
        results.push(refusal(row, error));
      }
    }
    for (const [connectionId, ids] of queued) markQueued(ctx.db, connectionId, ids, now);
  })();
  if (results.some((r) => r.outcome === 'queued')) ctx.kickSync();
  for (const r of results) if (r.outcome === 'queued') ctx.emit({ type: 'document', documentId: r.id });
  return { results };
}

/** Where each document's send stands: on the connection given, or across the document's connections. */
export function sendProgress(
  ctx: ApiContext,
  input: ParsedInput<'documents.sendProgress'>,
): MethodOutput<'documents.sendProgress'> {
  const ids = JSON.stringify(input.ids);
  const rows = ctx.db
    .prepare<
      { ids: string; companyId: string; connectionId: string | null },
      {
        id: string;
        number: string;
        type: DocumentRow['type'];
        status: DocumentRow['status'];
        sync_status: string | null;
        message: string | null;
      }
    >(
      `SELECT d.id, d.number, d.type, d.status,
              CASE WHEN @connectionId IS NULL THEN d.sync_status
                   ELSE (SELECT s.status FROM document_sync s WHERE s.document_id = d.id AND s.connection_id = @connectionId)
              END AS sync_status,
              (SELECT s.last_message FROM document_sync s WHERE s.document_id = d.id
                 AND (@connectionId IS NULL OR s.connection_id = @connectionId)
               ORDER BY s.updated_at DESC LIMIT 1) AS message
         FROM documents d
        WHERE d.id IN (SELECT value FROM json_each(@ids)) AND d.company_id = @companyId`,
    )
    .all({ ids, companyId: input.companyId, connectionId: input.connectionId ?? null });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return input.ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const syncStatus = (r.sync_status ??
      'not_sent') as MethodOutput<'documents.sendProgress'>[number]['syncStatus'];
    const stage =
      syncStatus === 'waiting'
        ? 'waiting'
        : syncStatus === 'sent'
          ? 'sent'
          : syncStatus === 'queued' || syncStatus === 'sending'
            ? 'in_progress'
            : 'refused';
    const message =
      stage === 'waiting'
        ? (r.message ?? 'Waits for you: open the document to see what it needs.')
        : stage === 'refused'
          ? (r.message ?? `Not sent (${syncStatus.replace('_', ' ')}).`)
          : r.message;
    return [{ id, number: r.number, type: r.type, status: r.status, syncStatus, stage, message }];
  });
}

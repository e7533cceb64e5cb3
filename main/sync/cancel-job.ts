// A cancel job of the sync worker: the document removed (deleted or voided, as the system keeps it) where it was
// sent; nothing to do where it never was. The link stays, pointing at what the system now holds.
import type { DocumentT } from '../../preload/contract.js';
import type { ConnectorContext, OutgoingDocument } from '../connectors/contract.js';
import { classifyError } from './classify.js';
import { connectionLabel } from './connections.js';
import { attemptDetail } from './jobs.js';
import type { OutboxJobRow } from './outbox.js';
import { findLink, upsertLink } from './references.js';
import { DOCUMENT_NOUN, type Unit, type UnitScope } from './unit.js';

export async function runCancel(
  scope: UnitScope,
  unit: Unit,
  ctx: ConnectorContext,
  job: OutboxJobRow,
): Promise<void> {
  const { connection, connector } = unit;
  const { db, ledger, log, outcomes } = scope;
  if (scope.stopping()) return outcomes.release(unit, job, 'stopped');
  let document: DocumentT | null = null;
  try {
    if (!ledger.existingDocumentId(job.entity_id)) {
      outcomes.settle(job, 'superseded', 'The document was deleted.', null, null, unit);
      return;
    }
    document = await scope.loadDocument(job.entity_id);
    const link = findLink(db, connection.id, 'document', document.id);
    if (!link) {
      const doc = document;
      scope.tx(() => {
        ledger.finishJob(job, 'done', null);
        ledger.setSync(
          doc.id,
          connection.id,
          'not_sent',
          `Never created in ${connectionLabel(connection, connector.label)}; nothing to remove.`,
        );
        log.append({
          documentId: doc.id,
          connectionId: connection.id,
          action: 'cancel_document',
          result: 'info',
          message: `Nothing to remove in ${connectionLabel(connection, connector.label)}: the document was never created there`,
          detail: `job ${job.id} (${job.idempotency_key})`,
        });
      });
      return;
    }
    scope.tx(() => ledger.setSync(document!.id, connection.id, 'sending', null));
    const supplier = await scope.loadSupplier(document.supplierId);
    const outgoing: OutgoingDocument = {
      document,
      supplier,
      references: {},
      existing: { externalId: link.external_id, syncToken: link.sync_token },
      idempotencyKey: job.idempotency_key,
    };
    ledger.markDispatched([job]);
    const outcome = await connector.cancelDocument(ctx, outgoing);
    if (!outcome.ok) {
      outcomes.applyError(unit, job, outcome.error, document);
      return;
    }
    const doc = document;
    const noun = DOCUMENT_NOUN[doc.type];
    // As for a send, the connector's own sentence ("Deleted bill INV-1 in Xero.") is read once, not after ours.
    const message =
      outcome.message ||
      `Canceled ${noun} ${outcome.externalId} in ${connectionLabel(connection, connector.label)}`;
    scope.tx(() => {
      upsertLink(db, {
        connectionId: connection.id,
        entityType: 'document',
        entityId: doc.id,
        externalId: outcome.externalId,
        syncToken: outcome.syncToken,
        payloadHash: link.payload_hash,
        now: scope.now(),
      });
      ledger.finishJob(job, 'done', null);
      ledger.setSync(doc.id, connection.id, 'sent', message, outcome.externalId);
      log.append({
        documentId: doc.id,
        connectionId: connection.id,
        action: 'cancel_document',
        result: 'success',
        message,
        detail: attemptDetail(job, outcome.detail),
      });
    });
  } catch (error) {
    if (scope.stopping()) outcomes.release(unit, job, 'stopped');
    else outcomes.applyError(unit, job, classifyError(error), document);
  }
}

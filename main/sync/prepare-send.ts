// Getting a unit's send jobs ready for the connector: each document loaded and checked against the job (deleted,
// revised or canceled since?), its references found or created in the other system (references.ts), and the
// OutgoingDocument built with the idempotency key, the link to what the system already has, and the files.
import { createHash } from 'node:crypto';
import type { DocumentT, SupplierT } from '../../preload/contract.js';
import type { ConnectorContext, OutgoingAttachment, OutgoingDocument } from '../connectors/contract.js';
import { deliveredIds } from './file-deliveries.js';
import type { JobPayload, OutboxJobRow } from './outbox.js';
import { findLink, prefetchReferences, resolveReferences, type ReferenceLookups } from './references.js';
import type { Unit, UnitScope } from './unit.js';

/** A send job ready for the connector. */
export interface Prepared {
  job: OutboxJobRow;
  document: DocumentT;
  outgoing: OutgoingDocument;
  payloadHash: string;
}

function payloadOf(job: OutboxJobRow): JobPayload {
  try {
    const value = JSON.parse(job.payload_json) as Partial<JobPayload>;
    return { revision: typeof value.revision === 'number' ? value.revision : 0, reason: value.reason };
  } catch {
    return { revision: 0 };
  }
}

/** Hash of what was sent, so a later update can tell whether anything changed. */
function hashPayload(outgoing: OutgoingDocument): string {
  const { document, supplier, references } = outgoing;
  return createHash('sha256').update(JSON.stringify({ document, supplier, references })).digest('hex');
}

/**
 * The references all documents of a unit need, looked up (and suppliers created) together where the connector
 * can (references.ts prefetchReferences). Documents that will not be sent (deleted, changed since) are left out.
 * Null when there is nothing to ask together or the bulk requests failed: each document then resolves its own
 * references and meets that failure itself, as it would have without the bulk path.
 */
export async function prefetchUnitReferences(
  scope: UnitScope,
  unit: Unit,
  ctx: ConnectorContext,
): Promise<ReferenceLookups | null> {
  const { connection, connector } = unit;
  if (!connector.findReferencesBulk || unit.jobs[0]?.kind === 'cancel_document') return null;
  try {
    const items: { document: DocumentT; supplier: SupplierT }[] = [];
    for (const job of unit.jobs) {
      if (!scope.ledger.existingDocumentId(job.entity_id)) continue;
      const document = await scope.loadDocument(job.entity_id);
      if (document.status !== 'approved' || document.revision !== payloadOf(job).revision) continue;
      items.push({ document, supplier: await scope.loadSupplier(document.supplierId) });
    }
    if (items.length < 2) return null; // one document asks as it always did
    return await scope.withReferenceLock(connection.id, () =>
      prefetchReferences({
        db: scope.db,
        connector,
        ctx,
        connection,
        items,
        log: scope.log,
        now: scope.now,
      }),
    );
  } catch {
    return null;
  }
}

/** Loads, checks and resolves references for one send job; null when the job was settled on the way. */
export async function prepareSend(
  scope: UnitScope,
  unit: Unit,
  ctx: ConnectorContext,
  job: OutboxJobRow,
  lookups: ReferenceLookups | null,
): Promise<Prepared | null> {
  const { connection, connector } = unit;
  const { db, outcomes } = scope;
  if (!scope.ledger.existingDocumentId(job.entity_id)) {
    outcomes.settle(job, 'superseded', 'The document was deleted before it was sent.', null, null, unit);
    return null;
  }
  const document = await scope.loadDocument(job.entity_id);
  const { revision } = payloadOf(job);
  if (document.status !== 'approved' || document.revision !== revision) {
    // A create that already made an attempt may have been applied with the answer lost. Superseding it would
    // leave that record behind unknown to us (a later cancel would find nothing to remove, a later revision
    // would create a duplicate), so it is replayed with the same key to learn its id.
    const mayHaveCreated =
      (job.attempts > 0 || job.dispatched_at !== null) &&
      !findLink(db, connection.id, 'document', document.id);
    if (!mayHaveCreated) {
      outcomes.settleStale(unit, job, document, revision);
      return null;
    }
  }
  scope.tx(() => scope.ledger.setSync(document.id, connection.id, 'sending', null));
  const supplier = await scope.loadSupplier(document.supplierId);
  const resolved = await scope.withReferenceLock(connection.id, () =>
    resolveReferences({
      db,
      connector,
      ctx,
      connection,
      document,
      supplier,
      log: scope.log,
      now: scope.now,
      ...(lookups ? { lookups } : {}),
    }),
  );
  if (resolved.kind === 'needs_user') {
    outcomes.settle(job, 'failed', resolved.message, resolved.detail ?? null, document, unit);
    return null;
  }
  if (resolved.kind === 'waiting') {
    outcomes.settle(job, 'waiting', resolved.message, null, document, unit);
    return null;
  }
  const link = findLink(db, connection.id, 'document', document.id);
  // An invoice or receipt made from an order links to it in the other system once the order is there.
  const orderLink = document.linkedDocumentId
    ? findLink(db, connection.id, 'document', document.linkedDocumentId)
    : null;
  const outgoing: OutgoingDocument = {
    document,
    supplier,
    references: resolved.references,
    existing: link ? { externalId: link.external_id, syncToken: link.sync_token } : null,
    idempotencyKey: job.idempotency_key,
    mayExist: job.dispatched_at !== null || job.attempts > 0,
    linkedDocument:
      orderLink && document.linkedDocumentId
        ? { documentId: document.linkedDocumentId, externalId: orderLink.external_id }
        : null,
    attachments: filesToSend(scope, document.id, connection.id),
    lineCodingNames: lineCodingNames(scope, document),
  };
  return { job, document, outgoing, payloadHash: hashPayload(outgoing) };
}

/** The document's files not yet on this connection: all of them the first time, then those added since. */
function filesToSend(scope: UnitScope, documentId: string, connectionId: string): OutgoingAttachment[] {
  const files = scope.attachments(documentId);
  if (files.length === 0) return files;
  const delivered = deliveredIds(scope.db, documentId, connectionId);
  return files.filter((f) => !delivered.has(f.id));
}

/** The names of the locations and departments the lines carry, for connectors that take them on the header only. */
function lineCodingNames(scope: UnitScope, document: DocumentT): Record<string, string> {
  const ids = new Set(
    document.lines.flatMap((l) => [l.locationId, l.departmentId]).filter((id): id is string => id !== null),
  );
  const names: Record<string, string> = {};
  const row = scope.db.prepare<[string], { name: string }>('SELECT name FROM list_entries WHERE id = ?');
  for (const id of ids) {
    const found = row.get(id);
    if (found) names[id] = found.name;
  }
  return names;
}

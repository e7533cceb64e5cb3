// Pairing by hand, for the Lists page: which references documents are held up by, and the pairing that lets them
// go on. Two cases: a document waiting because a reference has no counterpart in the system while "Create missing
// records" is off (its job waits), and one that failed because several records there carry the reference's name
// (the engine never guesses between them: its job failed, needing the user). A document stops at its first
// reference without a link: references are resolved in order (collectReferences) and each one found is linked as
// it goes, so the first one still unlinked is the one it is held up by. Pairing links it, puts the connection's
// waiting jobs back in the queue (resumeWaiting) and queues again the failed documents held up by it
// (enqueueSend); a document still missing something else stops again, at the next one.
import type { Database } from 'better-sqlite3';
import type { DocumentT } from '../../preload/contract.js';
import type { ReferenceKind, ReferenceRecord } from '../connectors/contract.js';
import { loadDocument } from '../db/repos/documents.js';
import { getSupplier } from '../db/repos/suppliers.js';
import { AppError } from '../domain/errors.js';
import { enqueueSend, resumeWaiting } from './outbox.js';
import { collectReferences, upsertLink, type LinkEntityType } from './references.js';

export interface WaitingDocument {
  id: string;
  type: DocumentT['type'];
  number: string;
  supplierName: string;
  /** What the document's sync status says (why it waits). */
  message: string | null;
  /** waiting: goes on by itself once paired; failed (several records of that name there): sent again once paired. */
  held: 'waiting' | 'failed';
}

export interface WaitingReference {
  kind: ReferenceKind;
  entityType: LinkEntityType;
  entityId: string;
  name: string;
  record: ReferenceRecord;
  documents: WaitingDocument[];
}

/** Every reference the connection's waiting documents are held up by, each with the documents waiting on it. */
export function waitingReferences(db: Database, connectionId: string): WaitingReference[] {
  // Waiting sends, and the latest send of each document whose sync on this connection failed.
  const jobs = db
    .prepare<
      [string, string],
      { entity_id: string; last_error: string | null; status: 'waiting' | 'failed' }
    >(
      `SELECT j.entity_id, j.last_error, j.status FROM outbox_jobs j
       WHERE j.connection_id = ? AND j.kind = 'send_document' AND j.entity_type = 'document'
         AND (j.status = 'waiting'
           OR (j.status = 'failed'
             AND j.id = (SELECT MAX(l.id) FROM outbox_jobs l WHERE l.connection_id = j.connection_id
                          AND l.kind = 'send_document' AND l.entity_type = 'document' AND l.entity_id = j.entity_id)
             AND EXISTS (SELECT 1 FROM document_sync s WHERE s.document_id = j.entity_id
                          AND s.connection_id = ? AND s.status = 'failed')))
       ORDER BY j.id`,
    )
    .all(connectionId, connectionId);
  const byKey = new Map<string, WaitingReference>();
  for (const job of jobs) {
    let document: DocumentT;
    try {
      document = loadDocument(db, job.entity_id);
    } catch {
      continue; // removed since: nothing waits any more
    }
    const supplier = getSupplier(db, document.supplierId);
    const blocker = collectReferences(db, connectionId, document, supplier).find((n) => !n.externalId);
    if (!blocker) continue; // it waits for something else (a reconnect): pairing will not release it
    const key = `${blocker.entityType}:${blocker.id}`;
    const reference = byKey.get(key) ?? {
      kind: blocker.kind,
      entityType: blocker.entityType,
      entityId: blocker.id,
      name: blocker.name,
      record: blocker.record,
      documents: [],
    };
    if (!reference.documents.some((d) => d.id === document.id)) {
      reference.documents.push({
        id: document.id,
        type: document.type,
        number: document.number,
        supplierName: document.supplierName,
        message: job.last_error,
        held: job.status,
      });
    }
    byKey.set(key, reference);
  }
  return [...byKey.values()];
}

/**
 * Links our record to the system's (externalId) and puts the connection's waiting documents back in the queue, in
 * one transaction; the caller kicks the worker after it. Returns how many jobs went back to the queue.
 */
export function pairReference(
  db: Database,
  pairing: {
    connectionId: string;
    entityType: LinkEntityType;
    entityId: string;
    externalId: string;
    /** For the message when that record is already paired with another of ours. */
    what: string;
    /** Documents whose send failed on this reference: queued again once it is paired. */
    failedDocuments?: readonly string[];
    now?: Date;
  },
): { released: number } {
  const now = pairing.now ?? new Date();
  return db.transaction(() => {
    const { conflictWith } = upsertLink(db, {
      connectionId: pairing.connectionId,
      entityType: pairing.entityType,
      entityId: pairing.entityId,
      externalId: pairing.externalId,
      now,
    });
    if (conflictWith) {
      throw new AppError(
        'conflict',
        `${pairing.what} is already paired with another record here. Choose another entry, or pair that one differently first.`,
      );
    }
    let released = resumeWaiting(db, pairing.connectionId, now);
    for (const documentId of pairing.failedDocuments ?? []) {
      const document = loadDocument(db, documentId);
      enqueueSend(db, {
        documentId,
        connectionId: pairing.connectionId,
        revision: document.revision,
        reason: 'manual',
        now,
      });
      released++;
    }
    return { released };
  })();
}

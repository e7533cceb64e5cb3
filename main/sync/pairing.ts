// Pairing by hand, for the Lists page: which references documents are waiting on (a supplier, item, account,
// class, customer or tax rate with no counterpart in the system, while "Create missing records" is off), and the
// pairing that lets them go on. A waiting document stops at its first reference without a counterpart: references
// are resolved in order (collectReferences) and each one found is linked as it goes, so the first one still
// unlinked is the one it waits on. Pairing links it and puts the connection's waiting jobs back in the queue
// (resumeWaiting); a document still missing something else simply waits again, on the next one.
import type { Database } from 'better-sqlite3';
import type { DocumentT } from '../../preload/contract.js';
import type { ReferenceKind, ReferenceRecord } from '../connectors/contract.js';
import { loadDocument } from '../db/repos/documents.js';
import { getSupplier } from '../db/repos/suppliers.js';
import { AppError } from '../domain/errors.js';
import { resumeWaiting } from './outbox.js';
import { collectReferences, upsertLink, type LinkEntityType } from './references.js';

export interface WaitingDocument {
  id: string;
  type: DocumentT['type'];
  number: string;
  supplierName: string;
  /** What the document's sync status says (why it waits). */
  message: string | null;
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
  const jobs = db
    .prepare<[string], { entity_id: string; last_error: string | null }>(
      `SELECT entity_id, last_error FROM outbox_jobs
       WHERE connection_id = ? AND status = 'waiting' AND kind = 'send_document' AND entity_type = 'document'
       ORDER BY id`,
    )
    .all(connectionId);
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
    return { released: resumeWaiting(db, pairing.connectionId, now) };
  })();
}

// What the sync worker does with each job of a unit once it is answered or stopped: a sent document linked to its
// record there, a failure acted on, a job settled or put back. Every change of the job itself goes through the
// ledger (jobs.ts); what is the worker's own here is the link to the other system's record and the log's words.
import type { Database } from 'better-sqlite3';
import type { DocumentT } from '../../preload/contract.js';
import type { ConnectorError, SendOutcome } from '../connectors/contract.js';
import { connectionLabel } from './connections.js';
import { recordDeliveries } from './file-deliveries.js';
import { attemptDetail, type JobLedger, type JobTarget } from './jobs.js';
import type { IntegrationLog } from './log.js';
import type { OutboxJobRow } from './outbox.js';
import type { Prepared } from './prepare-send.js';
import { findLink, upsertLink } from './references.js';
import { DOCUMENT_NOUN, type Unit } from './unit.js';

export interface UnitOutcomesDeps {
  db: Database;
  ledger: JobLedger;
  log: IntegrationLog;
  now: () => Date;
  tx<T>(fn: () => T): T;
}

export class UnitOutcomes {
  constructor(private readonly deps: UnitOutcomesDeps) {}

  applySent(unit: Unit, p: Prepared, outcome: Extract<SendOutcome, { ok: true }>): void {
    const { connection, connector } = unit;
    const { db, ledger, log } = this.deps;
    const noun = DOCUMENT_NOUN[p.document.type];
    const named = connectionLabel(connection, connector.label);
    // The connector's own sentence says what was done, to which document, in which system ("Created purchase order
    // PO-1 in NetSuite."): it is the log's sentence as it stands, so the verb is read once. The other system's id
    // means nothing to a bookkeeper next to it; it stays in the log's detail and on the document's page ("Their id").
    const message = outcome.message
      ? outcome.message
      : p.outgoing.existing
        ? `Updated ${noun} ${outcome.externalId} in ${named}`
        : `Sent to ${named} as ${noun} ${outcome.externalId}`;
    this.deps.tx(() => {
      const { conflictWith } = upsertLink(db, {
        connectionId: connection.id,
        entityType: 'document',
        entityId: p.document.id,
        externalId: outcome.externalId,
        syncToken: outcome.syncToken,
        payloadHash: p.payloadHash,
        now: this.deps.now(),
      });
      if (conflictWith) {
        // The system says it stored this document under an id we already hold for another one: never guess.
        this.settle(
          p.job,
          'failed',
          `${named} answered with ${noun} ${outcome.externalId}, which is already linked to another document here. Check both documents in ${named} before sending again.`,
          `external id ${outcome.externalId} already linked to document ${conflictWith}`,
          p.document,
          unit,
        );
        return;
      }
      ledger.finishJob(p.job, 'done', null);
      ledger.setSync(p.document.id, connection.id, 'sent', message, outcome.externalId);
      // Each file that went (or that the system does not take) is not offered to this connection again.
      const offered = new Set((p.outgoing.attachments ?? []).map((a) => a.id));
      recordDeliveries(
        db,
        connection.id,
        (outcome.files ?? [])
          .filter((f) => offered.has(f.id) && f.status !== 'failed')
          .map((f) => ({
            attachmentId: f.id,
            status: f.status === 'sent' ? 'sent' : 'not_taken',
            externalId: f.externalId ?? null,
          })),
        this.deps.now(),
      );
      log.append({
        documentId: p.document.id,
        connectionId: connection.id,
        action: 'send_document',
        result: 'success',
        message,
        detail: attemptDetail(
          p.job,
          `external id ${outcome.externalId}`,
          // A version number (QuickBooks' SyncToken) helps when reading the log; a long one (Xero's kept line
          // ids, ~55 characters a line) would only bloat it.
          outcome.syncToken !== null && outcome.syncToken.length <= 40
            ? `sync token ${outcome.syncToken}`
            : null,
          outcome.detail,
        ),
      });
    });
  }

  /** Acts on a classified failure (jobs.ts: reconnect, fail, or retry with backoff); returns its kind. */
  applyError(
    unit: Unit,
    job: OutboxJobRow,
    error: ConnectorError,
    document: DocumentT | null,
  ): ConnectorError['kind'] {
    const kind = this.deps.ledger.applyFailure(job, this.target(unit, job, document), error);
    return kind === 'mapping' ? 'needs_user' : kind;
  }

  /** Ends a job that needs the user (failed) or is waiting for a pairing or a reconnect (waiting). */
  settle(
    job: OutboxJobRow,
    status: 'failed' | 'waiting' | 'superseded',
    message: string,
    detail: string | null,
    document: DocumentT | null,
    unit: Unit,
  ): void {
    this.deps.ledger.settle(job, this.target(unit, job, document), status, message, detail);
  }

  /** The document changed (revised, canceled, re-approved) after the job was queued: the job is moot. */
  settleStale(unit: Unit, job: OutboxJobRow, document: DocumentT, revision: number): void {
    const linked = findLink(this.deps.db, unit.connection.id, 'document', document.id) !== undefined;
    this.deps.ledger.settleStale(job, this.target(unit, job, document), document, revision, linked);
  }

  /**
   * Puts a claimed job back without counting an attempt: the worker is stopping (logged), or another job of the
   * unit hit an expired authorization (the job waits for the reconnect like every other job of the connection).
   */
  release(unit: Unit, job: OutboxJobRow, why: 'stopped' | null): void {
    const target = this.target(unit, job, null);
    this.deps.ledger.release(job, target, {
      sync: 'if-sending',
      log:
        why === 'stopped'
          ? {
              documentId: target.documentId,
              action: job.kind,
              result: 'info',
              message: 'Interrupted because Ledgerbridge was stopping; it resumes on the next start',
              detail: `job ${job.id} (${job.idempotency_key})`,
            }
          : undefined,
    });
  }

  private target(unit: Unit, job: OutboxJobRow, document: DocumentT | null): JobTarget {
    return {
      connectionId: unit.connection.id,
      label: connectionLabel(unit.connection, unit.connector.label),
      documentId: document?.id ?? this.deps.ledger.existingDocumentId(job.entity_id),
    };
  }
}

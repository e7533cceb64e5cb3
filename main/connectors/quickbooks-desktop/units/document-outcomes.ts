// How a document job of a session ends, in the job ledger's terms (sync/jobs.ts): sent (a whole message's
// documents written together), failed (retried later when transient, the connection marked for a reconnect when
// QuickBooks refuses access), settled (waiting, superseded), released back to the queue, and the session's
// summary counts that go with each.
import { MAX_ATTEMPTS } from '../../../sync/backoff.js';
import type { SyncStatus } from '../../../sync/document-sync.js';
import { getDocumentSync } from '../../../sync/document-sync.js';
import { notTakenSentence, recordDeliveries, undeliveredFiles } from '../../../sync/file-deliveries.js';
import { attemptDetail } from '../../../sync/jobs.js';
import type { OutboxJobRow } from '../../../sync/outbox.js';
import { findLink, upsertLink } from '../../../db/repos/external-links.js';
import { QBD_LABEL } from '../connector.js';
import type { QbdDocument } from '../records.js';
import type { SessionContext } from '../session-context.js';
import { clearInflight } from '../state.js';
import { NOUN, refNumberOf } from '../translate.js';
import type { Classified } from '../wire.js';

export class DocumentOutcomes {
  /** Documents claimed for the message being built (shown as sending together). */
  private claimed: string[] = [];
  /** Documents the answer being applied shows as sent (written together). */
  private sent: { id: string; message: string; externalId: string }[] = [];

  constructor(private readonly ctx: SessionContext) {}

  /** The job's request leaves in this message. */
  claim(job: OutboxJobRow, documentId: string): void {
    this.ctx.ledger.claim([job]);
    this.claimed.push(documentId);
  }

  /** Shows the documents of the message as sending, all at once (the ledger's setSyncMany). */
  flushClaims(): void {
    if (this.claimed.length === 0) return;
    this.ctx.ledger.setSyncMany(
      this.ctx.connectionId,
      'sending',
      this.claimed.map((documentId) => ({ documentId, message: null })),
    );
    this.claimed = [];
  }

  /** Writes the sent documents of the applied answer at once (the ledger's setSyncMany: two statements). */
  flushSent(): void {
    if (this.sent.length === 0) return;
    this.ctx.ledger.setSyncMany(
      this.ctx.connectionId,
      'sent',
      this.sent.map((d) => ({ documentId: d.id, message: d.message, externalId: d.externalId })),
    );
    this.sent = [];
  }

  /** QuickBooks holds the document as `txnId`: linked, the job done, the document sent. */
  linked(
    job: OutboxJobRow,
    document: QbdDocument,
    txnId: string,
    editSequence: string | null,
    update: boolean,
    note: string | null,
  ): void {
    const { ctx } = this;
    const noun = NOUN[document.type];
    const { conflictWith } = upsertLink(ctx.db, {
      connectionId: ctx.connectionId,
      entityType: 'document',
      entityId: document.id,
      externalId: txnId,
      syncToken: editSequence,
      now: ctx.now(),
    });
    clearInflight(ctx.db, ctx.connectionId, job.idempotency_key);
    if (conflictWith) {
      return this.settle(
        job,
        document.id,
        'failed',
        `${ctx.label} answered with ${noun} ${txnId}, which is already linked to another document here. Check both documents in QuickBooks before sending again.`,
        `TxnID ${txnId} already linked to document ${conflictWith}`,
      );
    }
    const message = `${update ? 'Updated' : 'Created'} ${noun} ${refNumberOf(document)} in ${ctx.label}`;
    ctx.ledger.finishJob(job, 'done', null);
    this.sent.push({ id: document.id, message, externalId: txnId });
    const said = [note, this.filesNotTaken(document.id)].filter(Boolean).join(' ');
    ctx.log({
      documentId: document.id,
      action: job.kind,
      result: 'success',
      message: said ? `${message} — ${said}` : message,
      detail: attemptDetail(job, `TxnID ${txnId}`, editSequence ? `EditSequence ${editSequence}` : null),
    });
    ctx.summary.documentsSent += 1;
    ctx.documentsDone += 1;
  }

  /**
   * The Web Connector carries no files: the document's files not yet noted on this connection are named once (on
   * the send that first could have carried them) and recorded as not taken, so no later send repeats it.
   */
  private filesNotTaken(documentId: string): string | null {
    const { ctx } = this;
    const files = undeliveredFiles(ctx.db, documentId, ctx.connectionId);
    if (files.length === 0) return null;
    recordDeliveries(
      ctx.db,
      ctx.connectionId,
      files.map((f) => ({ attachmentId: f.id, status: 'not_taken' as const, externalId: null })),
      ctx.now(),
    );
    return notTakenSentence(QBD_LABEL, files, 'QuickBooks');
  }

  /**
   * Acts on a classified failure of one job (sync/jobs.ts): retry later (transient), QuickBooks refusing access
   * (the connection shows it and the job waits for the next session), or show it on the document.
   */
  failed(job: OutboxJobRow, document: QbdDocument, error: Classified, detail: string): void {
    const { ctx } = this;
    const attempt = job.attempts + 1;
    ctx.problem(error.kind, error.userMessage);
    const target = ctx.target(document.id);
    if (error.kind === 'transient' && attempt < MAX_ATTEMPTS) {
      ctx.ledger.retryLater(job, target, error, { log: { detail: () => attemptDetail(job, detail) } });
      ctx.deferred.add(job.id);
      return;
    }
    if (error.kind === 'auth') {
      ctx.authLost = error.userMessage;
      ctx.ledger.lostAuthorization(job, target, { ...error, detail }, error.userMessage);
    } else if (error.kind === 'transient') {
      ctx.ledger.giveUp(job, target, { ...error, detail });
    } else {
      ctx.ledger.settle(job, target, 'failed', error.userMessage, detail, { countAttempt: true });
    }
    ctx.summary.documentsFailed += 1;
    ctx.documentsDone += 1;
  }

  /** Ends the job without sending it (the ledger's settle), counted in the session's summary. */
  settle(
    job: OutboxJobRow,
    documentId: string | null,
    status: 'failed' | 'waiting' | 'superseded',
    message: string,
    detail: string | null,
  ): void {
    const { ctx } = this;
    ctx.ledger.settle(job, ctx.target(documentId), status, message, detail);
    if (status === 'failed') {
      ctx.summary.documentsFailed += 1;
      ctx.problem('document', message);
    }
    ctx.documentsDone += 1;
  }

  /** The document changed after the job was queued (the ledger's settleStale). */
  stale(job: OutboxJobRow, document: QbdDocument, revision: number): void {
    const linked = findLink(this.ctx.db, this.ctx.connectionId, 'document', document.id) !== undefined;
    this.ctx.ledger.settleStale(job, this.ctx.target(document.id), document, revision, linked);
  }

  /** Whether QuickBooks' books are closed on the document's date. */
  closed(document: QbdDocument): boolean {
    const closing = this.ctx.state.closing_date;
    return Boolean(closing && document.date <= closing);
  }

  failClosed(job: OutboxJobRow, document: QbdDocument): void {
    const closing = this.ctx.state.closing_date;
    this.failed(
      job,
      document,
      {
        kind: 'needs_user',
        userMessage: `QuickBooks' books are closed through ${closing}, and this ${NOUN[document.type]} is dated ${document.date}. Revise the document with a date after the closing date, or ask the QuickBooks administrator to move the closing date (Company → Set Closing Date).`,
      },
      `closing date ${closing}; not sent`,
    );
  }

  /** Back to the queue without counting an attempt (it waits for something in this session). */
  release(job: OutboxJobRow, documentId: string): void {
    this.ctx.ledger.release(job, this.ctx.target(null));
    this.setSync(documentId, 'queued', null);
  }

  setSync(documentId: string, status: SyncStatus, message: string | null): void {
    const current = getDocumentSync(this.ctx.db, documentId, this.ctx.connectionId);
    if (current && current.status === status && current.last_message === message) return;
    this.ctx.ledger.setSync(documentId, this.ctx.connectionId, status, message);
  }
}

// The documents unit: purchase orders, service orders, bills and receipts sent, revised and canceled. Planning a
// send resolves its references first (vendor, default items: references.ts), guards against a duplicate Add
// (document-recovery.ts), waits for a purchase order's TxnID before a bill or receipt that links to it, and
// reads the EditSequence again after a 3200. Each document's request is written alone before the message is
// assembled, so a value QuickBooks cannot take fails that document only.
import type { OutboxJobRow } from '../../../sync/outbox.js';
import { findLink } from '../../../db/repos/external-links.js';
import type { Message } from '../message.js';
import { QbxmlFieldError, type LinkToTxn, type ListRef, type QbxmlRequest } from '../qbxml/types.js';
import type { QbxmlResponse, UnreadableRecord } from '../qbxml/types.js';
import {
  loadQbdDocument,
  loadQbdDocuments,
  loadQbdSupplier,
  type QbdDocument,
  type QbdSupplier,
} from '../records.js';
import { unreadableWords, type References } from '../references.js';
import type { SessionContext } from '../session-context.js';
import { clearInflight, externalGuid, getInflight, recordInflight } from '../state.js';
import {
  cancelRequest,
  defaultItemsNeeded,
  documentRequest,
  findTxnRequest,
  NOUN,
  refNumberOf,
  TXN_TYPE,
} from '../translate.js';
import type { QbdUnit, Release } from '../unit.js';
import { DocumentOutcomes } from './document-outcomes.js';
import { DocumentRecovery } from './document-recovery.js';
import { lineLinks, orderOnItsWay, storeOrderLines } from './order-lines.js';

type DocumentPending =
  | { kind: 'editSequence'; job: OutboxJobRow }
  | {
      kind: 'send';
      job: OutboxJobRow;
      document: QbdDocument;
      supplier: QbdSupplier;
      update: boolean;
      guid: string;
    }
  | { kind: 'cancel'; job: OutboxJobRow; document: QbdDocument; txnId: string; voiding: boolean };

function payloadRevision(job: OutboxJobRow): number {
  try {
    const value = JSON.parse(job.payload_json) as { revision?: unknown };
    return typeof value.revision === 'number' ? value.revision : 0;
  } catch {
    return 0;
  }
}

export class DocumentsUnit implements QbdUnit<DocumentPending> {
  readonly kinds = ['send', 'cancel', 'editSequence', 'recoveryProbe'] as const;
  readonly jobKinds = ['send_document', 'cancel_document'] as const;
  readonly outcomes: DocumentOutcomes;
  private readonly recovery: DocumentRecovery;
  private readonly editSequences = new Map<number, 'probing' | string>();
  private readonly retried3200 = new Set<number>();
  /** Documents read ahead for the message being built. */
  private documents = new Map<string, QbdDocument>();

  constructor(
    private readonly ctx: SessionContext,
    private readonly references: References,
  ) {
    this.outcomes = new DocumentOutcomes(ctx);
    this.recovery = new DocumentRecovery(ctx, references, this.outcomes);
  }

  readAhead(jobs: readonly OutboxJobRow[]): void {
    this.documents = loadQbdDocuments(
      this.ctx.db,
      jobs.map((j) => j.entity_id),
    );
  }

  forget(): void {
    this.documents = new Map();
  }

  plan(message: Message, job: OutboxJobRow): void {
    if (job.kind === 'cancel_document') this.planCancel(message, job);
    else this.planSend(message, job);
  }

  private documentOf(id: string): QbdDocument | null {
    return this.documents.get(id) ?? loadQbdDocument(this.ctx.db, id);
  }

  private planCancel(message: Message, job: OutboxJobRow): void {
    const { ctx, outcomes } = this;
    const document = this.documentOf(job.entity_id);
    if (!document) return outcomes.settle(job, null, 'superseded', 'The document was deleted.', null);
    const link = findLink(ctx.db, ctx.connectionId, 'document', document.id);
    if (!link) {
      ctx.ledger.finishJob(job, 'done', null);
      outcomes.setSync(document.id, 'not_sent', `Never created in ${ctx.label}; nothing to remove.`);
      ctx.log({
        documentId: document.id,
        action: 'cancel_document',
        result: 'info',
        message: `Nothing to remove in ${ctx.label}: the document was never created there`,
        detail: `job ${job.id} (${job.idempotency_key})`,
      });
      return;
    }
    if (outcomes.closed(document)) return outcomes.failClosed(job, document);
    const voiding = TXN_TYPE[document.type] === 'Bill' && ctx.settings.billCancel === 'void';
    const requestID = message.rid(`j${job.id}`);
    outcomes.claim(job, document.id);
    message.add(cancelRequest(document, link.external_id, ctx.settings, requestID), this, {
      kind: 'cancel',
      job,
      document,
      txnId: link.external_id,
      voiding,
    });
  }

  private planSend(message: Message, job: OutboxJobRow): void {
    const { ctx, outcomes, references } = this;
    const document = this.documentOf(job.entity_id);
    if (!document)
      return outcomes.settle(job, null, 'superseded', 'The document was deleted before it was sent.', null);
    const link = findLink(ctx.db, ctx.connectionId, 'document', document.id);
    const inflight = link ? undefined : getInflight(ctx.db, ctx.connectionId, job.idempotency_key);
    const revision = payloadRevision(job);
    if ((document.status !== 'approved' || document.revision !== revision) && !inflight) {
      return outcomes.stale(job, document, revision);
    }
    if (outcomes.closed(document)) return outcomes.failClosed(job, document);
    const supplier = loadQbdSupplier(ctx.db, document.supplierId);
    if (!supplier)
      return outcomes.settle(
        job,
        document.id,
        'failed',
        'The supplier of this document no longer exists.',
        null,
      );
    const txnType = TXN_TYPE[document.type];

    // Duplicate guard: an Add went out before and its answer never came back.
    if (inflight && !this.recovery.absent(job.id)) {
      return this.recovery.probe(message, job, document, supplier, inflight);
    }

    // A bill or receipt linked to a purchase order waits for the order's TxnID when the order is on its way.
    let links: Map<string, LinkToTxn> | null = null;
    if (
      document.linkedDocumentId &&
      document.type !== 'purchase_order' &&
      document.type !== 'service_order'
    ) {
      if (
        message.documents.has(document.linkedDocumentId) ||
        orderOnItsWay(ctx.db, ctx.connectionId, document.linkedDocumentId)
      )
        return;
      const orderLink = findLink(ctx.db, ctx.connectionId, 'document', document.linkedDocumentId);
      // A revision keeps the links its lines already have in QuickBooks (ItemLineMod cannot link).
      if (orderLink && !link)
        links = lineLinks(
          ctx.db,
          ctx.connectionId,
          document,
          document.linkedDocumentId,
          orderLink.external_id,
        );
    }

    // A revision needs the current EditSequence; after a 3200 it is read again first.
    let existing: { txnId: string; editSequence: string } | null = null;
    if (link) {
      const fresh = this.editSequences.get(job.id);
      if (fresh === 'probing') return;
      if (this.retried3200.has(job.id) && fresh === undefined) {
        this.editSequences.set(job.id, 'probing');
        message.add(findTxnRequest(txnType, message.rid(`e${job.id}`), { txnId: link.external_id }), this, {
          kind: 'editSequence',
          job,
        });
        return;
      }
      existing = { txnId: link.external_id, editSequence: fresh ?? link.sync_token ?? '0' };
    }

    // References: the vendor, and the default items the document's lines fall back on.
    const before: { request: QbxmlRequest; add: () => void }[] = [];
    const vendor = references.vendorState(supplier);
    let vendorRef: ListRef;
    if (vendor.state === 'probing') return;
    if (vendor.state === 'failed') return outcomes.failed(job, document, vendor.error, vendor.detail);
    if (vendor.state === 'known') vendorRef = vendor.ref;
    else if (vendor.state === 'adding') vendorRef = { FullName: supplier.name };
    else if (vendor.state === 'absent') {
      if (!ctx.settings.createMissing) {
        // A settings save never puts QuickBooks Desktop's waiting documents back in the queue, so turning the
        // setting on is not enough by itself: the Needs pairing row's Create button releases them.
        return outcomes.settle(
          job,
          document.id,
          'waiting',
          `Supplier '${supplier.name}' has no counterpart in ${ctx.label}. Pair it in Connections → Lists, or turn on 'Create missing suppliers and records in ${ctx.label}' in Connections → ${ctx.label} settings, then choose 'Create in ${ctx.label}' on its row in Connections → Lists.`,
          null,
        );
      }
      const request = references.vendorAddRequest(message, supplier);
      before.push({ request, add: () => references.addVendor(message, supplier, request) });
      vendorRef = { FullName: supplier.name };
    } else {
      // unknown: ask QuickBooks for a vendor of that exact name first.
      return references.probeVendor(message, supplier);
    }
    for (const name of defaultItemsNeeded(document, ctx.settings)) {
      const item = references.itemState(name);
      if (item.state === 'probing') return;
      if (item.state === 'failed') return outcomes.failed(job, document, item.error, item.detail);
      if (item.state === 'known' || item.state === 'adding') continue;
      if (item.state === 'absent') {
        const request: QbxmlRequest = {
          type: 'ItemNonInventoryAdd',
          requestID: message.rid(`ia.${before.length}.${name.slice(0, 30)}`),
          body: {
            Name: name,
            SalesOrPurchase: { Desc: name, AccountRef: { FullName: ctx.settings.defaultExpenseAccount } },
          },
        };
        before.push({ request, add: () => references.addItem(message, name, request) });
        continue;
      }
      return references.probeItem(message, name);
    }

    const guid = externalGuid(job.idempotency_key);
    const request = documentRequest(
      document,
      { vendor: vendorRef, lineLinks: links, existing, externalGuid: guid },
      references.resolver(),
      ctx.settings,
      message.rid(`j${job.id}`),
    );
    // Each document is written alone first: a value QuickBooks cannot take fails this document, not the message.
    try {
      for (const b of before) message.prebuild(b.request);
      message.prebuild(request);
    } catch (error) {
      if (error instanceof QbxmlFieldError) {
        const vendorProblem = before.some(
          (b) => b.request.type === 'VendorAdd' && error.field.startsWith('VendorAdd'),
        );
        const text = vendorProblem
          ? `Supplier '${supplier.name}' cannot be created as a vendor in ${ctx.label}: ${error.message}`
          : `${ctx.label} cannot take this ${NOUN[document.type]}: ${error.message}`;
        return outcomes.settle(
          job,
          document.id,
          'failed',
          text,
          `${error.field}: ${error.problem}${error.limit ? ` (limit ${error.limit})` : ''}`,
        );
      }
      throw error;
    }
    for (const b of before) b.add();
    if (!existing) {
      recordInflight(ctx.db, {
        connectionId: ctx.connectionId,
        key: job.idempotency_key,
        requestType: request.type,
        guid,
        lookup: {
          refNumber: refNumberOf(document),
          vendor: supplier.name,
          txnDate: document.date,
          guidSent: Number(ctx.version) >= 9,
        },
        sessionId: ctx.sessionId,
        now: ctx.now(),
      });
    }
    outcomes.claim(job, document.id);
    message.documents.add(document.id);
    message.add(request, this, { kind: 'send', job, document, supplier, update: existing !== null, guid });
  }

  apply(p: DocumentPending, r: QbxmlResponse): void {
    const ok = r.statusSeverity !== 'Error';
    if (p.kind === 'editSequence') {
      const record = r.records[0] as { EditSequence?: string } | undefined;
      if (ok && record?.EditSequence) this.editSequences.set(p.job.id, record.EditSequence);
      else {
        this.editSequences.delete(p.job.id);
        this.retried3200.delete(p.job.id);
      }
      return;
    }
    if (p.kind === 'cancel') return this.applyCancel(p, r, ok);
    const record = r.records[0] as { TxnID?: string; EditSequence?: string } | undefined;
    if (!ok || !record?.TxnID) {
      return this.applySendError(
        p,
        ok ? { ...r, statusSeverity: 'Error', statusCode: r.statusCode || 1000 } : r,
      );
    }
    this.editSequences.delete(p.job.id);
    this.retried3200.delete(p.job.id);
    storeOrderLines(this.ctx.db, this.ctx.connectionId, p.document, r.records);
    this.outcomes.linked(p.job, p.document, record.TxnID, record.EditSequence ?? null, p.update, null);
  }

  private applySendError(p: Extract<DocumentPending, { kind: 'send' }>, r: QbxmlResponse): void {
    const { ctx } = this;
    const { job, document } = p;
    // QuickBooks answered: whatever the error, the Add did not create anything.
    if (!p.update) clearInflight(ctx.db, ctx.connectionId, job.idempotency_key);
    if (r.statusCode === 3200 && p.update && !this.retried3200.has(job.id)) {
      // Someone changed it in QuickBooks since our last write: read the current EditSequence and try once more.
      this.retried3200.add(job.id);
      this.editSequences.delete(job.id);
      this.outcomes.release(job, document.id);
      ctx.log({
        documentId: document.id,
        action: job.kind,
        result: 'retry',
        message: `The ${NOUN[document.type]} was changed in ${ctx.label} since Ledgerbridge last wrote it; reading it again and retrying`,
        detail: `status 3200: ${r.statusMessage}`,
      });
      return;
    }
    // The vendor added in the same message failed: its reason is the useful one (e.g. 3100, the name is taken).
    const classified = this.references.vendorFailure(p.supplier.id) ?? ctx.classify(r);
    this.outcomes.failed(
      job,
      document,
      classified,
      `${r.type} status ${r.statusCode} (${r.statusSeverity}): ${r.statusMessage}`,
    );
  }

  private applyCancel(p: Extract<DocumentPending, { kind: 'cancel' }>, r: QbxmlResponse, ok: boolean): void {
    const { ctx } = this;
    const { job, document } = p;
    const noun = NOUN[document.type];
    if (ok || r.statusCode === 3120) {
      const gone = !ok;
      const message = gone
        ? `The ${noun} was already gone from ${ctx.label}`
        : `${p.voiding ? 'Voided' : 'Deleted'} ${noun} ${refNumberOf(document)} in ${ctx.label}`;
      ctx.ledger.finishJob(job, 'done', null);
      this.outcomes.setSync(document.id, 'sent', message);
      ctx.log({
        documentId: document.id,
        action: 'cancel_document',
        result: 'success',
        message,
        detail: `key ${job.idempotency_key}; TxnID ${p.txnId}${gone ? `; status 3120: ${r.statusMessage}` : ''}`,
      });
      ctx.documentsDone += 1;
      return;
    }
    this.outcomes.failed(
      job,
      document,
      ctx.classify(r),
      `${r.type} status ${r.statusCode}: ${r.statusMessage}`,
    );
  }

  release(p: DocumentPending, why: Release): void {
    if (p.kind === 'editSequence') {
      this.editSequences.delete(p.job.id);
      return;
    }
    if (why === 'refused') {
      // Nothing was applied: planned again, no attempt counted, nothing left in flight.
      if (p.kind === 'send' && !p.update)
        clearInflight(this.ctx.db, this.ctx.connectionId, p.job.idempotency_key);
      return this.outcomes.release(p.job, p.document.id);
    }
    if (why.kind !== 'transient' && why.kind !== 'auth') {
      return this.outcomes.failed(p.job, p.document, why, 'the whole message failed');
    }
    // No backoff of our own: the Web Connector's schedule spaces the sessions, and the next one first checks
    // (duplicate guard) whatever this message may have done in QuickBooks.
    this.ctx.ledger.retryLater(p.job, this.ctx.target(p.document.id), why, {
      next: this.ctx.now(),
      syncMessage: `Will retry on the next Web Connector run: ${why.userMessage}`,
      log: null,
    });
  }

  /** A document, its revision or its removal answered with a record Ledgerbridge cannot read. */
  unreadable(p: DocumentPending, r: QbxmlResponse, bad: UnreadableRecord[]): boolean {
    if (p.kind === 'cancel' || r.statusSeverity === 'Error') return false;
    const { says, detail } = unreadableWords(r, bad);
    const needsUser = (userMessage: string) => ({ kind: 'needs_user' as const, userMessage });
    if (p.kind === 'editSequence') {
      this.editSequences.delete(p.job.id);
      const document = loadQbdDocument(this.ctx.db, p.job.entity_id);
      if (!document) return false;
      const number = refNumberOf(document);
      const after = `Check ${NOUN[document.type]} ${number} in QuickBooks, then use Send to ${this.ctx.label} again.`;
      this.outcomes.failed(p.job, document, needsUser(`${says(number)} ${after}`), detail);
      return true;
    }
    if (r.records.length > 0) return false;
    const noun = NOUN[p.document.type];
    const number = refNumberOf(p.document);
    // An Add stays in flight: sending again looks for it in QuickBooks before adding a second one.
    const after = p.update
      ? `QuickBooks may have saved the change: check ${noun} ${number} in QuickBooks, then use Send to ${this.ctx.label} again.`
      : `QuickBooks may have created the ${noun}: Send to ${this.ctx.label} again looks for ${number} there first and links it instead of adding a second one.`;
    this.outcomes.failed(p.job, p.document, needsUser(`${says(number)} ${after}`), detail);
    return true;
  }

  /** QuickBooks refused to read the document's request even alone. */
  failRefused(job: OutboxJobRow, reason: (what: string) => string, detail: string): void {
    const document = loadQbdDocument(this.ctx.db, job.entity_id);
    if (!document) return this.outcomes.settle(job, null, 'superseded', 'The document was deleted.', detail);
    const noun = job.kind === 'cancel_document' ? `${NOUN[document.type]} removal` : NOUN[document.type];
    this.outcomes.failed(job, document, { kind: 'needs_user', userMessage: reason(noun) }, detail);
  }
}

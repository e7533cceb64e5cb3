// ServiceTrade invoices sent to QuickBooks Desktop against their job, as a unit of the Web Connector session
// ('send_invoice' outbox rows; the contract is in main/job-costing/invoice-queue.ts). The invoice
// waits while its job is queued and fails (with the job's message) when the job failed. InvoiceAdd with
// CustomerRef = the job's full name, each line on the QuickBooks item of the same name or the default invoice
// item (added when missing). Duplicate guard like the documents': an Add in flight is looked up by customer and
// ExternalGUID (below qbXML 9.0: by our memo and date) before it is sent again.
import type { OutboxJobRow } from '../sync/outbox.js';
import type { Message } from '../connectors/quickbooks-desktop/message.js';
import {
  QbxmlFieldError,
  type QbxmlRequest,
  type QbxmlResponse,
  type UnreadableRecord,
} from '../connectors/quickbooks-desktop/qbxml/types.js';
import { unreadableWords } from '../connectors/quickbooks-desktop/references.js';
import {
  clearInflight,
  externalGuid,
  getInflight,
  recordInflight,
  type InflightLookup,
} from '../connectors/quickbooks-desktop/state.js';
import type { QbdUnit, Release } from '../connectors/quickbooks-desktop/unit.js';
import type { Classified } from '../connectors/quickbooks-desktop/wire.js';
import {
  jobInQuickBooks,
  markInvoiceFailed,
  markInvoiceSent,
  SendInvoicePayload,
  SEND_INVOICE_KIND,
} from './invoice-queue.js';
import { QueuedUnit } from './settle.js';

type InvoicePending =
  | {
      kind: 'invoiceProbe';
      job: OutboxJobRow;
      guid: string;
      payload: SendInvoicePayload;
      /** False when the InvoiceAdd went out below qbXML 9.0 (no ExternalGUID): memo and date identify it. */
      guidSent: boolean;
    }
  | { kind: 'invoiceSend'; job: OutboxJobRow; guid: string; payload: SendInvoicePayload; fullName: string };

function readPayload(job: OutboxJobRow): SendInvoicePayload | null {
  try {
    return SendInvoicePayload.parse(JSON.parse(job.payload_json));
  } catch {
    return null;
  }
}

export class ServiceTradeInvoicesUnit extends QueuedUnit implements QbdUnit<InvoicePending> {
  readonly kinds = ['invoiceProbe', 'invoiceSend'] as const;
  readonly jobKinds = [SEND_INVOICE_KIND] as const;
  private readonly recovery = new Map<number, 'probing' | 'absent'>();
  plan(message: Message, job: OutboxJobRow): void {
    const { ctx, references } = this;
    if (this.settled.has(job.id)) return;
    let payload: SendInvoicePayload;
    try {
      payload = SendInvoicePayload.parse(JSON.parse(job.payload_json));
    } catch (error) {
      return this.fail(
        job,
        null,
        {
          kind: 'needs_user',
          userMessage:
            'The invoice queued for QuickBooks Desktop could not be read; send it again from the Jobs page.',
        },
        error instanceof Error ? error.message : String(error),
      );
    }
    const label = `ServiceTrade invoice for job ${payload.jobNumber}`;
    const jobState = jobInQuickBooks(ctx.db, payload.jobId, ctx.connectionId);
    if (!jobState || jobState.state === 'failed' || jobState.state === 'invalid') {
      return this.fail(
        job,
        payload,
        {
          kind: 'needs_user',
          userMessage: `${label} waits for its job, which is not in ${ctx.label}${jobState?.message ? `: ${jobState.message}` : ''}. Fix the job on the Jobs page, send it, then send the invoice again.`,
        },
        `job ${payload.jobId} state ${jobState?.state ?? 'none'}`,
      );
    }
    if (jobState.state !== 'sent') return; // queued: its send_job row goes first (an earlier id)
    const fullName = jobState.fullName;
    const inflight = getInflight(ctx.db, ctx.connectionId, job.idempotency_key);
    if (inflight && this.recovery.get(job.id) !== 'absent') {
      if (this.recovery.get(job.id) === 'probing') return;
      this.recovery.set(job.id, 'probing');
      message.add(
        {
          type: 'InvoiceQuery',
          requestID: message.rid(`r${job.id}`),
          body: { EntityFilter: { FullName: [fullName] } },
        },
        this,
        {
          kind: 'invoiceProbe',
          job,
          guid: inflight.external_guid,
          payload,
          guidSent: (JSON.parse(inflight.lookup_json) as InflightLookup).guidSent !== false,
        },
      );
      return;
    }
    // Items: a ServiceTrade item named like a QuickBooks item uses it; every other line the default service item.
    const fallback = ctx.settings.defaultInvoiceItem;
    const itemFor = payload.lines.map((l) =>
      l.itemName !== null && references.itemMirrored(l.itemName) ? l.itemName : fallback,
    );
    const before: QbxmlRequest[] = [];
    if (itemFor.some((n) => n === fallback) || payload.lines.length === 0) {
      const item = references.itemState(fallback);
      if (item.state === 'probing') return;
      if (item.state === 'failed') return this.fail(job, payload, item.error, item.detail);
      if (item.state === 'absent') {
        before.push({
          type: 'ItemServiceAdd',
          requestID: message.rid(`ia.${fallback.slice(0, 30)}`),
          body: {
            Name: fallback,
            SalesOrPurchase: { Desc: fallback, AccountRef: { FullName: ctx.settings.defaultIncomeAccount } },
          },
        });
      } else if (item.state === 'unknown') {
        return references.probeItem(message, fallback);
      }
    }
    const guid = externalGuid(job.idempotency_key);
    const lines = payload.lines.length
      ? payload.lines.map((l, i) => ({
          ItemRef: { FullName: itemFor[i]! },
          ...(l.description ? { Desc: l.description.slice(0, 4095) } : {}),
          Quantity: String(l.quantity),
          Rate: l.price.toFixed(2),
          Amount: (Math.round(l.quantity * l.price * 100) / 100).toFixed(2),
        }))
      : [{ ItemRef: { FullName: fallback }, Desc: payload.memo.slice(0, 4095) }];
    const request: QbxmlRequest = {
      type: 'InvoiceAdd',
      requestID: message.rid(`j${job.id}`),
      body: {
        CustomerRef: { FullName: fullName },
        ...(payload.txnDate ? { TxnDate: payload.txnDate } : {}),
        Memo: payload.memo,
        ExternalGUID: guid,
        InvoiceLineAdd: lines,
      },
    };
    try {
      for (const b of before) message.prebuild(b);
      message.prebuild(request);
    } catch (error) {
      if (error instanceof QbxmlFieldError) {
        return this.fail(
          job,
          payload,
          { kind: 'needs_user', userMessage: `${ctx.label} cannot take the ${label}: ${error.message}` },
          error.field,
        );
      }
      throw error;
    }
    for (const b of before) references.addItem(message, fallback, b);
    recordInflight(ctx.db, {
      connectionId: ctx.connectionId,
      key: job.idempotency_key,
      requestType: 'InvoiceAdd',
      guid,
      lookup: {
        refNumber: null,
        vendor: fullName,
        txnDate: payload.txnDate ?? '',
        guidSent: Number(ctx.version) >= 9,
      },
      sessionId: ctx.sessionId,
      now: ctx.now(),
    });
    ctx.ledger.claim([job]);
    message.add(request, this, { kind: 'invoiceSend', job, guid, payload, fullName });
  }

  apply(p: InvoicePending, r: QbxmlResponse): void {
    return p.kind === 'invoiceProbe' ? this.applyProbe(p, r) : this.applySend(p, r);
  }

  private applyProbe(p: Extract<InvoicePending, { kind: 'invoiceProbe' }>, r: QbxmlResponse): void {
    const { ctx } = this;
    if (r.statusSeverity === 'Error') {
      // Cannot tell: leave it for the next run rather than risk a second invoice.
      this.recovery.delete(p.job.id);
      ctx.deferred.add(p.job.id);
      ctx.problem(String(r.statusCode), ctx.classify(r).userMessage);
      return;
    }
    const records = r.records as {
      TxnID: string;
      RefNumber?: string;
      ExternalGUID?: string;
      Memo?: string;
      TxnDate?: string;
    }[];
    let found = records.find((rec) => rec.ExternalGUID?.toUpperCase() === p.guid.toUpperCase());
    if (!found && !p.guidSent) {
      // Sent below qbXML 9.0 (no ExternalGUID): on this job, our memo and date identify the invoice.
      const candidates = records.filter(
        (rec) => rec.Memo === p.payload.memo && (!p.payload.txnDate || rec.TxnDate === p.payload.txnDate),
      );
      if (candidates.length > 1) {
        this.recovery.delete(p.job.id);
        clearInflight(ctx.db, ctx.connectionId, p.job.idempotency_key);
        return this.fail(
          p.job,
          p.payload,
          {
            kind: 'needs_user',
            userMessage: `The answer to the last attempt to create the invoice for job ${p.payload.jobNumber} in ${ctx.label} was lost, and the job now has ${candidates.length} invoices like it. Delete the extra one in QuickBooks, then send the invoice again.`,
          },
          `no ExternalGUID below qbXML 9.0; TxnIDs ${candidates.map((c) => c.TxnID).join(', ')}`,
        );
      }
      found = candidates[0];
    }
    if (!found) {
      clearInflight(ctx.db, ctx.connectionId, p.job.idempotency_key);
      this.recovery.set(p.job.id, 'absent');
      ctx.log({
        action: SEND_INVOICE_KIND,
        entityType: 'st_invoice',
        entityId: p.job.entity_id,
        result: 'info',
        message: `Checked ${ctx.label} after a lost answer: the invoice for job ${p.payload.jobNumber} is not there, so it is sent again`,
        detail: `key ${p.job.idempotency_key}; ExternalGUID ${p.guid}`,
      });
      return;
    }
    this.recovery.delete(p.job.id);
    this.accepted(p.job, p.payload, found.TxnID, found.RefNumber ?? null, true);
  }

  private applySend(p: Extract<InvoicePending, { kind: 'invoiceSend' }>, r: QbxmlResponse): void {
    const record = r.records[0] as { TxnID?: string; RefNumber?: string } | undefined;
    if (r.statusSeverity !== 'Error' && record?.TxnID)
      return this.accepted(p.job, p.payload, record.TxnID, record.RefNumber ?? null, false);
    clearInflight(this.ctx.db, this.ctx.connectionId, p.job.idempotency_key);
    this.fail(
      p.job,
      p.payload,
      this.ctx.classify(r),
      `InvoiceAdd status ${r.statusCode}: ${r.statusMessage}`,
    );
  }

  private accepted(
    job: OutboxJobRow,
    payload: SendInvoicePayload,
    txnId: string,
    refNumber: string | null,
    recovered: boolean,
  ): void {
    const { ctx } = this;
    this.settled.add(job.id);
    clearInflight(ctx.db, ctx.connectionId, job.idempotency_key);
    markInvoiceSent(ctx.db, {
      invoiceId: payload.invoiceId,
      connectionId: ctx.connectionId,
      txnId,
      refNumber,
      now: ctx.now(),
    });
    ctx.ledger.finishJob(job, 'done', null);
    ctx.log({
      action: SEND_INVOICE_KIND,
      entityType: 'st_invoice',
      entityId: job.entity_id,
      result: 'success',
      message: recovered
        ? `Found invoice ${refNumber ?? ''} for job ${payload.jobNumber} in ${ctx.label} after a lost answer; linked, not sent again. Its number goes back to ServiceTrade at the next refresh.`
        : `Created invoice ${refNumber ?? ''} for job ${payload.jobNumber} in ${ctx.label}. Its number goes back to ServiceTrade at the next refresh.`,
      detail: `key ${job.idempotency_key}; TxnID ${txnId}`,
    });
  }

  release(p: InvoicePending, why: Release): void {
    if (p.kind === 'invoiceProbe') {
      this.recovery.delete(p.job.id);
      return;
    }
    if (why === 'refused') {
      // Nothing was applied: planned again, nothing left in flight.
      clearInflight(this.ctx.db, this.ctx.connectionId, p.job.idempotency_key);
      this.ctx.ledger.release(p.job, this.ctx.target(null));
      return;
    }
    if (this.settled.has(p.job.id)) return;
    // Its ExternalGUID stays in flight: the next attempt looks for it in QuickBooks before adding again.
    this.settled.add(p.job.id);
    this.ctx.ledger.retryLater(p.job, this.ctx.target(null), why, { next: this.ctx.now(), log: null });
  }

  unreadable(p: InvoicePending, r: QbxmlResponse, bad: UnreadableRecord[]): boolean {
    if (r.statusSeverity === 'Error') return false;
    const ours = (r.records as { ExternalGUID?: string }[]).some(
      (rec) => rec.ExternalGUID?.toUpperCase() === p.guid.toUpperCase(),
    );
    if (p.kind === 'invoiceProbe' ? ours : r.records.length > 0) return false;
    this.recovery.delete(p.job.id);
    const { says, detail } = unreadableWords(r, bad);
    this.fail(
      p.job,
      p.payload,
      {
        kind: 'needs_user',
        userMessage: `${says(`the invoice for job ${p.payload.jobNumber}`)} Check the job's invoices in QuickBooks (and delete a second copy if there is one), then send the invoice again.`,
      },
      detail,
    );
    return true;
  }

  failRefused(job: OutboxJobRow, reason: (what: string) => string, detail: string): void {
    this.fail(job, readPayload(job), { kind: 'needs_user', userMessage: reason('invoice') }, detail);
  }

  /** A ServiceTrade invoice QuickBooks refused: shown on the Jobs page (or retried later when transient). */
  private fail(
    job: OutboxJobRow,
    payload: SendInvoicePayload | null,
    error: Classified,
    detail: string,
  ): void {
    const { ctx } = this;
    this.failOnce(
      job,
      error,
      detail,
      'st_invoice',
      payload
        ? () =>
            markInvoiceFailed(ctx.db, {
              invoiceId: payload.invoiceId,
              connectionId: ctx.connectionId,
              message: error.userMessage,
              now: ctx.now(),
            })
        : null,
    );
  }
}

// ServiceTrade jobs sent to QuickBooks Desktop for job costing, as a unit of the Web Connector session
// ('send_job' outbox rows; the contract is in main/job-costing/jobs.ts). Each level (customer,
// [location], job) is looked up by full name (CustomerQuery) and linked when it exists, else added under its
// parent (CustomerAdd; the job level is an empty sub-customer with its status and description); the outcome
// goes to markJobSent / markJobFailed.
import type { OutboxJobRow } from '../sync/outbox.js';
import type { Message } from '../connectors/quickbooks-desktop/message.js';
import {
  QbxmlFieldError,
  type QbxmlRequest,
  type QbxmlResponse,
  type UnreadableRecord,
} from '../connectors/quickbooks-desktop/qbxml/types.js';
import { unreadableReference } from '../connectors/quickbooks-desktop/references.js';
import type { QbdUnit, Release } from '../connectors/quickbooks-desktop/unit.js';
import type { Classified } from '../connectors/quickbooks-desktop/wire.js';
import { markJobFailed, markJobSent, SendJobPayload, SEND_JOB_KIND } from './jobs.js';
import { QueuedUnit } from './settle.js';

interface CustomerAddPending {
  kind: 'customerAdd';
  fullName: string;
  job: OutboxJobRow;
  last: boolean;
}

export class ServiceTradeJobsUnit extends QueuedUnit implements QbdUnit<CustomerAddPending> {
  readonly kinds = ['customerAdd'] as const;
  readonly jobKinds = [SEND_JOB_KIND] as const;
  plan(message: Message, job: OutboxJobRow): void {
    const { ctx, references } = this;
    let payload: SendJobPayload;
    try {
      payload = SendJobPayload.parse(JSON.parse(job.payload_json));
    } catch (error) {
      return this.fail(
        job,
        {
          kind: 'needs_user',
          userMessage:
            'The job queued for QuickBooks Desktop could not be read; send it again from the Jobs page.',
        },
        error instanceof Error ? error.message : String(error),
      );
    }
    const adds: { request: QbxmlRequest; pending: CustomerAddPending }[] = [];
    let waiting = false;
    let lastListId: string | null = null;
    payload.levels.forEach((level, index) => {
      if (waiting) return;
      const state = references.customerState(level.fullName);
      if (state.state === 'probing' || state.state === 'adding') {
        waiting = state.state === 'probing';
        return;
      }
      if (state.state === 'failed') {
        waiting = true;
        this.fail(job, state.error, state.detail);
        return;
      }
      if (state.state === 'known') {
        lastListId = state.ref.ListID ?? null;
        return;
      }
      if (state.state === 'unknown') {
        references.probeCustomer(message, level.fullName, message.rid(`cq.${job.id}.${index}`));
        waiting = true;
        return;
      }
      const parent = index > 0 ? payload.levels[index - 1]!.fullName : null;
      adds.push({
        request: {
          type: 'CustomerAdd',
          requestID: message.rid(`ca.${job.id}.${index}`),
          body: {
            Name: level.name,
            ...(parent ? { ParentRef: { FullName: parent } } : {}),
            ...(level.level === 'job'
              ? {
                  JobStatus: payload.job.qbdJobStatus,
                  ...(payload.job.description ? { JobDesc: payload.job.description } : {}),
                }
              : {}),
          },
        },
        pending: {
          kind: 'customerAdd',
          fullName: level.fullName,
          job,
          last: index === payload.levels.length - 1,
        },
      });
    });
    if (waiting || this.settled.has(job.id)) return;
    if (adds.length === 0) {
      // Every level is in QuickBooks already (made by hand, or by an earlier job of the same customer): link.
      return this.sent(
        job,
        lastListId,
        `Job ${payload.fullName} is in ${ctx.label} (linked to the existing customer)`,
      );
    }
    try {
      for (const a of adds) message.prebuild(a.request);
    } catch (error) {
      if (error instanceof QbxmlFieldError) {
        return this.fail(
          job,
          { kind: 'needs_user', userMessage: `${ctx.label} cannot take this job: ${error.message}` },
          error.field,
        );
      }
      throw error;
    }
    ctx.ledger.claim([job]);
    for (const a of adds) {
      references.customerAdding(a.pending.fullName, a.request.requestID);
      message.add(a.request, this, a.pending);
    }
  }

  apply(p: CustomerAddPending, r: QbxmlResponse): void {
    const answer = this.references.customerAnswered(p.fullName, r);
    if (typeof answer === 'string') {
      if (p.last && !this.settled.has(p.job.id))
        this.sent(p.job, answer, `Created job ${p.fullName} in ${this.ctx.label}`);
      return;
    }
    if (answer !== null) this.fail(p.job, answer.error, answer.detail);
  }

  /** Looked up by full name first next time, so a level QuickBooks did add is linked, not added twice. */
  release(p: CustomerAddPending, why: Release): void {
    this.references.forgetCustomer(p.fullName);
    if (why === 'refused') {
      this.ctx.ledger.release(p.job, this.ctx.target(null));
      return;
    }
    if (this.settled.has(p.job.id)) return;
    this.settled.add(p.job.id);
    this.ctx.ledger.release(p.job, this.ctx.target(null));
  }

  unreadable(p: CustomerAddPending, r: QbxmlResponse, bad: UnreadableRecord[]): boolean {
    if (r.statusSeverity === 'Error' || r.records.length > 0) return false;
    // What waits for this customer fails with this message (as when QuickBooks refuses it).
    const failure = unreadableReference('customer', p.fullName, r, bad);
    this.references.customerUnreadable(p.fullName, failure);
    this.ctx.problem('unreadable-record', failure.error.userMessage);
    this.fail(p.job, failure.error, failure.detail);
    return true;
  }

  failRefused(job: OutboxJobRow, reason: (what: string) => string, detail: string): void {
    this.fail(job, { kind: 'needs_user', userMessage: reason('job') }, detail);
  }

  private sent(job: OutboxJobRow, listId: string | null, message: string): void {
    const { ctx } = this;
    this.settled.add(job.id);
    markJobSent(ctx.db, { jobId: job.entity_id, connectionId: ctx.connectionId, listId, now: ctx.now() });
    ctx.ledger.finishJob(job, 'done', null);
    ctx.log({
      action: 'send_job',
      entityType: 'job',
      entityId: job.entity_id,
      result: 'success',
      message,
      detail: `key ${job.idempotency_key}; ListID ${listId ?? 'unknown'}`,
    });
  }

  /** A ServiceTrade job QuickBooks refused: shown on the Jobs page (or retried later when transient). */
  private fail(job: OutboxJobRow, error: Classified, detail: string): void {
    const { ctx } = this;
    this.failOnce(job, error, detail, 'job', () =>
      markJobFailed(ctx.db, {
        jobId: job.entity_id,
        connectionId: ctx.connectionId,
        message: error.userMessage,
        now: ctx.now(),
      }),
    );
  }
}

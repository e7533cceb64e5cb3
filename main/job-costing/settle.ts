// What ServiceTrade's two QuickBooks Desktop units (jobs, invoices) share: the session's parts, the jobs settled
// in this session, and how a job or invoice ends when QuickBooks refuses it: retried on a later run when the
// refusal is transient (until MAX_ATTEMPTS), otherwise failed in the job ledger with the bookkeeper's message,
// marked failed on the Jobs page (mark) and logged on the job or invoice.
import { MAX_ATTEMPTS } from '../sync/backoff.js';
import type { LogEntityType } from '../sync/log.js';
import type { OutboxJobRow } from '../sync/outbox.js';
import type { References } from '../connectors/quickbooks-desktop/references.js';
import type { SessionContext } from '../connectors/quickbooks-desktop/session-context.js';
import type { UnitParts } from '../connectors/quickbooks-desktop/unit.js';
import type { Classified } from '../connectors/quickbooks-desktop/wire.js';

export abstract class QueuedUnit {
  /** Jobs settled in this session (sent, or failed once). */
  protected readonly settled = new Set<number>();
  protected readonly ctx: SessionContext;
  protected readonly references: References;

  constructor(parts: UnitParts) {
    this.ctx = parts.ctx;
    this.references = parts.references;
  }

  /** Fails the job once: retried later when transient, else failed, marked (`mark`) and logged. */
  protected failOnce(
    job: OutboxJobRow,
    error: Classified,
    detail: string,
    entityType: LogEntityType,
    mark: (() => void) | null,
  ): void {
    if (this.settled.has(job.id)) return;
    this.settled.add(job.id);
    const { ctx } = this;
    ctx.problem(error.kind, error.userMessage);
    const attempt = job.attempts + 1;
    if (error.kind === 'transient' && attempt < MAX_ATTEMPTS) {
      ctx.ledger.retryLater(job, ctx.target(null), error, { log: null });
      ctx.deferred.add(job.id);
      return;
    }
    ctx.ledger.finishJob(job, 'failed', error.userMessage, attempt);
    mark?.();
    ctx.log({
      action: job.kind,
      entityType,
      entityId: job.entity_id,
      result: 'failure',
      message: error.userMessage,
      detail: `attempt ${attempt}; key ${job.idempotency_key}; ${detail}`,
    });
  }
}

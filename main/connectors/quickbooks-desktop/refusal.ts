// A message QuickBooks cannot read (HRESULT 0x80040400) applied nothing: the request processor parses the whole
// message before it processes any request. So one document it cannot read would otherwise fail every unit sent
// with it. Its units (jobs, and the vendor updates that rode along) go back (no attempt counted, nothing left in
// flight) and are sent again in the following round trips in halves, each half in its own message; a half that
// is refused again is halved again, and a unit refused in a message holding only its own requests fails with
// the plain-language reason. One bad document among 50 costs about a dozen round trips; one per message would
// cost 50. A message with no such unit (lists, payments), or more than MAX_REFUSALS, ends the session.
import { jobById, readyJob } from '../../sync/jobs.js';
import type { OutboxJobRow } from '../../sync/outbox.js';
import { byUnit, type Message } from './message.js';
import type { SessionContext } from './session-context.js';
import type { QbdUnit } from './unit.js';
import type { VendorUpdatesUnit } from './units/vendor-updates.js';

/** A whole message QuickBooks could not read (0x80040400): nothing in it was applied. */
export function isParseRefusal(hresult: string, message: string): boolean {
  const h = hresult.trim();
  const code = /^-\d+$/.test(h) ? `0x${(Number(h) >>> 0).toString(16)}` : h;
  return /^(0x)?80040400$/i.test(code) || /error when parsing the provided XML/i.test(message);
}

/** Refused messages a session splits at most; past it, the refusal ends the session like any other HRESULT. */
const MAX_REFUSALS = 200;

export class Refusals {
  /**
   * Jobs and vendor updates of refused messages, waiting to be sent again in smaller groups: the first group
   * goes alone, a refused group is halved, and one refused on its own fails.
   */
  private isolating: string[][] = [];
  private refusals = 0;

  constructor(
    private readonly ctx: SessionContext,
    private readonly vendorUpdates: VendorUpdatesUnit,
    private readonly unitFor: (job: OutboxJobRow) => QbdUnit<never>,
  ) {}

  /**
   * Plans the next group of a refused message into `message` (only that group: other vendor updates wait
   * meanwhile). False when no group is left to send.
   */
  planGroup(message: Message, planJobs: (jobs: OutboxJobRow[]) => void): boolean {
    while (this.isolating.length > 0) {
      const group = this.isolating[0]!;
      const before = message.size;
      this.vendorUpdates.planRetries(message, group);
      const jobs = this.groupJobs(group);
      if (jobs.length > 0) planJobs(jobs);
      if (message.size > before) {
        message.group = group;
        return true;
      }
      // Nothing of this group can go now (sent, failed, or waiting for something else): on to the next one.
      this.isolating.shift();
    }
    return false;
  }

  /** The jobs of a group that can go now, in outbox order. */
  private groupJobs(group: readonly string[]): OutboxJobRow[] {
    const { ctx } = this;
    const now = ctx.now();
    return group
      .filter((u) => u.startsWith('j:'))
      .map((u) => Number(u.slice(2)))
      .sort((a, b) => a - b)
      .filter((id) => !ctx.deferred.has(id))
      .map((id) => readyJob(ctx.db, id, ctx.connectionId, now))
      .filter((j): j is OutboxJobRow => j !== undefined);
  }

  /**
   * The refused message's units go back and are split (see above). False when the message held none of them, or
   * the session has split too many: the refusal then ends the session.
   */
  isolate(message: Message, answer: { hresult: string; message: string }): boolean {
    const { ctx } = this;
    const { owners, outstanding, group } = message;
    const suspects = [...new Set(owners.values())].sort(byUnit);
    if (suspects.length === 0 || this.refusals >= MAX_REFUSALS) return false;
    this.refusals += 1;
    const alone = suspects.length === 1 && owners.size === outstanding.size;
    ctx.tx(() => {
      for (const p of outstanding.values()) p.release('refused');
      if (group) {
        // The group this message was built from: its other units (not in the message) keep their own group.
        this.isolating = this.isolating.filter((g) => g !== group);
        const rest = group.filter((u) => !suspects.includes(u));
        if (rest.length > 0) this.isolating.unshift(rest);
      }
      if (alone) {
        const unit = suspects[0]!;
        if (unit.startsWith('j:')) this.failRefused(Number(unit.slice(2)), answer);
        else this.vendorUpdates.failRefused(unit.slice(2), answer);
        return;
      }
      for (const u of suspects) if (u.startsWith('v:')) this.vendorUpdates.allowRetry(u.slice(2));
      const half = Math.ceil(suspects.length / 2);
      const halves = [suspects.slice(0, half), suspects.slice(half)].filter((h) => h.length > 0);
      this.isolating.unshift(...halves);
      const documents = suspects.filter((u) => u.startsWith('j:')).length;
      const vendors = suspects.length - documents;
      ctx.log({
        action: 'qbd_message_refused',
        result: 'retry',
        message: `${ctx.label} could not read a message of ${documents} document${documents === 1 ? '' : 's'}${vendors ? ` and ${vendors} vendor update${vendors === 1 ? '' : 's'}` : ''}; sending them again in smaller groups to find the one it refuses, so the others go through`,
        detail: `${answer.hresult || 'no HRESULT'}: ${answer.message}; ${suspects.join(', ')}`,
      });
    });
    return true;
  }

  /** The job QuickBooks refuses to read even alone: its unit fails it with what to check. */
  private failRefused(jobId: number, answer: { hresult: string; message: string }): void {
    const job = jobById(this.ctx.db, jobId);
    if (!job) return;
    const said =
      answer.message.trim() || 'QuickBooks found an error when parsing the provided XML text stream.';
    const detail = `${answer.hresult || 'no HRESULT'}: ${said}; refused alone`;
    const reason = (what: string) =>
      `${this.ctx.label} refused to read the request for this ${what}, even sent on its own (${answer.hresult || '0x80040400'}: "${said}"); the other documents were not held up. Something in it that QuickBooks cannot take stops it: check the supplier's name and address, the numbers, descriptions and memo for unusual characters, correct them, and send it again. If it is refused again, report it to Ledgerbridge support with the Web Connector log.`;
    this.unitFor(job).failRefused(job, reason, detail);
  }
}

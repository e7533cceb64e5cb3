// A unit of a Web Connector session: one kind of work (documents, vendor updates, lists, payments, and what
// other parts of Ledgerbridge register, such as ServiceTrade's jobs and invoices) as four things — the requests
// it plans and applies (`kinds`), how it plans them into a message, how it applies QuickBooks' answer to each,
// and how it releases a request that will not be answered. The conversation (conversation.ts) asks the units in
// turn; the message (message.ts) remembers which unit each request belongs to, so the answer finds its way back.
import type { OutboxJobRow } from '../../sync/outbox.js';
import type { Message } from './message.js';
import type { QbxmlResponse, UnreadableRecord } from './qbxml/types.js';
import type { References } from './references.js';
import type { SessionContext } from './session-context.js';
import type { Classified } from './wire.js';

/**
 * Why a request is released without its answer: 'refused' (QuickBooks could not read the whole message, so
 * nothing in it was applied: plan it again, no attempt counted), or the classified reason it got no answer
 * (its job goes back to the queue; an Add stays in flight and is looked for before it is sent again).
 */
export type Release = 'refused' | Classified;

/** What applies the answer to one kind of request; `P` is what was remembered when it was planned. */
export interface RequestHandler<P> {
  apply(pending: P, response: QbxmlResponse): void;
  release(pending: P, why: Release): void;
  /**
   * An answer holding records that cannot be read (qbxml/parse.ts). True when handled (what the request was for
   * failed or skipped them); false lets apply() use the records that could be read.
   */
  unreadable?(pending: P, response: QbxmlResponse, bad: UnreadableRecord[]): boolean;
}

/** A unit that sends outbox jobs: the conversation hands it the ready jobs of its `jobKinds`, in outbox order. */
export interface QbdUnit<P> extends RequestHandler<P> {
  /** The requests it plans and applies (its pending kinds). */
  readonly kinds: readonly string[];
  /** The outbox job kinds it sends. */
  readonly jobKinds: readonly string[];
  /** Reads ahead what the jobs about to be planned need (optional), until forget(). */
  readAhead?(jobs: readonly OutboxJobRow[]): void;
  forget?(): void;
  /** Plans the job's requests into the message, or settles the job (or leaves it for later). */
  plan(message: Message, job: OutboxJobRow): void;
  /** QuickBooks refused to read the job's request even sent alone: fail it with `reason` (how to fix it). */
  failRefused(job: OutboxJobRow, reason: (what: string) => string, detail: string): void;
}

/** What a registered unit is made from: the session's shared parts. */
export interface UnitParts {
  ctx: SessionContext;
  references: References;
}

/** Makes a unit for each session (registered with createQbdEngine's `units`). */
export type QbdUnitFactory = (parts: UnitParts) => QbdUnit<never>;

// The payments unit: brings bill payments back (BillPaymentCheckQuery and BillPaymentCreditCardQuery through
// iterators, since the greatest TimeModified seen or for a date range on demand), then deleted payments
// (TxnDeletedQuery), then the touched bills' paid flag (BillQuery). payments.ts builds the requests and applies
// the answers; this unit runs them in a session, scheduled at most hourly when `importPayments` is on.
import type { Database } from 'better-sqlite3';
import type { ConnectionT } from '../../../../preload/contract.js';
import { paymentStateSentence } from '../../../domain/payment-state.js';
import type { Message } from '../message.js';
import {
  applyDeleted,
  applyPaidStatus,
  applyPayments,
  billsQuery,
  deletedQuery,
  paymentQuery,
  type PaymentQueryType,
  type PaymentsCursor,
  type PaymentsRun,
} from '../payments.js';
import type { QbxmlResponse, UnreadableRecord } from '../qbxml/types.js';
import type { SessionContext } from '../session-context.js';
import { qbdSettings } from '../settings.js';
import { updateState, type QbdStateRow } from '../state.js';
import type { Release, RequestHandler } from '../unit.js';
import { skipUnreadable } from './skip-unreadable.js';

/** Scheduled payment imports run at most this often. */
export const PAYMENTS_EVERY_MS = 60 * 60_000;

type PaymentsPending =
  { kind: 'payments'; type: PaymentQueryType } | { kind: 'deletedPayments' } | { kind: 'paidStatus' };

/** Whether the scheduled payments import is due: payments on, bills sent and not yet paid, an hour since the last. */
export function paymentsDue(db: Database, connection: ConnectionT, state: QbdStateRow, at: Date): boolean {
  if (!qbdSettings(connection).importPayments) return false;
  if (state.payments_checkpoint && at.getTime() - Date.parse(state.payments_checkpoint) < PAYMENTS_EVERY_MS)
    return false;
  return (
    db
      .prepare(
        `SELECT 1 FROM external_links l JOIN documents d ON d.id = l.entity_id
         WHERE l.connection_id = ? AND l.entity_type = 'document' AND d.type = 'invoice'
           AND d.status = 'approved' AND (d.payment_status IS NULL OR d.payment_status <> 'paid') LIMIT 1`,
      )
      .get(connection.id) !== undefined
  );
}

export class PaymentsUnit implements RequestHandler<PaymentsPending> {
  readonly kinds = ['payments', 'deletedPayments', 'paidStatus'] as const;
  private run: PaymentsRun | null = null;
  private done = false;

  constructor(private readonly ctx: SessionContext) {}

  plan(message: Message): void {
    const { ctx } = this;
    if (this.done) return;
    if (!this.run) {
      const requested = ctx.state.payments_requested_json;
      let range: { from: string; to: string } | null = null;
      if (requested) {
        try {
          const parsed = JSON.parse(requested) as { from?: string; to?: string };
          if (parsed.from && parsed.to) range = { from: parsed.from, to: parsed.to };
        } catch {
          range = null;
        }
      } else if (!paymentsDue(ctx.db, ctx.connection, ctx.state, ctx.now())) {
        this.done = true;
        return;
      }
      let cursor: PaymentsCursor;
      try {
        cursor = JSON.parse(ctx.state.payments_cursor_json) as PaymentsCursor;
      } catch {
        cursor = {};
      }
      this.run = {
        range,
        cursor,
        pending: ['BillPaymentCheckQuery', 'BillPaymentCreditCardQuery'],
        iterators: {},
        deletedDone: false,
        touched: new Map(),
        billsChecked: false,
        seenModified: null,
        seenDeleted: null,
        imported: 0,
      };
    }
    const run = this.run;
    for (const type of run.pending) {
      message.add(paymentQuery(run, type, message.rid(type)), this, { kind: 'payments', type });
    }
    if (!run.deletedDone)
      message.add(deletedQuery(run, message.rid('deleted')), this, { kind: 'deletedPayments' });
    if (message.size > 0) return;
    if (!run.billsChecked) {
      run.billsChecked = true;
      const query = billsQuery(run, message.rid('bills'));
      if (query) {
        message.add(query, this, { kind: 'paidStatus' });
        return;
      }
    }
    this.finish();
  }

  /** Requests the payments import still needs (an estimate before it starts). */
  remaining(): number {
    const { ctx } = this;
    if (this.done) return 0;
    const run = this.run;
    if (!run) {
      const wanted =
        ctx.state.payments_requested_json !== null ||
        paymentsDue(ctx.db, ctx.connection, ctx.state, ctx.now());
      return wanted ? 3 : 0;
    }
    return (
      run.pending.length + (run.deletedDone ? 0 : 1) + (run.billsChecked || run.touched.size === 0 ? 0 : 1)
    );
  }

  /** Ends the import when the last answers completed it, so the percentage can say 100 without another trip. */
  finishIfDone(): void {
    if (this.run && !this.done && this.remaining() === 0) this.finish();
  }

  private finish(): void {
    const { ctx } = this;
    const run = this.run;
    this.done = true;
    if (!run) return;
    const cursor: PaymentsCursor = run.range
      ? run.cursor
      : {
          modified: run.seenModified ?? run.cursor.modified ?? null,
          deleted: run.seenDeleted ?? run.cursor.deleted ?? null,
        };
    ctx.tx(() => {
      updateState(
        ctx.db,
        ctx.connectionId,
        {
          payments_checkpoint: run.range ? ctx.state.payments_checkpoint : ctx.now().toISOString(),
          payments_cursor_json: JSON.stringify(cursor),
          payments_requested_json: null,
        },
        ctx.now(),
      );
      ctx.log({
        action: 'import_payments',
        result: 'success',
        message: run.range
          ? `Imported payments dated ${run.range.from} to ${run.range.to} from ${ctx.label}: ${run.imported} found`
          : `Imported payments from ${ctx.label}: ${run.imported} found`,
        detail: `cursor ${JSON.stringify(cursor)}`,
      });
    });
  }

  apply(p: PaymentsPending, r: QbxmlResponse): void {
    const { ctx } = this;
    const run = this.run!;
    const ok = r.statusSeverity !== 'Error';
    switch (p.kind) {
      case 'payments': {
        if (!ok) {
          ctx.problem(String(r.statusCode), ctx.classify(r).userMessage);
          run.pending = run.pending.filter((t) => t !== p.type);
          return;
        }
        const records =
          r.type === 'BillPaymentCheckQuery' || r.type === 'BillPaymentCreditCardQuery' ? r.records : [];
        const written = applyPayments(ctx.db, {
          connectionId: ctx.connectionId,
          type: p.type,
          records,
          run,
          now: ctx.now(),
        });
        run.imported += written;
        ctx.summary.paymentsImported += written;
        if ((r.iteratorRemainingCount ?? 0) > 0 && r.iteratorID) run.iterators[p.type] = r.iteratorID;
        else {
          delete run.iterators[p.type];
          run.pending = run.pending.filter((t) => t !== p.type);
        }
        return;
      }
      case 'deletedPayments': {
        run.deletedDone = true;
        if (ok)
          applyDeleted(ctx.db, {
            connectionId: ctx.connectionId,
            records: r.type === 'TxnDeletedQuery' ? r.records : [],
            run,
            now: ctx.now(),
          });
        else ctx.problem(String(r.statusCode), ctx.classify(r).userMessage);
        return;
      }
      case 'paidStatus': {
        const bills = ok && r.type === 'BillQuery' ? r.records : [];
        const changed = applyPaidStatus(ctx.db, {
          connectionId: ctx.connectionId,
          bills,
          run,
          now: ctx.now(),
        });
        for (const change of changed) {
          ctx.emit({ type: 'document', documentId: change.documentId });
          ctx.log({
            documentId: change.documentId,
            action: 'payments',
            result: 'info',
            message: paymentStateSentence({ ...change, system: ctx.connection.name }),
          });
        }
        return;
      }
    }
  }

  /** Asked again on the next page request. */
  release(_p: PaymentsPending, _why: Release): void {}

  unreadable(p: PaymentsPending, r: QbxmlResponse, bad: UnreadableRecord[]): boolean {
    skipUnreadable(
      this.ctx,
      p.kind === 'paidStatus' ? 'the paid status of bills' : 'payments',
      'payments',
      r,
      bad,
    );
    return false;
  }
}

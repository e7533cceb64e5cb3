// Payments made in QuickBooks against the bills we sent: bill payments by cheque and by credit card (read with
// iterators since the last checkpoint, or for a date range on demand), deleted payments (TxnDeletedQuery), and each
// touched bill's own paid flag (BillQuery). A payment voided in QuickBooks comes back with a zero amount; it and a
// deleted one cancel ours. The invoice is then paid, partly paid or unpaid.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { DocumentT } from '../../../preload/contract.js';
import { currencyDecimals } from '../../domain/currency.js';
import { toMinor } from '../../domain/money.js';
import { paymentStateOf } from '../../domain/payment-state.js';
import type { BillPaymentRet, BillRet, QbxmlRequest, TxnDeletedRet } from './qbxml/types.js';

export type PaymentQueryType = 'BillPaymentCheckQuery' | 'BillPaymentCreditCardQuery';
export const PAYMENT_KIND: Record<PaymentQueryType, DocumentT['payments'][number]['kind']> = {
  BillPaymentCheckQuery: 'bill_payment_check',
  BillPaymentCreditCardQuery: 'bill_payment_credit_card',
};

export interface PaymentsCursor {
  /** Greatest TimeModified of a payment seen by a completed import (QuickBooks' clock). */
  modified?: string | null;
  /** Greatest TimeDeleted seen by a completed import. */
  deleted?: string | null;
}

export interface PaymentsRun {
  /** null: since the checkpoint; a range: payments dated in it (on demand). */
  range: { from: string; to: string } | null;
  cursor: PaymentsCursor;
  pending: PaymentQueryType[];
  iterators: Partial<Record<PaymentQueryType, string>>;
  deletedDone: boolean;
  /** Our invoices (document id → bill TxnID) whose payments changed: their paid flag is read at the end. */
  touched: Map<string, string>;
  billsChecked: boolean;
  seenModified: string | null;
  seenDeleted: string | null;
  imported: number;
}

const PAGE = 100;

export function paymentQuery(run: PaymentsRun, type: PaymentQueryType, requestID: string): QbxmlRequest {
  const iteratorID = run.iterators[type];
  const body = run.range
    ? { MaxReturned: PAGE, TxnDateRangeFilter: { FromTxnDate: run.range.from, ToTxnDate: run.range.to } }
    : run.cursor.modified
      ? { MaxReturned: PAGE, ModifiedDateRangeFilter: { FromModifiedDate: run.cursor.modified } }
      : { MaxReturned: PAGE };
  return {
    type,
    requestID,
    body,
    iterator: iteratorID ? { iterator: 'Continue', iteratorID } : { iterator: 'Start' },
  };
}

export function deletedQuery(run: PaymentsRun, requestID: string): QbxmlRequest {
  return {
    type: 'TxnDeletedQuery',
    requestID,
    body: {
      TxnDelType: ['BillPaymentCheck', 'BillPaymentCreditCard'],
      ...(run.cursor.deleted ? { DeletedDateRangeFilter: { FromDeletedDate: run.cursor.deleted } } : {}),
    },
  };
}

interface BillDoc {
  id: string;
  currency: string;
}

function documentOfBill(db: Database, connectionId: string, txnId: string): BillDoc | undefined {
  return db
    .prepare<[string, string], BillDoc>(
      `SELECT d.id, d.currency FROM external_links l JOIN documents d ON d.id = l.entity_id
       WHERE l.connection_id = ? AND l.entity_type = 'document' AND l.external_id = ? AND d.type = 'invoice'`,
    )
    .get(connectionId, txnId);
}

function later(a: string | null, b: string | undefined): string | null {
  if (!b) return a;
  if (!a) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** Records the payments of one page. Call inside a transaction; returns the payments written. */
export function applyPayments(
  db: Database,
  input: {
    connectionId: string;
    type: PaymentQueryType;
    records: BillPaymentRet[];
    run: PaymentsRun;
    now: Date;
  },
): number {
  const at = input.now.toISOString();
  const upsert = db.prepare(
    `INSERT INTO payments (id, document_id, connection_id, external_id, kind, date, amount_minor, status, created_at, updated_at)
     VALUES (@id, @documentId, @connectionId, @externalId, @kind, @date, @amount, @status, @at, @at)
     ON CONFLICT (connection_id, external_id, document_id) DO UPDATE SET kind = excluded.kind, date = excluded.date,
       amount_minor = excluded.amount_minor, status = excluded.status, updated_at = excluded.updated_at`,
  );
  const dropOthers = db.prepare(
    `UPDATE payments SET status = 'canceled', updated_at = ? WHERE connection_id = ? AND external_id = ?
       AND document_id NOT IN (SELECT value FROM json_each(?)) AND status <> 'canceled'`,
  );
  let written = 0;
  for (const payment of input.records) {
    input.run.seenModified = later(input.run.seenModified, payment.TimeModified);
    const applied: string[] = [];
    for (const line of payment.AppliedToTxnRet) {
      if (line.TxnType && line.TxnType !== 'Bill') continue;
      const doc = documentOfBill(db, input.connectionId, line.TxnID);
      if (!doc) continue;
      const minor = toMinor(line.Amount ?? '0', currencyDecimals(doc.currency));
      // A voided payment keeps its lines with a zero amount.
      upsert.run({
        id: randomUUID(),
        documentId: doc.id,
        connectionId: input.connectionId,
        externalId: payment.TxnID,
        kind: PAYMENT_KIND[input.type],
        date: payment.TxnDate,
        amount: Math.abs(minor),
        status: minor === 0 ? 'canceled' : 'active',
        at,
      });
      applied.push(doc.id);
      input.run.touched.set(doc.id, line.TxnID);
      written += 1;
    }
    // A payment edited in QuickBooks to no longer pay one of our bills no longer counts there.
    const before = db
      .prepare<[string, string], { document_id: string }>(
        `SELECT document_id FROM payments WHERE connection_id = ? AND external_id = ?`,
      )
      .all(input.connectionId, payment.TxnID);
    for (const row of before) {
      if (!applied.includes(row.document_id)) {
        const txn = db
          .prepare<[string, string], { external_id: string }>(
            `SELECT external_id FROM external_links WHERE connection_id = ? AND entity_type = 'document' AND entity_id = ?`,
          )
          .get(input.connectionId, row.document_id);
        if (txn) input.run.touched.set(row.document_id, txn.external_id);
      }
    }
    dropOthers.run(at, input.connectionId, payment.TxnID, JSON.stringify(applied));
  }
  return written;
}

/** Cancels our copies of payments deleted in QuickBooks. Call inside a transaction. */
export function applyDeleted(
  db: Database,
  input: { connectionId: string; records: TxnDeletedRet[]; run: PaymentsRun; now: Date },
): number {
  let canceled = 0;
  const rows = db.prepare<[string, string], { document_id: string }>(
    `SELECT document_id FROM payments WHERE connection_id = ? AND external_id = ? AND status <> 'canceled'`,
  );
  const cancel = db.prepare(
    `UPDATE payments SET status = 'canceled', updated_at = ? WHERE connection_id = ? AND external_id = ?`,
  );
  const txnOf = db.prepare<[string, string], { external_id: string }>(
    `SELECT external_id FROM external_links WHERE connection_id = ? AND entity_type = 'document' AND entity_id = ?`,
  );
  for (const record of input.records) {
    input.run.seenDeleted = later(input.run.seenDeleted, record.TimeDeleted);
    for (const row of rows.all(input.connectionId, record.TxnID)) {
      const txn = txnOf.get(input.connectionId, row.document_id);
      if (txn) input.run.touched.set(row.document_id, txn.external_id);
    }
    canceled += cancel.run(input.now.toISOString(), input.connectionId, record.TxnID).changes;
  }
  return canceled;
}

export function billsQuery(run: PaymentsRun, requestID: string): QbxmlRequest | null {
  const ids = [...new Set(run.touched.values())];
  if (ids.length === 0) return null;
  return { type: 'BillQuery', requestID, body: { TxnID: ids } };
}

/** A document whose payment status a session changed, with what its log entry needs. */
export interface PaidStatusChange {
  documentId: string;
  status: NonNullable<DocumentT['paymentStatus']>;
  paidMinor: number;
  grossMinor: number;
  currency: string;
}

/**
 * Sets each touched invoice's payment status from QuickBooks' paid flag and our active payments. Call inside a
 * transaction; returns the documents whose status changed.
 */
export function applyPaidStatus(
  db: Database,
  input: { connectionId: string; bills: BillRet[]; run: PaymentsRun; now: Date },
): PaidStatusChange[] {
  const paidByTxn = new Map(input.bills.map((b) => [b.TxnID, b.IsPaid === true]));
  const changed: PaidStatusChange[] = [];
  const active = db.prepare<[string, string], { paid: number }>(
    `SELECT COALESCE(SUM(amount_minor), 0) AS paid FROM payments
      WHERE document_id = ? AND connection_id = ? AND status = 'active'`,
  );
  const document = db.prepare<[string], { gross_minor: number; currency: string }>(
    'SELECT gross_minor, currency FROM documents WHERE id = ?',
  );
  const setStatus = db.prepare(
    `UPDATE documents SET payment_status = ?, updated_at = ? WHERE id = ? AND status = 'approved'
       AND (payment_status IS NULL OR payment_status <> ?)`,
  );
  for (const [documentId, txnId] of input.run.touched) {
    const payments = active.get(documentId, input.connectionId);
    const row = document.get(documentId);
    if (!row) continue;
    // The one paid-status rule, with QuickBooks' own flag: a bill it did not answer for counts as not paid there.
    const status = paymentStateOf({
      paidMinor: payments?.paid ?? 0,
      grossMinor: row.gross_minor,
      paidThere: paidByTxn.get(txnId) === true,
    });
    const info = setStatus.run(status, input.now.toISOString(), documentId, status);
    if (info.changes === 0) continue;
    changed.push({
      documentId,
      status,
      paidMinor: payments?.paid ?? 0,
      grossMinor: row.gross_minor,
      currency: row.currency,
    });
  }
  return changed;
}

// Payment application: payments recorded in the accounting system against documents sent from here are written
// to payments, a voided or deleted one cancels ours, and each touched invoice's payment state is settled.
import { randomUUID } from 'node:crypto';
import type { ConnectionT } from '../../preload/contract.js';
import { nowIso } from '../db/sql-helpers.js';
import { currencyDecimals } from '../domain/currency.js';
import { toMinor } from '../domain/money.js';
import { paymentStateOf, paymentStateSentence } from '../domain/payment-state.js';
import type { ExternalPayment } from '../connectors/contract.js';
import { asAppError, capable, queueForSession } from './capability.js';
import type { AccountingContext } from './context.js';

/** Writes the payments and settles each touched invoice's payment state; returns the counts. */
export function applyPayments(ctx: AccountingContext, connection: ConnectionT, payments: ExternalPayment[]) {
  const touched = new Set<string>();
  let imported = 0;
  let canceled = 0;
  const now = nowIso();
  /** Each document whose payment state changed, with the sentence its log entry gets. */
  const changes = new Map<string, string>();
  ctx.db.transaction(() => {
    const docOf = ctx.db.prepare<[string, string], { entity_id: string }>(
      `SELECT entity_id FROM external_links WHERE connection_id = ? AND entity_type = 'document' AND external_id = ?`,
    );
    const currencyOf = ctx.db.prepare<[string], { currency: string }>(
      'SELECT currency FROM documents WHERE id = ?',
    );
    const upsert = ctx.db.prepare(
      `INSERT INTO payments (id, document_id, connection_id, external_id, kind, date, amount_minor, status, created_at, updated_at)
       VALUES (@id, @document_id, @connection_id, @external_id, @kind, @date, @amount_minor, 'active', @now, @now)
       ON CONFLICT (connection_id, external_id, document_id) DO UPDATE SET kind = excluded.kind, date = excluded.date,
         amount_minor = excluded.amount_minor, status = 'active', updated_at = excluded.updated_at`,
    );
    const cancel = ctx.db.prepare<[string, string, string]>(
      `UPDATE payments SET status = 'canceled', updated_at = ? WHERE connection_id = ? AND external_id = ? AND status = 'active'
       RETURNING document_id`,
    );
    for (const payment of payments) {
      if (payment.status === 'canceled') {
        const rows = cancel.all(now, connection.id, payment.externalId) as { document_id: string }[];
        for (const r of rows) touched.add(r.document_id);
        canceled += rows.length;
        continue;
      }
      for (const application of payment.applications) {
        const doc = docOf.get(connection.id, application.documentExternalId);
        if (!doc) continue; // a bill that did not come from here
        const currency = currencyOf.get(doc.entity_id)?.currency ?? 'USD';
        upsert.run({
          id: randomUUID(),
          document_id: doc.entity_id,
          connection_id: connection.id,
          external_id: payment.externalId,
          kind: payment.kind,
          date: payment.date,
          amount_minor: toMinor(application.amount, currencyDecimals(currency)),
          now,
        });
        touched.add(doc.entity_id);
        imported++;
      }
    }
    const sums = ctx.db.prepare<
      [string],
      { paid: number | null; gross: number; status: string | null; currency: string }
    >(
      `SELECT (SELECT SUM(amount_minor) FROM payments WHERE document_id = d.id AND status = 'active') AS paid,
              d.gross_minor AS gross, d.payment_status AS status, d.currency FROM documents d WHERE d.id = ?`,
    );
    const setStatus = ctx.db.prepare('UPDATE documents SET payment_status = ?, updated_at = ? WHERE id = ?');
    for (const id of touched) {
      const row = sums.get(id);
      if (!row) continue;
      const paid = row.paid ?? 0;
      // The cloud systems give no paid flag of their own: the amounts decide.
      const status = paymentStateOf({ paidMinor: paid, grossMinor: row.gross });
      if (status === row.status) continue;
      setStatus.run(status, now, id);
      changes.set(
        id,
        paymentStateSentence({
          status,
          paidMinor: paid,
          grossMinor: row.gross,
          currency: row.currency,
          system: connection.name,
        }),
      );
    }
  })();
  for (const [id, message] of changes) {
    ctx.emit({ type: 'document', documentId: id });
    ctx.log({
      companyId: connection.companyId,
      connectionId: connection.id,
      documentId: id,
      action: 'payments',
      result: 'info',
      message,
    });
  }
  return { imported, canceled, documentsChanged: changes.size };
}

export async function importPayments(
  ctx: AccountingContext,
  connectionId: string,
  range: { from: string; to: string } | null,
) {
  const what = range
    ? `Payments dated ${range.from} to ${range.to}`
    : 'Payments changed since the last import';
  if (queueForSession(ctx, connectionId, what, (engine) => engine.requestPayments(connectionId, range))) {
    return { imported: 0, canceled: 0, documentsChanged: 0, checkpoint: null, queued: true };
  }
  const { connection, connector } = capable(ctx, connectionId, 'importPayments');
  const checkpointRow = ctx.db
    .prepare<[string], { value: string }>(
      `SELECT value FROM accounting_checkpoints WHERE connection_id = ? AND name = 'payments'`,
    )
    .get(connection.id);
  let answer;
  try {
    answer = await connector.importPayments(
      ctx.connectorContext(connection),
      range ?? { since: checkpointRow?.value ?? null },
    );
  } catch (error) {
    asAppError(ctx, connection, 'payments', error);
  }
  const counts = applyPayments(ctx, connection, answer.payments);
  if (!range && answer.checkpoint) {
    ctx.db
      .prepare(
        `INSERT INTO accounting_checkpoints (connection_id, name, value, updated_at) VALUES (?, 'payments', ?, ?)
         ON CONFLICT (connection_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(connection.id, answer.checkpoint, nowIso());
  }
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'payments',
    result: 'success',
    message: `Payments from ${connection.name}${range ? ` dated ${range.from} to ${range.to}` : ''}: ${counts.imported} applied, ${counts.canceled} canceled, ${counts.documentsChanged} invoice${counts.documentsChanged === 1 ? '' : 's'} changed.`,
  });
  return {
    ...counts,
    checkpoint: range ? null : (answer.checkpoint ?? checkpointRow?.value ?? null),
    queued: false,
  };
}

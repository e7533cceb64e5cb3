// QuickBooks refusing Ledgerbridge's access (3260) is the session's lost authorization: the connection shows it
// (needs_reconnect, with QuickBooks' fix), the document's job waits instead of failing, and the next Web Connector
// session — QuickBooks' "reconnect" — tries it again. Kept in the job ledger (main/sync/jobs.ts) like the worker's.
import { describe, expect, it } from 'vitest';
import { runSession, syncOf, type QuickBooksLike } from './harness.js';
import { qbFor } from './qb.js';
import { enginePerTest, withAcme } from './scenario.js';

const startEngine = enginePerTest();

describe('QuickBooks refusing access', () => {
  it('marks the connection for a reconnect; the job waits and goes on the next session', async () => {
    const h = await startEngine();
    const qb = qbFor();
    const acme = await withAcme(h, qb);
    const po = await h.approved({ type: 'purchase_order', supplierId: acme, number: 'PO-3260' });
    let refused = 0;
    const denying: QuickBooksLike = {
      hostResponse: () => qb.hostResponse(),
      handle(xml) {
        const id = /<PurchaseOrderAddRq requestID="([^"]+)"/.exec(xml)?.[1];
        if (id && refused === 0) {
          refused += 1;
          qb.sim.injectFault({
            kind: 'status',
            requestID: id,
            statusCode: 3260,
            statusMessage: 'Insufficient permission level to perform this action.',
          });
        }
        return qb.handle(xml);
      },
    };
    const run = runSession(h, denying);
    expect(refused).toBe(1);
    expect(run.percents.every((p) => p >= 0)).toBe(true);
    const connection = () =>
      h.db
        .prepare<[string], { status: string; status_message: string | null }>(
          'SELECT status, status_message FROM connections WHERE id = ?',
        )
        .get(h.connectionId);
    expect(connection()?.status).toBe('needs_reconnect');
    expect(connection()?.status_message).toMatch(/QuickBooks user/);
    const job = h.db
      .prepare<[string], { status: string }>('SELECT status FROM outbox_jobs WHERE entity_id = ?')
      .get(po.id);
    expect(job?.status).toBe('waiting');
    expect(syncOf(await h.document(po.id), h.connectionId)?.status).toBe('waiting');
    expect(qb.purchaseOrders('PO-3260')).toHaveLength(0);

    const next = runSession(h, denying);
    expect(next.lastError).toBe('');
    expect(qb.purchaseOrders('PO-3260')).toHaveLength(1);
    expect(syncOf(await h.document(po.id), h.connectionId)?.status).toBe('sent');
    expect(connection()?.status).toBe('connected');
  });
});

// QuickBooks refusing Ledgerbridge's access (3260) is the session's lost authorization: the connection shows it
// (needs_reconnect, with QuickBooks' fix), the document's job waits instead of failing. It is tried again only when
// something changed, not at every Web Connector run (each refused again, with a log entry): the bookkeeper says
// access is allowed (qbd.retryAccess), or a run for other work shows it (QuickBooks took a document and refused
// none). Kept in the job ledger (main/sync/jobs.ts) like the worker's.
import { describe, expect, it } from 'vitest';
import { runSession, syncOf, type EngineHarness, type QuickBooksLike } from './harness.js';
import { qbFor, type Qb } from './qb.js';
import { enginePerTest, withAcme } from './scenario.js';

const startEngine = enginePerTest();

/** QuickBooks refusing every PurchaseOrderAdd with 3260 while `refusing.on`; `refusing.count` of them so far. */
function refusingOrders(qb: Qb): QuickBooksLike & { on: boolean; count: number } {
  const stand = {
    on: true,
    count: 0,
    hostResponse: () => qb.hostResponse(),
    handle(xml: string) {
      const id = /<PurchaseOrderAddRq requestID="([^"]+)"/.exec(xml)?.[1];
      if (id && stand.on) {
        stand.count += 1;
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
  return stand;
}

function connection(h: EngineHarness) {
  return h.db
    .prepare<[string], { status: string; status_message: string | null }>(
      'SELECT status, status_message FROM connections WHERE id = ?',
    )
    .get(h.connectionId);
}

async function logOf(h: EngineHarness, documentId: string): Promise<string[]> {
  return (await h.core.call('log.list', { documentId })).items.map((e) => `${e.result}: ${e.message}`);
}

/** A purchase order QuickBooks refused: it waits for access, the connection shows the refusal. */
async function refusedOrder(h: EngineHarness, qb: Qb, quickbooks: ReturnType<typeof refusingOrders>) {
  const acme = await withAcme(h, qb);
  const po = await h.approved({ type: 'purchase_order', supplierId: acme, number: 'PO-3260' });
  const run = runSession(h, quickbooks);
  expect(quickbooks.count).toBe(1);
  expect(run.percents.every((p) => p >= 0)).toBe(true);
  expect(connection(h)?.status).toBe('needs_reconnect');
  expect(connection(h)?.status_message).toMatch(/QuickBooks user/);
  const job = h.db
    .prepare<[string], { status: string; waiting_for: string | null }>(
      'SELECT status, waiting_for FROM outbox_jobs WHERE entity_id = ?',
    )
    .get(po.id);
  expect(job).toEqual({ status: 'waiting', waiting_for: 'access' });
  expect(syncOf(await h.document(po.id), h.connectionId)?.status).toBe('waiting');
  expect(qb.purchaseOrders('PO-3260')).toHaveLength(0);
  return { acme, po };
}

describe('QuickBooks refusing access', () => {
  it('leaves the refused document waiting at the next runs; it goes once the bookkeeper says access is allowed', async () => {
    const h = await startEngine();
    const qb = qbFor();
    const quickbooks = refusingOrders(qb);
    const { po } = await refusedOrder(h, qb, quickbooks);
    const logged = await logOf(h, po.id);

    // Nothing changed: no run is asked for it, and a run for other work (the payments poll) does not try it again.
    expect(h.engine.hasWork(h.connectionId)).toBe(false);
    h.engine.requestPayments(h.connectionId, null);
    expect(h.engine.hasWork(h.connectionId)).toBe(true);
    runSession(h, quickbooks);
    runSession(h, quickbooks);
    expect(quickbooks.count).toBe(1);
    expect(await logOf(h, po.id)).toEqual(logged);
    expect(syncOf(await h.document(po.id), h.connectionId)?.status).toBe('waiting');
    // The refusal and its fix stay on the card: nothing showed that QuickBooks allows access now.
    expect(connection(h)?.status).toBe('needs_reconnect');
    expect(connection(h)?.status_message).toMatch(/QuickBooks user/);

    // The bookkeeper fixes it in QuickBooks and says so: the next run sends the order.
    quickbooks.on = false;
    expect(await h.core.call('qbd.retryAccess', { connectionId: h.connectionId })).toEqual({
      queued: 1,
      message:
        '1 document QuickBooks refused goes at the next Web Connector run of QuickBooks Desktop. If QuickBooks still refuses, it waits again with its message.',
    });
    expect(h.engine.hasWork(h.connectionId)).toBe(true);
    const next = runSession(h, quickbooks);
    expect(next.lastError).toBe('');
    expect(qb.purchaseOrders('PO-3260')).toHaveLength(1);
    expect(syncOf(await h.document(po.id), h.connectionId)?.status).toBe('sent');
    expect(connection(h)?.status).toBe('connected');
    expect(await h.core.call('qbd.retryAccess', { connectionId: h.connectionId })).toMatchObject({
      queued: 0,
    });
  });

  it('sends the refused document in a run that shows QuickBooks takes documents again', async () => {
    const h = await startEngine();
    const qb = qbFor();
    const quickbooks = refusingOrders(qb);
    const { acme, po } = await refusedOrder(h, qb, quickbooks);

    // Access is allowed in QuickBooks, and the bookkeeper approves a bill: the run that sends it shows access
    // works, so the order that waited goes in the same run.
    quickbooks.on = false;
    const bill = await h.approved({ type: 'invoice', supplierId: acme, supplierInvoiceNumber: 'AC-88' });
    expect(h.engine.hasWork(h.connectionId)).toBe(true);
    runSession(h, quickbooks);
    expect(syncOf(await h.document(bill.id), h.connectionId)?.status).toBe('sent');
    expect(syncOf(await h.document(po.id), h.connectionId)?.status).toBe('sent');
    expect(qb.purchaseOrders('PO-3260')).toHaveLength(1);
    expect(connection(h)?.status).toBe('connected');
    expect(h.engine.hasWork(h.connectionId)).toBe(false);
  });

  it('tries a refused document once in a run that shows access, not again and again', async () => {
    const h = await startEngine();
    const qb = qbFor();
    const quickbooks = refusingOrders(qb);
    const { acme, po } = await refusedOrder(h, qb, quickbooks);

    // QuickBooks takes bills but still refuses purchase orders: the order is tried once in the bill's run.
    const bill = await h.approved({ type: 'invoice', supplierId: acme, supplierInvoiceNumber: 'AC-89' });
    runSession(h, quickbooks);
    expect(syncOf(await h.document(bill.id), h.connectionId)?.status).toBe('sent');
    expect(quickbooks.count).toBe(2);
    expect(syncOf(await h.document(po.id), h.connectionId)?.status).toBe('waiting');
    expect(connection(h)?.status).toBe('needs_reconnect');
    expect(h.engine.hasWork(h.connectionId)).toBe(false);
  });
});

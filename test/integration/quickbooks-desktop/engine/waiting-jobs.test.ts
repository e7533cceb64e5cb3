// Jobs of a QuickBooks Desktop connection that wait (for a pairing, or for QuickBooks to allow Ledgerbridge access)
// and the Web Connector's runs: only a job that can go is work or goes back in the queue, so a run neither starts
// empty nor asks QuickBooks again for what it cannot have changed.
import { describe, expect, it } from 'vitest';
import { runSession, syncOf } from './harness.js';
import { qbFor } from './qb.js';
import { enginePerTest } from './scenario.js';

const startEngine = enginePerTest();

describe('waiting QuickBooks Desktop jobs and the Web Connector', () => {
  it('does not count a cancel queued behind a send that waits for a pairing as work', async () => {
    const h = await startEngine({ createMissing: false });
    const qb = qbFor();
    const ours = await h.supplier('Matai Timber');
    runSession(h, qb);
    const bill = await h.approved({ type: 'invoice', supplierId: ours, supplierInvoiceNumber: 'MT-4471' });
    runSession(h, qb);
    expect(syncOf(await h.document(bill.id), h.connectionId)?.status).toBe('waiting');
    // The send was tried before (its answer may have been lost), so the cancel queues behind it, not in its place.
    h.db.prepare(`UPDATE outbox_jobs SET attempts = 1 WHERE entity_id = ?`).run(bill.id);
    await h.core.call('documents.cancel', { id: bill.id });
    const jobs = h.db
      .prepare<[string], { kind: string; status: string }>(
        'SELECT kind, status FROM outbox_jobs WHERE entity_id = ? ORDER BY id',
      )
      .all(bill.id);
    expect(jobs).toEqual([
      { kind: 'send_document', status: 'waiting' },
      { kind: 'cancel_document', status: 'pending' },
    ]);
    // The cancel cannot go before the send: no session for it, which would send nothing at every poll.
    expect(h.engine.hasWork(h.connectionId)).toBe(false);
    const run = runSession(h, qb);
    expect(run.messages.filter((m) => /Bill(Add|Mod)Rq|TxnDelRq|TxnVoidRq/.test(m))).toEqual([]);
  });

  it('leaves a bill waiting for a pairing out of a run for other work: QuickBooks is not asked for its vendor again', async () => {
    const h = await startEngine({ createMissing: false });
    const qb = qbFor();
    qb.sim.addVendor('Acme Supplies');
    const acme = await h.supplier('Acme Supplies');
    const matai = await h.supplier('Matai Timber');
    runSession(h, qb);
    const waiting = await h.approved({
      type: 'invoice',
      supplierId: matai,
      supplierInvoiceNumber: 'MT-4471',
    });
    const first = runSession(h, qb);
    expect(first.messages.some((m) => m.includes('<FullName>Matai Timber</FullName>'))).toBe(true);
    expect(syncOf(await h.document(waiting.id), h.connectionId)?.status).toBe('waiting');
    const logged = (await h.core.call('log.list', { documentId: waiting.id })).total;

    // A bill for a paired supplier makes a run; the waiting one is neither looked up nor logged again.
    const other = await h.approved({ type: 'invoice', supplierId: acme, supplierInvoiceNumber: 'AC-1' });
    const run = runSession(h, qb);
    expect(syncOf(await h.document(other.id), h.connectionId)?.status).toBe('sent');
    expect(run.messages.some((m) => m.includes('Matai Timber'))).toBe(false);
    expect(syncOf(await h.document(waiting.id), h.connectionId)?.status).toBe('waiting');
    expect((await h.core.call('log.list', { documentId: waiting.id })).total).toBe(logged);
    expect(await h.core.call('lists.needsPairing', { connectionId: h.connectionId })).toEqual([
      expect.objectContaining({ name: 'Matai Timber' }),
    ]);
  });
});

// Send by hand while the automatic send of the same document is on the wire (issue 16): the second send is merged
// into the running one, the answer says "Already sending", and QuickBooks Online receives the purchase order once
// — no second job that would later write it again as an update.
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/db/database.js';
import { approve, connectCompany, oracleReady, startWorld, type QboWorld } from './harness.js';

const ready = oracleReady();
let world: QboWorld;
beforeEach(async () => {
  if (ready) world = await startWorld();
});
afterEach(async () => {
  await world?.close();
});

function jobsOf(documentId: string): { status: string; idempotency_key: string }[] {
  const db = new BetterSqlite3(path.join(world.core.dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db
      .prepare<[string], { status: string; idempotency_key: string }>(
        `SELECT status, idempotency_key FROM outbox_jobs WHERE entity_id = ? ORDER BY id`,
      )
      .all(documentId);
  } finally {
    db.close();
  }
}

describe.skipIf(!ready)('QuickBooks Online: Send while the automatic send runs', () => {
  it('queues one job for both sends; the simulator receives exactly one create and no update', async () => {
    const { core, sim, realm } = world;
    const { company } = await connectCompany(world);
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    sim.seed(realm, 'Account', { Name: 'Job Materials', AccountType: 'Expense', Classification: 'Expense' });
    const account = await core.call('lists.create', {
      companyId: company.id,
      kind: 'account',
      name: 'Job Materials',
    });
    const po = await core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      number: 'PO-2001',
      supplierId: supplier.id,
      date: '2026-11-03',
      lines: [{ description: 'Filters', quantity: '3', unitPrice: '12.99', accountId: account.id }],
    });

    // The purchase order's create waits in the simulator until released: the automatic send is running.
    const held = sim.hold('/v3/company/', { method: 'POST', bodyIncludes: 'PO-2001' });
    await approve(core, po.id);
    await held.reached;

    const byHand = await core.call('documents.send', { id: po.id });
    expect(byHand.sendResult).toEqual({
      outcome: 'already_sending',
      message: expect.stringMatching(/^Already sending to .+: this version is on its way now/),
    });
    const bulk = await core.call('documents.sendMany', { companyId: company.id, ids: [po.id] });
    expect(bulk.results).toEqual([
      expect.objectContaining({ outcome: 'queued', message: expect.stringMatching(/^Already sending to /) }),
    ]);
    expect(jobsOf(po.id)).toEqual([
      { status: 'running', idempotency_key: `doc:${po.id}:r${po.revision}:send` },
    ]);

    held.release();
    await core.app.sync.whenIdle();
    const sent = await core.call('documents.get', { id: po.id });
    expect(sent.sync[0]).toMatchObject({ status: 'sent' });
    expect(sim.records(realm, 'PurchaseOrder')).toHaveLength(1);
    expect(sim.stats.byContent['create PurchaseOrder']).toBe(1);
    expect(sim.stats.byContent['update PurchaseOrder'] ?? 0).toBe(0);
    expect(jobsOf(po.id).map((j) => j.status)).toEqual(['done']);

    // Once it is done, Send again is a real resend: queued.
    const again = await core.call('documents.send', { id: po.id });
    expect(again.sendResult.outcome).toBe('queued');
  });
});

// What goes wrong between us and Xero: 120 approved bills go in 3 create calls of at most 50; a 429 waits for
// Retry-After and goes on; an answer lost after the purchase order was created is replayed through the same
// Idempotency-Key and found by the look-up before the retry (no second one); a refused access token is refreshed once; the daily limit pauses the queue
// with a message that says when it resumes.
import { describe, expect, it } from 'vitest';
import {
  CLIENT_ID,
  approve,
  connectCompany,
  consentInBrowser,
  waitForStatus,
  world,
  worldEachTest,
} from './harness.js';

const ready = worldEachTest();

async function setUp() {
  const { company, connection } = await connectCompany(world);
  const supplier = await world.core.call('suppliers.create', {
    companyId: company.id,
    name: 'Acme Supplies',
  });
  world.sim.addAccount(world.org, { Code: '310', Name: 'Job Materials' });
  const account = await world.core.call('lists.create', {
    companyId: company.id,
    kind: 'account',
    name: 'Job Materials',
  });
  return { company, connection, supplier, account };
}

async function order(companyId: string, supplierId: string, accountId: string, number: string) {
  const doc = await world.core.call('documents.create', {
    companyId,
    type: 'purchase_order',
    number,
    supplierId,
    date: '2026-11-05',
    lines: [{ description: 'Parts', quantity: '2', unitPrice: '19.95', accountId }],
  });
  return approve(world.core, doc.id);
}

describe.skipIf(!ready)('Xero: limits and failures', () => {
  it('sends 120 bills approved while offline in 3 create calls of at most 50, each bill with its own answer', async () => {
    const { core, sim } = world;
    const company = await core.call('companies.create', { name: 'Batch Co', baseCurrency: 'NZD' });
    const connection = await core.call('connections.create', {
      companyId: company.id,
      system: 'xero',
      settings: sim.connectionSettings(),
      credentials: { clientId: CLIENT_ID },
    });
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    sim.addAccount(world.org, { Code: '310', Name: 'Job Materials' });
    const account = await core.call('lists.create', {
      companyId: company.id,
      kind: 'account',
      name: 'Job Materials',
    });
    const ids: string[] = [];
    for (let n = 1; n <= 120; n++) {
      const doc = await core.call('documents.create', {
        companyId: company.id,
        type: 'invoice',
        supplierId: supplier.id,
        supplierInvoiceNumber: `INV-${n}`,
        date: '2026-11-05',
        lines: [{ description: 'Parts', quantity: '1', unitPrice: `${n}.25`, accountId: account.id }],
      });
      await approve(core, doc.id);
      ids.push(doc.id);
    }
    const { authorizeUrl } = await core.call('connections.connect', { id: connection.id });
    await consentInBrowser(authorizeUrl!);
    await waitForStatus(core, company.id, connection.id, 'connected');
    await core.app.sync.whenIdle();
    expect(sim.stats.byRoute['PUT /Invoices']).toBe(3);
    const sizes = sim.received
      .filter((r) => r.path === '/Invoices')
      .map((r) => (r.body as { Invoices: unknown[] }).Invoices.length);
    expect(sizes.sort((a, b) => b - a)).toEqual([50, 50, 20]);
    expect(world.org.invoices.size).toBe(120);
    const docs = await Promise.all(ids.map((id) => core.call('documents.get', { id })));
    expect(docs.every((d) => d.sync[0]?.status === 'sent')).toBe(true);
    expect(new Set(docs.map((d) => d.sync[0]?.externalId)).size).toBe(120);
    expect(sim.stats.peakConcurrency).toBeLessThanOrEqual(5);
  });

  it('waits for Retry-After on a 429 and goes on; a lost answer is found on the retry (no duplicate)', async () => {
    const { company, supplier, account } = await setUp();
    world.sim.inject(
      { kind: 'throttle', problem: 'minute', retryAfterSeconds: 1 },
      (m, p) => m === 'PUT' && p === '/PurchaseOrders',
    );
    world.sim.inject({ kind: 'drop_after_write' }, (m, p) => m === 'PUT' && p === '/PurchaseOrders');
    const po = await order(company.id, supplier.id, account.id, 'PO-77');
    await world.core.app.sync.whenIdle();
    for (let i = 0; i < 100; i++) {
      const doc = await world.core.call('documents.get', { id: po.id });
      if (doc.sync[0]?.status === 'sent') break;
      await new Promise((r) => setTimeout(r, 100));
      await world.core.app.sync.whenIdle();
    }
    const sent = await world.core.call('documents.get', { id: po.id });
    expect(sent.sync[0]?.status).toBe('sent');
    expect(world.org.purchaseOrders.size).toBe(1);
    expect(world.sim.stats.throttled).toBe(1);
    // The retry looks first and finds the order the lost answer created (Xero's replay by Idempotency-Key is the
    // second line of defence; the attachments test covers the look-up with another key).
    expect(sent.sync[0]?.lastMessage).toContain('not sent twice');
    const keys = world.sim.received.filter((r) => r.path === '/PurchaseOrders').map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(1);
    expect(sent.sync[0]?.externalId).toBe([...world.org.purchaseOrders.keys()][0]);
  });

  it('refreshes a refused access token once and sends; the daily limit pauses the queue and says so', async () => {
    const { company, supplier, account } = await setUp();
    world.sim.inject({ kind: 'unauthorized' }, (m, p) => m === 'PUT' && p === '/PurchaseOrders');
    const first = await order(company.id, supplier.id, account.id, 'PO-1');
    await world.core.app.sync.whenIdle();
    expect((await world.core.call('documents.get', { id: first.id })).sync[0]?.status).toBe('sent');
    expect(world.sim.stats.tokenRefreshes).toBe(1);

    world.sim.inject({ kind: 'throttle', problem: 'day', retryAfterSeconds: 7200 });
    const second = await order(company.id, supplier.id, account.id, 'PO-2');
    // The job waits two hours for Xero's reset, so the worker is never idle: watch the document instead.
    let waiting = await world.core.call('documents.get', { id: second.id });
    for (let i = 0; i < 100 && !waiting.sync[0]?.lastMessage?.includes('daily limit'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      waiting = await world.core.call('documents.get', { id: second.id });
    }
    expect(waiting.sync[0]?.status).not.toBe('sent');
    expect(waiting.sync[0]?.lastMessage).toContain('daily limit');
    expect(world.org.purchaseOrders.size).toBe(1);
  });
});

// Whole Web Connector sessions with everything real: the fake Web Connector (soap client from the vendor WSDL)
// over HTTP to /qbwc, the service, the QuickBooks Desktop engine built by the App, and the QuickBooks Desktop
// simulator (which validates every message against Intuit's XSD with xmllint).
import { afterEach, describe, expect, it } from 'vitest';
import { QbdSimulator } from '../../simulators/quickbooks-desktop/simulator.js';
import { wsdlOracleAvailable, type SessionRun } from '../../simulators/web-connector/fake-web-connector.js';
import { quickbooks, runUntilIdle, startQbwc, type QbwcHarness } from './harness.js';

const haveWsdl = wsdlOracleAvailable();
let h: QbwcHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function approvedPurchaseOrders(harness: QbwcHarness, count: number): Promise<string[]> {
  const companyId = (await harness.core.call('companies.list', {}))[0]!.id;
  const supplier = await harness.core.call('suppliers.create', {
    companyId,
    name: 'Acme Plumbing Supply',
    currency: 'USD',
  });
  const numbers: string[] = [];
  for (let i = 1; i <= count; i += 1) {
    const number = `PO${String(i).padStart(4, '0')}`;
    const draft = await harness.core.call('documents.create', {
      companyId,
      type: 'purchase_order',
      number,
      supplierId: supplier.id,
      date: '2026-11-02',
      currency: 'USD',
      lines: [{ description: `Copper pipe 15 mm, lot ${i}`, quantity: '2', unitPrice: '12.50' }],
    });
    await harness.core.call('documents.submit', { id: draft.id });
    await harness.core.call('documents.approve', { id: draft.id });
    numbers.push(number);
  }
  return numbers;
}

const SETTINGS = {
  documentsToSend: ['purchase_order', 'service_order', 'invoice', 'receipt'],
  importPayments: false,
};

describe.skipIf(!haveWsdl)('whole Web Connector sessions against the QuickBooks Desktop simulator', () => {
  it('first sync: lists imported, 200 purchase orders sent in batches, each exactly once', async () => {
    h = await startQbwc({ settings: SETTINGS });
    const numbers = await approvedPurchaseOrders(h, 200);
    const sim = new QbdSimulator({ companyName: 'Northwind Facilities' });
    const runs = await runUntilIdle(h, quickbooks(sim));

    const first = runs[0]!;
    expect(first.auth[1]).toBe('');
    expect(first.percents.at(-1)).toBe(100);
    expect(first.lastError).toBeNull();
    for (const number of numbers) expect(sim.purchaseOrdersByRef(number), number).toHaveLength(1);
    const { items } = await h.core.call('documents.list', {
      companyId: (await h.core.call('companies.list', {}))[0]!.id,
      limit: 500,
    });
    expect(items.filter((d) => d.syncStatus === 'sent')).toHaveLength(200);

    const { sessions } = await h.core.call('qbd.sessions', { connectionId: h.connectionId, limit: 20 });
    const done = sessions.filter((s) => s.outcome === 'done');
    expect(done.length).toBeGreaterThanOrEqual(1);
    const sent = done.reduce((n, s) => n + (s.summary?.documentsSent ?? 0), 0);
    expect(sent).toBe(200);
    const requests = done.reduce((n, s) => n + (s.summary?.requests ?? 0), 0);
    const messages = done.reduce((n, s) => n + (s.summary?.messages ?? 0), 0);
    expect(requests / messages).toBeGreaterThanOrEqual(20);
    expect(sessions[0]?.outcome).toBe('nothing_to_do');
  });

  it('a lost response is retried without a duplicate in QuickBooks', async () => {
    h = await startQbwc({ settings: SETTINGS });
    const numbers = await approvedPurchaseOrders(h, 30);
    const sim = new QbdSimulator({ companyName: 'Northwind Facilities' });
    const qb = quickbooks(sim);
    // Lists first, so that the next message carries the documents.
    await h.core.call('lists.import', { connectionId: h.connectionId });
    let lost: SessionRun | null = null;
    for (let i = 0; i < 20 && !lost; i += 1) {
      // Lose the answer to the first message that adds purchase orders.
      const original = qb.handle.bind(qb);
      qb.handle = (xml) => {
        if (xml.includes('<PurchaseOrderAddRq')) {
          sim.injectFault({ kind: 'lostResponse' });
          qb.handle = original;
        }
        return original(xml);
      };
      const run = await h.webConnector(qb).runSession();
      qb.handle = original;
      if (run.broken) lost = run;
      h.clock.advance(60_000);
    }
    expect(lost).not.toBeNull();
    const appliedBefore = numbers.filter((n) => sim.purchaseOrdersByRef(n).length > 0);
    expect(appliedBefore.length).toBeGreaterThan(0); // QuickBooks did apply them; we never heard

    // The lost session is replaced once it has been silent longer than the busy window.
    h.clock.advance(11 * 60_000);
    await runUntilIdle(h, qb);
    for (const number of numbers) expect(sim.purchaseOrdersByRef(number), number).toHaveLength(1);

    const { sessions } = await h.core.call('qbd.sessions', { connectionId: h.connectionId, limit: 50 });
    expect(sessions.map((s) => s.outcome)).toContain('replaced');
  });

  it('a message QuickBooks cannot read (0x80040400) fails only the document it refuses; the session goes on', async () => {
    h = await startQbwc({ settings: SETTINGS });
    const numbers = await approvedPurchaseOrders(h, 30);
    const sim = new QbdSimulator({ companyName: 'Northwind Facilities' });
    sim.injectFault({ kind: 'refuse', contains: '<RefNumber>PO0017</RefNumber>' });
    const runs = await runUntilIdle(h, quickbooks(sim));

    expect(sim.refused.length).toBeGreaterThanOrEqual(2);
    expect(runs[0]!.percents.at(-1)).toBe(100);
    expect(runs[0]!.lastError).toBeNull();
    for (const number of numbers)
      expect(sim.purchaseOrdersByRef(number), number).toHaveLength(number === 'PO0017' ? 0 : 1);
    const companyId = (await h.core.call('companies.list', {}))[0]!.id;
    const { items } = await h.core.call('documents.list', { companyId, limit: 100 });
    expect(items.filter((d) => d.syncStatus === 'sent')).toHaveLength(29);
    const bad = items.find((d) => d.number === 'PO0017')!;
    expect(bad.syncStatus).toBe('failed');
    const sync = (await h.core.call('documents.get', { id: bad.id })).sync[0];
    expect(sync?.lastMessage).toContain('refused to read the request for this purchase order');

    const { sessions } = await h.core.call('qbd.sessions', { connectionId: h.connectionId, limit: 20 });
    const first = sessions.at(-1)!;
    expect(first.outcome).toBe('done');
    expect(first.summary?.documentsSent).toBe(29);
    expect(first.summary?.documentsFailed).toBe(1);
  });

  it('payments.import on QuickBooks Desktop is asked for at the next session, which brings the payment back', async () => {
    h = await startQbwc({ settings: SETTINGS });
    const companyId = (await h.core.call('companies.list', {}))[0]!.id;
    const supplier = await h.core.call('suppliers.create', { companyId, name: 'Acme Plumbing Supply' });
    const draft = await h.core.call('documents.create', {
      companyId,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'AP-501',
      date: '2026-11-02',
      currency: 'USD',
      lines: [{ description: 'Copper pipe', quantity: '4', unitPrice: '12.50' }],
    });
    await h.core.call('documents.submit', { id: draft.id });
    await h.core.call('documents.approve', { id: draft.id });
    const sim = new QbdSimulator({ companyName: 'Northwind Facilities' });
    const qb = quickbooks(sim);
    await runUntilIdle(h, qb);
    const [bill] = sim.billsByRef('AP-501');
    sim.payBills([{ billTxnID: bill!.TxnID, amount: '20.00' }], { date: '2026-11-10' });

    // Payments are off for this connection: only the request makes the next session read them.
    const answer = await h.core.call('payments.import', {
      connectionId: h.connectionId,
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(answer).toMatchObject({ queued: true, imported: 0 });
    expect((await h.core.call('documents.get', { id: draft.id })).paymentStatus).toBe('unpaid');
    h.clock.advance(60_000);
    await runUntilIdle(h, qb);
    const paid = await h.core.call('documents.get', { id: draft.id });
    expect(paid.paymentStatus).toBe('partly_paid');
    expect(paid.payments.map((p) => p.amount)).toEqual(['20.00']);

    const lists = await h.core.call('lists.import', { connectionId: h.connectionId });
    expect(lists.queued).toBe(true);
  });
});

// A whole message QuickBooks cannot read (HRESULT 0x80040400, nothing in it applied): the engine sends its
// documents again in smaller groups in the following round trips, so only the document QuickBooks refuses fails
// and every other one goes through exactly once. Driven like the Web Connector drives it, against the simulator
// (every message validated against Intuit's qbXML schema with xmllint; the 'refuse' fault refuses any message
// holding the given text, as QuickBooks refuses every message holding a request it cannot parse).
import { describe, expect, it } from 'vitest';
import { queueInvoices } from '../../../../main/job-costing/invoice-queue.js';
import { listLog } from '../../../../main/sync/log.js';
import { runSession, syncOf, type EngineHarness } from './harness.js';
import { enginePerTest, withAcme } from './scenario.js';
import { qbFor } from './qb.js';
import { seedServiceTradeInvoice } from './servicetrade-seed.js';

const startEngine = enginePerTest();

function attemptsOf(harness: EngineHarness, documentId: string): { status: string; attempts: number }[] {
  return harness.db
    .prepare<[string, string], { status: string; attempts: number }>(
      'SELECT status, attempts FROM outbox_jobs WHERE connection_id = ? AND entity_id = ? ORDER BY id',
    )
    .all(harness.connectionId, documentId);
}

describe('a message QuickBooks cannot read', () => {
  it('is split until only the document it refuses fails; the others are sent once, in the same session', async () => {
    const h = await startEngine();
    const qb = qbFor();
    const acme = await withAcme(h, qb);
    // A supplier QuickBooks does not know yet: looked up, then added in the message with its documents.
    const beta = await h.supplier('Beta Fixings');
    const docs = [];
    for (let i = 0; i < 12; i += 1) {
      docs.push(
        await h.approved({
          type: 'purchase_order',
          supplierId: i % 3 === 0 ? beta : acme,
          number: i === 7 ? 'PO-BAD' : `PO-${300 + i}`,
        }),
      );
    }
    const bad = docs[7]!;
    qb.sim.injectFault({ kind: 'refuse', contains: '<RefNumber>PO-BAD</RefNumber>' });

    const run = runSession(h, qb);
    expect(run.lastError).toBe('');
    expect(run.percents.at(-1)).toBe(100);
    expect(run.percents.every((p) => p >= 0)).toBe(true);
    // Halving: the first refusal, then at most two refusals per halving (log2 12 < 4).
    expect(qb.sim.refused.length).toBeGreaterThanOrEqual(2);
    expect(qb.sim.refused.length).toBeLessThanOrEqual(1 + 4);
    // The last refused message held the bad document's requests alone.
    expect(qb.sim.refused.at(-1)!.match(/<PurchaseOrderAddRq /g)).toHaveLength(1);

    for (const doc of docs.filter((d) => d !== bad)) {
      expect(qb.purchaseOrders(doc.number), doc.number).toHaveLength(1);
      expect(syncOf(await h.document(doc.id), h.connectionId)?.status, doc.number).toBe('sent');
      // Held up by another document's refusal: not counted as an attempt of its own.
      expect(attemptsOf(h, doc.id)).toEqual([{ status: 'done', attempts: 0 }]);
    }
    expect(qb.vendorNames().filter((n) => n === 'Beta Fixings')).toHaveLength(1);
    expect(qb.purchaseOrders('PO-BAD')).toHaveLength(0);
    const failed = syncOf(await h.document(bad.id), h.connectionId);
    expect(failed?.status).toBe('failed');
    expect(failed?.lastMessage).toContain('refused to read the request for this purchase order');
    expect(failed?.lastMessage).toContain('0x80040400');
    expect(failed?.lastMessage).toMatch(/check the supplier's name/);
    expect(attemptsOf(h, bad.id)).toEqual([{ status: 'failed', attempts: 1 }]);
    expect(run.summary.documentsSent).toBe(11);
    expect(run.summary.documentsFailed).toBe(1);
    const log = listLog(h.db, { connectionId: h.connectionId, limit: 500 }).items;
    expect(log.some((e) => e.action === 'qbd_message_refused' && e.result === 'retry')).toBe(true);

    // Nothing is left in flight or queued: the next session sends nothing.
    const next = runSession(h, qb);
    expect(next.messages.some((m) => m.includes('PurchaseOrderAddRq'))).toBe(false);
    expect(qb.sim.refused.length).toBeLessThanOrEqual(5);
  });

  it('a single document refused on its own fails at once with the fix; later documents still go', async () => {
    const h = await startEngine();
    const qb = qbFor();
    const acme = await withAcme(h, qb);
    const receipt = await h.approved({ type: 'receipt', supplierId: acme, number: 'RC-BAD' });
    const fault = { kind: 'refuse' as const, contains: 'RC-BAD' };
    qb.sim.injectFault(fault);
    const run = runSession(h, qb);
    expect(run.lastError).toBe('');
    expect(run.percents.at(-1)).toBe(100);
    expect(qb.sim.refused).toHaveLength(1);
    const failed = syncOf(await h.document(receipt.id), h.connectionId);
    expect(failed?.status).toBe('failed');
    expect(failed?.lastMessage).toContain('refused to read the request for this item receipt');
    expect(qb.itemReceipts()).toHaveLength(0);

    // Once what QuickBooks could not read is fixed, sending again works and nothing was left in flight.
    qb.sim.clearFault(fault);
    const po = await h.approved({ type: 'purchase_order', supplierId: acme, number: 'PO-77' });
    const after = runSession(h, qb);
    expect(after.lastError).toBe('');
    expect(qb.purchaseOrders('PO-77')).toHaveLength(1);
    expect(syncOf(await h.document(po.id), h.connectionId)?.status).toBe('sent');
  });

  it('a vendor update QuickBooks cannot read is found the same way; the documents sent with it go through', async () => {
    const h = await startEngine();
    const qb = qbFor();
    qb.sim.addVendor('Acme Supplies');
    qb.sim.addVendor('Beta Fixings');
    qb.sim.addItem('Purchases', 'ItemNonInventory', 'Job Materials');
    const acme = await h.supplier('Acme Supplies');
    const beta = await h.supplier('Beta Fixings');
    runSession(h, qb);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Both suppliers change; QuickBooks cannot read the update of one of them.
    await h.core.call('suppliers.update', { id: acme, city: 'Zzyzx' });
    await h.core.call('suppliers.update', { id: beta, city: 'Springfield' });
    const docs = [];
    for (let i = 0; i < 4; i += 1)
      docs.push(
        await h.approved({ type: 'purchase_order', supplierId: i % 2 ? beta : acme, number: `PO-6${i}` }),
      );
    qb.sim.injectFault({ kind: 'refuse', contains: '<City>Zzyzx</City>' });

    const run = runSession(h, qb);
    expect(run.lastError).toBe('');
    expect(run.percents.at(-1)).toBe(100);
    expect(qb.sim.refused.length).toBeGreaterThanOrEqual(2);
    for (const doc of docs) {
      expect(qb.purchaseOrders(doc.number), doc.number).toHaveLength(1);
      expect(syncOf(await h.document(doc.id), h.connectionId)?.status, doc.number).toBe('sent');
    }
    expect(qb.sim.findVendor('Beta Fixings')!.VendorAddress?.City).toBe('Springfield');
    expect(qb.sim.findVendor('Acme Supplies')!.VendorAddress?.City).toBeUndefined();
    const log = listLog(h.db, { connectionId: h.connectionId, limit: 500 }).items;
    const failure = log.find((e) => e.action === 'update_reference' && e.result === 'failure');
    expect(failure?.message).toContain("Vendor 'Acme Supplies' was not updated");
    expect(failure?.message).toContain('refused to read the update');
    expect(run.summary.problems.some((p) => p.message.includes('Acme Supplies'))).toBe(true);

    // Not refused again at every session: it waits for the supplier's next change.
    const refusedSoFar = qb.sim.refused.length;
    expect(h.engine.hasWork(h.connectionId)).toBe(false);
    runSession(h, qb);
    expect(qb.sim.refused.length).toBe(refusedSoFar);
  });

  it('a ServiceTrade invoice QuickBooks cannot read fails alone; its job and the documents beside it go through', async () => {
    const h = await startEngine({ customerMapping: 'customer:job' });
    const qb = qbFor();
    const acme = await withAcme(h, qb);
    seedServiceTradeInvoice(h);
    expect(queueInvoices(h.db, ['inv1'], h.connectionId).queued).toEqual(['inv1']);
    const pos = [];
    for (let i = 0; i < 3; i += 1)
      pos.push(await h.approved({ type: 'purchase_order', supplierId: acme, number: `PO-8${i}` }));
    qb.sim.injectFault({ kind: 'refuse', contains: 'Compressor overhaul' });

    const run = runSession(h, qb);
    expect(run.lastError).toBe('');
    expect(run.percents.at(-1)).toBe(100);
    expect(qb.sim.refused.length).toBeGreaterThanOrEqual(1);
    expect(qb.sim.company.invoices.size).toBe(0);
    expect(qb.sim.findCustomer('Smith Facilities')).toBeDefined();
    for (const po of pos) expect(qb.purchaseOrders(po.number), po.number).toHaveLength(1);
    const invoice = h.db
      .prepare<[], { state: string; message: string | null }>(
        'SELECT state, message FROM servicetrade_invoice_qb',
      )
      .get();
    expect(invoice?.state).toBe('failed');
    expect(invoice?.message).toContain('refused to read the request for this invoice');
    const job = h.db
      .prepare<[], { status: string }>(`SELECT status FROM outbox_jobs WHERE kind = 'send_invoice'`)
      .get();
    expect(job?.status).toBe('failed');
  });

  it('other whole-message failures still end the session and are retried on the next run', async () => {
    const h = await startEngine();
    const qb = qbFor();
    qb.sim.addVendor('Acme Supplies');
    const acme = await h.supplier('Acme Supplies');
    runSession(h, qb);
    const po = await h.approved({ type: 'purchase_order', supplierId: acme, number: 'PO-78' });
    qb.sim.injectFault({ kind: 'busy' });
    expect(runSession(h, qb).percents).toEqual([-1]);
    expect(syncOf(await h.document(po.id), h.connectionId)?.status).toBe('queued');
    runSession(h, qb);
    expect(qb.purchaseOrders('PO-78')).toHaveLength(1);
  });
});

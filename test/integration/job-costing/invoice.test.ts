// A ServiceTrade invoice queued for QuickBooks Desktop (servicetrade.invoices.send's queueing) goes to the same job
// in the QuickBooks Desktop simulator: the job first when it is not in QuickBooks yet, the default service item
// created when missing, exactly once even when the answer to the InvoiceAdd is lost; the write-back then waits.
import { describe, expect, it } from 'vitest';
import { autoQueueInvoices, queueInvoices } from '../../../main/job-costing/invoice-queue.js';
import { findConnection } from '../../../main/db/repos/connections.js';
import { runSession, type EngineHarness } from '../quickbooks-desktop/engine/harness.js';
import { answerLostOnce, enginePerTest } from '../quickbooks-desktop/engine/scenario.js';
import { qbFor } from '../quickbooks-desktop/engine/qb.js';
import { seedServiceTradeInvoice } from '../quickbooks-desktop/engine/servicetrade-seed.js';

const startEngine = enginePerTest();

/** A two-line invoice (1250.50): the compressor and two and a half hours of labour. */
function seedServiceTrade(harness: EngineHarness): { invoiceId: string } {
  return seedServiceTradeInvoice(harness, {
    totalPrice: '1250.50',
    items: [
      { id: 1, description: 'Compressor', quantity: 1, price: 1000 },
      { id: 2, description: 'Labour', quantity: 2.5, price: 100.2 },
    ],
  });
}

describe('ServiceTrade invoices into QuickBooks Desktop', () => {
  it('sends the job first, then the invoice on the job, once even when the answer is lost', async () => {
    const h = await startEngine({ customerMapping: 'customer:job' });
    const qb = qbFor();
    runSession(h, qb); // first session: lists
    const { invoiceId } = seedServiceTrade(h);
    const queued = queueInvoices(h.db, [invoiceId], h.connectionId);
    expect(queued.queued).toEqual([invoiceId]);
    expect(queueInvoices(h.db, [invoiceId], h.connectionId).alreadyQueued).toEqual([invoiceId]);

    // The session dies right after the message carrying the InvoiceAdd: QuickBooks added it, the answer is lost.
    const lossy = answerLostOnce(qb, '<InvoiceAddRq');
    const broken = runSession(h, lossy);
    expect(lossy.lost).toBe(true);
    expect(broken.lastError).not.toBe('');
    expect(qb.sim.company.invoices.size).toBe(1); // QuickBooks did add it
    const run = runSession(h, qb);
    expect(run.lastError).toBe('');
    expect(run.messages.some((m) => m.includes('<InvoiceQueryRq'))).toBe(true);
    expect(run.messages.some((m) => m.includes('<InvoiceAddRq'))).toBe(false);

    const jobs = [...qb.sim.company.customers.values()].filter((c) =>
      c.FullName.startsWith('Smith Facilities:'),
    );
    expect(jobs).toHaveLength(1);
    const job = jobs[0];
    expect(
      h.db
        .prepare<[], { full_name: string; state: string }>('SELECT full_name, state FROM servicetrade_job_qb')
        .get(),
    ).toEqual({ full_name: job!.FullName, state: 'sent' });
    const invoices = [...qb.sim.company.invoices.values()];
    expect(invoices).toHaveLength(1);
    expect(invoices[0]!.CustomerListID).toBe(job!.ListID);
    expect(invoices[0]!.Subtotal).toBe(125050);
    expect([...qb.sim.company.items.values()].filter((i) => i.FullName === 'Service')).toHaveLength(1);
    const state = h.db
      .prepare<[], { state: string; ref_number: string; writeback_state: string }>(
        'SELECT state, ref_number, writeback_state FROM servicetrade_invoice_qb',
      )
      .get();
    expect(state).toEqual({ state: 'sent', ref_number: invoices[0]!.RefNumber, writeback_state: 'pending' });
  });

  it('queues new pending invoices after a pull when the ServiceTrade connection says so, each once', async () => {
    const h = await startEngine({ customerMapping: 'customer:job' });
    const { invoiceId } = seedServiceTrade(h);
    const st = findConnection(h.db, 'st1')!;
    expect(autoQueueInvoices(h.db, st)).toBeNull(); // not asked for
    h.db
      .prepare('UPDATE connections SET settings_json = ? WHERE id = ?')
      .run(JSON.stringify({ autoSendInvoicesTo: h.connectionId }), 'st1');
    const first = autoQueueInvoices(h.db, findConnection(h.db, 'st1')!);
    expect(first?.queued).toEqual([invoiceId]);
    expect(autoQueueInvoices(h.db, findConnection(h.db, 'st1')!)).toBeNull();
    const kinds = h.db
      .prepare<[string], { kind: string }>('SELECT kind FROM outbox_jobs WHERE connection_id = ? ORDER BY id')
      .all(h.connectionId)
      .map((r) => r.kind);
    expect(kinds).toEqual(['send_job', 'send_invoice']); // the job first
  });

  it("fails the invoice with the job's reason when QuickBooks refuses the job, and lets it be sent again", async () => {
    const h = await startEngine({ customerMapping: 'customer:job' });
    const qb = qbFor();
    qb.sim.addVendor('Smith Facilities'); // the customer's name is taken by a vendor (3100)
    runSession(h, qb);
    const { invoiceId } = seedServiceTrade(h);
    queueInvoices(h.db, [invoiceId], h.connectionId);
    const run = runSession(h, qb);
    expect(run.messages.some((m) => m.includes('<InvoiceAddRq'))).toBe(false);
    expect(qb.sim.company.invoices.size).toBe(0);
    const state = h.db
      .prepare<[], { state: string; message: string }>('SELECT state, message FROM servicetrade_invoice_qb')
      .get();
    expect(state?.state).toBe('failed');
    expect(state?.message).toMatch(/waits for its job/);
    expect(state?.message).toMatch(/Jobs page/);
    // Once the bookkeeper has fixed it, the invoice can be queued again (its failed row does not block it).
    expect(queueInvoices(h.db, [invoiceId], h.connectionId).queued).toEqual([invoiceId]);
  });
});

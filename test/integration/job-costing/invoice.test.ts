// A ServiceTrade invoice queued for QuickBooks Desktop (servicetrade.invoices.send's queueing) goes to the same job
// in the QuickBooks Desktop simulator: the job first when it is not in QuickBooks yet, the default service item
// created when missing, exactly once even when the answer to the InvoiceAdd is lost; the write-back then waits.
import { afterEach, describe, expect, it } from 'vitest';
import { autoQueueInvoices, queueInvoices } from '../../../main/connectors/servicetrade/invoice-queue.js';
import { findConnection } from '../../../main/db/repos/connections.js';
import {
  HresultFault,
  runSession,
  startEngine,
  type EngineHarness,
} from '../quickbooks-desktop/engine/harness.js';
import { qbFor } from '../quickbooks-desktop/engine/qb.js';

let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function seedServiceTrade(harness: EngineHarness): { invoiceId: string } {
  const at = new Date().toISOString();
  harness.db
    .prepare(
      `INSERT INTO connections (id, company_id, system, name, status, settings_json, created_at, updated_at)
       VALUES ('st1', ?, 'servicetrade', 'ServiceTrade', 'connected', '{}', ?, ?)`,
    )
    .run(harness.companyId, at, at);
  harness.db
    .prepare(
      `INSERT INTO servicetrade_jobs (id, company_id, connection_id, external_id, number, name, type, status,
         description, customer_external_id, customer_name, location_external_id, location_name, scheduled_date,
         updated, pulled_at)
       VALUES ('job1', ?, 'st1', '501', '1001', NULL, 'repair', 'completed', 'Replace compressor', '11',
         'Smith Facilities', NULL, NULL, NULL, 1, ?)`,
    )
    .run(harness.companyId, at);
  harness.db
    .prepare(
      `INSERT INTO servicetrade_invoices (id, company_id, connection_id, external_id, invoice_number, name, type,
         status, job_external_id, customer_external_id, total_price, transaction_date, items_json, updated, pulled_at)
       VALUES ('inv1', ?, 'st1', '9000', NULL, 'Invoice for 1001', 'invoice', 'pending_accounting', '501', '11',
         '1250.50', '2026-11-20T00:00:00.000Z', ?, 1, ?)`,
    )
    .run(
      harness.companyId,
      JSON.stringify([
        { id: 1, description: 'Compressor', quantity: 1, price: 1000 },
        { id: 2, description: 'Labour', quantity: 2.5, price: 100.2 },
      ]),
      at,
    );
  return { invoiceId: 'inv1' };
}

describe('ServiceTrade invoices into QuickBooks Desktop', () => {
  it('sends the job first, then the invoice on the job, once even when the answer is lost', async () => {
    h = await startEngine({ customerMapping: 'customer:job' });
    const qb = qbFor();
    runSession(h, qb); // first session: lists
    const { invoiceId } = seedServiceTrade(h);
    const queued = queueInvoices(h.db, [invoiceId], h.connectionId);
    expect(queued.queued).toEqual([invoiceId]);
    expect(queueInvoices(h.db, [invoiceId], h.connectionId).alreadyQueued).toEqual([invoiceId]);

    // The session dies right after the message carrying the InvoiceAdd: QuickBooks added it, the answer is lost.
    let lost = false;
    const lossy = {
      hostResponse: () => qb.hostResponse(),
      handle(xml: string) {
        const answer = qb.handle(xml);
        if (!lost && xml.includes('<InvoiceAddRq')) {
          lost = true;
          throw new HresultFault('0x80040402', 'The answer from QuickBooks never reached the Web Connector.');
        }
        return answer;
      },
    };
    const broken = runSession(h, lossy);
    expect(lost).toBe(true);
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
    h = await startEngine({ customerMapping: 'customer:job' });
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
    h = await startEngine({ customerMapping: 'customer:job' });
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

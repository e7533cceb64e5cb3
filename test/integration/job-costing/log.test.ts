// The integration log of a job and of an invoice, end to end (ServiceTrade simulator, core, fake Web Connector over
// HTTP, QuickBooks Desktop engine and simulator): each step that concerns a job or an invoice is on its timeline —
// queued, created in QuickBooks or refused in plain language, changed in ServiceTrade, invoiced, the number
// written back (or why not yet) — and nothing about another job is.
import { describe, expect, it } from 'vitest';
import { QbdSimulator } from '../../simulators/quickbooks-desktop/simulator.js';
import { closedAfterEachTest, connectServiceTrade, quickbooks, runUntilIdle, wsdlReady } from './support.js';

const started = closedAfterEachTest();

describe.skipIf(!wsdlReady)('the integration log of a job and an invoice', () => {
  it('shows every step on the job and the invoice, with a plain-language error when a name collides', async () => {
    const st = await started.serviceTrade();
    const smith = st.addCompany('Smith Facilities');
    const acme = st.addCompany('Acme Corp');
    const clashing = st.addJob(st.addLocation(smith, 'Main Street'), { type: 'repair', status: 'scheduled' });
    const good = st.addJob(st.addLocation(acme, 'Harbor'), { type: 'repair', status: 'scheduled' });

    const h = await started.qbwc({ settings: { customerMapping: 'customer:job' } });
    const qbd = new QbdSimulator({ companyName: 'Northwind Facilities' });
    qbd.addVendor('Smith Facilities'); // QuickBooks names are unique across customers and vendors (3100)
    const qb = quickbooks(qbd);
    const { companyId, stConnectionId } = await connectServiceTrade(h, st);
    const listed = (await h.core.call('jobs.list', { companyId, limit: 100 })).items;
    const idOf = (number: string) => listed.find((j) => j.number === number)!.id;
    const clashingId = idOf(clashing.number);
    const goodId = idOf(good.number);
    // A first pull writes nothing on the jobs' timelines (it would bury the Activity page on a large account).
    expect((await h.core.call('jobs.log', { jobId: goodId })).total).toBe(0);

    await runUntilIdle(h, qb); // lists
    const sent = await h.core.call('jobs.send', {
      jobIds: [clashingId, goodId],
      connectionId: h.connectionId,
    });
    expect(sent.queued).toHaveLength(2);
    await runUntilIdle(h, qb);

    // The clashing job: queued, then QuickBooks' refusal in words a bookkeeper can act on.
    const clashLog = await h.core.call('jobs.log', { jobId: clashingId });
    expect(clashLog.items.map((e) => [e.action, e.result])).toEqual([
      ['send_job', 'failure'],
      ['send_job', 'info'],
    ]);
    expect(clashLog.items[1]!.message).toMatch(/queued for QuickBooks Northwind as "Smith Facilities:/);
    const refusal = clashLog.items[0]!;
    expect(refusal.message).toMatch(/already used by another customer, vendor/);
    expect(refusal.message).toMatch(/Rename it here, or pair it with the existing record/);
    expect(refusal.message).not.toMatch(/statusCode|<\?xml|CustomerAdd/);
    expect(refusal.connectionId).toBe(h.connectionId);
    expect(refusal.companyId).toBe(companyId);

    // The good job: queued and created; a change in ServiceTrade shows on it at the next refresh.
    st.change(good, { status: 'completed' });
    st.addInvoice(good, {
      items: [{ id: 1, description: 'Labour', quantity: 2, price: 95 }],
      totalPrice: 190,
    });
    await h.core.call('servicetrade.refresh', { connectionId: stConnectionId });
    const invoice = (await h.core.call('servicetrade.invoices.list', { companyId })).items[0]!;
    await h.core.call('servicetrade.invoices.send', {
      invoiceIds: [invoice.id],
      connectionId: h.connectionId,
    });
    await runUntilIdle(h, qb);
    // ServiceTrade is down at the next refresh: the write-back waits, and the invoice's log says so.
    st.failNext(`/invoice/${st.invoices[0]!.id}`, { status: 503 }, 50);
    await h.core.call('servicetrade.refresh', { connectionId: stConnectionId });
    st.clearFaults();
    await h.core.call('servicetrade.refresh', { connectionId: stConnectionId }); // writes the number back
    const refNumber = [...qbd.company.invoices.values()][0]!.RefNumber;

    const invoiceLog = await h.core.call('servicetrade.invoices.log', { invoiceId: invoice.id });
    expect(invoiceLog.items.map((e) => [e.action, e.result])).toEqual([
      ['invoice_writeback', 'success'],
      ['invoice_writeback', 'retry'],
      ['send_invoice', 'success'],
      ['send_invoice', 'info'],
      ['invoice_changed', 'info'],
    ]);
    expect(invoiceLog.items[0]!.message).toContain(`QuickBooks invoice number ${refNumber}`);
    expect(invoiceLog.items[1]!.message).toMatch(
      /could not take QuickBooks invoice number .* yet; tried again/,
    );
    expect(invoiceLog.items[4]!.message).toMatch(/waiting for accounting/);

    const goodLog = await h.core.call('jobs.log', { jobId: goodId });
    const messages = goodLog.items.map((e) => e.message);
    // Newest first: the invoice's steps, the pulled change, the job created, the job queued.
    expect(goodLog.items.map((e) => e.action)).toEqual([
      'invoice_writeback',
      'invoice_writeback',
      'send_invoice',
      'send_invoice',
      'invoice_changed',
      'job_changed',
      'send_job',
      'send_job',
    ]);
    expect(messages).toContainEqual(
      `Job ${good.number} changed in ServiceTrade: status scheduled → completed.`,
    );
    expect(messages.at(-2)).toMatch(/^Created job Acme Corp:.* in QuickBooks Northwind$/);
    expect(messages.some((m) => m.includes('Smith'))).toBe(false);

    // Paging through the timeline.
    const page = await h.core.call('jobs.log', { jobId: goodId, offset: 6, limit: 2 });
    expect(page.total).toBe(8);
    expect(page.items.map((e) => e.message)).toEqual(messages.slice(6));
  });
});

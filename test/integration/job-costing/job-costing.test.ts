// Job costing end to end, everything real but the two outside systems: the ServiceTrade simulator (HTTP), the
// core, the fake Web Connector over HTTP to /qbwc, the QuickBooks Desktop engine and the QuickBooks Desktop
// simulator (every message checked against Intuit's XSD). Jobs are pulled and sent under each customer mapping, a
// purchase order and a bill are costed to one job, ServiceTrade invoices that job; answers are lost along the way
// and sessions resume. QuickBooks ends up with each customer, location, job, order, bill and invoice exactly once,
// and the invoice number reaches ServiceTrade.
import { describe, expect, it } from 'vitest';
import { QbdSimulator } from '../../simulators/quickbooks-desktop/simulator.js';
import type { QuickBooksStandIn } from '../../simulators/web-connector/fake-web-connector.js';
import { closedAfterEachTest, connectServiceTrade, quickbooks, runUntilIdle, wsdlReady } from './support.js';

const started = closedAfterEachTest();

const MAPPINGS = ['customer', 'customer:job', 'customer:location:job'] as const;

describe.skipIf(!wsdlReady)('job costing: ServiceTrade → QuickBooks Desktop', () => {
  it('sends jobs under each mapping, costs a PO and a bill to a job and invoices it, each once', async () => {
    // ServiceTrade: a customer per mapping (three jobs each, at two locations).
    const st = await started.serviceTrade();
    const stJobs = MAPPINGS.map((mapping, m) => {
      const company = st.addCompany(['Acme Corp', 'Globex', 'Initech'][m]!);
      const north = st.addLocation(company, `North ${mapping.length}`);
      const south = st.addLocation(company, `South ${mapping.length}`);
      return [north, south, north].map((loc, i) =>
        st.addJob(loc, { type: i === 1 ? 'inspection' : 'repair', status: 'scheduled' }),
      );
    });

    const h = await started.qbwc();
    const qbd = new QbdSimulator({ companyName: 'Northwind Facilities' });
    const qb = quickbooks(qbd);
    const { companyId, stConnectionId } = await connectServiceTrade(h, st);
    const listed = await h.core.call('jobs.list', { companyId, limit: 100 });
    expect(listed.total).toBe(9);
    const idOf = (number: string) => listed.items.find((j) => j.number === number)!.id;

    // The first session imports the lists; then three jobs under each mapping, an answer lost in the middle.
    await runUntilIdle(h, qb);
    const qbdConnection = (await h.core.call('connections.list', { companyId })).find(
      (c) => c.id === h.connectionId,
    )!;
    for (const [m, mapping] of MAPPINGS.entries()) {
      await h.core.call('connections.update', {
        id: h.connectionId,
        settings: { ...qbdConnection.settings, customerMapping: mapping },
      });
      const sent = await h.core.call('jobs.send', {
        jobIds: stJobs[m]!.map((j) => idOf(j.number)),
        connectionId: h.connectionId,
      });
      expect(sent.invalid).toEqual([]);
      expect(sent.queued).toHaveLength(3);
      if (m === 1) qbd.injectFault({ kind: 'lostResponse' });
      await runUntilIdle(h, qb);
    }
    const jobs = (await h.core.call('jobs.list', { companyId, limit: 100 })).items;
    expect(jobs.map((j) => j.quickbooks.state)).toEqual(Array(9).fill('sent'));
    const customers = [...qbd.company.customers.values()].map((c) => c.FullName);
    expect(new Set(customers).size).toBe(customers.length); // nothing twice
    for (const job of jobs) expect(customers).toContain(job.quickbooks.fullName);
    const fullNames = jobs.map((j) => j.quickbooks.fullName!);
    // customer: the customer itself; customer:job two levels; customer:location:job three.
    expect(fullNames.filter((n) => n.split(':').length === 1)).toHaveLength(3);
    expect(fullNames.filter((n) => n.split(':').length === 2)).toHaveLength(3);
    expect(fullNames.filter((n) => n.split(':').length === 3)).toHaveLength(3);

    // A purchase order and a bill costed to one Customer:Location:Job job, chosen from the mirrored list.
    const costed = jobs.find((j) => j.number === stJobs[2]![1]!.number)!;
    const entry = (await h.core.call('lists.list', { companyId, kind: 'customer' })).find(
      (e) => e.name === costed.quickbooks.fullName,
    );
    expect(entry).toBeDefined();
    const supplier = await h.core.call('suppliers.create', {
      companyId,
      name: 'Acme Plumbing Supply',
      currency: 'USD',
    });
    for (const [type, number] of [
      ['purchase_order', 'PO0001'],
      ['invoice', 'B-77'],
    ] as const) {
      const draft = await h.core.call('documents.create', {
        companyId,
        type,
        number,
        ...(type === 'invoice' ? { supplierInvoiceNumber: number } : {}),
        supplierId: supplier.id,
        date: '2026-11-02',
        currency: 'USD',
        lines: [
          { description: 'Compressor', quantity: '1', unitPrice: '400.00', customerId: entry!.id },
          { description: 'Fittings', quantity: '4', unitPrice: '2.50', customerId: entry!.id },
        ],
      });
      await h.core.call('documents.submit', { id: draft.id });
      await h.core.call('documents.approve', { id: draft.id });
    }

    // ServiceTrade invoices the job; it is queued and sent in the same sessions, its answer lost once.
    st.addInvoice(stJobs[2]![1]!, {
      items: [
        { id: 1, description: 'Compressor', quantity: 1, price: 900 },
        { id: 2, description: 'Labour', quantity: 3, price: 95 },
      ],
      totalPrice: 1185,
    });
    await h.core.call('servicetrade.refresh', { connectionId: stConnectionId });
    const invoices = await h.core.call('servicetrade.invoices.list', {
      companyId,
      status: 'pending_accounting',
    });
    expect(invoices.items).toHaveLength(1);
    const queued = await h.core.call('servicetrade.invoices.send', {
      invoiceIds: [invoices.items[0]!.id],
      connectionId: h.connectionId,
    });
    expect(queued.queued).toHaveLength(1);
    let lostOnce = false;
    const lossy: QuickBooksStandIn = {
      ...qb,
      handle(xml) {
        if (!lostOnce && xml.includes('<InvoiceAddRq')) {
          lostOnce = true;
          qbd.injectFault({ kind: 'lostResponse' });
        }
        return qb.handle(xml);
      },
    };
    await runUntilIdle(h, lossy);
    expect(lostOnce).toBe(true);

    const jobListId = qbd.findCustomer(costed.quickbooks.fullName!)!.ListID;
    const pos = qbd.purchaseOrdersByRef('PO0001');
    expect(pos).toHaveLength(1);
    expect(pos[0]!.lines.map((l) => l.CustomerListID)).toEqual([jobListId, jobListId]);
    const bills = qbd.billsByRef('B-77');
    expect(bills).toHaveLength(1);
    const billLines = [...bills[0]!.expenseLines, ...bills[0]!.itemLines];
    expect(billLines).toHaveLength(2);
    expect(billLines.map((l) => l.CustomerListID)).toEqual([jobListId, jobListId]);
    const qbInvoices = [...qbd.company.invoices.values()];
    expect(qbInvoices).toHaveLength(1);
    expect(qbInvoices[0]!.CustomerListID).toBe(jobListId);
    expect(qbInvoices[0]!.Subtotal).toBe(118500);

    // ServiceTrade is down at the next refresh: the write-back waits (nothing lost) and says so.
    st.failNext(`/invoice/${st.invoices[0]!.id}`, { status: 503 }, 50);
    await h.core.call('servicetrade.refresh', { connectionId: stConnectionId });
    const waiting = await h.core.call('servicetrade.invoices.list', { companyId });
    expect(waiting.items[0]!.quickbooks).toMatchObject({
      state: 'sent',
      refNumber: qbInvoices[0]!.RefNumber,
      writeBack: 'pending',
    });
    expect(st.invoices[0]!.status).toBe('pending_accounting');
    st.clearFaults();

    // The refresh after that writes QuickBooks' invoice number back and marks the invoice processed.
    await h.core.call('servicetrade.refresh', { connectionId: stConnectionId });
    const written = await h.core.call('servicetrade.invoices.list', { companyId });
    expect(written.items[0]!.quickbooks?.writeBack).toBe('done');
    const stInvoice = st.invoices[0]!;
    expect(stInvoice.invoiceNumber).toBe(qbInvoices[0]!.RefNumber);
    expect(stInvoice.status).toBe('processed');
  });
});

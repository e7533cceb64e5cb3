// The QuickBooks Desktop engine driven the way the Web Connector drives it, against the QuickBooks Desktop
// simulator (every message validated against Intuit's qbXML schema with xmllint).
import { describe, expect, it } from 'vitest';
import { buildMessage } from '../../../../main/connectors/quickbooks-desktop/qbxml/builders.js';
import { quickBooksDesktopConnector } from '../../../../main/connectors/quickbooks-desktop/connector.js';
import { listLog } from '../../../../main/sync/log.js';
import { queueInvoices } from '../../../../main/job-costing/invoice-queue.js';
import { runSession, syncOf, type EngineHarness } from './harness.js';
import { answerLostOnce, enginePerTest, fetched, withAcme } from './scenario.js';
import { qbFor, type Qb } from './qb.js';
import { seedServiceTradeInvoice } from './servicetrade-seed.js';

const startEngine = enginePerTest();

function jobsOf(harness: EngineHarness) {
  return harness.db
    .prepare<[string], { status: string; n: number }>(
      'SELECT status, COUNT(*) AS n FROM outbox_jobs WHERE connection_id = ? GROUP BY status',
    )
    .all(harness.connectionId);
}

function messagesOf(harness: EngineHarness, documentId: string): string[] {
  return listLog(harness.db, { documentId }).items.map((e) => e.message);
}

async function firstSync(harness: EngineHarness, qb: Qb) {
  return runSession(harness, qb);
}

describe('first session', () => {
  it('reads the host, imports the lists and matches suppliers to vendors by name', async () => {
    const h = await startEngine();
    const qb = qbFor();
    qb.sim.addVendor('Acme Supplies');
    qb.sim.addVendor('Zenith Tools');
    qb.sim.addItem('Copper pipe', 'ItemNonInventory', 'Job Materials');
    qb.sim.addCustomer('Smith, John');
    qb.sim.addCustomer('Smith, John:Kitchen remodel');
    const acme = await h.supplier('acme supplies');
    const other = await h.supplier('Nobody Ltd');
    expect(h.engine.hasWork(h.connectionId)).toBe(true); // the first session always imports

    const run = runSession(h, qb);
    expect(run.lastError).toBe('');
    expect(run.percents.at(-1)).toBe(100);
    const entries = await h.core.call('lists.list', { companyId: h.companyId });
    const mirrored = entries
      .filter((e) => e.connectionId === h!.connectionId)
      .map((e) => `${e.kind}:${e.name}`);
    expect(mirrored).toEqual(
      expect.arrayContaining([
        'account:Job Materials',
        'item:Copper pipe',
        'customer:Smith, John',
        'customer:Smith, John:Kitchen remodel',
      ]),
    );
    // The lists the connector states (the Lists page shows these) are the lists a session mirrors.
    const kinds = new Set(entries.filter((e) => e.connectionId === h.connectionId).map((e) => e.kind));
    expect([...kinds].sort()).toEqual([...quickBooksDesktopConnector.listKinds!].sort());
    const acmeLinks = (await h.core.call('suppliers.get', { id: acme })).links;
    expect(acmeLinks.map((l) => l.externalId)).toEqual([qb.sim.findVendor('Acme Supplies')!.ListID]);
    expect((await h.core.call('suppliers.get', { id: other })).links).toEqual([]);
    expect(run.summary.listRecords).toBeGreaterThanOrEqual(6);
    // Nothing left to do: the Web Connector is told "none" next time.
    expect(h.engine.hasWork(h.connectionId)).toBe(false);
  });

  it('with importVendors, vendors matching no supplier become linked suppliers, once', async () => {
    const h = await startEngine({ importVendors: true });
    const qb = qbFor();
    qb.sim.addVendor('Acme Supplies');
    qb.sim.addVendor('Zenith Tools', { Phone: '555-0100' });
    const acme = await h.supplier('Acme Supplies');

    runSession(h, qb);
    const list = async () =>
      (await h!.core.call('suppliers.list', { companyId: h!.companyId, limit: 100 })).items;
    const after = await list();
    expect(after.map((s) => s.name).sort()).toEqual(['Acme Supplies', 'Zenith Tools']);
    const zenith = after.find((s) => s.name === 'Zenith Tools')!;
    expect(zenith.phone).toBe('555-0100');
    expect(zenith.links.map((l) => l.externalId)).toEqual([qb.sim.findVendor('Zenith Tools')!.ListID]);
    expect(after.find((s) => s.id === acme)!.links).toHaveLength(1);

    // Reading the lists again duplicates neither the imported supplier nor the matched one.
    h.engine.requestListImport(h.connectionId);
    runSession(h, qb);
    expect((await list()).map((s) => s.name).sort()).toEqual(['Acme Supplies', 'Zenith Tools']);
  });
});

describe('list imports', () => {
  it('resumes an import a broken session left half done, then reads only what changed', async () => {
    // Vendors become suppliers, so each one is fetched (else only those a supplier here could pair with).
    const h = await startEngine({ importVendors: true });
    const qb = qbFor();
    for (let i = 0; i < 450; i += 1) qb.sim.addVendor(`Vendor ${String(i).padStart(3, '0')}`);
    const late = await h.supplier('Vendor 449');
    // Message 1 lists every id; message 2 fetches the first batch of each list; the session dies in message 3.
    const broken = runSession(h, qb, { breakAfter: 3 });
    expect(broken.messages).toHaveLength(3);
    qb.sim.endSession();
    expect(h.engine.hasWork(h.connectionId)).toBe(true);
    const resumed = runSession(h, qb);
    expect(resumed.lastError).toBe('');
    expect((await h.core.call('suppliers.get', { id: late })).links).toHaveLength(1);
    // Lists already finished are not read again, nor listed again; vendors go on with the batch that was cut off.
    expect(resumed.messages[0]).not.toContain('<AccountQueryRq');
    expect(resumed.messages[0]).not.toContain('IncludeRetElement');
    expect(fetched(resumed.messages, 'Vendor')[0]).toEqual(fetched(broken.messages.slice(2), 'Vendor')[0]);
    const answered = fetched(broken.messages.slice(0, 2), 'Vendor').flat();
    expect(answered).toHaveLength(200);
    expect(
      fetched(resumed.messages, 'Vendor')
        .flat()
        .filter((id) => answered.includes(id)),
    ).toEqual([]);
    expect(h.engine.hasWork(h.connectionId)).toBe(false);

    // On demand: only what changed since the last complete import.
    qb.sim.addVendor('Brand New Supply');
    const brandNew = await h.supplier('Brand New Supply');
    h.engine.requestListImport(h.connectionId);
    const refresh = runSession(h, qb);
    expect(refresh.messages[0]).toContain('<FromModifiedDate>');
    expect(refresh.summary.listRecords).toBeLessThan(50);
    expect((await h.core.call('suppliers.get', { id: brandNew })).links).toHaveLength(1);
  });

  it('restarts an interrupted list from its checkpoint, not from the newest record read (pages are not in TimeModified order)', async () => {
    const h = await startEngine();
    const qb = qbFor();
    const first = qb.sim.addVendor('Vendor 000');
    for (let i = 1; i < 450; i += 1) qb.sim.addVendor(`Vendor ${String(i).padStart(3, '0')}`);
    // Edited in QuickBooks after all the others: the newest TimeModified of the list, yet on the first page.
    qb.sim.editVendorInQuickBooks(first.ListID, { CompanyName: 'Vendor Zero Ltd' });
    const middle = await h.supplier('Vendor 300');
    runSession(h, qb, { breakAfter: 2 });
    qb.sim.endSession();
    const resumed = runSession(h, qb);
    expect(resumed.lastError).toBe('');
    // Reading on from the newest TimeModified seen would have skipped every vendor after the first page.
    const vendorQuery = resumed.messages[0]!.slice(resumed.messages[0]!.indexOf('<VendorQueryRq'));
    expect(vendorQuery.slice(0, vendorQuery.indexOf('</VendorQueryRq>'))).not.toContain('<FromModifiedDate>');
    expect((await h.core.call('suppliers.get', { id: middle })).links).toHaveLength(1);
  });
});

describe('a page of a list QuickBooks answers with an error', () => {
  const VENDOR_PAGE_2 = { kind: 'status' as const, statusCode: 3170, statusMessage: 'QuickBooks is busy.' };
  const vendorQueries = (messages: readonly string[]) =>
    messages.flatMap((m) => m.match(/<VendorQueryRq[^>]*>/g) ?? []);

  it('is asked for again with the same iterator, and every vendor is read once', async () => {
    // Ids 200 to a page, so the id pass of 450 vendors iterates (3 pages), then 3 batches of records (importVendors:
    // every vendor is fetched).
    const h = await startEngine({ importVendors: true }, { listPages: { ids: 200 } });
    const qb = qbFor();
    for (let i = 0; i < 450; i += 1) qb.sim.addVendor(`Vendor ${String(i).padStart(3, '0')}`);
    const late = await h.supplier('Vendor 449');
    // The second page of vendor ids fails once; the third message asks for it again.
    qb.sim.injectFault({ ...VENDOR_PAGE_2, requestID: '2.list.vendors' });
    const run = runSession(h, qb);
    expect(run.lastError).toBe('');
    const queries = vendorQueries(run.messages).filter((q) => q.includes('iterator='));
    expect(queries).toHaveLength(4);
    const iterator = /iteratorID="([^"]+)"/.exec(queries[1]!)![1];
    expect(queries.slice(1).every((q) => q.includes(`iterator="Continue" iteratorID="${iterator}"`))).toBe(
      true,
    );
    // Each vendor's record once.
    const records = fetched(run.messages, 'Vendor').flat();
    expect(records).toHaveLength(450);
    expect(new Set(records).size).toBe(450);
    expect(run.summary.listRecords).toBeGreaterThanOrEqual(450);
    expect((await h.core.call('suppliers.get', { id: late })).links).toHaveLength(1);
    expect(h.engine.hasWork(h.connectionId)).toBe(false);
  });

  it('failing twice, leaves the list for the next session, which reads it again', async () => {
    const h = await startEngine();
    const qb = qbFor();
    for (let i = 0; i < 450; i += 1) qb.sim.addVendor(`Vendor ${String(i).padStart(3, '0')}`);
    const late = await h.supplier('Vendor 449');
    qb.sim.injectFault({ ...VENDOR_PAGE_2, requestID: '2.list.vendors' });
    qb.sim.injectFault({ ...VENDOR_PAGE_2, requestID: '3.list.vendors' });
    const broken = runSession(h, qb);
    expect(broken.lastError).toBe('');
    expect(vendorQueries(broken.messages)).toHaveLength(3);
    expect((await h.core.call('suppliers.get', { id: late })).links).toHaveLength(0);
    qb.sim.endSession();
    // The import is still asked for: the next session reads the vendors again, and only them.
    expect(h.engine.hasWork(h.connectionId)).toBe(true);
    const next = runSession(h, qb);
    expect(next.messages[0]).toContain('<VendorQueryRq');
    expect(next.messages[0]).not.toContain('<AccountQueryRq');
    expect((await h.core.call('suppliers.get', { id: late })).links).toHaveLength(1);
    expect(h.engine.hasWork(h.connectionId)).toBe(false);
  });
});

describe('ServiceTrade jobs for job costing', () => {
  function queueJob(harness: EngineHarness, id: string, customer: string, job: string): void {
    const payload = {
      version: 1,
      customerMapping: 'customer:job',
      fullName: `${customer}:${job}`,
      levels: [
        { level: 'customer', key: `c-${customer}`, name: customer, fullName: customer },
        { level: 'job', key: `j-${id}`, name: job, fullName: `${customer}:${job}` },
      ],
      job: {
        serviceTradeConnectionId: 'st',
        externalId: id,
        number: id,
        status: 'scheduled',
        qbdJobStatus: 'Awarded',
        description: 'Replace boiler',
      },
    };
    const at = new Date().toISOString();
    harness.db
      .prepare(
        `INSERT INTO outbox_jobs (connection_id, kind, entity_type, entity_id, idempotency_key, payload_json, status,
           attempts, next_attempt_at, created_at, updated_at)
         VALUES (?, 'send_job', 'job', ?, ?, ?, 'pending', 0, ?, ?, ?)`,
      )
      .run(harness.connectionId, id, `job:${id}:send`, JSON.stringify(payload), at, at, at);
  }

  it('creates the customer once and each job under it; a name taken by a vendor fails that job', async () => {
    const h = await startEngine();
    const qb = qbFor();
    qb.sim.addVendor('Taken Name');
    queueJob(h, 'J1', 'Smith, John', '1001 Boiler');
    queueJob(h, 'J2', 'Smith, John', '1002 Radiators');
    queueJob(h, 'J3', 'Taken Name', '1003 Pipes');
    const run = runSession(h, qb);
    expect(run.lastError).toBe('');
    expect(qb.sim.findCustomer('Smith, John')).toBeDefined();
    const job = qb.sim.findCustomer('Smith, John:1001 Boiler');
    expect(job?.JobStatus).toBe('Awarded');
    expect(job?.JobDesc).toBe('Replace boiler');
    expect(qb.sim.findCustomer('Smith, John:1002 Radiators')).toBeDefined();
    expect([...qb.sim.company.customers.values()].filter((c) => c.FullName === 'Smith, John')).toHaveLength(
      1,
    );
    const rows = h.db
      .prepare<[string], { entity_id: string; status: string; last_error: string | null }>(
        `SELECT entity_id, status, last_error FROM outbox_jobs WHERE connection_id = ? ORDER BY id`,
      )
      .all(h.connectionId);
    expect(rows.map((r) => [r.entity_id, r.status])).toEqual([
      ['J1', 'done'],
      ['J2', 'done'],
      ['J3', 'failed'],
    ]);
    expect(rows[2]!.last_error).toMatch(/name/i);
  });
});

describe('suppliers in step', () => {
  it('writes a changed supplier to its vendor, reading the EditSequence again after a 3200', async () => {
    const h = await startEngine();
    const qb = qbFor();
    const vendor = qb.sim.addVendor('Acme Supplies');
    const acme = await h.supplier('Acme Supplies');
    runSession(h, qb);
    expect(h.engine.hasWork(h.connectionId)).toBe(false);
    // Someone edits the vendor in QuickBooks, and the bookkeeper edits the supplier here.
    qb.sim.editVendorInQuickBooks(vendor.ListID, { Notes: 'Pays on the 15th' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await h.core.call('suppliers.update', { id: acme, phone: '555-0100', city: 'Springfield' });
    expect(h.engine.hasWork(h.connectionId)).toBe(true);
    const run = runSession(h, qb);
    expect(run.lastError).toBe('');
    expect(run.messages.filter((m) => m.includes('<VendorModRq')).length).toBe(2);
    const updated = qb.sim.findVendor('Acme Supplies')!;
    expect(updated.Phone).toBe('555-0100');
    expect(updated.VendorAddress?.City).toBe('Springfield');
    expect(h.engine.hasWork(h.connectionId)).toBe(false);
  });
});

describe('sending documents', () => {
  it('sends every document type in dependency order, creating the vendor and the default item once', async () => {
    const h = await startEngine();
    const qb = qbFor();
    qb.sim.addItem('Copper pipe', 'ItemNonInventory', 'Job Materials');
    await firstSync(h, qb);
    const supplier = await h.supplier('Fresh Vendor Co');
    const item = (await h.core.call('lists.list', { companyId: h.companyId })).find(
      (e) => e.name === 'Copper pipe',
    )!;
    const po = await h.approved({
      type: 'purchase_order',
      supplierId: supplier,
      number: 'PO-1',
      lines: [{ itemId: item.id }, { description: 'Misc fittings', quantity: '3', unitPrice: '4.10' }],
    });
    const so = await h.approved({ type: 'service_order', supplierId: supplier, number: 'SO-1' });
    const bill = await h.approved({
      type: 'invoice',
      supplierId: supplier,
      number: 'B-1',
      supplierInvoiceNumber: 'INV-9001',
      linkedDocumentId: po.id,
      lines: [{ itemId: item.id }],
    });
    const receipt = await h.approved({
      type: 'receipt',
      supplierId: supplier,
      number: 'RC-1',
      linkedDocumentId: po.id,
      lines: [{ itemId: item.id }],
    });

    const run = runSession(h, qb);
    expect(run.lastError).toBe('');
    for (const doc of [po, so, bill, receipt]) {
      const after = await h.document(doc.id);
      expect(
        syncOf(after, h.connectionId)?.status,
        `${doc.number}: ${syncOf(after, h.connectionId)?.lastMessage}`,
      ).toBe('sent');
    }
    expect(qb.vendorNames().filter((n) => n === 'Fresh Vendor Co')).toHaveLength(1);
    expect(qb.itemNames()).toEqual(expect.arrayContaining(['Purchases', 'Subcontracted services']));
    const [qbPo] = qb.purchaseOrders('PO-1');
    expect(qbPo?.total).toBe('37.30');
    const [qbBill] = qb.bills('INV-9001');
    expect(qbBill?.linkedTo).toEqual([qbPo!.txnId]);
    expect(qb.itemReceipts().map((r) => r.linkedTo)).toEqual([[qbPo!.txnId]]);
    // The bill and the receipt waited for the order's TxnID: a later message than the order.
    const poMessage = run.messages.findIndex((m) => m.includes('<RefNumber>PO-1</RefNumber>'));
    const billMessage = run.messages.findIndex((m) => m.includes('<RefNumber>INV-9001</RefNumber>'));
    expect(billMessage).toBeGreaterThan(poMessage);
    expect(messagesOf(h, po.id)).toContain('Created purchase order PO-1 in QuickBooks Desktop');
  });

  it('sends net amounts (discounts applied) and the line’s job and class for job costing', async () => {
    const h = await startEngine();
    const qb = qbFor();
    qb.sim.addVendor('Acme Supplies');
    qb.sim.addCustomer('Smith, John');
    qb.sim.addCustomer('Smith, John:Kitchen remodel');
    qb.sim.addItem('Purchases', 'ItemNonInventory', 'Job Materials');
    const acme = await h.supplier('Acme Supplies');
    await firstSync(h, qb);
    const entries = await h.core.call('lists.list', { companyId: h.companyId });
    const job = entries.find((e) => e.name === 'Smith, John:Kitchen remodel')!;
    const east = entries.find((e) => e.name === 'East')!;
    const po = await h.approved({
      type: 'purchase_order',
      supplierId: acme,
      number: 'PO-D1',
      discount: { percent: '10' },
      lines: [
        { quantity: '3', unitPrice: '19.99', customerId: job.id, classId: east.id },
        { quantity: '1', unitPrice: '7.35', discount: { amount: '1.00' } },
      ],
    });
    const run = runSession(h, qb);
    expect(run.lastError).toBe('');
    const [sent] = qb.sim.purchaseOrdersByRef('PO-D1');
    const total = sent!.lines.reduce((sum, l) => sum + l.Amount, 0);
    expect((total / 100).toFixed(2)).toBe(po.totals.net);
    expect(sent!.lines[0]!.CustomerListID).toBe(qb.sim.findCustomer('Smith, John:Kitchen remodel')!.ListID);
    expect(sent!.lines[0]!.ClassListID).toBe(
      [...qb.sim.company.classes.values()].find((c) => c.Name === 'East')!.ListID,
    );
  });

  it('updates a revised document with its EditSequence, reading it again after a 3200', async () => {
    const h = await startEngine();
    const qb = qbFor();
    qb.sim.addVendor('Acme Supplies');
    const supplier = await h.supplier('Acme Supplies');
    const po = await h.approved({ type: 'purchase_order', supplierId: supplier, number: 'PO-7' });
    runSession(h, qb);
    // Someone edits the order in QuickBooks: our EditSequence is now stale.
    qb.sim.touchTxnInQuickBooks(qb.purchaseOrders('PO-7')[0]!.txnId);
    await h.core.call('documents.revise', { id: po.id });
    await h.core.call('documents.update', {
      id: po.id,
      lines: [{ description: 'More pipe', quantity: '4', unitPrice: '12.50' }],
    });
    await h.core.call('documents.submit', { id: po.id });
    await h.core.call('documents.approve', { id: po.id });
    const run = runSession(h, qb);
    expect(run.lastError).toBe('');
    const after = await h.document(po.id);
    expect(syncOf(after, h.connectionId)?.status).toBe('sent');
    expect(qb.purchaseOrders('PO-7')).toHaveLength(1);
    expect(qb.purchaseOrders('PO-7')[0]!.total).toBe('50.00');
    expect(run.messages.filter((m) => m.includes('<PurchaseOrderModRq')).length).toBe(2);
    expect(messagesOf(h, po.id)).toContain('Updated purchase order PO-7 in QuickBooks Desktop');
  });

  it('deletes a canceled bill, or voids it when the connection says so', async () => {
    for (const billCancel of ['delete', 'void'] as const) {
      const h = await startEngine({ billCancel });
      const qb = qbFor();
      qb.sim.addVendor('Acme Supplies');
      const supplier = await h.supplier('Acme Supplies');
      const bill = await h.approved({ type: 'invoice', supplierId: supplier, supplierInvoiceNumber: 'X-1' });
      runSession(h, qb);
      expect(qb.bills('X-1')).toHaveLength(1);
      await h.core.call('documents.cancel', { id: bill.id });
      const canceled = runSession(h, qb);
      expect(canceled.lastError).toBe('');
      expect(canceled.messages.join('')).toContain(billCancel === 'delete' ? '<TxnDelRq' : '<TxnVoidRq');
      if (billCancel === 'delete') expect(qb.bills('X-1')).toHaveLength(0);
      else expect(qb.bills('X-1')[0]?.voided).toBe(true);
      const after = await h.document(bill.id);
      expect(syncOf(after, h.connectionId)?.lastMessage).toMatch(
        billCancel === 'delete' ? /^Deleted bill X-1/ : /^Voided bill X-1/,
      );
      await h.close();
    }
  });
});

describe('errors the bookkeeper must fix', () => {
  it('3100: a supplier whose name a customer already uses fails with what to do; the rest goes on', async () => {
    const h = await startEngine();
    const qb = qbFor();
    qb.sim.addCustomer('Gamma Ltd');
    qb.sim.addVendor('Acme Supplies');
    const gamma = await h.supplier('Gamma Ltd');
    const acme = await h.supplier('Acme Supplies');
    const blocked = await h.approved({ type: 'purchase_order', supplierId: gamma, number: 'PO-31' });
    const fine = await h.approved({ type: 'purchase_order', supplierId: acme, number: 'PO-32' });
    runSession(h, qb);
    const failed = syncOf(await h.document(blocked.id), h.connectionId);
    expect(failed?.status).toBe('failed');
    expect(failed?.lastMessage).toMatch(/name/i);
    expect(failed?.lastMessage).toMatch(/customer|vendor|employee/i);
    expect(syncOf(await h.document(fine.id), h.connectionId)?.status).toBe('sent');
    expect(qb.purchaseOrders('PO-31')).toHaveLength(0);
  });

  it('a reference number over QuickBooks’ limit fails that document, naming the field and the limit', async () => {
    const h = await startEngine();
    const qb = qbFor();
    qb.sim.addVendor('Acme Supplies');
    const acme = await h.supplier('Acme Supplies');
    const long = await h.approved({ type: 'purchase_order', supplierId: acme, number: 'PO-2026-000123' });
    const fine = await h.approved({ type: 'purchase_order', supplierId: acme, number: 'PO-33' });
    runSession(h, qb);
    const failed = syncOf(await h.document(long.id), h.connectionId);
    expect(failed?.status).toBe('failed');
    expect(failed?.lastMessage).toMatch(/RefNumber/);
    expect(failed?.lastMessage).toMatch(/11/);
    expect(syncOf(await h.document(fine.id), h.connectionId)?.status).toBe('sent');
  });

  it('a document dated inside the closed period is not sent, and says why', async () => {
    const h = await startEngine();
    const qb = qbFor({ closingDate: '2026-10-31' });
    qb.sim.addVendor('Acme Supplies');
    const acme = await h.supplier('Acme Supplies');
    const old = await h.approved({
      type: 'invoice',
      supplierId: acme,
      date: '2026-10-15',
      supplierInvoiceNumber: 'OLD-1',
    });
    const run = runSession(h, qb);
    const failed = syncOf(await h.document(old.id), h.connectionId);
    expect(failed?.status).toBe('failed');
    expect(failed?.lastMessage).toContain('closed through 2026-10-31');
    expect(run.messages.some((m) => m.includes('OLD-1'))).toBe(false);
  });

  it('ends the session with a negative answer when QuickBooks has another company file open', async () => {
    const h = await startEngine({ companyFile: 'C:\\Books\\Northwind.qbw' });
    const qb = qbFor();
    const run = runSession(h, qb, { companyFileName: 'C:\\Books\\Other.qbw' });
    expect(run.percents).toEqual([-1]);
    expect(run.lastError).toContain('Other.qbw');
    expect(run.lastError).toContain('Northwind.qbw');
  });

  it('with no company file set, refuses another company than the one it sent to, and goes on in the first', async () => {
    const h = await startEngine();
    const qb = qbFor();
    const acme = await withAcme(h, qb);
    const first = await h.approved({ type: 'purchase_order', supplierId: acme, number: 'PO-71' });
    runSession(h, qb);
    expect(syncOf(await h.document(first.id), h.connectionId)?.status).toBe('sent');

    // Another company file open, of another company: its ListIDs are not the ones linked here.
    const other = qbFor({ companyName: 'Lakeside Hardware' });
    other.sim.addVendor('Acme Supplies');
    const second = await h.approved({ type: 'purchase_order', supplierId: acme, number: 'PO-72' });
    const refused = runSession(h, other, { companyFileName: 'C:\\Books\\Lakeside.qbw' });
    expect(refused.percents).toEqual([-1]);
    expect(refused.lastError).toContain("QuickBooks has the company 'Lakeside Hardware' open");
    expect(refused.lastError).toContain("this connection sends to the company 'Northwind Facilities'");
    expect(refused.lastError).toContain('remove this connection on the Connections page');
    expect(refused.messages.filter((m) => m.includes('Add'))).toEqual([]);
    expect(other.purchaseOrders('PO-72')).toEqual([]);
    expect(syncOf(await h.document(second.id), h.connectionId)?.status).not.toBe('sent');
    const [connection] = await h.core.call('connections.list', { companyId: h.companyId });
    expect(connection?.statusMessage).toContain('Lakeside Hardware');

    // Refused again next time; the first company's file, moved, goes on.
    expect(runSession(h, other, { companyFileName: 'C:\\Books\\Lakeside.qbw' }).percents).toEqual([-1]);
    const moved = runSession(h, qb, { companyFileName: 'D:\\Shared\\Northwind.qbw' });
    expect(moved.lastError).toBe('');
    expect(syncOf(await h.document(second.id), h.connectionId)?.status).toBe('sent');
    expect(qb.purchaseOrders('PO-72')).toHaveLength(1);
  });

  it('a connection that has sent nothing yet takes the company file open', async () => {
    const h = await startEngine();
    runSession(h, qbFor({ companyName: 'Trial Company' }), { companyFileName: 'C:\\Books\\Trial.qbw' });
    const run = runSession(h, qbFor(), { companyFileName: 'C:\\Books\\Northwind.qbw' });
    expect(run.lastError).toBe('');
  });
});

describe('QuickBooks unavailable', () => {
  it('a whole message refused with an HRESULT ends the session with the fix; the next session sends', async () => {
    const h = await startEngine();
    const qb = qbFor();
    const acme = await withAcme(h, qb);
    const po = await h.approved({ type: 'purchase_order', supplierId: acme, number: 'PO-90' });
    qb.sim.injectFault({ kind: 'busy' });
    const refused = runSession(h, qb);
    expect(refused.percents).toEqual([-1]);
    expect(refused.lastError.length).toBeGreaterThan(10);
    const waiting = syncOf(await h.document(po.id), h.connectionId);
    expect(waiting?.status).toBe('queued');
    expect(waiting?.lastMessage).toMatch(/^Will retry on the next Web Connector run/);
    const again = runSession(h, qb);
    expect(again.lastError).toBe('');
    expect(syncOf(await h.document(po.id), h.connectionId)?.status).toBe('sent');
    expect(qb.purchaseOrders('PO-90')).toHaveLength(1);
  });
});

describe('no duplicates', () => {
  it('an Add applied in QuickBooks whose answer was lost is found again, not sent twice', async () => {
    const h = await startEngine();
    const qb = qbFor();
    const acme = await withAcme(h, qb);
    const po = await h.approved({ type: 'purchase_order', supplierId: acme, number: 'PO-55' });
    qb.sim.injectFault({ kind: 'lostResponse' });
    const broken = runSession(h, qb);
    expect(broken.percents.at(-1)).toBeLessThan(0);
    expect(qb.purchaseOrders('PO-55')).toHaveLength(1);
    expect(syncOf(await h.document(po.id), h.connectionId)?.status).not.toBe('sent');
    expect(h.engine.hasWork(h.connectionId)).toBe(true);

    const resumed = runSession(h, qb);
    expect(resumed.lastError).toBe('');
    expect(qb.purchaseOrders('PO-55')).toHaveLength(1);
    expect(syncOf(await h.document(po.id), h.connectionId)?.status).toBe('sent');
    expect(resumed.messages.some((m) => m.includes('<PurchaseOrderAddRq'))).toBe(false);
    expect(messagesOf(h, po.id).some((m) => m.includes('after a lost answer'))).toBe(true);
  });

  it('an item receipt applied in QuickBooks whose answer was lost is found by ItemReceiptQuery and linked', async () => {
    const h = await startEngine();
    const qb = qbFor();
    const acme = await withAcme(h, qb);
    const receipt = await h.approved({ type: 'receipt', supplierId: acme, number: 'RC-9' });
    qb.sim.injectFault({ kind: 'lostResponse' });
    expect(runSession(h, qb).percents.at(-1)).toBeLessThan(0);
    expect(qb.itemReceipts()).toHaveLength(1);
    expect(syncOf(await h.document(receipt.id), h.connectionId)?.status).not.toBe('sent');

    const next = runSession(h, qb);
    expect(next.lastError).toBe('');
    expect(next.messages.some((m) => m.includes('<ItemReceiptQueryRq'))).toBe(true);
    expect(next.messages.some((m) => m.includes('<ItemReceiptAddRq'))).toBe(false);
    expect(qb.itemReceipts()).toHaveLength(1);
    const sync = syncOf(await h.document(receipt.id), h.connectionId);
    expect(sync?.status).toBe('sent');
    expect(sync?.externalId).toBe(qb.itemReceipts()[0]!.txnId);
    expect(messagesOf(h, receipt.id).some((m) => m.includes('after a lost answer'))).toBe(true);
    // Nothing left in flight: a later session has nothing to do for it.
    expect(runSession(h, qb).messages.some((m) => m.includes('ItemReceipt'))).toBe(false);
  });

  it('an item receipt whose message never reached QuickBooks is looked for, then sent again once', async () => {
    const h = await startEngine();
    const qb = qbFor();
    const acme = await withAcme(h, qb);
    const receipt = await h.approved({ type: 'receipt', supplierId: acme, number: 'RC-10' });
    // The Web Connector lost the connection to QuickBooks: nothing applied, the engine cannot tell.
    qb.sim.injectFault({
      kind: 'hresult',
      hresult: '0x80040402',
      message: 'Unexpected error. Check the qbsdklog.txt file for possible additional information.',
    });
    expect(runSession(h, qb).percents.at(-1)).toBeLessThan(0);
    expect(qb.itemReceipts()).toHaveLength(0);

    const next = runSession(h, qb);
    expect(next.lastError).toBe('');
    const probe = next.messages.findIndex((m) => m.includes('<ItemReceiptQueryRq'));
    const adds = next.messages.filter((m) => m.includes('<ItemReceiptAddRq'));
    expect(probe).toBeGreaterThanOrEqual(0);
    expect(adds).toHaveLength(1);
    expect(next.messages.indexOf(adds[0]!)).toBeGreaterThan(probe);
    expect(qb.itemReceipts()).toHaveLength(1);
    expect(syncOf(await h.document(receipt.id), h.connectionId)?.status).toBe('sent');
    expect(messagesOf(h, receipt.id).some((m) => m.includes('is not there, so it is sent again'))).toBe(true);
  });

  it('below qbXML 9.0 (no ExternalGUID on transactions) a lost answer is matched by number, vendor and date', async () => {
    const h = await startEngine();
    const qb = qbFor({ supportedVersions: ['6.0', '7.0', '8.0'] });
    const acme = await withAcme(h, qb);
    // An order the bookkeeper entered by hand with the same number and date, for another vendor: not ours.
    qb.sim.addVendor('Other Vendor');
    qb.sim.handle(
      buildMessage(
        [
          {
            type: 'PurchaseOrderAdd',
            requestID: 'by-hand',
            body: {
              VendorRef: { FullName: 'Other Vendor' },
              TxnDate: '2026-11-02',
              RefNumber: 'PO-60',
              PurchaseOrderLineAdd: [{ ItemRef: { FullName: 'Purchases' }, Quantity: '1', Amount: '5.00' }],
            },
          },
        ],
        { version: '8.0', onError: 'stopOnError' },
      ),
    );
    const order = await h.approved({ type: 'purchase_order', supplierId: acme, number: 'PO-60' });
    const receipt = await h.approved({ type: 'receipt', supplierId: acme, number: 'RC-60' });
    qb.sim.injectFault({ kind: 'lostResponse' });
    const broken = runSession(h, qb);
    expect(broken.messages[0]).toContain('<?qbxml version="8.0"?>');
    expect(broken.messages[0]).not.toContain('<ExternalGUID>');
    expect(qb.purchaseOrders('PO-60')).toHaveLength(2);

    const next = runSession(h, qb);
    expect(next.lastError).toBe('');
    expect(next.messages.some((m) => m.includes('<PurchaseOrderAddRq'))).toBe(false);
    expect(qb.purchaseOrders('PO-60')).toHaveLength(2);
    const ours = qb.sim
      .purchaseOrdersByRef('PO-60')
      .find((po) => po.VendorListID === qb.sim.findVendor('Acme Supplies')!.ListID);
    expect(syncOf(await h.document(order.id), h.connectionId)?.externalId).toBe(ours!.TxnID);
    expect(qb.itemReceipts()).toHaveLength(1);
    for (const doc of [order, receipt]) {
      expect(syncOf(await h.document(doc.id), h.connectionId)?.status).toBe('sent');
      expect(messagesOf(h, doc.id).some((m) => m.includes('same number, vendor and date'))).toBe(true);
    }
  });

  it('below qbXML 9.0 a ServiceTrade invoice whose answer was lost is found on its job by memo and date', async () => {
    const h = await startEngine({ customerMapping: 'customer:job' });
    const qb = qbFor({ supportedVersions: ['7.0', '8.0'] });
    await firstSync(h, qb);
    seedServiceTradeInvoice(h);
    expect(queueInvoices(h.db, ['inv1'], h.connectionId).queued).toEqual(['inv1']);
    const lossy = answerLostOnce(qb, '<InvoiceAddRq');
    runSession(h, lossy);
    expect(lossy.lost).toBe(true);
    expect(qb.sim.company.invoices.size).toBe(1);
    const next = runSession(h, qb);
    expect(next.lastError).toBe('');
    expect(next.messages.some((m) => m.includes('<InvoiceAddRq'))).toBe(false);
    expect(qb.sim.company.invoices.size).toBe(1);
    const state = h.db
      .prepare<[], { state: string; txn_id: string }>('SELECT state, txn_id FROM servicetrade_invoice_qb')
      .get();
    expect(state).toEqual({ state: 'sent', txn_id: [...qb.sim.company.invoices.keys()][0] });
  });

  it('a session broken in the middle resumes where it stopped, every document exactly once', async () => {
    const h = await startEngine();
    const qb = qbFor();
    qb.sim.addVendor('Acme Supplies');
    const acme = await h.supplier('Acme Supplies');
    await firstSync(h, qb);
    const docs = [];
    for (let i = 0; i < 120; i += 1)
      docs.push(await h.approved({ type: 'purchase_order', supplierId: acme, number: `PO-${2000 + i}` }));
    const broken = runSession(h, qb, { breakAfter: 2 });
    expect(broken.messages).toHaveLength(2);
    const resumed = runSession(h, qb);
    expect(resumed.lastError).toBe('');
    for (const doc of docs) expect(qb.purchaseOrders(doc.number)).toHaveLength(1);
    const statuses = await Promise.all(
      docs.map(async (d) => syncOf(await h!.document(d.id), h!.connectionId)?.status),
    );
    expect(new Set(statuses)).toEqual(new Set(['sent']));
    expect(jobsOf(h).filter((j) => j.status !== 'done')).toEqual([]);
  });

  it('200 documents go in one session at ≥ 20 requests per round trip', async () => {
    const h = await startEngine();
    const qb = qbFor();
    qb.sim.addVendor('Acme Supplies');
    const acme = await h.supplier('Acme Supplies');
    await firstSync(h, qb);
    for (let i = 0; i < 200; i += 1)
      await h.approved({
        type: i % 2 ? 'invoice' : 'purchase_order',
        supplierId: acme,
        number: `D-${i}`,
        supplierInvoiceNumber: `S-${i}`,
      });
    const run = runSession(h, qb);
    expect(run.lastError).toBe('');
    expect(run.summary.documentsSent).toBe(200);
    expect(run.summary.requests / run.summary.messages).toBeGreaterThanOrEqual(20);
    expect(run.percents.slice(0, -1).every((p) => p >= 1 && p <= 99)).toBe(true);
    expect(run.percents.at(-1)).toBe(100);
  });
});

describe('payments', () => {
  it('marks bills paid or partly paid, and a voided payment cancels ours', async () => {
    const h = await startEngine();
    const qb = qbFor();
    qb.sim.addVendor('Acme Supplies');
    const acme = await h.supplier('Acme Supplies');
    const full = await h.approved({ type: 'invoice', supplierId: acme, supplierInvoiceNumber: 'P-1' });
    const part = await h.approved({ type: 'invoice', supplierId: acme, supplierInvoiceNumber: 'P-2' });
    const voided = await h.approved({ type: 'invoice', supplierId: acme, supplierInvoiceNumber: 'P-3' });
    runSession(h, qb);
    const pay = (ref: string, amount: string, kind: 'BillPaymentCheck' | 'BillPaymentCreditCard') =>
      qb.sim.payBills([{ billTxnID: qb.bills(ref)[0]!.txnId, amount }], { kind });
    pay('P-1', '25.00', 'BillPaymentCheck');
    pay('P-2', '10.00', 'BillPaymentCreditCard');
    const voidMe = pay('P-3', '25.00', 'BillPaymentCheck');
    h.engine.requestPayments(h.connectionId, null);
    runSession(h, qb);
    expect((await h.document(full.id)).paymentStatus).toBe('paid');
    expect((await h.document(part.id)).paymentStatus).toBe('partly_paid');
    expect((await h.document(voided.id)).paymentStatus).toBe('paid');
    expect((await h.document(part.id)).payments.map((p) => [p.kind, p.amount, p.status])).toEqual([
      ['bill_payment_credit_card', '10.00', 'active'],
    ]);
    // Each change is in the document's own log, in the same words as for the other systems.
    expect(messagesOf(h, part.id)).toContainEqual(
      expect.stringMatching(/^Partly paid in .+: 10\.00 of 25\.00, 15\.00 open\.$/),
    );
    expect(messagesOf(h, full.id)).toContainEqual(expect.stringMatching(/^Paid in .+: 25\.00 of 25\.00\.$/));

    qb.sim.voidPaymentInQuickBooks(voidMe.TxnID);
    h.engine.requestPayments(h.connectionId, null);
    runSession(h, qb);
    const after = await h.document(voided.id);
    expect(after.paymentStatus).toBe('unpaid');
    expect(after.payments.map((p) => p.status)).toEqual(['canceled']);
    expect(messagesOf(h, voided.id)[0]).toMatch(/^Unpaid again: the payment in .+ was voided or deleted\.$/);
  });

  it('a payment deleted in QuickBooks cancels ours; a date range can be imported on demand', async () => {
    const h = await startEngine({ importPayments: false });
    const qb = qbFor();
    qb.sim.addVendor('Acme Supplies');
    const acme = await h.supplier('Acme Supplies');
    const bill = await h.approved({ type: 'invoice', supplierId: acme, supplierInvoiceNumber: 'D-1' });
    const other = await h.approved({ type: 'invoice', supplierId: acme, supplierInvoiceNumber: 'D-2' });
    runSession(h, qb);
    const billTxn = qb.bills('D-1')[0]!.txnId;
    const first = qb.sim.payBills([{ billTxnID: billTxn, amount: '10.00' }], { date: '2026-11-10' });
    qb.sim.payBills([{ billTxnID: qb.bills('D-2')[0]!.txnId, amount: '5.00' }], { date: '2026-12-15' });
    // Payments are off for this connection: nothing is due until someone asks.
    expect(h.engine.hasWork(h.connectionId)).toBe(false);
    h.engine.requestPayments(h.connectionId, { from: '2026-11-01', to: '2026-11-30' });
    expect(h.engine.hasWork(h.connectionId)).toBe(true);
    runSession(h, qb);
    expect((await h.document(bill.id)).paymentStatus).toBe('partly_paid');
    expect((await h.document(other.id)).payments).toEqual([]); // dated outside the range

    qb.sim.deletePaymentInQuickBooks(first.TxnID);
    h.engine.requestPayments(h.connectionId, null);
    runSession(h, qb);
    const after = await h.document(bill.id);
    expect(after.payments.map((p) => [p.amount, p.status])).toEqual([['10.00', 'canceled']]);
    expect(after.paymentStatus).toBe('unpaid');
    expect((await h.document(other.id)).paymentStatus).toBe('partly_paid');
  });
});

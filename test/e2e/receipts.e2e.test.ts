// End-to-end: receipts and files where the system has receipts but takes no files, as a bookkeeper goes, in Debian's
// Chromium against the headless server. QuickBooks Desktop (through the fake Web Connector, every qbXML message
// checked against Intuit's qbxmlops130.xsd): a purchase order with a file is sent; its log says once that
// QuickBooks Desktop takes no files, and Send again does not repeat it. The bookkeeper then writes a receipt for that
// order in the editor (linked order, item picked by typing), approves it and sends it with the Send button; the
// page shows it sent, and QuickBooks received an ItemReceiptAdd linked line by line to the order (LinkToTxn).
// NetSuite (its simulator, judged against the OpenAPI subset): the same order with a file is sent on approval; its
// log says once that the file was not sent, and a revision does not repeat it; a receipt written in the editor goes
// on approval as an item receipt transformed from the order, receiving only its quantity. Screenshots go to
// test-results/e2e/receipts/.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { netsuiteOracleAvailable } from '../simulators/netsuite/oas.js';
import type { NetSuiteSimulator } from '../simulators/netsuite/simulator.js';
import { QbdSimulator } from '../simulators/quickbooks-desktop/simulator.js';
import { qbxmlXsdAvailability, validateQbxml } from '../simulators/quickbooks-desktop/xsd-validate.js';
import { wsdlOracleAvailable } from '../simulators/web-connector/fake-web-connector.js';
import { connectQuickBooksDesktop } from './quickbooks-desktop-connect';
import { expectText, pick, poll, submitAndApprove } from './support';
import { startNetSuite } from './netsuite-connect';
import { createCompany, e2eSuite, openConnections, useE2eApp } from './suite';

const suite = e2eSuite('receipts', 'receipts and files on QuickBooks Desktop and NetSuite', {
  dir: '../shared/oracles/qbwc/, ../shared/oracles/qbxml/ and ../shared/oracles/netsuite/',
  available: () => wsdlOracleAvailable() && qbxmlXsdAvailability().available && netsuiteOracleAvailable(),
});
const { shot } = suite;
const TBA = { consumerKey: 'ck-rc', consumerSecret: 'cs-rc', tokenId: 'tk-rc', tokenSecret: 'ts-rc' };

type Rec = Record<string, unknown>;
type Lines = { items: Rec[] };

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`).toString('base64');

/** The document's integration log as the page shows it: each entry's message, newest first. */
const logMessages = (page: Page) => page.getByTestId('log-message').allTextContents();

async function openDocument(page: Page, id: string): Promise<void> {
  await page.evaluate((hash) => (window.location.hash = hash), `#/documents/${id}`);
  await page.locator(`[data-testid="document-view"][data-document-id="${id}"]`).waitFor();
}

/** In the editor: a receipt from the supplier for the order, one line of `quantity` of the item picked by typing. */
async function writeReceipt(
  page: Page,
  r: {
    number: string;
    orderId: string;
    item: [typed: string, name: string];
    quantity: string;
    price: string;
  },
): Promise<string> {
  await page.evaluate(() => (window.location.hash = '#/documents/new'));
  await page.getByTestId('document-editor').waitFor();
  await page.getByTestId('doc-type').selectOption('receipt');
  const supplier = page.getByTestId('doc-supplier');
  await supplier.locator('option', { hasText: 'Acme Supplies' }).waitFor({ state: 'attached' });
  await supplier.selectOption({ label: 'Acme Supplies' });
  await page.getByTestId('doc-number').fill(r.number);
  const linked = page.getByTestId('doc-linked');
  await linked.locator(`option[value="${r.orderId}"]`).waitFor({ state: 'attached' });
  await linked.selectOption(r.orderId);
  await pick(page, 'Item for line 1', ...r.item);
  const line = page.getByTestId('line-row').nth(0);
  await line.getByTestId('line-quantity').fill(r.quantity);
  await line.getByTestId('line-unit-price').fill(r.price);
  return r.number;
}

async function saveDocument(page: Page): Promise<string> {
  await page.getByTestId('save-document').click();
  const view = page.getByTestId('document-view');
  await view.waitFor();
  return (await view.getAttribute('data-document-id'))!;
}

describe.skipIf(!suite.runs)('Receipts and files on QuickBooks Desktop and NetSuite in a browser', () => {
  let ns: NetSuiteSimulator;
  const qbd = useE2eApp(suite, {
    async start() {
      ns = await startNetSuite(TBA);
    },
    started: () => [ns],
  });

  it('QuickBooks Desktop: the order’s file is named once in its log; a receipt written for it goes as a linked ItemReceiptAdd', async () => {
    const { e2e } = qbd;
    const { api } = e2e;
    // Validates every message against qbxmlops130.xsd (invalid qbXML fails the session); kept for the checks below.
    const sim = new QbdSimulator({ companyName: 'Riverside Mechanical' });
    expect(sim.validate).toBe(true);
    sim.addItem('Copper pipe 15 mm', 'ItemNonInventory', 'Job Materials', 'Copper pipe');
    sim.addVendor('Acme Supplies');
    const companyId = await createCompany(e2e, 'Riverside Mechanical', 'USD');
    // Orders go on approval; receipts only when the bookkeeper sends them.
    const connection = await connectQuickBooksDesktop(e2e, companyId, {
      username: 'receipts-e2e',
      settings: { documentsToSend: ['purchase_order'] },
    });
    // The qbXML QuickBooks processed, in order.
    const requests: string[] = [];
    const runSessions = async () => requests.push(...(await connection.runSessions(sim)));
    await api('lists.import', { connectionId: connection.id });
    await runSessions();
    const items = () => api<{ id: string; name: string }[]>('lists.list', { companyId, kind: 'item' });
    await poll(async () => (await items()).map((i) => i.name)).toContain('Copper pipe 15 mm');
    const copper = (await items()).find((i) => i.name === 'Copper pipe 15 mm')!;
    const supplier = await api<{ id: string }>('suppliers.create', { companyId, name: 'Acme Supplies' });

    const order = await api<{ id: string }>('documents.create', {
      companyId,
      type: 'purchase_order',
      number: 'PO-8801',
      supplierId: supplier.id,
      date: '2026-11-16',
      lines: [{ description: 'Copper pipe', quantity: '10', unitPrice: '11.25', itemId: copper.id }],
    });
    await api('attachments.add', {
      documentId: order.id,
      fileName: 'quote.pdf',
      contentBase64: pdf('quote'),
    });
    await api('documents.submit', { id: order.id });
    await api('documents.approve', { id: order.id });
    await runSessions();

    const page = await openConnections(e2e, companyId);
    try {
      await openDocument(page, order.id);
      const badge = page.getByTestId('sync-status').getByTestId('sync-status-badge');
      await expectText(badge, 'Sent');
      const filesSaid = async () => (await logMessages(page)).filter((m) => m.includes('takes no files'));
      await poll(filesSaid).toEqual([
        'Created purchase order PO-8801 in QuickBooks Desktop — QuickBooks Desktop takes no files from Ledgerbridge: quote.pdf stays here. Attach it in QuickBooks by hand if you need it there.',
      ]);
      await shot(page, '01-qbd-order-sent-file-named-once');

      // Sent again: updated in QuickBooks, and the file is not named a second time.
      await expectText(page.getByTestId('action-send'), /^Send again to /);
      await page.getByTestId('action-send').click();
      await expectText(page.getByTestId('action-notice'), /^Queued for /);
      await runSessions();
      await expectText(badge, 'Sent');
      // The send finished: its "Queued for …" notice is gone, not contradicting the state.
      await poll(() => page.getByTestId('action-notice').count()).toBe(0);
      await poll(async () => (await logMessages(page))[0]).toBe(
        'Updated purchase order PO-8801 in QuickBooks Desktop',
      );
      expect(await filesSaid()).toHaveLength(1);
      await shot(page, '02-qbd-order-sent-again-not-repeated');

      // The goods came: the bookkeeper writes the receipt for the order and sends it.
      await writeReceipt(page, {
        number: 'RC-8801',
        orderId: order.id,
        item: ['copper', 'Copper pipe 15 mm'],
        quantity: '4',
        price: '11.25',
      });
      await shot(page, '03-qbd-receipt-written');
      const receiptId = await saveDocument(page);
      await expectText(page.getByTestId('document-linked'), /Purchase order PO-8801/);
      await submitAndApprove(page);
      // Not sent on approval (receipts are not among the connection's documents to send): the Send button is there.
      expect(await page.getByTestId('send-not-offered').count()).toBe(0);
      const send = page.getByTestId('action-send');
      await expectText(send, /^Send to /);
      await send.click();
      await expectText(page.getByTestId('action-notice'), /^Queued for /);
      await expectText(badge, 'Queued');
      await runSessions();
      await expectText(badge, 'Sent');
      await poll(() => page.getByTestId('action-notice').count()).toBe(0);
      await expectText(
        page.getByTestId('sync-status').getByTestId('sync-message'),
        'Created item receipt RC-8801 in QuickBooks Desktop',
      );
      await shot(page, '04-qbd-receipt-sent');

      // QuickBooks received one item receipt, linked to the order's line, in valid qbXML.
      const [po] = sim.purchaseOrdersByRef('PO-8801');
      const receipts = [...sim.company.itemReceipts.values()];
      expect(receipts).toHaveLength(1);
      expect(receipts[0]).toMatchObject({ RefNumber: 'RC-8801', VendorListID: po!.VendorListID });
      expect(receipts[0]!.itemLines).toEqual([
        expect.objectContaining({ ItemListID: sim.findItem('Copper pipe 15 mm')!.ListID, Quantity: 4 }),
      ]);
      expect(sim.purchaseOrderStatus(po!.TxnID).lines[0]).toMatchObject({
        Quantity: 10,
        ReceivedQuantity: 4,
      });
      const add = requests.filter((x) => x.includes('<ItemReceiptAddRq'));
      expect(add).toHaveLength(1);
      expect(add[0]).toContain(
        `<LinkToTxn><TxnID>${po!.TxnID}</TxnID><TxnLineID>${po!.lines[0]!.TxnLineID}</TxnLineID></LinkToTxn>`,
      );
      expect(validateQbxml(add[0]!)).toMatchObject({ valid: true });
      expect(requests.some((x) => x.includes('RC-8801') && x.includes('<PurchaseOrderAddRq'))).toBe(false);
      expect((await api<{ sync: { status: string }[] }>('documents.get', { id: receiptId })).sync).toEqual([
        expect.objectContaining({ status: 'sent' }),
      ]);
    } finally {
      await page.context().close();
    }
  }, 240_000);

  it('NetSuite: the order’s file is said once as not sent; a receipt written for it is transformed from the order', async () => {
    const { e2e } = qbd;
    const { api } = e2e;
    const nsItem = ns.seedRow('item', { itemid: 'Air filter', itemtype: 'NonInvtPart' });
    const companyId = await createCompany(e2e, 'Northwind Facilities', 'USD');
    const created = await api<{ id: string }>('connections.create', {
      companyId,
      system: 'netsuite',
      settings: {
        ...ns.connectionSettings('tba'),
        receipts: true,
        documentsToSend: ['purchase_order', 'service_order', 'receipt'],
      },
      credentials: TBA,
    });
    await api('connections.connect', { id: created.id });
    await api('lists.import', { connectionId: created.id });
    const filter = (
      await api<{ id: string; name: string }[]>('lists.list', { companyId, kind: 'item' })
    ).find((i) => i.name === 'Air filter')!;
    const supplier = await api<{ id: string }>('suppliers.create', { companyId, name: 'Acme Supplies' });
    const order = await api<{ id: string }>('documents.create', {
      companyId,
      type: 'purchase_order',
      number: 'PO-2201',
      supplierId: supplier.id,
      date: '2026-11-16',
      lines: [{ description: 'Air filters', quantity: '10', unitPrice: '12.99', itemId: filter.id }],
    });
    await api('attachments.add', {
      documentId: order.id,
      fileName: 'quote.pdf',
      contentBase64: pdf('quote'),
    });
    await api('documents.submit', { id: order.id });
    await api('documents.approve', { id: order.id });

    const page = await openConnections(e2e, companyId);
    try {
      await openDocument(page, order.id);
      const badge = page.getByTestId('sync-status').getByTestId('sync-status-badge');
      await expectText(badge, 'Sent');
      const filesSaid = async () => (await logMessages(page)).filter((m) => m.includes('takes no files'));
      // The same sentence as QuickBooks Desktop's above, naming NetSuite.
      await poll(filesSaid).toEqual([
        "Created purchase order PO-2201 in NetSuite. NetSuite takes no files from Ledgerbridge: quote.pdf stays here. Attach it in NetSuite (the record's Communication → Files) by hand if you need it there.",
      ]);
      await shot(page, '05-netsuite-order-sent-file-named-once');

      // A revision, approved again: the order is updated in NetSuite, and the file is not named again.
      await page.getByTestId('action-revise').click();
      await expectText(page.getByTestId('document-status'), 'In revision');
      await submitAndApprove(page);
      await poll(async () => (await logMessages(page))[0]).toBe(
        'Updated purchase order PO-2201 in NetSuite.',
      );
      await expectText(badge, 'Sent');
      expect(await filesSaid()).toHaveLength(1);
      await shot(page, '06-netsuite-revision-not-repeated');

      // The receipt, written in the editor, goes on approval: transformed from the order, 4 of its 10 received.
      await writeReceipt(page, {
        number: 'RCV-2201',
        orderId: order.id,
        item: ['filter', 'Air filter'],
        quantity: '4',
        price: '12.99',
      });
      const receiptId = await saveDocument(page);
      await submitAndApprove(page);
      await expectText(badge, 'Sent');
      await expectText(
        page.getByTestId('sync-status').getByTestId('sync-message'),
        /^Created item receipt RCV-2201 in NetSuite \(received against its purchase order\)\.$/,
      );
      await shot(page, '07-netsuite-receipt-sent');

      expect(ns.rejected).toEqual([]);
      const [nsOrder] = ns.list('purchaseOrder').filter((o) => o.tranId === 'PO-2201');
      expect(ns.list('itemReceipt')).toEqual([
        expect.objectContaining({
          createdFrom: nsOrder!.id,
          externalId: `lb-${receiptId}`,
          tranId: 'RCV-2201',
        }),
      ]);
      expect((ns.list('itemReceipt')[0]!.item as Lines).items).toEqual([
        expect.objectContaining({ orderLine: 1, quantity: 4, itemReceive: true, item: { id: nsItem } }),
      ]);
      expect((nsOrder!.item as Lines).items[0]).toMatchObject({ quantity: 10, quantityReceived: 4 });
    } finally {
      await page.context().close();
    }
  }, 240_000);
});

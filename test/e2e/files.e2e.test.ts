// End-to-end: files on a document, as a bookkeeper works with them, in Debian's Chromium against the headless server
// and the QuickBooks Online simulator. A draft bill gets its invoice PDF through the file picker and a delivery note
// dropped on the drop zone; the invoice's first page is drawn as its preview (the pages stay a click away), is
// approved and sent: QuickBooks received both as Attachables on the bill. The bill is
// revised; the drop zone says its limits, a file too large and a file of another kind are refused on the page before
// any byte is sent, and a photo added by the file picker shows as new in the revision with its thumbnail. Approved
// again, the update reaches QuickBooks with an Attachable for that photo only. A receipt on the same QuickBooks
// Online company shows no Send button, and says why. Screenshots go to test-results/e2e/files/.
import { deflateSync } from 'node:zlib';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { qboOracleAvailable } from '../simulators/quickbooks-online/oracle';
import { expectText, poll, submitAndApprove, WAIT } from './support';
import { connectQuickBooksOnline, qboE2e } from './quickbooks-online-connect';
import { e2eSuite, openConnections } from './suite';

const suite = e2eSuite('files', 'files on documents', {
  dir: '../shared/oracles/qbo/',
  available: qboOracleAvailable,
});
const { shot } = suite;

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

/** A real invoice PDF (a Letter page: a dark band across its head, then lines of print), for its first page. */
async function invoicePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawRectangle({ x: 0, y: 692, width: 612, height: 100, color: rgb(0.1, 0.2, 0.45) });
  page.drawText('Acme Supplies', { x: 48, y: 730, size: 30, font, color: rgb(1, 1, 1) });
  page.drawText('INVOICE INV-2041', { x: 48, y: 640, size: 26, font });
  for (let i = 0; i < 12; i++) {
    page.drawText(`Copper pipe 15 mm, lot ${i + 1} .......... 10 x 12.40`, {
      x: 48,
      y: 590 - i * 34,
      size: 16,
      font,
    });
  }
  return Buffer.from(await doc.save());
}

/** How the drawn image reads: its size, and the share of its pixels that are dark (print) and light (paper). */
function inkOf(img: HTMLImageElement) {
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const context = canvas.getContext('2d')!;
  context.drawImage(img, 0, 0);
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let dark = 0;
  let light = 0;
  for (let i = 0; i < data.length; i += 4) {
    const value = (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
    if (value < 128) dark += 1;
    else if (value > 230) light += 1;
  }
  const pixels = data.length / 4;
  return { width: canvas.width, height: canvas.height, dark: dark / pixels, light: light / pixels };
}
/** A real 24×16 PNG (a grey box with a dark band), so the thumbnail has something to show. */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const [width, height] = [24, 16];
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.concat(
    Array.from({ length: height }, (_, y) =>
      Buffer.from([0, ...Array<number>(width).fill(y > 5 && y < 10 ? 60 : 200)]),
    ),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function openDocument(page: Page, id: string): Promise<void> {
  await page.evaluate((hash) => (window.location.hash = hash), `#/documents/${id}`);
  await page.locator(`[data-testid="document-view"][data-document-id="${id}"]`).waitFor();
}

describe.skipIf(!suite.runs)(
  'Files on a document, sent to QuickBooks Online (headless server, simulator)',
  () => {
    const qbo = qboE2e(suite);
    const { sim } = qbo;

    it('a bill’s file goes on the first send; the revision’s new file, and only it, on the update', async () => {
      const { api } = qbo.e2e;
      const realm = sim.createRealm({
        companyName: 'Riverside Mechanical',
        country: 'US',
        homeCurrency: 'USD',
      });
      sim.consentRealm = realm.id;
      sim.seed(realm, 'Vendor', { DisplayName: 'Acme Supplies' });
      sim.seed(realm, 'Account', {
        Name: 'Job Materials',
        AccountType: 'Expense',
        Classification: 'Expense',
      });
      const company = await api<{ id: string }>('companies.create', {
        name: 'Riverside Mechanical',
        baseCurrency: 'USD',
      });
      const connectionId = await connectQuickBooksOnline(qbo.e2e, sim, company.id, realm.id);
      await api('lists.import', { connectionId });
      const supplier = await api<{ id: string }>('suppliers.create', {
        companyId: company.id,
        name: 'Acme Supplies',
      });
      const accounts = await api<{ id: string; name: string }[]>('lists.list', {
        companyId: company.id,
        kind: 'account',
      });
      const account = accounts.find((a) => a.name === 'Job Materials')!;
      const bill = await api<{ id: string; number: string }>('documents.create', {
        companyId: company.id,
        type: 'invoice',
        supplierId: supplier.id,
        supplierInvoiceNumber: 'INV-2041',
        date: '2026-11-05',
        lines: [
          { description: 'Copper pipe 15 mm', quantity: '10', unitPrice: '12.40', accountId: account.id },
        ],
      });

      const page = await openConnections(qbo.e2e, company.id);
      await openDocument(page, bill.id);
      // The drop zone says its limits before anything is chosen.
      await expectText(
        page.getByTestId('file-limits'),
        'PDF, PNG or JPEG, up to 10 MB each, at most 10 files on a document.',
      );
      await page.getByTestId('file-input').setInputFiles({
        name: 'INV-2041.pdf',
        mimeType: 'application/pdf',
        buffer: await invoicePdf(),
      });
      const row = (name: string) => page.locator(`[data-testid="attachment"][data-file-name="${name}"]`);
      await row('INV-2041.pdf').waitFor();
      await expectText(row('INV-2041.pdf').getByTestId('file-deliveries'), /Not sent yet/);
      // Its first page is its preview: a portrait page about 200 px wide, white paper with the dark band and print.
      const thumbnail = row('INV-2041.pdf').getByTestId('attachment-thumbnail');
      await thumbnail.waitFor();
      await poll(() =>
        thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      ).toBe(true);
      const ink = await thumbnail.evaluate(inkOf);
      // 612 × 792 points at 24 dpi.
      expect(Math.abs(ink.width - 204)).toBeLessThanOrEqual(1);
      expect(Math.abs(ink.height - 264)).toBeLessThanOrEqual(1);
      expect(ink.dark).toBeGreaterThan(0.1);
      expect(ink.light).toBeGreaterThan(0.5);
      // The pages stay a click away.
      await row('INV-2041.pdf').getByTestId('attachment-show').click();
      await row('INV-2041.pdf').locator('img.file__page').first().waitFor();
      expect(await row('INV-2041.pdf').locator('img.file__page').count()).toBe(1);
      await row('INV-2041.pdf').getByTestId('attachment-show').click();
      expect(await row('INV-2041.pdf').locator('img.file__page').count()).toBe(0);
      // The delivery note is dropped on the drop zone, as a file dragged from the desktop.
      const dropped = await page.evaluateHandle((text) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], 'delivery-note.pdf', { type: 'application/pdf' }));
        return transfer;
      }, pdf('delivery note 2041').toString('latin1'));
      await page.getByTestId('file-dropzone').dispatchEvent('dragover', { dataTransfer: dropped });
      await page.getByTestId('file-dropzone').dispatchEvent('drop', { dataTransfer: dropped });
      await row('delivery-note.pdf').waitFor();
      // A file pdf.js cannot draw keeps the PDF mark.
      await row('delivery-note.pdf').getByTestId('attachment-mark').waitFor();
      await shot(page, '01-draft-with-its-invoice-file');

      await submitAndApprove(page);
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
      const [sentBill] = sim.records(realm, 'Bill');
      await poll(() => sim.uploads.length).toBe(2);
      expect(sim.uploads.map((u) => [u.fileName, u.entityRefs])).toEqual([
        ['INV-2041.pdf', [{ type: 'Bill', value: String(sentBill!.Id) }]],
        ['delivery-note.pdf', [{ type: 'Bill', value: String(sentBill!.Id) }]],
      ]);
      await expectText(row('INV-2041.pdf').getByTestId('file-delivery'), /^Sent to /);
      await expectText(page.getByTestId('files-locked'), /To add or remove files, choose Revise/);
      await shot(page, '02-sent-with-its-file');

      // The revision: the earlier file stays; a file too large and one of another kind are refused on the page.
      await page.getByTestId('action-revise').click();
      const dialog = page.getByTestId('confirm-dialog');
      const revising = page.locator('[data-testid="document-view"][data-status="in_revision"]');
      await dialog.or(revising).first().waitFor();
      if (await dialog.isVisible()) await page.getByTestId('confirm-action').click();
      await revising.waitFor();
      await expectText(row('INV-2041.pdf').getByTestId('file-kept'), /^It went to .* with this invoice/);
      const big = Buffer.alloc(10 * 1024 * 1024 + 1);
      pdf('a big scan').copy(big);
      const requestsBefore = sim.stats.requests;
      await page.getByTestId('file-input').setInputFiles([
        { name: 'whole-binder.pdf', mimeType: 'application/pdf', buffer: big },
        { name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just some words') },
      ]);
      const problems = page.getByTestId('file-problems').locator('li');
      await poll(() => problems.allTextContents()).toEqual([
        'whole-binder.pdf is 10.0 MB; files up to 10 MB can be added. Scan it again at a lower resolution (200–300 dpi, greyscale) or split it into smaller files.',
        'notes.pdf is not a PDF, PNG or JPEG file. Save or scan it in one of those formats and add it again.',
      ]);
      expect(await page.getByTestId('attachment').count()).toBe(2);
      await shot(page, '03-revision-refuses-too-big-and-wrong-kind');

      await page.getByTestId('file-input').setInputFiles({
        name: 'damaged-box.png',
        mimeType: 'image/png',
        buffer: png(),
      });
      await row('damaged-box.png').waitFor();
      await expectText(row('damaged-box.png').getByTestId('file-origin'), 'New in this revision');
      await row('damaged-box.png').locator('.file__preview img').waitFor();
      await expect
        .poll(
          () =>
            row('damaged-box.png')
              .locator('.file__preview img')
              .evaluate((img: HTMLImageElement) => img.naturalWidth),
          {
            timeout: WAIT,
          },
        )
        .toBe(24);
      await poll(() => page.getByTestId('file-problems').count()).toBe(0);
      await shot(page, '04-revision-with-a-new-photo');
      expect(sim.stats.requests).toBe(requestsBefore);

      await submitAndApprove(page);
      await poll(() => sim.uploads.length).toBe(3);
      expect(sim.uploads[2]).toMatchObject({
        fileName: 'damaged-box.png',
        contentType: 'image/png',
        size: png().length,
        entityRefs: [{ type: 'Bill', value: String(sentBill!.Id) }],
      });
      expect(sim.records(realm, 'Bill')).toHaveLength(1);
      expect(sim.records(realm, 'Attachable').map((a) => a.FileName)).toEqual([
        'INV-2041.pdf',
        'delivery-note.pdf',
        'damaged-box.png',
      ]);
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
      await expectText(row('damaged-box.png').getByTestId('file-delivery'), /^Sent to /);
      // The update's log entry names the file that went with it, and only that one.
      await expectText(
        page.getByTestId('sync-message'),
        /Updated bill INV-2041 .* Attached damaged-box\.png\.$/,
      );
      await shot(page, '05-update-sent-with-the-new-photo-only');

      // A receipt on the same QuickBooks Online company: no Send button, and the page says why.
      const receipt = await api<{ id: string }>('documents.create', {
        companyId: company.id,
        type: 'receipt',
        supplierId: supplier.id,
        date: '2026-11-06',
        lines: [
          { description: 'Copper pipe 15 mm', quantity: '10', unitPrice: '12.40', accountId: account.id },
        ],
      });
      await api('documents.submit', { id: receipt.id });
      await api('documents.approve', { id: receipt.id });
      await openDocument(page, receipt.id);
      await expectText(
        page.getByTestId('send-not-offered'),
        /^.* has no receipts, so this receipt is not sent there\. When the supplier’s invoice comes, link it to the purchase order and send the invoice\.$/,
      );
      expect(await page.getByTestId('action-send').count()).toBe(0);
      await expectText(
        page.locator('[aria-labelledby="h-sync"]'),
        /QuickBooks Online has no receipts, so this receipt is not sent there\./,
      );
      expect(sim.records(realm, 'PurchaseOrder')).toHaveLength(0);
      // Revise and Cancel sit on one row beside the title, as on every other document, though the sentence under
      // the title is long: at a typical window and at a narrow one.
      const oneRow = async () => {
        const boxes = await Promise.all(
          ['action-revise', 'action-cancel'].map((id) => page.getByTestId(id).boundingBox()),
        );
        const [revise, cancel] = boxes.map((b) => b!);
        expect(cancel!.y).toBe(revise!.y);
        expect(cancel!.x).toBeGreaterThan(revise!.x + revise!.width);
        // Each button's label on one line too: no taller than the Revise button.
        expect(cancel!.height).toBe(revise!.height);
      };
      await oneRow();
      await shot(page, '06-receipt-without-send');
      await page.setViewportSize({ width: 1024, height: 860 });
      await oneRow();
      await shot(page, '07-receipt-without-send-narrow');
      await page.context().close();
    }, 240_000);
  },
);

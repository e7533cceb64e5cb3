// End-to-end: files on a Xero bill, as a bookkeeper adds them, in Debian's Chromium against the headless server and
// the Xero simulator. A draft bill gets its invoice PDF through the file picker and is approved: Xero holds it as
// the bill's attachment. The bill is revised and the delivery's damage report added; approved again, the update
// reaches Xero with that report only, and the invoice is not uploaded a second time. Screenshots go to
// test-results/e2e/files-xero/.
import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { xeroOracleAvailable } from '../simulators/xero/oracle.js';
import { expectText, poll, submitAndApprove } from './support';
import { e2eSuite, openConnections } from './suite';
import { connectTidewater, xeroE2e } from './xero-connect';

const suite = e2eSuite('files-xero', 'files on a Xero bill', {
  dir: '../shared/oracles/xero/',
  available: xeroOracleAvailable,
});
const { shot } = suite;

async function invoicePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('Kauri Timber Co — Tax invoice KT-512', { x: 48, y: 780, size: 18, font });
  page.drawText('Rimu boards 4 x 50.00', { x: 48, y: 730, size: 14, font });
  return Buffer.from(await doc.save());
}

/** The second file: the delivery's damage report, one page. */
async function damageReport(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([400, 300]).drawText('Damaged crate, delivery 512', { x: 24, y: 150, size: 14, font });
  return Buffer.from(await doc.save());
}

describe.skipIf(!suite.runs)('Files on a Xero bill (headless server, simulator)', () => {
  const xero = xeroE2e(suite);

  it('the invoice goes with the bill; a revision sends its new file, and only it', async () => {
    const { api } = xero.e2e;
    const { org, companyId, supplierId } = await connectTidewater(xero);
    const account = (
      await api<{ id: string; name: string }[]>('lists.list', { companyId, kind: 'account' })
    ).find((a) => a.name === 'General Expenses')!;
    const bill = await api<{ id: string }>('documents.create', {
      companyId,
      type: 'invoice',
      supplierId,
      supplierInvoiceNumber: 'KT-512',
      date: '2026-11-05',
      lines: [{ description: 'Rimu boards', quantity: '4', unitPrice: '50', accountId: account.id }],
    });

    const page = await openConnections(xero.e2e, companyId);
    await page.evaluate((hash) => (window.location.hash = hash), `#/documents/${bill.id}`);
    await page.locator(`[data-testid="document-view"][data-document-id="${bill.id}"]`).waitFor();
    const row = (name: string) => page.locator(`[data-testid="attachment"][data-file-name="${name}"]`);
    const invoice = await invoicePdf();
    await page.getByTestId('file-input').setInputFiles({
      name: 'KT-512.pdf',
      mimeType: 'application/pdf',
      buffer: invoice,
    });
    await row('KT-512.pdf').waitFor();
    await expectText(row('KT-512.pdf').getByTestId('file-deliveries'), /Not sent yet/);
    await shot(page, '01-draft-with-its-invoice');

    await submitAndApprove(page);
    await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
    const [sent] = [...org.invoices.values()];
    const billId = String(sent!.InvoiceID);
    await poll(() => (org.attachments.get(billId) ?? []).map((f) => f.FileName)).toEqual(['KT-512.pdf']);
    // The bytes Xero holds are the file's.
    expect(org.attachments.get(billId)![0]!.sha256).toBe(createHash('sha256').update(invoice).digest('hex'));
    await expectText(row('KT-512.pdf').getByTestId('file-delivery'), /^Sent to /);
    await shot(page, '02-sent-with-its-invoice');

    // The revision: the invoice stays; the damage report is added and goes with the update, alone.
    await page.getByTestId('action-revise').click();
    const dialog = page.getByTestId('confirm-dialog');
    const revising = page.locator('[data-testid="document-view"][data-status="in_revision"]');
    await dialog.or(revising).first().waitFor();
    if (await dialog.isVisible()) await page.getByTestId('confirm-action').click();
    await revising.waitFor();
    await page.getByTestId('file-input').setInputFiles({
      name: 'damaged-crate.pdf',
      mimeType: 'application/pdf',
      buffer: await damageReport(),
    });
    await row('damaged-crate.pdf').waitFor();
    await expectText(row('damaged-crate.pdf').getByTestId('file-origin'), 'New in this revision');
    await shot(page, '03-revision-with-a-new-file');

    await submitAndApprove(page);
    await poll(() => (org.attachments.get(billId) ?? []).map((f) => f.FileName)).toEqual([
      'KT-512.pdf',
      'damaged-crate.pdf',
    ]);
    expect(org.invoices.size).toBe(1);
    await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
    await expectText(row('damaged-crate.pdf').getByTestId('file-delivery'), /^Sent to /);
    await shot(page, '04-update-sent-with-the-new-file-only');
    await page.context().close();
  }, 180_000);
});

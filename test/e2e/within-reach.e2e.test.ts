// End-to-end: three things a bookkeeper does by hand that had no browser test, in Debian's Chromium against the
// headless server and the QuickBooks Online simulator. A purchase order coded in the editor to a class made here,
// which QuickBooks lacks ('Create missing records' off), waits; on Connections → Lists, Needs pairing creates the
// class in QuickBooks with one button and the order goes on by itself, carrying the new class. A file added to a
// draft bill by mistake is removed on the bill's page, and only the file left reaches QuickBooks as an Attachable.
// Two documents pending approval are approved together from the Documents page, with the summary. Screenshots go
// to test-results/e2e/within-reach/.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { qboOracleAvailable } from '../simulators/quickbooks-online/oracle';
import { expectText, poll, submitAndApprove, WAIT, pick } from './support';
import { connectQuickBooksOnline, qboE2e } from './quickbooks-online-connect';
import { e2eSuite, openConnections } from './suite';

const suite = e2eSuite('within-reach', 'pairing by creating, removing a file, bulk approval', {
  dir: '../shared/oracles/qbo/',
  available: qboOracleAvailable,
});
const { shot } = suite;

type Rec = Record<string, unknown>;

/** A one-page PDF with a line of print. */
async function onePagePdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([612, 792]).drawText(text, { x: 48, y: 700, size: 24, font });
  return Buffer.from(await doc.save());
}

describe.skipIf(!suite.runs)(
  'Within reach: create from Needs pairing, remove a file, approve in bulk (headless server, simulator)',
  () => {
    const qbo = qboE2e(suite);
    const { sim } = qbo;

    it('a class made here is created in QuickBooks from Needs pairing, and the waiting order goes with it', async () => {
      const { api } = qbo.e2e;
      const realm = sim.createRealm({
        companyName: 'Pier Street Plumbing',
        country: 'US',
        homeCurrency: 'USD',
      });
      sim.consentRealm = realm.id;
      sim.seed(realm, 'Vendor', { DisplayName: 'Acme Supplies' });
      const materials = sim.seed(realm, 'Account', {
        Name: 'Job Materials',
        AccountType: 'Expense',
        Classification: 'Expense',
      });
      sim.seed(realm, 'Class', { Name: 'Commercial', FullyQualifiedName: 'Commercial' });
      const company = await api<{ id: string }>('companies.create', {
        name: 'Pier Street Plumbing',
        baseCurrency: 'USD',
      });
      const connectionId = await connectQuickBooksOnline(qbo.e2e, sim, company.id, realm.id, {
        createMissing: false,
        documentsToSend: ['purchase_order'],
      });
      await api('lists.import', { connectionId });
      await api('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
      // A class the bookkeeper keeps here; QuickBooks has no such class yet.
      await api('lists.create', { companyId: company.id, kind: 'class', name: 'Harbour works' });

      const page = await openConnections(qbo.e2e, company.id);
      await page.getByTestId('nav-documents').click();
      await page.evaluate(() => (window.location.hash = '#/documents/new'));
      await page.getByTestId('document-editor').waitFor();
      const chooser = page.getByTestId('doc-supplier');
      await chooser.locator('option', { hasText: 'Acme Supplies' }).waitFor({ state: 'attached' });
      await chooser.selectOption({ label: 'Acme Supplies' });
      await page.getByTestId('doc-number').fill('PO-5120');
      const line1 = page.getByTestId('line-row').nth(0);
      await line1.getByTestId('line-description').fill('Brass fittings for the pier');
      await line1.getByTestId('line-unit-price').fill('75');
      await pick(page, 'Account for line 1', 'job', 'Job Materials');
      await pick(page, 'Class for line 1', 'harb', 'Harbour works');
      await page.getByTestId('save-document').click();
      await page.getByTestId('document-view').waitFor();
      await submitAndApprove(page);
      // It waits: QuickBooks has no such class, and nothing is created there without the bookkeeper.
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Waiting');
      await expectText(page.getByTestId('sync-status'), /Harbour works/);
      await shot(page, '01-order-waits-for-class');
      expect(sim.records(realm, 'PurchaseOrder')).toHaveLength(0);

      // Connections → Lists: Needs pairing names the class and the order; Create in QuickBooks Online.
      await page.getByTestId('nav-connections').click();
      await page.getByTestId('connections-tab-lists').click();
      const pairing = page.locator('[data-testid="pairing"][data-name="Harbour works"]');
      await pairing.waitFor();
      await expectText(
        pairing.getByTestId('pairing-document'),
        /^Purchase order PO-5120 from Acme Supplies$/i,
      );
      await shot(page, '02-needs-pairing-class');
      await pairing.getByTestId('pairing-create').click();
      await expectText(
        page.getByTestId('needs-pairing-done'),
        /^Class 'Harbour works' was created in QuickBooks Online; .* went on\.$/,
      );
      await shot(page, '03-class-created');

      // The class is in QuickBooks, and the order went on by itself with it on its line.
      const created = sim.records(realm, 'Class').find((c) => c.Name === 'Harbour works');
      expect(created).toBeDefined();
      await page.getByTestId('nav-documents').click();
      await page.locator('[data-testid="document-row"][data-number="PO-5120"]').click();
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
      await shot(page, '04-order-sent');
      const [order] = sim.records(realm, 'PurchaseOrder');
      const detail = (order!.Line as Rec[])[0]!.AccountBasedExpenseLineDetail as Rec;
      expect(detail.AccountRef).toMatchObject({ value: materials.Id });
      expect(detail.ClassRef).toMatchObject({ value: created!.Id });
      await page.context().close();
    }, 180_000);

    it('a file removed from a draft bill is gone, and only the one left reaches QuickBooks', async () => {
      const { api } = qbo.e2e;
      const realm = sim.createRealm({ companyName: 'Quay Electrical', country: 'US', homeCurrency: 'USD' });
      sim.consentRealm = realm.id;
      sim.seed(realm, 'Vendor', { DisplayName: 'Acme Supplies' });
      sim.seed(realm, 'Account', {
        Name: 'Job Materials',
        AccountType: 'Expense',
        Classification: 'Expense',
      });
      const company = await api<{ id: string }>('companies.create', {
        name: 'Quay Electrical',
        baseCurrency: 'USD',
      });
      const connectionId = await connectQuickBooksOnline(qbo.e2e, sim, company.id, realm.id);
      await api('lists.import', { connectionId });
      const supplier = await api<{ id: string }>('suppliers.create', {
        companyId: company.id,
        name: 'Acme Supplies',
      });
      const account = (
        await api<{ id: string; name: string }[]>('lists.list', { companyId: company.id, kind: 'account' })
      ).find((a) => a.name === 'Job Materials');
      const bill = await api<{ id: string }>('documents.create', {
        companyId: company.id,
        type: 'invoice',
        supplierId: supplier.id,
        supplierInvoiceNumber: 'INV-7730',
        date: '2026-11-12',
        lines: [{ description: 'Cable, 100 m', quantity: '1', unitPrice: '129.00', accountId: account!.id }],
      });

      const page = await openConnections(qbo.e2e, company.id);
      await page.evaluate((hash) => (window.location.hash = hash), `#/documents/${bill.id}`);
      await page.locator(`[data-testid="document-view"][data-document-id="${bill.id}"]`).waitFor();
      await page.getByTestId('file-input').setInputFiles([
        { name: 'INV-7730.pdf', mimeType: 'application/pdf', buffer: await onePagePdf('INVOICE INV-7730') },
        {
          name: 'Other supplier invoice.pdf',
          mimeType: 'application/pdf',
          buffer: await onePagePdf('NOT OURS'),
        },
      ]);
      const row = (name: string) => page.locator(`[data-testid="attachment"][data-file-name="${name}"]`);
      await row('INV-7730.pdf').waitFor();
      await row('Other supplier invoice.pdf').waitFor();
      await shot(page, '05-two-files-added');
      // The wrong one is removed with its own Remove button.
      await page.getByRole('button', { name: 'Remove Other supplier invoice.pdf', exact: true }).click();
      await poll(() => row('Other supplier invoice.pdf').count()).toBe(0);
      expect(await page.getByTestId('attachment').count()).toBe(1);
      await shot(page, '06-file-removed');

      await submitAndApprove(page);
      await expectText(page.getByTestId('sync-status').getByTestId('sync-status-badge'), 'Sent');
      await poll(() => sim.records(realm, 'Attachable').map((a) => a.FileName)).toEqual(['INV-7730.pdf']);
      expect(sim.uploads.filter((u) => u.fileName === 'Other supplier invoice.pdf')).toHaveLength(0);
      await page.context().close();
    }, 180_000);

    it('two documents pending approval are approved together from the Documents page, with the summary', async () => {
      const { api } = qbo.e2e;
      const company = await api<{ id: string }>('companies.create', {
        name: 'Dockside Joinery',
        baseCurrency: 'USD',
      });
      const supplier = await api<{ id: string }>('suppliers.create', {
        companyId: company.id,
        name: 'Kauri Timber Co',
      });
      const ids: string[] = [];
      for (const number of ['PO-7001', 'PO-7002']) {
        const { id } = await api<{ id: string }>('documents.create', {
          companyId: company.id,
          type: 'purchase_order',
          number,
          supplierId: supplier.id,
          date: '2026-11-20',
          lines: [{ description: 'Rimu boards', quantity: '4', unitPrice: '55' }],
        });
        await api('documents.submit', { id });
        ids.push(id);
      }

      const page = await openConnections(qbo.e2e, company.id);
      await page.getByTestId('nav-documents').click();
      await page.getByTestId('filter-status').selectOption('pending_approval');
      await poll(() => page.getByTestId('documents-total').getAttribute('data-total')).toBe('2');
      for (const id of ids) {
        await page.locator(`[data-testid="document-row-select"][data-document-id="${id}"]`).check();
      }
      await poll(() => page.getByTestId('bulk-selected-count').getAttribute('data-count')).toBe('2');
      await page.getByTestId('bulk-approve').click();
      const confirm = page.getByTestId('confirm-dialog');
      const summary = page.getByTestId('bulk-summary');
      await confirm.or(summary).first().waitFor();
      if (await confirm.isVisible()) await page.getByTestId('confirm-action').click();
      await expect.poll(() => summary.getAttribute('data-running'), { timeout: WAIT }).toBe('false');
      await expectText(summary.getByTestId('bulk-headline'), '2 approved.');
      // The list follows: neither is pending approval any more.
      await poll(() => page.getByTestId('documents-total').getAttribute('data-total')).toBe('0');
      await shot(page, '07-approved-in-bulk');
      for (const id of ids) {
        expect((await api<{ status: string }>('documents.get', { id })).status).toBe('approved');
      }
      await page.context().close();
    }, 180_000);
  },
);

// End-to-end: files added to a new document while it is being created, in Debian's Chromium against the headless
// server. The bookkeeper drops a delivery note on the editor's Files card and picks the invoice's PDF and a photo
// before the first save; a file of another kind is refused on the page. A save that fails (no supplier chosen yet)
// loses none of them; the save that succeeds creates the draft with all three on it, and a file removed before the
// save is not among them. Screenshots go to test-results/e2e/files-new-document/.
import { describe, expect, it } from 'vitest';
import { createCompany, e2eSuite, openConnections, useE2eApp } from './suite';
import { expectText, poll } from './support';

const suite = e2eSuite('files-new-document', 'files on a new document');
const { shot } = suite;

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
/** The first bytes of a JPEG are enough for its kind; the photo's pixels do not matter here. */
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);

describe.skipIf(!suite.runs)('Files on a document not saved yet (headless server)', () => {
  const app = useE2eApp(suite);

  it('are kept through a failed save and go on the draft with the save that succeeds', async () => {
    const { e2e } = app;
    const companyId = await createCompany(e2e, 'Harbour Street Bakery', 'USD');
    await e2e.api('suppliers.create', { companyId, name: 'Northwind Fasteners' });
    const page = await openConnections(e2e, companyId);
    await page.getByTestId('nav-documents').click();
    await page.getByTestId('new-document').click();
    await page.getByTestId('document-editor').waitFor();

    // Before the first save: the Files card takes files, and says when they are added.
    await expectText(
      page.getByTestId('file-limits'),
      'PDF, PNG or JPEG, up to 10 MB each, at most 10 files on a document. They are added to the draft when you save it.',
    );
    const dropped = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'delivery-note.pdf', { type: 'application/pdf' }));
      return transfer;
    }, pdf('delivery note 2207').toString('latin1'));
    await page.getByTestId('file-dropzone').dispatchEvent('dragover', { dataTransfer: dropped });
    await page.getByTestId('file-dropzone').dispatchEvent('drop', { dataTransfer: dropped });
    await page.getByTestId('file-input').setInputFiles([
      { name: 'NF-2207.pdf', mimeType: 'application/pdf', buffer: pdf('invoice NF-2207') },
      { name: 'pallet.jpg', mimeType: 'image/jpeg', buffer: jpeg },
      { name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just some words') },
      { name: 'wrong-scan.pdf', mimeType: 'application/pdf', buffer: pdf('a wrong scan') },
    ]);
    const chosen = () =>
      page
        .getByTestId('chosen-file')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-file-name')));
    await poll(chosen).toEqual(['delivery-note.pdf', 'NF-2207.pdf', 'pallet.jpg', 'wrong-scan.pdf']);
    await expectText(
      page.getByTestId('file-problems'),
      'notes.pdf is not a PDF, PNG or JPEG file. Save or scan it in one of those formats and add it again.',
    );
    // The same file again is not chosen twice.
    await page.getByTestId('file-input').setInputFiles({
      name: 'NF-2207.pdf',
      mimeType: 'application/pdf',
      buffer: pdf('invoice NF-2207'),
    });
    await expectText(page.getByTestId('file-problems'), /^NF-2207\.pdf is chosen already/);
    // One chosen by mistake is taken off before the save.
    await page
      .locator('[data-testid="chosen-file"][data-file-name="wrong-scan.pdf"]')
      .getByTestId('file-remove')
      .click();
    await poll(chosen).toEqual(['delivery-note.pdf', 'NF-2207.pdf', 'pallet.jpg']);
    await shot(page, '01-files-chosen-before-the-first-save');

    // A save that fails keeps every chosen file.
    const row = page.getByTestId('line-row').first();
    await row.getByTestId('line-description').fill('Hex bolts M8 × 40, box of 100');
    await row.getByTestId('line-quantity').fill('12');
    await row.getByTestId('line-unit-price').fill('4.35');
    await page.getByTestId('save-document').click();
    await expectText(page.getByTestId('problems-summary'), /Choose the supplier this document is from/);
    expect(await chosen()).toEqual(['delivery-note.pdf', 'NF-2207.pdf', 'pallet.jpg']);
    await shot(page, '02-save-refused-files-kept');

    // The save that succeeds: the draft, with its three files.
    const supplier = page.getByTestId('doc-supplier');
    await supplier.locator('option', { hasText: 'Northwind Fasteners' }).waitFor({ state: 'attached' });
    await supplier.selectOption({ label: 'Northwind Fasteners' });
    await page.getByTestId('save-document').click();
    const view = page.getByTestId('document-view');
    await view.waitFor();
    await expectText(page.getByTestId('document-status'), 'Draft');
    const files = () =>
      page.getByTestId('attachment').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-file-name')));
    await poll(files).toEqual(['delivery-note.pdf', 'NF-2207.pdf', 'pallet.jpg']);
    const id = await view.getAttribute('data-document-id');
    const stored = await e2e.api<{ fileName: string; size: number }[]>('attachments.list', {
      documentId: id,
    });
    expect(stored.map((f) => [f.fileName, f.size])).toEqual([
      ['delivery-note.pdf', pdf('delivery note 2207').length],
      ['NF-2207.pdf', pdf('invoice NF-2207').length],
      ['pallet.jpg', jpeg.length],
    ]);
    await shot(page, '03-draft-saved-with-its-files');
    await page.context().close();
  }, 240_000);
});

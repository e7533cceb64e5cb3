// Files on a document reach Xero through the whole engine (issue 16): on the first send each file goes as
// PUT /Invoices/{InvoiceID}/Attachments/{FileName} with the raw bytes as its body (checked against Xero's OpenAPI by
// the simulator), and on a revision's update only the files it added. A receipt is never sent to Xero.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors.js';
import { approve, connectCompany, world, worldEachTest } from './harness.js';

const ready = worldEachTest();
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 7];
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.skipIf(!ready)('Xero: files on a document', () => {
  it('attaches every file on the first send, and on the update only those the revision added', async () => {
    const { core, sim, org } = world;
    const { company, connection } = await connectCompany(world, { documentsToSend: ['invoice'] });
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    sim.addContact(org, { Name: 'Acme Supplies', IsSupplier: true });
    sim.addAccount(org, { Code: '310', Name: 'Job Materials' });
    const account = await core.call('lists.create', {
      companyId: company.id,
      kind: 'account',
      name: 'Job Materials',
      code: '310',
    });
    const draft = await core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'X-88',
      date: '2026-11-05',
      lines: [{ description: 'Parts', quantity: '1', unitPrice: '40', accountId: account.id }],
    });
    const invoice = pdf('X-88');
    await core.call('attachments.add', {
      documentId: draft.id,
      fileName: 'X-88.pdf',
      contentBase64: b64(invoice),
    });
    await approve(core, draft.id);
    await core.app.sync.whenIdle();
    const [bill] = [...org.invoices.values()];
    const billId = String(bill!.InvoiceID);
    expect(org.attachments.get(billId)!.map((f) => [f.FileName, f.sha256])).toEqual([
      ['X-88.pdf', sha(invoice)],
    ]);

    await core.call('documents.revise', { id: draft.id });
    const photo = new Uint8Array(PNG);
    await core.call('attachments.add', {
      documentId: draft.id,
      fileName: 'damaged box.png',
      contentBase64: b64(photo),
    });
    await approve(core, draft.id);
    await core.app.sync.whenIdle();
    expect(org.invoices.size).toBe(1);
    const files = org.attachments.get(billId)!;
    expect(files.map((f) => [f.FileName, f.MimeType, f.sha256])).toEqual([
      ['X-88.pdf', 'application/pdf', sha(invoice)],
      ['damaged box.png', 'image/png', sha(photo)],
    ]);
    const uploads = sim.received.filter((r) => r.path.includes('/Attachments/'));
    expect(uploads.map((r) => [r.method, r.path])).toEqual([
      ['PUT', `/Invoices/${billId}/Attachments/X-88.pdf`],
      ['PUT', `/Invoices/${billId}/Attachments/damaged%20box.png`],
    ]);
    expect(uploads.every((r) => r.idempotencyKey)).toBe(true);
    expect(sim.problems).toEqual([]);
    const listed = await core.call('attachments.list', { documentId: draft.id });
    expect(listed.map((f) => f.deliveries.map((d) => [d.connectionId, d.status, d.externalId]))).toEqual(
      files.map((f) => [[connection.id, 'sent', f.AttachmentID]]),
    );
  });

  it('offers no way to send a receipt to Xero', async () => {
    const { core, org } = world;
    const { company } = await connectCompany(world, { documentsToSend: ['purchase_order', 'invoice'] });
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    const receipt = await core.call('documents.create', {
      companyId: company.id,
      type: 'receipt',
      supplierId: supplier.id,
      date: '2026-11-06',
      lines: [{ description: 'Parts received', quantity: '1', unitPrice: '40' }],
    });
    await approve(core, receipt.id);
    let refusal: AppError | null = null;
    try {
      await core.call('documents.send', { id: receipt.id });
    } catch (error) {
      if (error instanceof AppError) refusal = error;
    }
    expect(refusal?.userMessage).toMatch(/^Xero has no receipts, so receipt .* is not sent there/);
    await core.app.sync.whenIdle();
    expect(org.purchaseOrders.size).toBe(0);
  });
});

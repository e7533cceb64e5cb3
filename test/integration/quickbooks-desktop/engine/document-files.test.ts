// QuickBooks Desktop takes no files through the Web Connector (issue 16): the document's log says so once for each
// file, plainly, on the send that first could have carried it — not on every send — and a revision's new file is
// named on its update. QuickBooks Desktop has receipts: a receipt is sent there as an item receipt.
import { describe, expect, it } from 'vitest';
import { listLog } from '../../../../main/sync/log.js';
import { runSession, syncOf, type EngineHarness } from './harness.js';
import { qbFor } from './qb.js';
import { enginePerTest, withAcme } from './scenario.js';

const startEngine = enginePerTest();
const pdf = (text: string) =>
  Buffer.from(new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`)).toString('base64');

function fileNotes(h: EngineHarness, documentId: string): string[] {
  return listLog(h.db, { documentId, limit: 100 })
    .items.map((e) => e.message)
    .filter((m) => m.includes('takes no files'));
}

async function reapprove(h: EngineHarness, id: string) {
  await h.core.call('documents.submit', { id });
  await h.core.call('documents.approve', { id });
}

describe('QuickBooks Desktop: files and receipts', () => {
  it('names each file once in the document’s log, and a revision’s new file on its update', async () => {
    const h = await startEngine();
    const qb = qbFor();
    const acme = await withAcme(h, qb);
    const draft = await h.core.call('documents.create', {
      companyId: h.companyId,
      type: 'purchase_order',
      number: 'PO-FILES',
      supplierId: acme,
      date: '2026-11-02',
      lines: [{ description: 'Copper pipe 15 mm', quantity: '2', unitPrice: '12.50' }],
    });
    await h.core.call('attachments.add', {
      documentId: draft.id,
      fileName: 'quote.pdf',
      contentBase64: pdf('quote'),
    });
    await h.core.call('attachments.add', {
      documentId: draft.id,
      fileName: 'drawing.pdf',
      contentBase64: pdf('drawing'),
    });
    await reapprove(h, draft.id);
    runSession(h, qb);
    expect(syncOf(await h.document(draft.id), h.connectionId)?.status).toBe('sent');
    expect(fileNotes(h, draft.id)).toEqual([
      'Created purchase order PO-FILES in QuickBooks Desktop — QuickBooks Desktop takes no files from Ledgerbridge: quote.pdf, drawing.pdf stay here. Attach them in QuickBooks by hand if you need them there.',
    ]);
    const files = await h.core.call('attachments.list', { documentId: draft.id });
    expect(files.map((f) => f.deliveries.map((d) => d.status))).toEqual([['not_taken'], ['not_taken']]);
    // Not taken is not sent: a file QuickBooks never had can still be taken off in a revision.
    await h.core.call('documents.revise', { id: draft.id });
    expect((await h.core.call('attachments.list', { documentId: draft.id }))[0]!.keptBecause).toContain(
      'a revision keeps the files',
    );

    // A revision without new files: updated, nothing said about files.
    await h.core.call('documents.update', {
      id: draft.id,
      lines: [{ description: 'Copper pipe 15 mm', quantity: '3', unitPrice: '12.50' }],
    });
    await reapprove(h, draft.id);
    runSession(h, qb);
    expect(qb.purchaseOrders('PO-FILES')).toHaveLength(1);
    expect(fileNotes(h, draft.id)).toHaveLength(1);

    // A revision with a new file: only that one is named.
    await h.core.call('documents.revise', { id: draft.id });
    await h.core.call('attachments.add', {
      documentId: draft.id,
      fileName: 'revised quote.pdf',
      contentBase64: pdf('revised quote'),
    });
    await reapprove(h, draft.id);
    runSession(h, qb);
    const notes = fileNotes(h, draft.id);
    expect(notes).toHaveLength(2);
    // The log lists the newest first.
    expect(notes[0]).toBe(
      'Updated purchase order PO-FILES in QuickBooks Desktop — QuickBooks Desktop takes no files from Ledgerbridge: revised quote.pdf stays here. Attach it in QuickBooks by hand if you need it there.',
    );
  });

  it('sends a receipt as an item receipt: the Send button’s rule lets it through', async () => {
    const h = await startEngine({ documentsToSend: ['purchase_order'] });
    const qb = qbFor();
    const acme = await withAcme(h, qb);
    const receipt = await h.approved({ type: 'receipt', supplierId: acme, number: 'RC-1' });
    expect(receipt.sync).toEqual([]);
    const queued = await h.core.call('documents.send', { id: receipt.id });
    expect(queued.sync[0]).toMatchObject({ status: 'queued' });
    const run = runSession(h, qb);
    expect(run.messages.some((m) => m.includes('<ItemReceiptAddRq'))).toBe(true);
    expect(run.messages.some((m) => m.includes('<PurchaseOrderAddRq'))).toBe(false);
    expect(syncOf(await h.document(receipt.id), h.connectionId)?.status).toBe('sent');
    const systems = await h.core.call('connections.systems', {});
    expect(systems.find((s) => s.system === 'quickbooks_desktop')).toMatchObject({
      documentTypes: ['purchase_order', 'service_order', 'invoice', 'receipt'],
      takesFiles: false,
    });
  });
});

// A document's files are not sent to NetSuite (docs/netsuite.md, "Attachments"): the bill is sent without them, and
// the message of the send — which the integration log keeps — names the files and says to attach them in NetSuite,
// once per file (each is reported as not taken, so the engine does not offer it again).
import { describe, expect, it } from 'vitest';
import type { OutgoingDocument } from '../../../main/connectors/contract.js';
import { approve, setUp, world, worldEachTest } from './harness.js';

const ready = worldEachTest();

describe.skipIf(!ready)('NetSuite: attachments', () => {
  it('sends the bill without its files and says so, once, in the send message', async () => {
    const s = await setUp(world, 'tba', { documentsToSend: [] });
    const created = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'invoice',
      supplierId: s.supplier.id,
      supplierInvoiceNumber: 'ATT-1',
      date: '2026-11-05',
      lines: [{ description: 'Parts', quantity: '1', unitPrice: '10', accountId: s.account.id }],
    });
    const document = await approve(world.core, created.id);
    const vendor = world.sim.seedRecord('vendor', { entityId: 'Acme Supplies', isInactive: false });
    const bytes = new TextEncoder().encode('%PDF-1.4 a supplier invoice\n');
    const file = (id: string, fileName: string) => ({
      id,
      fileName,
      mimeType: 'application/pdf',
      sha256: id,
      read: async () => bytes,
    });
    const outgoing: OutgoingDocument = {
      document,
      supplier: await world.core.call('suppliers.get', { id: s.supplier.id }),
      references: { [s.supplier.id]: vendor.id, [s.account.id]: s.nsAccount },
      existing: null,
      idempotencyKey: `send:${document.id}:1`,
      attachments: [file('a1', 'invoice ATT-1.pdf'), file('a2', 'delivery note.pdf')],
    };
    const ctx = world.core.app.sync.connectorContext(s.connection);
    const requestsBefore = world.sim.stats.requests;
    const [outcome] = await world.connector.sendDocuments(ctx, [outgoing]);
    // The sentence every system that takes no files says (QuickBooks Desktop's, file-deliveries.ts), naming NetSuite.
    expect(outcome).toMatchObject({
      ok: true,
      message:
        "Created bill ATT-1 in NetSuite. NetSuite takes no files from Ledgerbridge: invoice ATT-1.pdf, delivery note.pdf stay here. Attach them in NetSuite (the record's Communication → Files) by hand if you need them there.",
    });
    expect(world.sim.list('vendorBill')).toHaveLength(1);
    // currency list, the upsert: nothing else (no file upload was tried).
    expect(world.sim.stats.requests - requestsBefore).toBe(2);

    // Each file is noted once: the engine then records it as not taken and offers only the files added since.
    expect(outcome!.ok && outcome!.files).toEqual([
      { id: 'a1', status: 'not_taken' },
      { id: 'a2', status: 'not_taken' },
    ]);
    const existing = { externalId: world.sim.list('vendorBill')[0]!.id, syncToken: null };
    const [revised] = await world.connector.sendDocuments(ctx, [{ ...outgoing, existing, attachments: [] }]);
    expect(revised).toMatchObject({ ok: true });
    expect(revised!.ok && revised!.message).toBe('Updated bill ATT-1 in NetSuite.');
    const [withNewFile] = await world.connector.sendDocuments(ctx, [
      { ...outgoing, existing, attachments: [file('a3', 'credit note.pdf')] },
    ]);
    expect(withNewFile!.ok && withNewFile!.message).toBe(
      "Updated bill ATT-1 in NetSuite. NetSuite takes no files from Ledgerbridge: credit note.pdf stays here. Attach it in NetSuite (the record's Communication → Files) by hand if you need it there.",
    );
  });
});

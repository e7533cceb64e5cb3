// A new bill's files go to Xero as attachments of the bill, right after it is created, once each (a retry with the
// same Idempotency-Key replays instead of attaching twice); a file over Xero's limit is named in the outcome.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OutgoingDocument } from '../../../main/connectors/contract.js';
import { approve, connectCompany, world, worldEachTest } from './harness.js';

const ready = worldEachTest();

describe.skipIf(!ready)('Xero: attachments', () => {
  it('uploads the files of a new bill once; a file over 10 MB is named in the message', async () => {
    const { core, sim, org, connector } = world;
    const { company, connection } = await connectCompany(world, { documentsToSend: [] });
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    const contact = sim.addContact(org, { Name: 'Acme Supplies', IsSupplier: true });
    sim.addAccount(org, { Code: '310', Name: 'Job Materials' });
    const account = await core.call('lists.create', {
      companyId: company.id,
      kind: 'account',
      name: 'Job Materials',
    });
    const created = await core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'ATT-1',
      date: '2026-11-05',
      lines: [{ description: 'Parts', quantity: '1', unitPrice: '10', accountId: account.id }],
    });
    const document = await approve(core, created.id);
    const bytes = new TextEncoder().encode('%PDF-1.4 a supplier invoice\n');
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    const file = (id: string, fileName: string, content: Uint8Array) => ({
      id,
      fileName,
      mimeType: 'application/pdf',
      sha256: createHash('sha256').update(content).digest('hex'),
      read: async () => content,
    });
    const outgoing: OutgoingDocument = {
      document,
      supplier: await core.call('suppliers.get', { id: supplier.id }),
      references: { [supplier.id]: String(contact.ContactID), [account.id]: '310' },
      existing: null,
      idempotencyKey: `send:${document.id}:1`,
      attachments: [file('a1', 'invoice ATT-1.pdf', bytes), file('a2', 'scan.pdf', big)],
    };
    const ctx = core.app.sync.connectorContext(connection);
    const [outcome] = await connector.sendDocuments(ctx, [outgoing]);
    expect(outcome).toMatchObject({ ok: true, message: expect.stringContaining('scan.pdf (larger than') });
    const [bill] = [...org.invoices.values()];
    const files = org.attachments.get(String(bill!.InvoiceID))!;
    expect(files.map((f) => f.FileName)).toEqual(['invoice ATT-1.pdf']);
    expect(Buffer.from(files[0]!.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(bill!.HasAttachments).toBe(true);

    // The same bill again in another batch (another Idempotency-Key, so Xero cannot replay it): it is found by its
    // supplier and number, and neither it nor its file is created twice.
    const [again] = await connector.sendDocuments(ctx, [
      { ...outgoing, idempotencyKey: `send:${document.id}:1:b` },
    ]);
    expect(again).toMatchObject({ ok: true, message: expect.stringContaining('not sent twice') });
    expect(again).toMatchObject({ ok: true, externalId: (outcome as { externalId: string }).externalId });
    expect(org.invoices.size).toBe(1);
    expect(org.attachments.get(String(bill!.InvoiceID))).toHaveLength(1);
  });
});

// Files on a document reach QuickBooks Online through the whole engine (issue 16): the first send uploads every
// file as an Attachable on the bill (multipart POST /upload, judged by the simulator against Intuit's schema); a
// revision's update uploads only the files added in it; a send after that uploads nothing; the document's files
// say where each went. A receipt is never sent: QuickBooks Online has no receipts, and nothing becomes a purchase
// order.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingDocument } from '../../../main/connectors/contract.js';
import { AppError } from '../../../main/domain/errors.js';
import { approve, connectCompany, oracleReady, startWorld, type QboWorld } from './harness.js';

const ready = oracleReady();
let world: QboWorld;
beforeEach(async () => {
  if (ready) world = await startWorld();
});
afterEach(async () => {
  await world?.close();
});

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function setUp(w: QboWorld) {
  const { core, sim, realm } = w;
  const { company, connection } = await connectCompany(w, { documentsToSend: ['invoice', 'purchase_order'] });
  const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
  const vendor = sim.seed(realm, 'Vendor', { DisplayName: 'Acme Supplies' });
  sim.seed(realm, 'Account', { Name: 'Job Materials', AccountType: 'Expense' });
  const account = await core.call('lists.create', {
    companyId: company.id,
    kind: 'account',
    name: 'Job Materials',
  });
  return { company, connection, supplier, vendor, account };
}

describe.skipIf(!ready)('QuickBooks Online: files on a document', () => {
  it('uploads every file on the first send, and on a revision’s update only the files it added', async () => {
    const { core, sim, realm } = world;
    const { company, connection, supplier, account } = await setUp(world);
    const draft = await core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'INV-77',
      date: '2026-11-05',
      lines: [{ description: 'Parts', quantity: '2', unitPrice: '15', accountId: account.id }],
    });
    const invoice = pdf('INV-77');
    const delivery = pdf('delivery note 77');
    await core.call('attachments.add', {
      documentId: draft.id,
      fileName: 'INV-77.pdf',
      contentBase64: b64(invoice),
    });
    await core.call('attachments.add', {
      documentId: draft.id,
      fileName: 'delivery note.pdf',
      contentBase64: b64(delivery),
    });
    await approve(core, draft.id);
    await core.app.sync.whenIdle();

    const bill = sim.records(realm, 'Bill')[0]!;
    expect(sim.uploads.map((u) => [u.fileName, u.sha256, u.entityRefs])).toEqual([
      ['INV-77.pdf', sha(invoice), [{ type: 'Bill', value: String(bill.Id) }]],
      ['delivery note.pdf', sha(delivery), [{ type: 'Bill', value: String(bill.Id) }]],
    ]);
    expect(sim.uploads.every((u) => u.contentType === 'application/pdf')).toBe(true);
    const sentFiles = await core.call('attachments.list', { documentId: draft.id });
    expect(sentFiles.map((f) => f.deliveries)).toEqual(
      sim.uploads.map((u) => [
        { connectionId: connection.id, status: 'sent', externalId: u.attachableId, at: expect.any(String) },
      ]),
    );
    // A file that went to QuickBooks stays here as it is there.
    await core.call('documents.revise', { id: draft.id });
    const listed = await core.call('attachments.list', { documentId: draft.id });
    expect(listed[0]!.keptBecause).toContain('It went to');

    // The revision: a new line amount and a credit note added.
    const credit = pdf('credit note 77');
    await core.call('documents.update', {
      id: draft.id,
      lines: [{ description: 'Parts', quantity: '2', unitPrice: '14', accountId: account.id }],
    });
    const added = await core.call('attachments.add', {
      documentId: draft.id,
      fileName: 'credit note.pdf',
      contentBase64: b64(credit),
    });
    expect(added.isNew).toBe(true);
    await approve(core, draft.id);
    await core.app.sync.whenIdle();

    const updated = sim.records(realm, 'Bill');
    expect(updated).toHaveLength(1);
    expect(updated[0]!.TotalAmt).toBe(28);
    expect(sim.uploads).toHaveLength(3);
    expect(sim.uploads[2]).toMatchObject({
      fileName: 'credit note.pdf',
      sha256: sha(credit),
      entityRefs: [{ type: 'Bill', value: String(bill.Id) }],
    });
    const doc = await core.call('documents.get', { id: draft.id });
    expect(doc.sync[0]).toMatchObject({
      status: 'sent',
      lastMessage: expect.stringMatching(
        /^Updated bill .* in QuickBooks Online \(total 28\.00\)\. Attached credit note\.pdf\.$/,
      ),
    });

    // Sending again by hand uploads nothing: every file is there already.
    await core.call('documents.send', { id: draft.id });
    await core.app.sync.whenIdle();
    expect(sim.uploads).toHaveLength(3);
    expect(sim.records(realm, 'Attachable')).toHaveLength(3);
    const files = await core.call('attachments.list', { documentId: draft.id });
    expect(files.every((f) => f.deliveries[0]?.status === 'sent')).toBe(true);
  });

  it('never sends a receipt: no queue on approval, the API refuses, the connector refuses', async () => {
    const { core, sim, realm, connector } = world;
    const { company, connection, supplier, vendor, account } = await setUp(world);
    await core.call('connections.update', {
      id: connection.id,
      settings: { documentsToSend: ['purchase_order', 'invoice', 'receipt'] },
    });
    const receipt = await core.call('documents.create', {
      companyId: company.id,
      type: 'receipt',
      supplierId: supplier.id,
      date: '2026-11-06',
      lines: [{ description: 'Parts received', quantity: '2', unitPrice: '15', accountId: account.id }],
    });
    const approved = await approve(core, receipt.id);
    await core.app.sync.whenIdle();
    expect(approved.sync).toEqual([]);
    expect(sim.records(realm, 'PurchaseOrder')).toHaveLength(0);

    let refusal: AppError | null = null;
    try {
      await core.call('documents.send', { id: receipt.id });
    } catch (error) {
      if (error instanceof AppError) refusal = error;
    }
    expect(refusal?.code).toBe('not_supported');
    expect(refusal?.userMessage).toContain(
      `QuickBooks Online has no receipts, so receipt ${receipt.number} is not sent there (and never as a purchase order).`,
    );
    expect(refusal?.userMessage).toContain('send the invoice as a bill');

    // Even handed to the connector directly, a receipt is refused, never mapped to a purchase order.
    const outgoing: OutgoingDocument = {
      document: approved,
      supplier: await core.call('suppliers.get', { id: supplier.id }),
      references: { [supplier.id]: String(vendor.Id) },
      existing: null,
      idempotencyKey: `send:${receipt.id}:0`,
      mayExist: false,
    };
    const [outcome] = await connector.sendDocuments(core.app.sync.connectorContext(connection), [outgoing]);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'needs_user' } });
    expect(outcome!.ok ? '' : outcome!.error.userMessage).toContain('QuickBooks Online has no receipts');
    expect(sim.records(realm, 'PurchaseOrder')).toHaveLength(0);

    const systems = await core.call('connections.systems', {});
    expect(systems.find((s) => s.system === 'quickbooks_online')).toMatchObject({
      documentTypes: ['purchase_order', 'service_order', 'invoice'],
      takesFiles: true,
    });
  });
});

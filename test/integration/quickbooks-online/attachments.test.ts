// A document's files go to QuickBooks as Attachables on the transaction created for it (multipart upload judged by
// the simulator against Intuit's schema), once: a retry after a lost answer adopts the bill without uploading again.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingDocument } from '../../../main/connectors/contract.js';
import { approve, connectCompany, oracleReady, startWorld, type QboWorld } from './harness.js';

const ready = oracleReady();
let world: QboWorld;
beforeEach(async () => {
  if (ready) world = await startWorld();
});
afterEach(async () => {
  await world?.close();
});

describe.skipIf(!ready)('QuickBooks Online: attachments', () => {
  it('uploads the files of a new bill as Attachables linked to it, and only once', async () => {
    const { core, sim, realm, connector } = world;
    const { company, connection } = await connectCompany(world, { documentsToSend: [] });
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    const vendor = sim.seed(realm, 'Vendor', { DisplayName: 'Acme Supplies' });
    const qboAccount = sim.seed(realm, 'Account', { Name: 'Job Materials', AccountType: 'Expense' });
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
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const outgoing: OutgoingDocument = {
      document,
      supplier: await core.call('suppliers.get', { id: supplier.id }),
      references: { [supplier.id]: String(vendor.Id), [account.id]: String(qboAccount.Id) },
      existing: null,
      idempotencyKey: `send:${document.id}:1`,
      attachments: [
        {
          id: 'a1',
          fileName: 'invoice ATT-1.pdf',
          mimeType: 'application/pdf',
          sha256,
          read: async () => bytes,
        },
      ],
    };
    const ctx = core.app.sync.connectorContext(connection);
    const [outcome] = await connector.sendDocuments(ctx, [outgoing]);
    expect(outcome).toMatchObject({ ok: true });
    const bill = sim.records(realm, 'Bill')[0]!;
    const attachables = sim.records(realm, 'Attachable');
    expect(attachables).toHaveLength(1);
    expect(attachables[0]).toMatchObject({
      FileName: 'invoice ATT-1.pdf',
      ContentType: 'application/pdf',
      Size: bytes.length,
      AttachableRef: [{ EntityRef: { type: 'Bill', value: bill.Id } }],
    });
    expect(sim.uploads.map((u) => u.sha256)).toEqual([sha256]);
    expect(outcome).toMatchObject({ files: [{ id: 'a1', status: 'sent', externalId: attachables[0]!.Id }] });

    const [again] = await connector.sendDocuments(ctx, [outgoing]);
    expect(again).toMatchObject({
      ok: true,
      externalId: bill.Id,
      message: expect.stringContaining('not sent twice'),
    });
    expect(sim.records(realm, 'Bill')).toHaveLength(1);
    // The upload is made again with the same requestid, which QuickBooks replays: the file is not attached twice.
    expect(sim.records(realm, 'Attachable')).toHaveLength(1);
  });
});

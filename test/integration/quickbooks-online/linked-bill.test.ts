// A bill that came from a purchase order links to it line by line (LinkedTxn with the PO line's Id), when the engine
// names the sent order (OutgoingDocument.linkedDocument): QuickBooks then marks the order's lines received.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertAttachment, sha256Of, storeFile } from '../../../main/capture/attachments.js';
import { DATABASE_FILE } from '../../../main/db/database.js';
import { approve, connectCompany, oracleReady, startWorld, type QboWorld } from './harness.js';

const ready = oracleReady();
let world: QboWorld;
beforeEach(async () => {
  if (ready) world = await startWorld();
});
afterEach(async () => {
  await world?.close();
});

describe.skipIf(!ready)('QuickBooks Online: a bill from a purchase order', () => {
  it('links each bill line to its purchase order line; the order closes when fully billed', async () => {
    const { core, sim, realm, connector } = world;
    const { company, connection } = await connectCompany(world);
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    sim.seed(realm, 'Account', { Name: 'Job Materials', AccountType: 'Expense' });
    const account = await core.call('lists.create', {
      companyId: company.id,
      kind: 'account',
      name: 'Job Materials',
    });
    const lines = [
      { description: 'Pipe', quantity: '10', unitPrice: '3.10', accountId: account.id },
      { description: 'Valve', quantity: '2', unitPrice: '14.25', accountId: account.id },
    ];
    const po = await core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      number: 'PO-77',
      supplierId: supplier.id,
      date: '2026-11-03',
      lines,
    });
    await approve(core, po.id);
    await core.app.sync.whenIdle();
    const poId = (await core.call('documents.get', { id: po.id })).sync[0]!.externalId!;

    await core.call('connections.update', { id: connection.id, settings: { documentsToSend: [] } });
    const invoice = await core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'INV-77',
      linkedDocumentId: po.id,
      date: '2026-11-06',
      lines,
    });
    const approved = await approve(core, invoice.id);
    const vendorId = (await core.call('suppliers.get', { id: supplier.id })).links[0]!.externalId;
    const qboAccount = sim.records(realm, 'Account').find((a) => a.Name === 'Job Materials')!;
    const [current] = (await core.call('connections.list', { companyId: company.id })).filter(
      (c) => c.id === connection.id,
    );
    const [outcome] = await connector.sendDocuments(core.app.sync.connectorContext(current!), [
      {
        document: approved,
        supplier: await core.call('suppliers.get', { id: supplier.id }),
        references: { [supplier.id]: vendorId, [account.id]: String(qboAccount.Id) },
        existing: null,
        idempotencyKey: `send:${approved.id}:0`,
        linkedDocument: { documentId: po.id, externalId: poId },
      },
    ]);
    expect(outcome).toMatchObject({ ok: true });
    const bill = sim.records(realm, 'Bill')[0]!;
    expect(bill.LinkedTxn).toEqual([{ TxnId: poId, TxnType: 'PurchaseOrder' }]);
    expect((bill.Line as { LinkedTxn: unknown }[]).map((l) => l.LinkedTxn)).toEqual([
      [{ TxnId: poId, TxnType: 'PurchaseOrder', TxnLineId: '1' }],
      [{ TxnId: poId, TxnType: 'PurchaseOrder', TxnLineId: '2' }],
    ]);
    const order = sim.get(realm, 'PurchaseOrder', poId)!;
    expect(order.POStatus).toBe('Closed');
    expect(order.LinkedTxn).toEqual([{ TxnId: bill.Id, TxnType: 'Bill' }]);
  });

  it('through the sync worker: the bill names its sent order and carries its file, uploaded once', async () => {
    const { core, sim, realm } = world;
    const { company } = await connectCompany(world);
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    sim.seed(realm, 'Account', { Name: 'Job Materials', AccountType: 'Expense' });
    const account = await core.call('lists.create', {
      companyId: company.id,
      kind: 'account',
      name: 'Job Materials',
    });
    const lines = [{ description: 'Pipe', quantity: '4', unitPrice: '2.50', accountId: account.id }];
    const po = await core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      number: 'PO-78',
      supplierId: supplier.id,
      date: '2026-11-03',
      lines,
    });
    await approve(core, po.id);
    await core.app.sync.whenIdle();
    const poId = (await core.call('documents.get', { id: po.id })).sync[0]!.externalId!;

    const invoice = await core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'INV-78',
      linkedDocumentId: po.id,
      date: '2026-11-06',
      lines,
    });
    // The file as invoice capture stores it: bytes under attachments/<sha256>, a row on the document.
    const bytes = new TextEncoder().encode('%PDF-1.4 supplier invoice INV-78\n');
    const sha256 = sha256Of(bytes);
    storeFile(core.dataDir, sha256, bytes);
    const db = new Database(path.join(core.dataDir, DATABASE_FILE));
    try {
      insertAttachment(db, {
        documentId: invoice.id,
        fileName: 'INV-78.pdf',
        sha256,
        size: bytes.length,
        mimeType: 'application/pdf',
      });
    } finally {
      db.close();
    }
    await approve(core, invoice.id);
    await core.app.sync.whenIdle();

    const sent = await core.call('documents.get', { id: invoice.id });
    expect(sent.sync[0]).toMatchObject({ status: 'sent' });
    const bill = sim.records(realm, 'Bill')[0]!;
    expect(bill.LinkedTxn).toEqual([{ TxnId: poId, TxnType: 'PurchaseOrder' }]);
    const attachables = sim.records(realm, 'Attachable');
    expect(attachables).toHaveLength(1);
    expect(attachables[0]).toMatchObject({ FileName: 'INV-78.pdf' });
  });
});

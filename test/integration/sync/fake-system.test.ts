// A new system needs no change to the API, the worker or the renderer: the Fake Ledger (test/simulators/fake-ledger)
// is registered next to the real systems, and a document approved for it goes approve → outbox → worker → send →
// synced, with its log entries, and a cancel voids it there. docs/adding-a-system.md is the checklist it follows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConnectors } from '../../../main/connectors/registry.js';
import { seedCompany, startCore, type TestCore } from '../../fixtures/core.js';
import { FakeBook, fakeLedgerConnector } from '../../simulators/fake-ledger/connector.js';

let core: TestCore;
let book: FakeBook;
beforeEach(async () => {
  book = new FakeBook();
  core = await startCore({ connectors: [...defaultConnectors, fakeLedgerConnector(book)] });
});
afterEach(async () => {
  await core.close();
});

describe('a system added through the registry alone', () => {
  it('is listed as an accounting system that the worker pushes to', async () => {
    const systems = await core.call('connections.systems', {});
    expect(systems.find((s) => s.system === 'fake_ledger')).toEqual({
      system: 'fake_ledger',
      label: 'Fake Ledger',
      role: 'accounting',
      delivery: 'push',
      capabilities: [],
      // A connector that states no types takes all four; one that does not say it takes files takes none.
      documentTypes: ['purchase_order', 'service_order', 'invoice', 'receipt'],
      takesFiles: false,
      // One that does not say which references it creates is asked for any.
      createsReferenceKinds: ['supplier', 'item', 'account', 'class', 'customer', 'tax_rate'],
    });
  });

  it('validates its own settings when a connection is made', async () => {
    const { company } = await seedCompany(core);
    await expect(
      core.call('connections.create', {
        companyId: company.id,
        system: 'fake_ledger',
        settings: { ledgerCode: 'general' },
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    const made = await core.call('connections.create', { companyId: company.id, system: 'fake_ledger' });
    expect(made.settings['ledgerCode']).toBe('GEN');
  });

  it('receives an approved document from the worker, and voids it on cancel', async () => {
    const { company, supplier } = await seedCompany(core);
    const connection = await core.call('connections.create', {
      companyId: company.id,
      system: 'fake_ledger',
      settings: { documentsToSend: ['purchase_order'] },
    });
    await core.call('connections.connect', { id: connection.id });
    const draft = await core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      number: 'PO-901',
      supplierId: supplier.id,
      date: '2026-11-03',
      lines: [{ description: 'Filters', quantity: '4', unitPrice: '12.50' }],
    });
    await core.call('documents.submit', { id: draft.id });
    await core.call('documents.approve', { id: draft.id });
    await core.app.sync.whenIdle();

    const sent = await core.call('documents.get', { id: draft.id });
    expect(sent.sync).toEqual([
      expect.objectContaining({
        connectionId: connection.id,
        status: 'sent',
        externalId: expect.any(String),
      }),
    ]);
    const externalId = sent.sync[0]!.externalId!;
    expect(book.documents.get(externalId)).toMatchObject({ number: 'PO-901', total: '50.00', voided: false });
    expect([...book.references.values()]).toEqual([{ kind: 'supplier', name: 'Acme Supplies' }]);
    const log = await core.call('log.list', { documentId: draft.id });
    expect(log.items.map((e) => [e.action, e.result])).toContainEqual(['send_document', 'success']);

    await core.call('documents.cancel', { id: draft.id });
    await core.app.sync.whenIdle();
    expect(book.documents.get(externalId)?.voided).toBe(true);
    const after = await core.call('log.list', { documentId: draft.id });
    expect(after.items.map((e) => [e.action, e.result])).toContainEqual(['cancel_document', 'success']);
  });
});

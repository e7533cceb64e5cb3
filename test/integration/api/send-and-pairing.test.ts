// Sending through the API with the test connector (no browser sign-in): manual send and resend after a failure,
// a document waiting for pairing while "Create missing records" is off, and released when it is turned on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedCompany, startCore, type TestCore } from '../../fixtures/core.js';
import { TestConnector } from '../../simulators/test-connector.js';

let core: TestCore;
let ledger: TestConnector;
beforeEach(async () => {
  ledger = new TestConnector();
  core = await startCore({ connectors: [ledger] });
});
afterEach(async () => {
  await core.close();
});

async function approvedOrder(companyId: string, supplierId: string, number: string) {
  const doc = await core.call('documents.create', {
    companyId,
    type: 'purchase_order',
    number,
    supplierId,
    date: '2026-11-03',
    lines: [{ description: 'Filters', quantity: '4', unitPrice: '12.50' }],
  });
  await core.call('documents.submit', { id: doc.id });
  return core.call('documents.approve', { id: doc.id });
}

describe('sending through the API', () => {
  it('waits for pairing while createMissing is off, and goes out once it is turned on', async () => {
    const { company, supplier } = await seedCompany(core);
    const connection = await core.call('connections.create', {
      companyId: company.id,
      system: 'test_ledger',
      settings: { createMissing: false, documentsToSend: ['purchase_order'] },
    });
    await core.call('connections.connect', { id: connection.id });
    const doc = await approvedOrder(company.id, supplier.id, 'PO-501');
    await core.app.sync.whenIdle();
    const waiting = await core.call('documents.get', { id: doc.id });
    expect(waiting.sync[0]).toMatchObject({
      status: 'waiting',
      lastMessage: expect.stringContaining('Pair it in Connections → Lists'),
    });
    expect(ledger.liveDocuments()).toHaveLength(0);
    // Waiting, not failed: in the list's badge and filter, and in a bulk send's progress.
    const listed = async (syncStatus: 'waiting' | 'failed') =>
      (await core.call('documents.list', { companyId: company.id, syncStatus })).items.map((d) => d.number);
    expect(await listed('waiting')).toEqual(['PO-501']);
    expect(await listed('failed')).toEqual([]);
    expect(await core.call('documents.sendProgress', { companyId: company.id, ids: [doc.id] })).toEqual([
      expect.objectContaining({
        syncStatus: 'waiting',
        stage: 'waiting',
        message: expect.stringContaining('Pair it in Connections → Lists'),
      }),
    ]);
    // And in the document's log: the entry reads as waiting, not as a failure.
    const logged = await core.call('log.list', { documentId: doc.id });
    expect(logged.items.filter((e) => e.message.includes('Pair it in')).map((e) => e.result)).toEqual([
      'waiting',
    ]);
    expect(logged.items.filter((e) => e.result === 'failure')).toEqual([]);
    expect(await core.call('log.list', { documentId: doc.id, result: 'waiting' })).toMatchObject({
      total: 1,
    });

    await core.call('connections.update', { id: connection.id, settings: { createMissing: true } });
    await core.app.sync.whenIdle();
    const sent = await core.call('documents.get', { id: doc.id });
    expect(sent.sync[0]?.status).toBe('sent');
    expect(ledger.liveDocuments().map((d) => d.number)).toEqual(['PO-501']);
    const supplierAfter = await core.call('suppliers.get', { id: supplier.id });
    expect(supplierAfter.links).toEqual([{ connectionId: connection.id, externalId: expect.any(String) }]);
  });

  it('goes out once the supplier is paired by hand, and refuses a pairing already taken', async () => {
    const { company, supplier } = await seedCompany(core);
    const other = await core.call('suppliers.create', { companyId: company.id, name: 'Other Supplies' });
    const vendorId = ledger.seed('supplier', 'ACME SUPPLIES INC');
    const connection = await core.call('connections.create', {
      companyId: company.id,
      system: 'test_ledger',
      settings: { createMissing: false },
    });
    await core.call('connections.connect', { id: connection.id });
    const doc = await approvedOrder(company.id, supplier.id, 'PO-503');
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: doc.id })).sync[0]?.status).toBe('waiting');

    const paired = await core.call('suppliers.pair', {
      id: supplier.id,
      connectionId: connection.id,
      externalId: vendorId,
    });
    expect(paired.links).toEqual([{ connectionId: connection.id, externalId: vendorId }]);
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: doc.id })).sync[0]?.status).toBe('sent');
    expect(ledger.liveDocuments()[0]?.supplierExternalId).toBe(vendorId);

    await expect(
      core.call('suppliers.pair', { id: other.id, connectionId: connection.id, externalId: vendorId }),
    ).rejects.toMatchObject({ code: 'conflict', userMessage: expect.stringContaining("'Acme Supplies'") });
  });

  it('sends by hand when the type is not sent automatically, and again after a failure', async () => {
    const { company, supplier } = await seedCompany(core);
    const connection = await core.call('connections.create', {
      companyId: company.id,
      system: 'test_ledger',
      settings: { documentsToSend: [] },
    });
    await core.call('connections.connect', { id: connection.id });
    const doc = await approvedOrder(company.id, supplier.id, 'PO-502');
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: doc.id })).sync).toEqual([]);

    ledger.rejectDocument('PO-502', 'The account for line 1 is closed.');
    await core.call('documents.send', { id: doc.id });
    await core.app.sync.whenIdle();
    const failed = await core.call('documents.get', { id: doc.id });
    expect(failed.sync[0]).toMatchObject({
      status: 'failed',
      lastMessage: 'The account for line 1 is closed.',
    });
    const list = await core.call('documents.list', { companyId: company.id, syncStatus: 'failed' });
    expect(list.items.map((d) => d.number)).toEqual(['PO-502']);

    ledger.clearRejection('PO-502');
    await core.call('documents.send', { id: doc.id, connectionId: connection.id });
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: doc.id })).sync[0]?.status).toBe('sent');
    const log = await core.call('log.list', { documentId: doc.id });
    expect(log.items.map((e) => e.result)).toEqual(expect.arrayContaining(['failure', 'success', 'info']));
  });

  it('refuses to send a document that is not approved', async () => {
    const { company, supplier } = await seedCompany(core);
    await core.call('connections.create', { companyId: company.id, system: 'test_ledger' });
    const draft = await core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      date: '2026-11-03',
      lines: [{ description: 'x', quantity: '1', unitPrice: '1' }],
    });
    await expect(core.call('documents.send', { id: draft.id })).rejects.toMatchObject({
      code: 'invalid_transition',
      userMessage: expect.stringContaining('approve it first'),
    });
  });
});

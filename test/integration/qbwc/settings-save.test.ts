// Saving a QuickBooks Desktop connection's settings leaves the documents that wait for a pairing waiting: the Web
// Connector, not the worker, sends for this system, so a document put back in the queue would only drop out of
// Needs pairing until the next run, which puts every waiting document back in the queue itself when it starts.
import { afterEach, describe, expect, it } from 'vitest';
import { QbdSimulator } from '../../simulators/quickbooks-desktop/simulator.js';
import { wsdlOracleAvailable } from '../../simulators/web-connector/fake-web-connector.js';
import { quickbooks, runUntilIdle, startQbwc, type QbwcHarness } from './harness.js';

const haveWsdl = wsdlOracleAvailable();
let h: QbwcHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.skipIf(!haveWsdl)('saving QuickBooks Desktop settings while a document waits for a pairing', () => {
  it('keeps it waiting, and in Needs pairing, until the next Web Connector run looks at it again', async () => {
    h = await startQbwc({
      settings: { documentsToSend: ['purchase_order'], importPayments: false, createMissing: false },
    });
    const core = h.core;
    const companyId = (await core.call('companies.list', {}))[0]!.id;
    const supplier = await core.call('suppliers.create', {
      companyId,
      name: 'Matai Timber',
      currency: 'USD',
    });
    const draft = await core.call('documents.create', {
      companyId,
      type: 'purchase_order',
      number: 'PO-6001',
      supplierId: supplier.id,
      date: '2026-11-02',
      currency: 'USD',
      lines: [{ description: 'Rimu boards', quantity: '4', unitPrice: '31.00' }],
    });
    await core.call('documents.submit', { id: draft.id });
    await core.call('documents.approve', { id: draft.id });
    const sim = new QbdSimulator({ companyName: 'Matai Joinery' });
    await runUntilIdle(h, quickbooks(sim));

    const state = async () => {
      const doc = await core.call('documents.get', { id: draft.id });
      const pairing = await core.call('lists.needsPairing', { connectionId: h!.connectionId });
      return {
        sync: doc.sync[0]?.status,
        waitingOn: pairing.map((p) => `${p.name}: ${p.documents.map((d) => d.number).join(', ')}`),
      };
    };
    const waiting = { sync: 'waiting', waitingOn: ['Matai Timber: PO-6001'] };
    expect(await state()).toEqual(waiting);

    // Settings that have nothing to do with it, then the vendor import turned on: it stays waiting, and listed.
    const connection = (await core.call('connections.list', { companyId })).find(
      (c) => c.id === h!.connectionId,
    )!;
    await core.call('connections.update', {
      id: h.connectionId,
      settings: { ...connection.settings, runEveryMinutes: 30, billCancel: 'void' },
    });
    expect(await state()).toEqual(waiting);
    await core.call('connections.update', { id: h.connectionId, settings: { importVendors: true } });
    expect(await state()).toEqual(waiting);

    // The next run looks at it again: still no vendor named like it, so it waits as before.
    await runUntilIdle(h, quickbooks(sim));
    expect(await state()).toEqual(waiting);
    expect(sim.purchaseOrdersByRef('PO-6001')).toHaveLength(0);
  });
});

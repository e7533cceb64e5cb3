// Which waiting documents make the Web Connector's authenticate answer "work to do". A bill that waits because
// QuickBooks refused Ledgerbridge's access is fixed in QuickBooks: it is work once the bookkeeper says access is
// allowed (qbd.retryAccess), not at every poll, where each run would be refused again and log it again. A bill that
// waits for a pairing is not work: no run pairs a supplier, and a session for it at every poll would change nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { QbdSimulator } from '../../simulators/quickbooks-desktop/simulator.js';
import {
  wsdlOracleAvailable,
  type QuickBooksStandIn,
} from '../../simulators/web-connector/fake-web-connector.js';
import { quickbooks, runUntilIdle, startQbwc, type QbwcHarness } from './harness.js';

const haveWsdl = wsdlOracleAvailable();
let h: QbwcHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function approvedBill(harness: QbwcHarness, supplierName: string, number: string): Promise<string> {
  const core = harness.core;
  const companyId = (await core.call('companies.list', {}))[0]!.id;
  const supplier = await core.call('suppliers.create', { companyId, name: supplierName, currency: 'USD' });
  const draft = await core.call('documents.create', {
    companyId,
    type: 'invoice',
    number,
    supplierInvoiceNumber: number,
    supplierId: supplier.id,
    date: '2026-11-02',
    currency: 'USD',
    lines: [{ description: 'Copper pipe 15 mm', quantity: '2', unitPrice: '12.50' }],
  });
  await core.call('documents.submit', { id: draft.id });
  await core.call('documents.approve', { id: draft.id });
  return draft.id;
}

async function connectionStatus(harness: QbwcHarness): Promise<string | undefined> {
  const companyId = (await harness.core.call('companies.list', {}))[0]!.id;
  const all = await harness.core.call('connections.list', { companyId });
  return all.find((c) => c.id === harness.connectionId)?.status;
}

async function syncOf(harness: QbwcHarness, id: string): Promise<string | undefined> {
  return (await harness.core.call('documents.get', { id })).sync[0]?.status;
}

describe.skipIf(!haveWsdl)('waiting documents and the Web Connector asking for work', () => {
  it('starts a session for a bill refused access once the bookkeeper says access is allowed, and sends it', async () => {
    h = await startQbwc({ settings: { documentsToSend: ['invoice'], importPayments: false } });
    const sim = new QbdSimulator({ companyName: 'Northwind Facilities' });
    await runUntilIdle(h, quickbooks(sim)); // the first run's list import

    const bill = await approvedBill(h, 'Acme Plumbing Supply', 'INV-3260');
    // QuickBooks refuses the BillAdd once (3260: the QuickBooks user may not do this).
    let refused = 0;
    const plain = quickbooks(sim);
    const refusing: QuickBooksStandIn = {
      ...plain,
      handle(xml) {
        const id = /<BillAddRq requestID="([^"]+)"/.exec(xml)?.[1];
        if (id && refused === 0) {
          refused += 1;
          sim.injectFault({
            kind: 'status',
            requestID: id,
            statusCode: 3260,
            statusMessage: 'Insufficient permission level to perform this action.',
          });
        }
        return plain.handle(xml);
      },
    };
    const refusedRun = await h.webConnector(refusing).runSession();
    expect(refusedRun.auth[1]).not.toBe('none');
    expect(refused).toBe(1);
    expect(await syncOf(h, bill)).toBe('waiting');
    expect(await connectionStatus(h)).toBe('needs_reconnect');
    expect(sim.billsByRef('INV-3260')).toHaveLength(0);

    // Until something changes, the Web Connector's polls are told there is nothing to do.
    h.clock.advance(60_000);
    expect((await h.webConnector(plain).runSession()).auth[1]).toBe('none');
    expect(await syncOf(h, bill)).toBe('waiting');

    // The bookkeeper gives Ledgerbridge access in QuickBooks and says so; the next run is told there is work.
    expect(await h.core.call('qbd.retryAccess', { connectionId: h.connectionId })).toMatchObject({
      queued: 1,
    });
    h.clock.advance(60_000);
    const next = await h.webConnector(plain).runSession();
    expect(next.auth[1]).not.toBe('none');
    expect(sim.billsByRef('INV-3260')).toHaveLength(1);
    expect(await syncOf(h, bill)).toBe('sent');
    expect(await connectionStatus(h)).toBe('connected');

    h.clock.advance(60_000);
    expect((await h.webConnector(plain).runSession()).auth[1]).toBe('none');
  });

  it('is told there is nothing to do while the only bill waits for a pairing', async () => {
    h = await startQbwc({
      settings: { documentsToSend: ['invoice'], importPayments: false, createMissing: false },
    });
    const sim = new QbdSimulator({ companyName: 'Northwind Facilities' });
    const bill = await approvedBill(h, 'Matai Timber', 'INV-6001');
    await runUntilIdle(h, quickbooks(sim));
    expect(await syncOf(h, bill)).toBe('waiting');

    h.clock.advance(60_000);
    expect((await h.webConnector(quickbooks(sim)).runSession()).auth[1]).toBe('none');
    expect(sim.billsByRef('INV-6001')).toHaveLength(0);
  });
});

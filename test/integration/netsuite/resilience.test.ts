// NetSuite's failure modes: OAuth 2.0 client credentials (JWT assertion verified by the simulator, one token for
// concurrent requests, minted again when refused), a lost answer after a write (no duplicate on retry), throttling,
// the health check naming a missing permission, and plain-language messages for a closed period, an inactive
// reference and a bill NetSuite will not delete.
import { afterEach, describe, expect, it } from 'vitest';
import { approve, connectCompany, oracleReady, setUp, startWorld, type NsWorld } from './harness.js';

const ready = oracleReady();
let world: NsWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function purchaseOrder(
  w: NsWorld,
  s: Awaited<ReturnType<typeof setUp>>,
  number: string,
  date = '2026-11-03',
) {
  const po = await w.core.call('documents.create', {
    companyId: s.company.id,
    type: 'purchase_order',
    number,
    supplierId: s.supplier.id,
    date,
    lines: [
      { description: 'Filters', quantity: '3', unitPrice: '12.99', itemId: s.item.id },
      { description: 'Freight', quantity: '1', unitPrice: '10.01', accountId: s.account.id },
    ],
  });
  await approve(w.core, po.id);
  await w.core.app.sync.whenIdle();
  return w.core.call('documents.get', { id: po.id });
}

describe.skipIf(!ready)('NetSuite: sign-in and failures', () => {
  for (const alg of ['PS256', 'ES256'] as const) {
    it(`signs in with OAuth 2.0 client credentials (${alg} assertion) and mints one token for many requests`, async () => {
      world = await startWorld(alg);
      const s = await setUp(world, 'oauth2-client-credentials');
      const sent = await purchaseOrder(world, s, 'PO-M2M-1');
      expect(sent.sync[0]).toMatchObject({ status: 'sent' });
      expect(world.sim.stats.tokensIssued).toBe(1);
      expect(world.sim.stats.signaturesChecked).toBe(0);
      // NetSuite stops accepting the token: one new assertion, then the send goes through.
      world.sim.revokeAccessTokens();
      const again = await purchaseOrder(world, s, 'PO-M2M-2');
      expect(again.sync[0]).toMatchObject({ status: 'sent' });
      expect(world.sim.stats.tokensIssued).toBe(2);
    });
  }

  it('keeps the credentials in the keychain, never in the connection', async () => {
    world = await startWorld();
    const { company, connection } = await connectCompany(world, 'oauth2-client-credentials');
    const listed = JSON.stringify(await world.core.call('connections.list', { companyId: company.id }));
    expect(listed).not.toContain('PRIVATE KEY');
    expect(connection.credentialNames.sort()).toEqual(['certificateId', 'clientId', 'privateKeyPem']);
  });

  it('a write whose answer was lost is not made twice: the order is upserted, the bill found by external id', async () => {
    world = await startWorld();
    const s = await setUp(world);
    // The first vendor upsert loses its answer too: the retry updates the same vendor.
    world.sim.dropNextWriteAnswer = true;
    await purchaseOrder(world, s, 'PO-LOST-0');
    expect(world.sim.dropNextWriteAnswer).toBe(false);
    expect(world.sim.list('vendor')).toHaveLength(1);
    world.sim.dropNextWriteAnswer = true;
    const po = await purchaseOrder(world, s, 'PO-LOST-1');
    expect(world.sim.dropNextWriteAnswer).toBe(false);
    expect(po.sync[0]).toMatchObject({ status: 'sent' });
    expect(world.sim.list('purchaseOrder').map((o) => o.tranId)).toEqual(['PO-LOST-0', 'PO-LOST-1']);

    world.sim.dropNextWriteAnswer = true;
    const bill = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'invoice',
      number: 'INV-LOST',
      supplierInvoiceNumber: 'ACME-LOST',
      supplierId: s.supplier.id,
      date: '2026-11-09',
      linkedDocumentId: po.id,
      lines: [{ description: 'Filters', quantity: '3', unitPrice: '12.99', itemId: s.item.id }],
    });
    await approve(world.core, bill.id);
    await world.core.app.sync.whenIdle();
    expect(world.sim.dropNextWriteAnswer).toBe(false);
    const sentBill = await world.core.call('documents.get', { id: bill.id });
    expect(sentBill.sync[0]).toMatchObject({
      status: 'sent',
      externalId: world.sim.list('vendorBill')[0]!.id,
    });
    expect(world.sim.list('vendorBill')).toHaveLength(1);
  });

  it('waits and retries when NetSuite answers 429, keeping few requests in flight', async () => {
    world = await startWorld();
    const s = await setUp(world);
    world.sim.throttleNext = 1;
    const po = await purchaseOrder(world, s, 'PO-429');
    expect(po.sync[0]).toMatchObject({ status: 'sent' });
    expect(world.sim.stats.throttled).toBe(1);
    expect(world.sim.stats.maxInFlight).toBeLessThanOrEqual(3);
  });

  it('the health check names the permission the role lacks', async () => {
    world = await startWorld();
    const { connection } = await connectCompany(world);
    world.sim.deniedPermissions.add('Transactions -> Bills');
    const test = await world.core.call('connections.test', { id: connection.id });
    expect(test.ok).toBe(false);
    expect(test.message).toContain("'Transactions -> Bills' permission");
    expect(test.message).toContain('Manage Roles');
  });

  it('explains a closed posting period and an inactive reference, with the fix', async () => {
    world = await startWorld();
    const s = await setUp(world);
    world.sim.closedPeriods.add('2026-09');
    const closed = await purchaseOrder(world, s, 'PO-CLOSED', '2026-09-15');
    expect(closed.sync[0]!.status).toBe('failed');
    expect(closed.sync[0]!.lastMessage).toContain('closed or locked posting period');
    expect(closed.sync[0]!.lastMessage).toContain('Manage Accounting Periods');

    world.sim.tables.get('item')!.find((r) => r.id === s.nsItem)!.isinactive = 'T';
    const inactive = await purchaseOrder(world, s, 'PO-INACTIVE');
    expect(inactive.sync[0]!.status).toBe('failed');
    expect(inactive.sync[0]!.lastMessage).toContain('is inactive, deleted or not available');
    // Named by our line, not by NetSuite's sublist path (item.items[0].item).
    expect(inactive.sync[0]!.lastMessage).toContain('the item on line 1 is inactive');
  });

  it('deletes a bill on cancel, and says what to do when NetSuite refuses because it is paid', async () => {
    world = await startWorld();
    const s = await setUp(world);
    const make = async (number: string) => {
      const bill = await world!.core.call('documents.create', {
        companyId: s.company.id,
        type: 'invoice',
        number,
        supplierInvoiceNumber: number,
        supplierId: s.supplier.id,
        date: '2026-11-05',
        lines: [{ description: 'Filters', quantity: '2', unitPrice: '12.99', itemId: s.item.id }],
      });
      await approve(world!.core, bill.id);
      await world!.core.app.sync.whenIdle();
      return bill;
    };
    const unpaid = await make('B-1');
    const paid = await make('B-2');
    const paidId = world.sim.find('vendorBill', `eid:lb-${paid.id}`)!.id;
    world.sim.payBills({ [paidId]: 25.98 }, '2026-11-20');

    await world.core.call('documents.cancel', { id: unpaid.id });
    await world.core.app.sync.whenIdle();
    expect(world.sim.find('vendorBill', `eid:lb-${unpaid.id}`)).toBeUndefined();

    await world.core.call('documents.cancel', { id: paid.id });
    await world.core.app.sync.whenIdle();
    expect(world.sim.find('vendorBill', `eid:lb-${paid.id}`)).toBeDefined();
    const refused = await world.core.call('documents.get', { id: paid.id });
    expect(refused.sync[0]!.lastMessage).toContain('delete or void the payment in NetSuite first');
  });

  it('says what to do when NetSuite will not close an order that was already billed', async () => {
    world = await startWorld();
    const s = await setUp(world);
    const po = await purchaseOrder(world, s, 'PO-BILLED');
    const bill = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'invoice',
      number: 'INV-BILLED',
      supplierInvoiceNumber: 'ACME-BILLED',
      supplierId: s.supplier.id,
      date: '2026-11-09',
      linkedDocumentId: po.id,
      lines: [
        { description: 'Filters', quantity: '3', unitPrice: '12.99', itemId: s.item.id },
        { description: 'Freight', quantity: '1', unitPrice: '10.01', accountId: s.account.id },
      ],
    });
    await approve(world.core, bill.id);
    await world.core.app.sync.whenIdle();
    const billed = await world.core.call('documents.get', { id: bill.id });
    expect(billed.sync[0]!.status).toBe('sent');
    expect(world.sim.list('purchaseOrder')[0]!.status).toBe('Fully Billed');
    await world.core.call('documents.cancel', { id: po.id });
    await world.core.app.sync.whenIdle();
    const refused = await world.core.call('documents.get', { id: po.id });
    expect(refused.sync[0]!.lastMessage).toContain('NetSuite did not close purchase order PO-BILLED');
    expect(refused.sync[0]!.lastMessage).toContain('fully billed');
    expect(world.sim.list('purchaseOrder')[0]!.status).toBe('Fully Billed');
  });

  it('refuses to connect with a certificate NetSuite does not know, saying where to map it', async () => {
    world = await startWorld();
    world.sim.m2m.clear();
    const company = await world.core.call('companies.create', { name: 'Other', baseCurrency: 'USD' });
    const connection = await world.core.call('connections.create', {
      companyId: company.id,
      system: 'netsuite',
      settings: world.sim.connectionSettings('oauth2-client-credentials'),
      credentials: { clientId: 'm2m', certificateId: 'unknown', privateKeyPem: world.privateKeyPem },
    });
    await expect(world.core.call('connections.connect', { id: connection.id })).rejects.toThrow(
      /OAuth 2.0 Client Credentials \(M2M\) Setup/,
    );
    expect(world.sim.stats.tokensIssued).toBe(0);
  });
});

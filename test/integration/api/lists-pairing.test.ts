// Pairing by hand on the Lists page when the system has several records of a reference's name: the engine never
// guesses, the document fails needing the bookkeeper, and the Lists page lists it under Needs pairing. Creating yet
// another there is refused; pairing with the right one (an entry imported from the system) sends the document
// again, by itself, with that record.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ConnectorContext,
  ExternalListEntry,
  ListPage,
  ListKindName,
  OutgoingDocument,
  SendOutcome,
} from '../../../main/connectors/contract.js';
import { seedCompany, startCore, type TestCore } from '../../fixtures/core.js';
import { TestConnector } from '../../simulators/test-connector.js';

/** The test ledger with a chart of accounts to import, remembering the references each sent document carried. */
class ListingLedger extends TestConnector {
  readonly accounts: ExternalListEntry[] = [];
  readonly sentReferences: Record<string, string>[] = [];

  addAccount(name: string): string {
    const externalId = this.seed('account', name);
    this.accounts.push({
      kind: 'account',
      externalId,
      name,
      code: null,
      parentExternalId: null,
      active: true,
      data: {},
    });
    return externalId;
  }

  async readListPage(_ctx: ConnectorContext, kind: ListKindName): Promise<ListPage> {
    const entries = this.accounts.filter((a) => a.kind === kind);
    return { entries, next: null, total: entries.length };
  }

  override async sendDocuments(ctx: ConnectorContext, documents: OutgoingDocument[]): Promise<SendOutcome[]> {
    this.sentReferences.push(...documents.map((d) => d.references));
    return super.sendDocuments(ctx, documents);
  }
}

let core: TestCore;
let ledger: ListingLedger;
beforeEach(async () => {
  ledger = new ListingLedger();
  core = await startCore({ connectors: [ledger] });
});
afterEach(async () => {
  await core.close();
});

describe('pairing by hand on the Lists page', () => {
  it('sends a document that failed on several records of one name once it is paired with the right one', async () => {
    const { company, supplier } = await seedCompany(core);
    ledger.addAccount('Fuel');
    const second = ledger.addAccount('Fuel');
    const connection = await core.call('connections.create', {
      companyId: company.id,
      system: 'test_ledger',
      settings: { documentsToSend: ['purchase_order'] },
    });
    await core.call('connections.connect', { id: connection.id });
    const imported = await core.call('lists.importKind', {
      connectionId: connection.id,
      kind: 'account',
      mode: 'new',
    });
    expect(imported).toMatchObject({ seen: 2, added: 2 });
    const fuel = await core.call('lists.create', { companyId: company.id, kind: 'account', name: 'Fuel' });
    const doc = await core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      number: 'PO-901',
      supplierId: supplier.id,
      date: '2026-11-03',
      lines: [{ description: 'Diesel', quantity: '1', unitPrice: '50.00', accountId: fuel.id }],
    });
    await core.call('documents.submit', { id: doc.id });
    await core.call('documents.approve', { id: doc.id });
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: doc.id })).sync[0]).toMatchObject({
      status: 'failed',
      lastMessage: expect.stringContaining('Pair the account by hand in Connections → Lists'),
    });

    const [need, ...rest] = await core.call('lists.needsPairing', { connectionId: connection.id });
    expect(rest).toEqual([]);
    expect(need).toMatchObject({
      kind: 'account',
      name: 'Fuel',
      entityType: 'list_entry',
      entityId: fuel.id,
    });
    expect(need!.documents).toEqual([
      expect.objectContaining({ id: doc.id, number: 'PO-901', held: 'failed' }),
    ]);
    await expect(
      core.call('lists.createExternal', {
        connectionId: connection.id,
        entityType: 'list_entry',
        entityId: fuel.id,
      }),
    ).rejects.toThrow(/creating another would make it worse/);

    const mirrored = (await core.call('lists.entries', { connectionId: connection.id, kind: 'account' }))
      .items;
    const right = mirrored.find((e) => e.externalId === second)!;
    const paired = await core.call('lists.pair', {
      connectionId: connection.id,
      entityType: 'list_entry',
      entityId: fuel.id,
      entryId: right.id,
    });
    expect(paired).toMatchObject({ released: 1, externalId: second });
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: doc.id })).sync[0]?.status).toBe('sent');
    expect(ledger.sentReferences.at(-1)?.[fuel.id]).toBe(second);
    expect(await core.call('lists.needsPairing', { connectionId: connection.id })).toEqual([]);
  });
});

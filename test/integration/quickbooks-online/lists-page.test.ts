// The Lists page's methods against QuickBooks Online: one list imported as "Import new" (entries not yet mirrored
// added, those mirrored left alone) and as "Update existing" (those mirrored refreshed, none added), with counts,
// last import and a search by full name; an entry hidden from the pickers (lists.list leaves it out) and shown
// again; and pairing by hand: a document waiting on an account with no counterpart goes out once the account is
// paired with a mirrored one, or created in QuickBooks from the page.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quickBooksOnlineDescriptor } from '../../../main/connectors/quickbooks-online/descriptor.js';
import { ListKind } from '../../../preload/schemas.js';
import { approve, connectCompany, oracleReady, startWorld, type QboWorld } from './harness.js';

const ready = oracleReady();
let world: QboWorld;
beforeEach(async () => {
  if (ready) world = await startWorld();
});
afterEach(async () => {
  await world?.close();
});

type Rec = Record<string, unknown>;

describe.skipIf(!ready)('QuickBooks Online: the Lists page', () => {
  it('offers the lists QuickBooks has, each what the import of every list produces, and no other', async () => {
    const { sim, realm, core } = world;
    sim.seed(realm, 'Class', { Name: 'Plumbing' });
    sim.seed(realm, 'Department', { Name: 'North' });
    sim.seed(realm, 'Customer', { DisplayName: 'Harbor Mall' });
    sim.seed(realm, 'Item', { Name: 'Copper pipe', Type: 'NonInventory' });
    sim.seed(realm, 'TaxAgency', { DisplayName: 'HMRC' });
    sim.seed(realm, 'TaxRate', { Name: 'VAT 20%', RateValue: 20 });
    sim.seed(realm, 'TaxCode', { Name: '20.0% S' });
    sim.seed(realm, 'Term', { Name: 'Net 30', DueDays: 30 });
    const { connection } = await connectCompany(world);
    const overview = await core.call('lists.overview', { connectionId: connection.id });
    expect(overview).toMatchObject({ lists: [], kinds: quickBooksOnlineDescriptor.listKinds });
    // QuickBooks calls its locations departments: asked for either, they are mirrored as locations.
    const everything = await core.call('lists.import', {
      connectionId: connection.id,
      kinds: ListKind.options,
    });
    expect(Object.keys(everything.byKind).sort()).toEqual([...quickBooksOnlineDescriptor.listKinds].sort());
  });

  it('imports new entries and updates existing ones of one list, apart', async () => {
    const { sim, realm, core } = world;
    const expense = { AccountType: 'Expense', Classification: 'Expense' };
    const utilities = sim.seed(realm, 'Account', { Name: 'Utilities', ...expense });
    const gas = sim.seed(realm, 'Account', {
      Name: 'Gas',
      FullyQualifiedName: 'Utilities:Gas',
      SubAccount: true,
      ParentRef: { value: utilities.Id },
      ...expense,
    });
    sim.seed(realm, 'Class', { Name: 'Plumbing', FullyQualifiedName: 'Plumbing' });
    const { company, connection } = await connectCompany(world);
    // The realm starts with accounts of its own.
    const inQuickBooks = () => sim.records(realm, 'Account').length;
    const start = inQuickBooks();

    const before = await core.call('lists.overview', { connectionId: connection.id });
    expect(before).toMatchObject({ name: connection.name, session: false, sessionHint: null, lists: [] });

    const first = await core.call('lists.importKind', {
      connectionId: connection.id,
      kind: 'account',
      mode: 'new',
    });
    expect(first).toMatchObject({ kind: 'account', seen: start, added: start, updated: 0, queued: false });
    const overview = await core.call('lists.overview', { connectionId: connection.id });
    // Only the list asked for was read: classes are not mirrored yet.
    expect(overview.lists.map((l) => l.kind)).toEqual(['account']);
    expect(overview.lists[0]).toMatchObject({ count: start, active: start, hidden: 0 });
    expect(overview.lists[0]!.lastImport).toMatchObject({ mode: 'new', seen: start, added: start });

    // Changed in QuickBooks: Gas renamed, a new account added.
    sim.edit(realm, 'Account', String(gas.Id), {
      Name: 'Gas and heating',
      FullyQualifiedName: 'Utilities:Gas and heating',
    });
    const fuel = sim.seed(realm, 'Account', { Name: 'Fuel', ...expense });

    const added = await core.call('lists.importKind', {
      connectionId: connection.id,
      kind: 'account',
      mode: 'new',
    });
    expect(added).toMatchObject({ seen: start + 1, added: 1, updated: 0 });
    const names = async (search?: string) =>
      (await core.call('lists.entries', { connectionId: connection.id, kind: 'account', search })).items.map(
        (e) => e.fullName,
      );
    // Import new leaves the entries already mirrored as they were.
    expect(await names()).toContain('Utilities:Gas');
    expect(await names()).toContain('Fuel');

    const updated = await core.call('lists.importKind', {
      connectionId: connection.id,
      kind: 'account',
      mode: 'update',
    });
    expect(updated).toMatchObject({ seen: start + 1, added: 0, updated: 1 });
    expect(await names()).toContain('Utilities:Gas and heating');
    expect(await names()).not.toContain('Utilities:Gas');
    expect(await names('heat')).toEqual(['Utilities:Gas and heating']);
    expect(await names('utilities gas')).toEqual(['Utilities:Gas and heating']);

    // Update existing adds nothing, even what is new there.
    sim.seed(realm, 'Account', { Name: 'Tolls', ...expense });
    const noNew = await core.call('lists.importKind', {
      connectionId: connection.id,
      kind: 'account',
      mode: 'update',
    });
    expect(noNew).toMatchObject({ seen: start + 2, added: 0, updated: 0 });
    expect(await names()).not.toContain('Tolls');

    // Hidden from the pickers, still listed on the page, and offered again once unhidden.
    const fuelEntry = (
      await core.call('lists.entries', { connectionId: connection.id, kind: 'account', search: 'fuel' })
    ).items[0]!;
    expect(fuelEntry.externalId).toBe(fuel.Id);
    await core.call('lists.setHidden', { id: fuelEntry.id, hidden: true });
    const picker = await core.call('lists.list', { companyId: company.id, kind: 'account' });
    expect(picker.map((e) => e.name)).not.toContain('Fuel');
    const all = await core.call('lists.list', {
      companyId: company.id,
      kind: 'account',
      includeHidden: true,
    });
    expect(all.find((e) => e.name === 'Fuel')?.hidden).toBe(true);
    expect(
      (await core.call('lists.entries', { connectionId: connection.id, kind: 'account', search: 'fuel' }))
        .items[0]?.hidden,
    ).toBe(true);
    expect((await core.call('lists.overview', { connectionId: connection.id })).lists[0]?.hidden).toBe(1);
    // Hiding is ours alone: QuickBooks still has it active.
    expect(sim.records(realm, 'Account').find((a) => a.Id === fuel.Id)?.Active).not.toBe(false);
    await core.call('lists.setHidden', { id: fuelEntry.id, hidden: false });
    expect(
      (await core.call('lists.list', { companyId: company.id, kind: 'account' })).map((e) => e.name),
    ).toContain('Fuel');
    await expect(core.call('lists.setHidden', { id: 'no-such-entry', hidden: true })).rejects.toThrow(
      /Reload the Lists page/,
    );
  });

  it('releases a document waiting on an account once it is paired, or created in QuickBooks from the page', async () => {
    const { sim, realm, core } = world;
    const expense = { AccountType: 'Expense', Classification: 'Expense' };
    const fuel = sim.seed(realm, 'Account', { Name: 'Fuel', ...expense });
    sim.seed(realm, 'Vendor', { DisplayName: 'Acme Supplies' });
    const { company, connection } = await connectCompany(world, {
      createMissing: false,
      documentsToSend: ['purchase_order'],
    });
    await core.call('lists.importKind', { connectionId: connection.id, kind: 'account', mode: 'new' });
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    // Accounts made here (an import from a spreadsheet, say), not in QuickBooks.
    const surcharge = await core.call('lists.create', {
      companyId: company.id,
      kind: 'account',
      name: 'Fuel surcharge',
    });
    const trailer = await core.call('lists.create', {
      companyId: company.id,
      kind: 'account',
      name: 'Trailer hire',
    });
    const commercial = await core.call('lists.create', {
      companyId: company.id,
      kind: 'class',
      name: 'Commercial',
    });
    const order = async (number: string, accountId: string, classId?: string) => {
      const doc = await core.call('documents.create', {
        companyId: company.id,
        type: 'purchase_order',
        number,
        supplierId: supplier.id,
        date: '2026-11-03',
        lines: [{ description: 'Diesel', quantity: '1', unitPrice: '80.00', accountId, classId }],
      });
      return approve(core, doc.id);
    };
    const a = await order('PO-701', surcharge.id);
    const b = await order('PO-702', surcharge.id);
    const c = await order('PO-703', surcharge.id, commercial.id);
    await core.app.sync.whenIdle();
    const waiting = await core.call('documents.get', { id: a.id });
    expect(waiting.sync[0]).toMatchObject({
      status: 'waiting',
      lastMessage: expect.stringContaining('Pair it in Connections → Lists'),
    });

    const needs = await core.call('lists.needsPairing', { connectionId: connection.id });
    expect(needs.map((n) => [n.kind, n.name, n.documents.map((d) => d.number)])).toEqual([
      ['account', 'Fuel surcharge', ['PO-701', 'PO-702', 'PO-703']],
    ]);
    expect(needs[0]!.pairWith).toEqual(['account']);

    const fuelEntry = (
      await core.call('lists.entries', { connectionId: connection.id, kind: 'account' })
    ).items.find((e) => e.name === 'Fuel')!;
    // An entry of another kind, or not from this connection, is refused with what to do.
    await expect(
      core.call('lists.pair', {
        connectionId: connection.id,
        entityType: 'list_entry',
        entityId: surcharge.id,
        entryId: trailer.id,
      }),
    ).rejects.toThrow(/Choose an entry imported from/);
    const paired = await core.call('lists.pair', {
      connectionId: connection.id,
      entityType: 'list_entry',
      entityId: surcharge.id,
      entryId: fuelEntry.id,
    });
    expect(paired).toMatchObject({ externalId: fuel.Id, name: 'Fuel' });
    expect(paired.released).toBe(3);
    await core.app.sync.whenIdle();
    for (const id of [a.id, b.id])
      expect((await core.call('documents.get', { id })).sync[0]?.status).toBe('sent');
    const orders = sim.records(realm, 'PurchaseOrder');
    const accountOf = (o: Rec) =>
      ((o.Line as Rec[])[0]!.AccountBasedExpenseLineDetail as { AccountRef: { value: string } }).AccountRef
        .value;
    expect(orders.map(accountOf)).toEqual([fuel.Id, fuel.Id]);
    // PO-703 went on, and now waits on its next reference without a counterpart: its class.
    expect((await core.call('documents.get', { id: c.id })).sync[0]?.status).toBe('waiting');
    const next = await core.call('lists.needsPairing', { connectionId: connection.id });
    expect(next.map((n) => [n.kind, n.name, n.documents.map((d) => d.number)])).toEqual([
      ['class', 'Commercial', ['PO-703']],
    ]);

    // QuickBooks takes no new account from here (accounting configuration): the message says what to do.
    const bogus = await order('PO-704', trailer.id);
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: bogus.id })).sync[0]?.status).toBe('waiting');
    await expect(
      core.call('lists.createExternal', {
        connectionId: connection.id,
        entityType: 'list_entry',
        entityId: trailer.id,
      }),
    ).rejects.toThrow(/Create it in QuickBooks \(or choose an existing one\)/);

    const created = await core.call('lists.createExternal', {
      connectionId: connection.id,
      entityType: 'list_entry',
      entityId: commercial.id,
    });
    expect(created.name).toBe('Commercial');
    const klass = sim.records(realm, 'Class').find((r) => r.Name === 'Commercial');
    expect(klass?.Id).toBe(created.externalId);
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: c.id })).sync[0]?.status).toBe('sent');
    const sent = sim.records(realm, 'PurchaseOrder').find((o) => o.DocNumber === 'PO-703')!;
    expect(((sent.Line as Rec[])[0]!.AccountBasedExpenseLineDetail as Rec).ClassRef).toMatchObject({
      value: klass!.Id,
    });
    expect(
      (await core.call('lists.needsPairing', { connectionId: connection.id })).map((n) => n.name),
    ).toEqual(['Trailer hire']);
    await expect(
      core.call('lists.createExternal', {
        connectionId: connection.id,
        entityType: 'list_entry',
        entityId: commercial.id,
      }),
    ).rejects.toThrow(/No document is waiting on that any more/);
  });
});

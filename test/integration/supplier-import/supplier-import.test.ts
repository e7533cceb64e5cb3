// Supplier import of a large list (issue 18) against each system's simulator: the list read in pages as the
// system pages it (QuickBooks Online STARTPOSITION/MAXRESULTS, Xero page/pageSize, NetSuite SuiteQL offset/limit),
// progress after every page, records with optional fields missing, and an import stopped in the middle — by a
// failed page, or by the app stopping — that continues after the last page written, with no supplier twice and
// none lost. Small pages keep the lists short; bench/supplier-import.ts reads 20,000.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../preload/contract.js';
import { ready, startImportWorld, type ImportWorld, type SystemName } from './worlds.js';

const COUNT = 260;
const PAGE = 50;
/** seedVendor marks every 50th inactive: they are not imported (nothing here knew them). */
const INACTIVE = Math.floor(COUNT / 50);

let world: ImportWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function suppliersOf(w: ImportWorld) {
  const all = [];
  for (let offset = 0; ; offset += 500) {
    const page = await w.core.call('suppliers.list', { companyId: w.companyId, limit: 500, offset });
    all.push(...page.items);
    if (page.items.length < 500) return all;
  }
}

function progressOf(w: ImportWorld): { events: Extract<AppEvent, { type: 'progress' }>[]; off(): void } {
  const events: Extract<AppEvent, { type: 'progress' }>[] = [];
  const off = w.core.app.onEvent((e) => {
    if (e.type === 'progress' && e.task === `suppliers.import:${w.connectionId}`) events.push(e);
  });
  return { events, off };
}

const systems: SystemName[] = ['quickbooks_online', 'xero', 'netsuite'];

describe.each(systems)('supplier import from %s', (system) => {
  const skip = !ready[system]();

  it.skipIf(skip)(
    'reads the whole list in pages, with progress, and imports each supplier once',
    async () => {
      world = await startImportWorld(system, COUNT);
      const w = world;
      // One of ours already has a vendor's name: it is paired, not duplicated.
      const ours = await w.core.call('suppliers.create', { companyId: w.companyId, name: 'Vendor 00007' });
      const before = w.requests();
      const progress = progressOf(w);
      const { run, queued } = await w.core.call('suppliers.import', {
        connectionId: w.connectionId,
        pageSize: PAGE,
      });
      progress.off();
      expect(queued).toBe(false);
      const pages = Math.ceil(COUNT / PAGE) + (COUNT % PAGE === 0 ? 1 : 0);
      expect(run).toMatchObject({
        status: 'finished',
        pagesDone: pages,
        entriesRead: COUNT,
        total: COUNT,
        added: COUNT - INACTIVE - 1,
        matched: 1,
        skipped: INACTIVE,
      });
      expect(run!.skippedNames[0]).toEqual({
        name: 'Vendor 00049',
        reason: expect.stringContaining('inactive'),
      });
      // One request a page, and QuickBooks Online's count(*) for the total.
      const requests = w.requests() - before;
      expect(run!.requests).toBe(requests);
      expect(requests).toBe(pages + (system === 'quickbooks_online' ? 1 : 0));
      // Progress after every page, counting up to the total the system told.
      const counted = progress.events.filter((e) => /suppliers read in \d+ pages?$/.test(e.message));
      expect(counted.map((e) => e.done)).toEqual(Array.from({ length: pages - 1 }, (_, i) => (i + 1) * PAGE));
      expect(counted.every((e) => e.total === COUNT)).toBe(true);
      expect(progress.events.at(-1)).toMatchObject({ done: COUNT, total: COUNT });
      expect(progress.events.at(-1)!.message).toContain(`${COUNT - INACTIVE - 1} new, 1 paired by name`);

      const suppliers = await suppliersOf(w);
      expect(suppliers).toHaveLength(COUNT - INACTIVE);
      expect(new Set(suppliers.map((s) => s.name)).size).toBe(suppliers.length);
      const paired = suppliers.find((s) => s.id === ours.id)!;
      expect(paired.links.map((l) => l.connectionId)).toEqual([w.connectionId]);
      // Fields the system has are taken; fields it left out stay empty.
      const v0 = suppliers.find((s) => s.name === 'Vendor 00000')!;
      expect(v0).toMatchObject({
        email: 'ap00000@vendor.example',
        phone: '555-0000',
        accountNumber: 'ACC-00000',
      });
      const v3 = suppliers.find((s) => s.name === 'Vendor 00003')!;
      expect(v3).toMatchObject({ email: null, accountNumber: null });
      if (system !== 'netsuite') {
        expect(v0).toMatchObject({ address: '1 Market Street', city: 'Springfield', country: null });
        expect(suppliers.find((s) => s.name === 'Vendor 00002')).toMatchObject({ address: null, city: null });
      }

      // A second import reads the list again and changes nothing.
      const again = await w.core.call('suppliers.import', { connectionId: w.connectionId, pageSize: PAGE });
      expect(again.run).toMatchObject({
        status: 'finished',
        added: 0,
        matched: 0,
        unchanged: COUNT - INACTIVE,
      });
      expect(await suppliersOf(w)).toHaveLength(COUNT - INACTIVE);
    },
  );

  it.skipIf(skip)('continues after a failed page from where it stopped', async () => {
    world = await startImportWorld(system, COUNT);
    const w = world;
    // Two pages go through, the third fails.
    let pagesSeen = 0;
    const off = w.core.app.onEvent((e) => {
      if (
        e.type === 'progress' &&
        e.task === `suppliers.import:${w.connectionId}` &&
        /pages?$/.test(e.message)
      ) {
        pagesSeen++;
        if (pagesSeen === 2) w.failNextPage();
      }
    });
    const failure = await w.core
      .call('suppliers.import', { connectionId: w.connectionId, pageSize: PAGE })
      .then(
        () => null,
        (e: unknown) => e as { userMessage: string },
      );
    off();
    expect(failure?.userMessage).toMatch(
      /stopped after page 2 \(100 of 260 suppliers read in 2 pages\).*Continue import/,
    );
    const status = await w.core.call('suppliers.importStatus', { connectionId: w.connectionId });
    expect(status).toMatchObject({ status: 'failed', pagesDone: 2, entriesRead: 100 });
    expect((await suppliersOf(w)).length).toBe(100 - 2); // Vendors 00049 and 00099 are inactive

    const { run } = await w.core.call('suppliers.import', { connectionId: w.connectionId, pageSize: PAGE });
    expect(run).toMatchObject({
      id: status!.id,
      status: 'finished',
      entriesRead: COUNT,
      added: COUNT - INACTIVE,
    });
    const suppliers = await suppliersOf(w);
    expect(suppliers).toHaveLength(COUNT - INACTIVE);
    expect(new Set(suppliers.map((s) => s.links[0]?.externalId)).size).toBe(COUNT - INACTIVE);
  });

  it.skipIf(skip)('continues after the app stopped in the middle of an import', async () => {
    world = await startImportWorld(system, COUNT);
    const w = world;
    let stopping: Promise<void> | null = null;
    const off = w.core.app.onEvent((e) => {
      if (
        e.type === 'progress' &&
        e.task === `suppliers.import:${w.connectionId}` &&
        /in 3 pages$/.test(e.message)
      )
        stopping ??= w.restart();
    });
    const interrupted = await w.core
      .call('suppliers.import', { connectionId: w.connectionId, pageSize: PAGE })
      .then(
        () => 'finished',
        () => 'stopped',
      );
    off();
    await stopping;
    expect(interrupted).toBe('stopped');
    // The restarted app knows where the import stopped.
    const status = await w.core.call('suppliers.importStatus', { connectionId: w.connectionId });
    expect(status).toMatchObject({ pagesDone: 3, entriesRead: 150 });
    expect(status!.status).not.toBe('finished');
    const progress = progressOf(w);
    const { run } = await w.core.call('suppliers.import', { connectionId: w.connectionId, pageSize: PAGE });
    progress.off();
    expect(progress.events[0]!.message).toMatch(/^Continuing: 150 of 260 suppliers read/);
    expect(run).toMatchObject({ id: status!.id, status: 'finished', pagesDone: 6, entriesRead: COUNT });
    const suppliers = await suppliersOf(w);
    expect(suppliers).toHaveLength(COUNT - INACTIVE);
    expect(new Set(suppliers.map((s) => s.name)).size).toBe(COUNT - INACTIVE);
  });
});

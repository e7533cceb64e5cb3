// List imports that resume page by page (issue 16) against each system's simulator: a list read in pages as the
// system pages it (QuickBooks Online STARTPOSITION/MAXRESULTS, NetSuite SuiteQL offset/limit; Xero's lists come
// whole, one page each), stopped by a page the simulator fails once or by the app stopping, and continued at the
// page where it stopped, with exact counts, no entry twice and none lost. An import of every list resumes in the
// list it stopped in without reading the finished ones again. Small pages keep the lists short.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../preload/contract.js';
import { ready, startImportWorld, type ImportWorld, type SystemName } from '../supplier-import/worlds.js';

const ACCOUNTS = 260;
const ITEMS = 3;
const PAGE = 50;

let world: ImportWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

type Progress = Extract<AppEvent, { type: 'progress' }>;

/** Calls `then` on the progress events of one list's import. */
function onProgress(w: ImportWorld, kind: string, then: (e: Progress) => void): () => void {
  return w.core.app.onEvent((e) => {
    if (e.type === 'progress' && e.task === `lists.import:${w.connectionId}:${kind}`) then(e);
  });
}

async function mirrored(w: ImportWorld, kind: 'account' | 'item') {
  const all = [];
  for (let offset = 0; ; offset += 500) {
    const page = await w.core.call('lists.entries', {
      connectionId: w.connectionId,
      kind,
      limit: 500,
      offset,
    });
    all.push(...page.items);
    if (page.items.length < 500) return all;
  }
}

async function rowOf(w: ImportWorld, kind: string) {
  const overview = await w.core.call('lists.overview', { connectionId: w.connectionId });
  return overview.lists.find((l) => l.kind === kind);
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as { userMessage: string },
  );

/** Pages of a list of n read `size` at a time: a full last page is followed by an empty one. */
const pagesOf = (n: number, size: number) => Math.floor(n / size) + 1;

const paged: SystemName[] = ['quickbooks_online', 'netsuite'];

/** QuickBooks Online reads CompanyInfo and Preferences again on every import (class tracking may have changed). */
const preferencesRead = (system: string) => (system === 'quickbooks_online' ? 2 : 0);

describe.each(paged)('list import from %s', (system) => {
  const skip = !ready[system]();

  it.skipIf(skip)('resumes Import new at the page that failed, each account once', async () => {
    world = await startImportWorld(system, 0);
    const w = world;
    w.seedLists(ACCOUNTS, ITEMS);
    const total = w.listCount('account');
    // Two pages are written; the third fails once.
    let pages = 0;
    const off = onProgress(w, 'account', (e) => {
      if (/^Reading accounts from .*: /.test(e.message) && ++pages === 2) w.failNextListRead();
    });
    const stopped = await failure(
      w.core.call('lists.importKind', {
        connectionId: w.connectionId,
        kind: 'account',
        mode: 'new',
        pageSize: PAGE,
      }),
    );
    off();
    const about = total.toLocaleString('en-US');
    expect(stopped?.userMessage).toMatch(
      new RegExp(
        `stopped after page 2 \\(100 of about ${about} accounts read\\).*Choose Resume in Connections → Lists`,
      ),
    );
    expect(await rowOf(w, 'account')).toMatchObject({
      count: 100,
      lastImport: null,
      stopped: { mode: 'new', status: 'failed', pagesDone: 2, entriesRead: 100, total },
    });

    const before = w.requests();
    const resumed = await w.core.call('lists.importKind', {
      connectionId: w.connectionId,
      kind: 'account',
      mode: 'new',
      pageSize: PAGE,
    });
    // From page 3 on: no page read twice, and QuickBooks is not asked to count again.
    expect(w.requests() - before).toBe(pagesOf(total, PAGE) - 2 + preferencesRead(system));
    expect(resumed).toMatchObject({ seen: total, added: total, updated: 0, queued: false });
    const entries = await mirrored(w, 'account');
    expect(entries).toHaveLength(total);
    expect(new Set(entries.map((e) => e.externalId)).size).toBe(total);
    // Inactive accounts are mirrored too, marked.
    expect(entries.filter((e) => !e.active).length).toBeGreaterThanOrEqual(Math.floor(ACCOUNTS / 20));
    expect(await rowOf(w, 'account')).toMatchObject({
      count: total,
      stopped: null,
      lastImport: { mode: 'new', seen: total, added: total },
    });

    // Update existing keeps its meaning: nothing added, nothing changed, every page read.
    const update = await w.core.call('lists.importKind', {
      connectionId: w.connectionId,
      kind: 'account',
      mode: 'update',
      pageSize: PAGE,
    });
    expect(update).toMatchObject({ seen: total, added: 0, updated: 0 });
    expect(await mirrored(w, 'account')).toHaveLength(total);
  });

  it.skipIf(skip)('resumes after the app stopped in the middle of an import', async () => {
    world = await startImportWorld(system, 0);
    const w = world;
    w.seedLists(ACCOUNTS, ITEMS);
    const total = w.listCount('account');
    let stopping: Promise<void> | null = null;
    let pages = 0;
    const off = onProgress(w, 'account', (e) => {
      if (/^Reading accounts from .*: /.test(e.message) && ++pages === 3) stopping ??= w.restart();
    });
    const interrupted = await failure(
      w.core.call('lists.importKind', {
        connectionId: w.connectionId,
        kind: 'account',
        mode: 'new',
        pageSize: PAGE,
      }),
    );
    off();
    await stopping;
    expect(interrupted).not.toBeNull();
    // The restarted app shows where the import stopped.
    const row = await rowOf(w, 'account');
    expect(row).toMatchObject({
      count: 150,
      stopped: { mode: 'new', pagesDone: 3, entriesRead: 150, total },
    });

    const events: Progress[] = [];
    const listen = onProgress(w, 'account', (e) => events.push(e));
    const resumed = await w.core.call('lists.importKind', {
      connectionId: w.connectionId,
      kind: 'account',
      mode: 'new',
      pageSize: PAGE,
    });
    listen();
    expect(events[0]!.message).toBe(`Resuming: 150 of about ${total.toLocaleString('en-US')} accounts read`);
    expect(events.at(-1)).toMatchObject({ done: total, total });
    expect(resumed).toMatchObject({ seen: total, added: total });
    const entries = await mirrored(w, 'account');
    expect(new Set(entries.map((e) => e.externalId)).size).toBe(total);
    expect(entries).toHaveLength(total);
  });
});

const every: SystemName[] = ['quickbooks_online', 'xero', 'netsuite'];

describe.each(every)('import of every list from %s', (system) => {
  const skip = !ready[system]();

  it.skipIf(skip)('resumes in the list it stopped in, without reading the finished ones again', async () => {
    world = await startImportWorld(system, 0);
    const w = world;
    w.seedLists(ACCOUNTS, ITEMS);
    const accounts = w.listCount('account');
    const items = w.listCount('item');
    // The accounts are read; the first page of items fails once.
    const off = onProgress(w, 'account', (e) => {
      if (e.message === 'Accounts imported') w.failNextListRead();
    });
    const stopped = await failure(
      w.core.call('lists.import', {
        connectionId: w.connectionId,
        kinds: ['account', 'item'],
        pageSize: PAGE,
      }),
    );
    off();
    expect(stopped?.userMessage).toMatch(/page 1 of its items.*Nothing of it was imported yet/);
    expect(await rowOf(w, 'account')).toMatchObject({ count: accounts, stopped: null });
    expect(await rowOf(w, 'item')).toMatchObject({
      count: 0,
      stopped: { mode: 'all', status: 'failed', pagesDone: 0, entriesRead: 0 },
    });

    const before = w.requests();
    const resumed = await w.core.call('lists.import', {
      connectionId: w.connectionId,
      kinds: ['account', 'item'],
      pageSize: PAGE,
    });
    // Only the items are read: QuickBooks Online counts them first.
    expect(w.requests() - before).toBe((system === 'quickbooks_online' ? 2 : 1) + preferencesRead(system));
    // The batch's counts: the accounts read before it stopped, and the items now.
    expect(resumed).toMatchObject({ byKind: { account: accounts, item: items }, added: accounts + items });
    expect(await mirrored(w, 'account')).toHaveLength(accounts);
    expect(await mirrored(w, 'item')).toHaveLength(items);
    expect(await rowOf(w, 'item')).toMatchObject({ count: items, stopped: null });

    // Finished: the next import of every list reads every list again.
    const again = w.requests();
    await w.core.call('lists.import', {
      connectionId: w.connectionId,
      kinds: ['account', 'item'],
      pageSize: PAGE,
    });
    expect(w.requests() - again).toBeGreaterThan(system === 'xero' ? 1 : pagesOf(accounts, PAGE));
  });
});

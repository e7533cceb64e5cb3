// The Lists page with QuickBooks Desktop: Import new and Update existing cannot be done on the spot (QuickBooks
// calls us, through the Web Connector), so they ask the engine to read the lists at the next session, and the page
// says so plainly.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeExchange } from './fake-exchange.js';
import { startQbwc, type QbwcHarness } from './harness.js';

let h: QbwcHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the Lists page with QuickBooks Desktop', () => {
  it('queues Import new and Update existing for the next Web Connector run, and says so', async () => {
    h = await startQbwc({ exchange: new FakeExchange(0) });
    const overview = await h.core.call('lists.overview', { connectionId: h.connectionId });
    expect(overview.session).toBe(true);
    expect(overview.sessionHint).toMatch(/next Web Connector run: Import new and Update existing are queued/);
    expect(overview.sessionHint).toContain('Update Selected');

    for (const mode of ['new', 'update'] as const) {
      const result = await h.core.call('lists.importKind', {
        connectionId: h.connectionId,
        kind: 'account',
        mode,
      });
      expect(result).toMatchObject({ kind: 'account', mode, queued: true, added: 0, updated: 0 });
    }
    const db = new Database(`${h.core.dataDir}/ledgerbridge.db`, { readonly: true });
    try {
      // Each asks for that list in that mode, kept until a Web Connector run has read it through.
      const reads = db
        .prepare(`SELECT list, mode, phase FROM qbd_list_reads WHERE connection_id = ? ORDER BY mode`)
        .all(h.connectionId);
      expect(reads).toEqual([
        { list: 'accounts', mode: 'new', phase: 'ids' },
        { list: 'accounts', mode: 'update', phase: 'ids' },
      ]);
    } finally {
      db.close();
    }
    // The page shows each as waiting for the Web Connector.
    const after = await h.core.call('lists.overview', { connectionId: h.connectionId });
    expect(after.lists.find((l) => l.kind === 'account')?.stopped).toMatchObject({
      status: 'running',
      pagesDone: 0,
    });
    const log = await h.core.call('log.list', { connectionId: h.connectionId });
    expect(log.items.map((e) => e.message)).toContainEqual(
      expect.stringMatching(
        /^The accounts list \(new entries\) will be read from QuickBooks Desktop at the next Web Connector run/,
      ),
    );
    // Creating a missing record from the page is not something the Web Connector can be asked for.
    await expect(
      h.core.call('lists.createExternal', {
        connectionId: h.connectionId,
        entityType: 'list_entry',
        entityId: 'x',
      }),
    ).rejects.toThrow(/No document is waiting on that any more/);
  });
});

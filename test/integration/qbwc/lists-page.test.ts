// The Lists page with QuickBooks Desktop: Import new and Update existing cannot be done on the spot (QuickBooks
// calls us, through the Web Connector), so they ask the engine to read the lists at the next session, and the page
// says so plainly.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { advanceListRun, openListRun } from '../../../main/db/repos/list-import-runs.js';
import {
  SESSION_LOST_AFTER_MS,
  SessionsRepo,
} from '../../../main/connectors/quickbooks-desktop/qbwc/sessions-repo.js';
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

  it('shows a list as stopped, not as being read, once the Web Connector session reading it has gone quiet', async () => {
    h = await startQbwc({ exchange: new FakeExchange(0) });
    await h.core.call('lists.importKind', { connectionId: h.connectionId, kind: 'item', mode: 'new' });
    const db = new Database(`${h.core.dataDir}/ledgerbridge.db`);
    const sessions = new SessionsRepo(db);
    const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
    try {
      // A Web Connector run read two pages of items, then stopped calling (closed, or its call timed out).
      const run = openListRun(db, h.connectionId, 'item', 'new')!;
      for (const cursor of [{ page: 2 }, { page: 3 }]) {
        advanceListRun(db, run, {
          cursor,
          entries: 100,
          total: 450,
          added: 100,
          updated: 0,
          deactivated: 0,
          requests: 1,
        });
      }
      sessions.start({
        id: 'session-1',
        connectionId: h.connectionId,
        ticket: 'ticket-1',
        outcome: 'running',
        at: minutesAgo(25),
        companyFile: null,
      });
      const items = async () =>
        (await h!.core.call('lists.overview', { connectionId: h!.connectionId })).lists.find(
          (l) => l.kind === 'item',
        )?.stopped;

      // Heard from two minutes ago: it is being read.
      sessions.touch('session-1', minutesAgo(2));
      expect(await items()).toMatchObject({ status: 'running', pagesDone: 2, entriesRead: 200 });

      // Silent for longer than a session is waited for: it stopped there, and the next run goes on.
      sessions.touch('session-1', minutesAgo((SESSION_LOST_AFTER_MS + 60_000) / 60_000));
      expect(await items()).toMatchObject({
        status: 'failed',
        pagesDone: 2,
        entriesRead: 200,
        message: 'The Web Connector stopped answering during its run; the next run goes on where it stopped.',
      });

      // The session ended (its run is over) without the list through: stopped too.
      sessions.end('session-1', { outcome: 'expired', at: minutesAgo(1), summary: null, problems: [] });
      expect(await items()).toMatchObject({ status: 'failed', pagesDone: 2 });
    } finally {
      db.close();
    }
  });
});

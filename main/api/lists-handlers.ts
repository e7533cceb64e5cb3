// The handlers of preload/contracts/lists.ts (the Lists page); the work is main/accounting's (list-page.ts,
// pairing.ts) and the reads are the list-page repository's.
import type { Database } from 'better-sqlite3';
import type { listsContract } from '../../preload/contracts/lists.js';
import {
  createForPairing,
  importListKind,
  mirroredVendors,
  needsPairing,
  pairWithEntry,
  pairWithVendor,
  stoppedListImports,
} from '../accounting/index.js';
import { getConnection } from '../db/repos/connections.js';
import {
  listPageEntries,
  listSummaries,
  setListEntryHidden,
  type ListSummaryRow,
} from '../db/repos/list-page.js';
import type { ListRun } from '../db/repos/list-import-runs.js';
import { isSession, type SessionSetup } from '../connectors/contract.js';
import type { AreaHandlers } from './context.js';

/**
 * Each list with the newest of its imports that stopped part way; a list with none mirrored yet but a stopped import
 * is listed too (with 0 entries), so the page can offer Resume.
 */
function withStopped(lists: ListSummaryRow[], stopped: readonly ListRun[], sessionLost: boolean) {
  const newest = new Map<string, ListRun>();
  for (const run of stopped) if (!newest.has(run.kind)) newest.set(run.kind, run);
  const rows = lists.map((l) => ({ ...l, stopped: null as ReturnType<typeof shown> | null }));
  for (const [kind, run] of newest) {
    const row = rows.find((l) => l.kind === kind);
    if (row) row.stopped = shown(run, sessionLost);
    else
      rows.push({
        kind: run.kind,
        count: 0,
        active: 0,
        hidden: 0,
        lastChangedAt: null,
        lastImport: null,
        stopped: shown(run, sessionLost),
      });
  }
  return rows;
}

/**
 * A run as the page shows it. A run a Web Connector session was reading when that session went quiet for good
 * (sessionLost) stopped there, whatever its row still says until the next session ends it: shown as such, the
 * bookkeeper is not told it is "being read" by a Web Connector that will not come back to it.
 */
function shown(run: ListRun, sessionLost = false) {
  const abandoned = sessionLost && run.status === 'running' && run.pagesDone > 0;
  return {
    mode: run.mode,
    status: run.status === 'failed' || abandoned ? ('failed' as const) : ('running' as const),
    pagesDone: run.pagesDone,
    entriesRead: run.entriesRead,
    total: run.total,
    message: abandoned
      ? 'The Web Connector stopped answering during its run; the next run goes on where it stopped.'
      : run.message,
    at: run.updatedAt,
  };
}

/**
 * Whether the connection's Web Connector session, if one is still marked running, has been silent longer than a
 * session is kept waiting for (SessionSetup.lostAfterMs); no running session at all counts as lost too.
 */
function sessionLost(setup: SessionSetup, db: Database, connectionId: string, now: Date): boolean {
  const latest = setup.sessions(db, connectionId, 1)[0];
  if (!latest || latest.outcome !== 'running') return true;
  return now.getTime() - Date.parse(latest.lastSeenAt) > setup.lostAfterMs;
}

export const listsHandlers: AreaHandlers<typeof listsContract> = {
  'lists.overview': ({ connectionId }, ctx) => {
    const connection = getConnection(ctx.db, connectionId);
    const connector = ctx.connectors.get(connection.system);
    const session = connector?.delivery === 'session';
    return {
      connectionId: connection.id,
      companyId: connection.companyId,
      name: connection.name,
      system: connection.system,
      status: connection.status,
      session,
      sessionHint:
        session && connector && 'sessionHint' in connector
          ? `${connector.label} is read at the next Web Connector run: Import new and Update existing are queued until then, and the lists here change once it has run. ${connector.sessionHint}`
          : null,
      lists: withStopped(
        listSummaries(ctx.db, connection.id),
        stoppedListImports(ctx, connection.id),
        session && connector && isSession(connector) && connector.setup
          ? sessionLost(connector.setup, ctx.db, connection.id, new Date())
          : false,
      ),
      kinds: [...(connector?.listKinds ?? [])],
    };
  },
  'lists.entries': ({ connectionId, kind, search, offset, limit }, ctx) => {
    getConnection(ctx.db, connectionId);
    return listPageEntries(ctx.db, { connectionId, kind, search, offset, limit });
  },
  'lists.importKind': ({ connectionId, kind, mode, pageSize }, ctx) =>
    importListKind(ctx, connectionId, kind, mode, pageSize ? { pageSize } : {}),
  'lists.setHidden': ({ id, hidden }, ctx) => {
    const entry = setListEntryHidden(ctx.db, id, hidden);
    ctx.log({
      companyId: entry.companyId,
      connectionId: entry.connectionId,
      action: hidden ? 'hide_list_entry' : 'unhide_list_entry',
      result: 'info',
      message: hidden
        ? `'${entry.name}' is hidden from the pickers (it stays in the accounting system).`
        : `'${entry.name}' is offered in the pickers again.`,
    });
    return { id: entry.id, hidden: entry.hidden };
  },
  'lists.needsPairing': ({ connectionId }, ctx) => needsPairing(ctx, connectionId),
  'lists.pair': (input, ctx) => pairWithEntry(ctx, input),
  'lists.vendors': ({ connectionId }, ctx) => mirroredVendors(ctx, connectionId),
  'lists.pairVendor': (input, ctx) => pairWithVendor(ctx, input),
  'lists.createExternal': (input, ctx) => createForPairing(ctx, input),
};

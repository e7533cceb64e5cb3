// The handlers of preload/contracts/lists.ts (the Lists page); the work is main/accounting's (list-page.ts,
// pairing.ts) and the reads are the list-page repository's.
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
import type { AreaHandlers } from './context.js';

/**
 * Each list with the newest of its imports that stopped part way; a list with none mirrored yet but a stopped import
 * is listed too (with 0 entries), so the page can offer Resume.
 */
function withStopped(lists: ListSummaryRow[], stopped: readonly ListRun[]) {
  const newest = new Map<string, ListRun>();
  for (const run of stopped) if (!newest.has(run.kind)) newest.set(run.kind, run);
  const rows = lists.map((l) => ({ ...l, stopped: null as ReturnType<typeof shown> | null }));
  for (const [kind, run] of newest) {
    const row = rows.find((l) => l.kind === kind);
    if (row) row.stopped = shown(run);
    else
      rows.push({
        kind: run.kind,
        count: 0,
        active: 0,
        hidden: 0,
        lastChangedAt: null,
        lastImport: null,
        stopped: shown(run),
      });
  }
  return rows;
}

function shown(run: ListRun) {
  return {
    mode: run.mode,
    status: run.status === 'failed' ? ('failed' as const) : ('running' as const),
    pagesDone: run.pagesDone,
    entriesRead: run.entriesRead,
    total: run.total,
    message: run.message,
    at: run.updatedAt,
  };
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
      lists: withStopped(listSummaries(ctx.db, connection.id), stoppedListImports(ctx, connection.id)),
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

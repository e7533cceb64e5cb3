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
} from '../accounting/index.js';
import { getConnection } from '../db/repos/connections.js';
import { listPageEntries, listSummaries, setListEntryHidden } from '../db/repos/list-page.js';
import type { AreaHandlers } from './context.js';

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
      lists: listSummaries(ctx.db, connection.id),
      kinds: [...(connector?.listKinds ?? [])],
    };
  },
  'lists.entries': ({ connectionId, kind, search, offset, limit }, ctx) => {
    getConnection(ctx.db, connectionId);
    return listPageEntries(ctx.db, { connectionId, kind, search, offset, limit });
  },
  'lists.importKind': ({ connectionId, kind, mode }, ctx) => importListKind(ctx, connectionId, kind, mode),
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

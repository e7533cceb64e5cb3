// What the accounting system decides of a connection's settings (QuickBooks Online: class tracking, locations) is
// read again on a list import and when the Connections page checks the connection, not only at sign-in: turning
// class tracking on in QuickBooks then shows the class picker without connecting again.
import type { ConnectionT } from '../../preload/contract.js';
import { getConnection, updateConnectionRow } from '../db/repos/connections.js';
import type { Connector } from '../connectors/contract.js';
import type { AccountingContext } from './context.js';

/**
 * Merges the system's answer into the settings when it changed; true when it did. `fresh` asks the system now (a
 * list import the bookkeeper asked for); else an answer of the last few minutes will do. A failed read changes
 * nothing: the caller's own call says what went wrong.
 */
export async function refreshCompanySettings(
  ctx: Pick<AccountingContext, 'db' | 'connectorContext' | 'emit'>,
  connection: ConnectionT,
  connector: Connector,
  fresh: boolean,
): Promise<boolean> {
  if (!('companySettings' in connector) || typeof connector.companySettings !== 'function') return false;
  let patch: Record<string, unknown>;
  try {
    patch = await connector.companySettings(ctx.connectorContext(connection), fresh);
  } catch {
    return false;
  }
  const changed = ctx.db.transaction(() => {
    const current = getConnection(ctx.db, connection.id);
    const next = { ...current.settings, ...patch };
    if (JSON.stringify(next) === JSON.stringify(current.settings)) return false;
    updateConnectionRow(ctx.db, connection.id, { settings: next });
    return true;
  })();
  if (changed) ctx.emit({ type: 'connection', connectionId: connection.id });
  return changed;
}

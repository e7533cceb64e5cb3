// The company's connections, which many pages name (log entries, sync status, "Paired with …"), kept fresh by
// connection events. After a company switch the list is empty until the new company's comes: the connections of
// the company before are never shown (a job or a document must not be sent through one of them).
import type { ConnectionT } from '../../../preload/contract';
import { request } from '../state/app';
import { label } from './labels';
import { useQuery, type Query } from './useQuery';

export function useConnections(
  companyId: string,
  options: { live?: boolean } = {},
): Query<ConnectionT[]> & { connections: ConnectionT[] } {
  const query = useQuery(
    ['connections.list', companyId],
    () => request('connections.list', { companyId }),
    options.live ? { refreshOn: (event) => event.type === 'connection', refreshAfterMs: 0 } : {},
  );
  return { ...query, connections: query.data ?? [] };
}

/** What a connection is called on screen: its name, or its system's when it has none. */
export function connectionLabel(connection: Pick<ConnectionT, 'name' | 'system'>): string {
  return connection.name || label(connection.system);
}

/** A function naming a connection by id (for log timelines); `unknown` is what an id not in the list gets. */
export function connectionNamer(
  connections: readonly ConnectionT[],
  unknown: (id: string) => string = (id) => id,
): (id: string | null) => string {
  return (id) => {
    if (!id) return '';
    const c = connections.find((x) => x.id === id);
    return c ? connectionLabel(c) : unknown(id);
  };
}

// The company's connections, which many pages name (log entries, sync status, "Paired with …"), kept fresh by
// connection events. After a company switch the list is empty until the new company's comes: the connections of
// the company before are never shown (a job or a document must not be sent through one of them).
import type { ConnectionT, SystemInfoT } from '../../../preload/contract';
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

/**
 * What each system is, as the core's registry says (connections.systems): which are accounting systems and which
 * are sources, and what each can do. Pages ask here instead of testing system names.
 */
export interface Systems {
  /** False until the answer came: roles are unknown (null) until then. */
  loaded: boolean;
  roleOf(system: string): SystemInfoT['role'] | null;
  isAccounting(connection: Pick<ConnectionT, 'system'>): boolean;
  /** Whether the system's connector offers an optional capability (say, listSuppliers). */
  can(system: string, capability: string): boolean;
  /** Whether the system has a record for documents of this type (QuickBooks Online and Xero have no receipts). */
  takesType(system: string, type: string): boolean;
  /** Whether a document's files go to the system with it. */
  takesFiles(system: string): boolean;
  /** Whether Needs pairing can create a reference of this kind in the system from here. */
  createsHere(system: string, kind: string): boolean;
}

export function useSystems(): Systems {
  const query = useQuery(['connections.systems'], () => request('connections.systems', {}));
  const bySystem = new Map((query.data ?? []).map((s) => [s.system, s]));
  return {
    loaded: query.data !== undefined,
    roleOf: (system) => bySystem.get(system)?.role ?? null,
    isAccounting: (connection) => bySystem.get(connection.system)?.role === 'accounting',
    can: (system, capability) => bySystem.get(system)?.capabilities.includes(capability) ?? false,
    takesType: (system, type) => bySystem.get(system)?.documentTypes.some((t) => t === type) ?? false,
    takesFiles: (system) => bySystem.get(system)?.takesFiles ?? false,
    createsHere: (system, kind) =>
      bySystem.get(system)?.createsReferenceKinds.some((k) => k === kind) ?? false,
  };
}

/** What the system calls the party a supplier of ours is there: a contact in Xero, a vendor elsewhere. */
export function vendorNoun(system: string): 'contact' | 'vendor' {
  return system === 'xero' ? 'contact' : 'vendor';
}

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
  /** Whether the system calls us instead of being called (QuickBooks Desktop's Web Connector). */
  callsUs(system: string): boolean;
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
    callsUs: (system) => bySystem.get(system)?.delivery === 'session',
  };
}

/**
 * How a connection is shown, the same on every page (its card's badge and "Connected", the Lists page, the import
 * buttons): one truthful state. A system that calls us (QuickBooks Desktop's Web Connector) is connected by its first
 * run that finishes; until then it waits for that run, and imports asked for meanwhile wait for it too.
 */
export interface ConnectionState {
  kind: 'connected' | 'waiting_first_run' | 'not_connected';
  /** The badge: its value (for its tone) and its words. */
  badge: { value: string; text: string };
  /** The card's "Connected" when the connection has not been (null when it has: show connectedAt). */
  notYet: string | null;
  /** What to do, when the bookkeeper has something to do that the status message does not say. */
  notice: string | null;
  /** Imports and pairing can be asked for now (from a system that calls us: for its next run). */
  canAsk: boolean;
  /**
   * QuickBooks refused access and documents may wait for it: the card offers Try again (qbd.retryAccess), what the
   * bookkeeper does once access is allowed in QuickBooks, in place of the Reconnect a system we call has.
   */
  retryAccess: boolean;
}

export function connectionState(
  connection: Pick<ConnectionT, 'status' | 'connectedAt' | 'credentialNames' | 'name' | 'system'>,
  callsUs: boolean,
): ConnectionState {
  const { status } = connection;
  const plain = { value: status, text: label(status) };
  if (callsUs && connection.connectedAt === null && status !== 'needs_reconnect' && status !== 'error') {
    const system = connectionLabel(connection);
    // A session system's only credential is the password its Web Connector signs in with.
    const passwordSet = connection.credentialNames.length > 0;
    return {
      kind: 'waiting_first_run',
      badge: { value: 'waiting_first_run', text: 'Waiting for first run' },
      notYet: 'Not yet: waiting for the first Web Connector run',
      retryAccess: false,
      notice: passwordSet
        ? `Waiting for the first Web Connector run of ${system} to finish. On the QuickBooks computer, open the QuickBooks Web Connector, tick Ledgerbridge and click Update Selected: that run reads the QuickBooks lists, and what you ask for here waits for it.`
        : `Waiting for the first Web Connector run of ${system}. Set the Web Connector password and download the .qwc file on the Web Connector page, add the file in the QuickBooks Web Connector on the QuickBooks computer, then click Update Selected there.`,
      canAsk: true,
    };
  }
  if (callsUs && status === 'needs_reconnect') {
    // No sign-in to do again, so no "Needs reconnect": access is given in QuickBooks, and Try again sends what waits
    // at the next run (a run for other work that QuickBooks takes documents in sends it too).
    return {
      kind: 'not_connected',
      badge: { value: 'needs_access', text: 'Needs access in QuickBooks' },
      notYet: connection.connectedAt ? null : 'Not yet',
      notice: `QuickBooks refused Ledgerbridge access to ${connectionLabel(connection)}. Allow it in QuickBooks as the message below says, then choose Try again: the documents waiting go at the next Web Connector run, nothing is lost.`,
      canAsk: false,
      retryAccess: true,
    };
  }
  if (status === 'connected')
    return {
      kind: 'connected',
      badge: plain,
      notYet: connection.connectedAt ? null : 'Not yet',
      notice: null,
      canAsk: true,
      retryAccess: false,
    };
  return {
    kind: 'not_connected',
    badge: plain,
    notYet: connection.connectedAt ? null : 'Not yet',
    notice: null,
    canAsk: false,
    retryAccess: false,
  };
}

/** What the system calls the party a supplier of ours is there: a contact in Xero, a vendor elsewhere. */
export function vendorNoun(system: string): 'contact' | 'vendor' {
  return system === 'xero' ? 'contact' : 'vendor';
}

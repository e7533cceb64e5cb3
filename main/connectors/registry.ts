// The connector registry: one connector per system, and the questions the core asks about systems — which are
// accounting systems and which are sources, how each delivers (push or session), what it can do. The API, the
// worker and app.ts ask here; none of them names a connector class or tests a system's name to learn its role.
// The cloud connectors stay behind their light descriptors (lazy.ts): registering them loads no SDK.
import {
  deliveryOf,
  roleOf,
  isPush,
  isSession,
  type Connector,
  type DeliveryShape,
  type PushConnector,
  type ReferenceKind,
  type SessionConnector,
  type SystemConnector,
  type SystemRole,
} from './contract.js';
import type { DocumentT } from '../../preload/contract.js';
import { lazyConnector, loadConnector, OPTIONAL_CAPABILITIES, type OptionalCapability } from './lazy.js';
import { netSuiteDescriptor } from './netsuite/descriptor.js';
import { quickBooksDesktopConnector } from './quickbooks-desktop/connector.js';
import { quickBooksOnlineDescriptor } from './quickbooks-online/descriptor.js';
import { servicetradeConnector } from './servicetrade/connector.js';
import { xeroDescriptor } from './xero/descriptor.js';

export type { SystemDescriptor } from './lazy.js';
export { deliveryOf, isPush, isSession, roleOf } from './contract.js';

/** The methods only some systems have, asked for through `capable` (contract.ts, "Extensions"). */
export type Extension = 'tenants' | 'tenantId' | 'subsidiaries' | 'supplierPage' | 'watchSupplierReads';

/** A connector known to have the named methods. */
export type With<K extends keyof SystemConnector> = Connector & Required<Pick<SystemConnector, K>>;

/** What the renderer and the API learn about a system without loading it. */
export interface SystemSummary {
  system: string;
  label: string;
  role: SystemRole;
  delivery: DeliveryShape;
  capabilities: OptionalCapability[];
  /** The document types it has a record for (Connector.documentTypes; empty for a source). */
  documentTypes: DocumentT['type'][];
  /** Whether a document's files go there with it. */
  takesFiles: boolean;
  /**
   * The references Needs pairing can create there from here: those a system we call makes, and those a system that
   * calls us adds at its next run (QuickBooks Desktop's vendors); none for a source.
   */
  createsReferenceKinds: ReferenceKind[];
}

const ALL_REFERENCE_KINDS: readonly ReferenceKind[] = [
  'supplier',
  'item',
  'account',
  'class',
  'customer',
  'tax_rate',
];

/**
 * What Create in <system> makes: what createReference makes (every kind when the connector states none) for a system
 * we call; for a system that calls us, only the kinds its connector states (its next run adds them).
 */
function createsReferenceKindsOf(connector: Connector): ReferenceKind[] {
  if (isSession(connector)) return [...(connector.createsReferenceKinds ?? [])];
  if (!isPush(connector)) return [];
  return [...(connector.createsReferenceKinds ?? ALL_REFERENCE_KINDS)];
}

const ALL_TYPES: readonly DocumentT['type'][] = ['purchase_order', 'service_order', 'invoice', 'receipt'];

function documentTypesOf(connector: Connector): DocumentT['type'][] {
  if (roleOf(connector) === 'source') return [];
  return [...(connector.documentTypes ?? ALL_TYPES)];
}

// The cloud connectors load on first use (lazy.ts): their SDKs cost a start several hundred milliseconds, and
// most data folders use one system or none. QuickBooks Desktop answers the Web Connector from the start, and
// ServiceTrade's connector is small.
export const defaultConnectors: Connector[] = [
  quickBooksDesktopConnector,
  servicetradeConnector,
  lazyConnector(
    quickBooksOnlineDescriptor,
    async () => new (await import('./quickbooks-online/index.js')).QuickBooksOnlineConnector(),
  ),
  lazyConnector(
    netSuiteDescriptor,
    async () => new (await import('./netsuite/index.js')).NetSuiteConnector(),
  ),
  lazyConnector(xeroDescriptor, async () => new (await import('./xero/index.js')).XeroConnector()),
];

export class ConnectorRegistry {
  private readonly bySystem: ReadonlyMap<string, Connector>;

  constructor(connectors: Iterable<Connector> = defaultConnectors) {
    const bySystem = new Map<string, Connector>();
    for (const connector of connectors) {
      if (bySystem.has(connector.system)) {
        throw new Error(`Two connectors are registered for the system '${connector.system}'.`);
      }
      if (roleOf(connector) === 'source' && deliveryOf(connector) !== 'none') {
        throw new Error(`The source '${connector.system}' must not deliver documents.`);
      }
      bySystem.set(connector.system, connector);
    }
    this.bySystem = bySystem;
  }

  get(system: string): Connector | undefined {
    return this.bySystem.get(system);
  }

  has(system: string): boolean {
    return this.bySystem.has(system);
  }

  values(): IterableIterator<Connector> {
    return this.bySystem.values();
  }

  get size(): number {
    return this.bySystem.size;
  }

  /** The system's role, or null for a system this version does not know. */
  roleOf(system: string): SystemRole | null {
    const connector = this.bySystem.get(system);
    return connector ? roleOf(connector) : null;
  }

  /** Whether documents go to this system (a known accounting system, push or session). */
  isAccounting(system: string): boolean {
    return this.roleOf(system) === 'accounting';
  }

  isSource(system: string): boolean {
    return this.roleOf(system) === 'source';
  }

  deliveryOf(system: string): DeliveryShape | null {
    const connector = this.bySystem.get(system);
    return connector ? deliveryOf(connector) : null;
  }

  /** Whether the system has a record for documents of this type (QuickBooks Online has no receipts). */
  takesType(system: string, type: DocumentT['type']): boolean {
    const connector = this.bySystem.get(system);
    return connector ? documentTypesOf(connector).includes(type) : false;
  }

  /** Whether a document's files go to this system with it. */
  takesFiles(system: string): boolean {
    return this.bySystem.get(system)?.takesFiles === true;
  }

  /** The connector the worker drives for this system, or null when it is not a push system. */
  push(system: string): PushConnector | null {
    const connector = this.bySystem.get(system);
    return connector && isPush(connector) ? connector : null;
  }

  /** The connector of a system the other side calls (QuickBooks Desktop), or null when it is not one. */
  session(system: string): SessionConnector | null {
    const connector = this.bySystem.get(system);
    return connector && isSession(connector) ? connector : null;
  }

  /** Every registered system the other side calls. */
  sessions(): SessionConnector[] {
    return [...this.bySystem.values()].filter(isSession);
  }

  /** Every registered system, as the renderer shows them (connections.systems). */
  summaries(): SystemSummary[] {
    return [...this.bySystem.values()].map((connector) => ({
      system: connector.system,
      label: connector.label,
      role: roleOf(connector),
      delivery: deliveryOf(connector),
      capabilities: OPTIONAL_CAPABILITIES.filter(
        (name) => typeof (connector as unknown as Record<string, unknown>)[name] === 'function',
      ),
      documentTypes: documentTypesOf(connector),
      takesFiles: connector.takesFiles === true,
      createsReferenceKinds: createsReferenceKindsOf(connector),
    }));
  }

  /**
   * The system's connector, loaded (a lazy one's own instance), when it has every one of `names`; null when the
   * system is unknown or lacks one. For what only some systems offer (Xero's organisations, NetSuite's
   * subsidiaries): the caller asks for the capability, never for a class.
   */
  async capable<K extends Extension>(system: string, names: readonly K[]): Promise<With<K> | null> {
    const registered = this.bySystem.get(system);
    if (!registered) return null;
    const connector = await loadConnector(registered);
    const methods = connector as unknown as Record<string, unknown>;
    return names.every((name) => typeof methods[name] === 'function') ? (connector as With<K>) : null;
  }
}

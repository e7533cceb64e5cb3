// Connectors whose code loads on first use. A start needs only what the connection list and the sync worker read
// synchronously — system, label, settings schema, default settings, policy and capabilities — which a light
// descriptor (each system's descriptor.ts) gives; the connector itself (with its SDKs: xero-node, intuit-oauth,
// ...) is imported the first time one of its methods is called, so a data folder that uses no Xero connection
// never loads Xero's code. The cloud systems deliver by push, so a lazy connector is a PushConnector.
import type { ConnectionT } from '../../preload/contract.js';
import type { CompanyConfirmation, Connector, PushConnector, SyncPolicy } from './contract.js';

/** The optional methods of the contract a connector may offer (see Connector). */
export const OPTIONAL_CAPABILITIES = [
  'finishSignIn',
  'disconnect',
  'readListPage',
  'listSuppliers',
  'readSupplierPage',
  'upsertSupplier',
  'importPayments',
  'createTaxCodes',
  'companySettings',
  'findReferencesBulk',
  'createReferences',
  'mapReference',
] as const;
export type OptionalCapability = (typeof OPTIONAL_CAPABILITIES)[number];

/** What a push system's descriptor module states without importing the connector. */
export interface SystemDescriptor {
  readonly system: string;
  readonly label: string;
  readonly settingsSchema: Connector['settingsSchema'];
  readonly defaultSettings?: Readonly<Record<string, unknown>>;
  policy(connection: ConnectionT): SyncPolicy;
  /** Connector.documentTypes and takesFiles: what the API and the renderer ask before sending. */
  readonly documentTypes?: Connector['documentTypes'];
  readonly takesFiles?: boolean;
  /** Connector.listKinds: the lists its readListPage reads (a test holds it to what the import produces). */
  readonly listKinds?: Connector['listKinds'];
  /** Connector.createsReferenceKinds: read by the engine's waiting message, so stated here. */
  readonly createsReferenceKinds?: Connector['createsReferenceKinds'];
  /** Connector.refuseConnect and holdSends: read synchronously (connect, the worker), so stated here. */
  refuseConnect?(connection: ConnectionT): { field: string; message: string } | null;
  holdSends?(connection: ConnectionT): string | null;
  /** PushDelivery.mappingSettings: read by connections.update, so stated here. */
  readonly mappingSettings?: PushConnector['mappingSettings'];
  /** Connector.companyConfirmation: read from the settings, so stated here too. */
  readonly companyConfirmation?: CompanyConfirmation;
  /** The optional methods the loaded connector has (a unit test holds each descriptor to its connector). */
  readonly capabilities: readonly OptionalCapability[];
}

type AsyncMethod = (...args: never[]) => Promise<unknown>;
type MethodKey = {
  [K in keyof PushConnector]-?: NonNullable<PushConnector[K]> extends AsyncMethod ? K : never;
}[keyof PushConnector];

const loaders = new WeakMap<Connector, () => Promise<PushConnector>>();

/** A connector that imports its implementation (`load`) on the first call of any of its methods. */
export function lazyConnector(
  descriptor: SystemDescriptor,
  load: () => Promise<PushConnector>,
): PushConnector {
  let loading: Promise<PushConnector> | null = null;
  const real = (): Promise<PushConnector> =>
    (loading ??= load().catch((error: unknown) => {
      loading = null; // a failed import (a file missing mid-update) is tried again on the next call
      throw error;
    }));
  const forward = <K extends MethodKey>(name: K): NonNullable<PushConnector[K]> => {
    const call = async (...args: unknown[]): Promise<unknown> => {
      const connector = await real();
      const method = connector[name] as unknown as ((...a: unknown[]) => Promise<unknown>) | undefined;
      if (typeof method !== 'function') {
        throw new Error(`The ${descriptor.label} connector has no ${String(name)} method.`);
      }
      return method.apply(connector, args);
    };
    return call as unknown as NonNullable<PushConnector[K]>;
  };
  const connector: PushConnector = {
    system: descriptor.system,
    label: descriptor.label,
    settingsSchema: descriptor.settingsSchema,
    ...(descriptor.defaultSettings ? { defaultSettings: descriptor.defaultSettings } : {}),
    policy: (connection) => descriptor.policy(connection),
    ...(descriptor.documentTypes ? { documentTypes: descriptor.documentTypes } : {}),
    ...(descriptor.takesFiles !== undefined ? { takesFiles: descriptor.takesFiles } : {}),
    ...(descriptor.listKinds ? { listKinds: descriptor.listKinds } : {}),
    ...(descriptor.createsReferenceKinds ? { createsReferenceKinds: descriptor.createsReferenceKinds } : {}),
    ...(descriptor.refuseConnect ? { refuseConnect: descriptor.refuseConnect.bind(descriptor) } : {}),
    ...(descriptor.holdSends ? { holdSends: descriptor.holdSends.bind(descriptor) } : {}),
    ...(descriptor.mappingSettings ? { mappingSettings: descriptor.mappingSettings } : {}),
    ...(descriptor.companyConfirmation ? { companyConfirmation: descriptor.companyConfirmation } : {}),
    connect: forward('connect'),
    test: forward('test'),
    findReferences: forward('findReferences'),
    createReference: forward('createReference'),
    sendDocuments: forward('sendDocuments'),
    cancelDocument: forward('cancelDocument'),
  };
  const optional = connector as unknown as Record<OptionalCapability, unknown>;
  for (const name of descriptor.capabilities) optional[name] = forward(name);
  loaders.set(connector, real);
  return connector;
}

/**
 * The connector behind a lazy one (loading it if need be), or the connector itself: for the registry's extension
 * questions (Xero's organisations, NetSuite's subsidiaries), which a lazy connector does not forward.
 */
export function loadConnector(connector: Connector): Promise<Connector> {
  return loaders.get(connector)?.() ?? Promise.resolve(connector);
}

// What a start needs to know about the Xero connector without loading it (see ../lazy.ts).
import type { ConnectionT } from '../../../preload/contract.js';
import { switchHold, type CompanyConfirmation } from '../contract.js';
import type { SystemDescriptor } from '../lazy.js';
import { DEFAULT_REDIRECT_PORT } from './redirect.js';
import { XERO_ENDPOINTS, XeroSettingsInput, xeroSettingsOf } from './settings.js';

/**
 * The organisation a connection uses, and the one it sent to as confirmed. The first is confirmed by choosing it (or
 * by the sign-in allowing only it); a switch to another (chosen in the settings, or a reconnect that reached only
 * another) waits for connections.confirmCompany, since Xero's account codes, item codes and tax types repeat from
 * one organisation to the next.
 */
const organisationConfirmation: CompanyConfirmation = {
  noun: 'Xero organisation',
  firstWithoutAsking: true,
  company: (connection: ConnectionT) => {
    const settings = xeroSettingsOf(connection.settings);
    if (!settings.tenantId) return null;
    const named = settings.organisation?.tenantId === settings.tenantId ? settings.organisation.name : null;
    return { id: settings.tenantId, name: named ?? settings.tenantId };
  },
  confirmed: (connection: ConnectionT) => {
    const confirmed = xeroSettingsOf(connection.settings).confirmedOrganisation;
    return confirmed ? { id: confirmed.tenantId, name: confirmed.name } : null;
  },
  forgetCompanyIds: (settings: Record<string, unknown>) => ({
    ...settings,
    defaultAccountCode: null,
    taxRateMap: {},
  }),
  confirm: (connection: ConnectionT, confirmed: { id: string; name: string; by: string; at: string }) => ({
    ...connection.settings,
    confirmedOrganisation: {
      tenantId: confirmed.id,
      name: confirmed.name,
      confirmedAt: confirmed.at,
      confirmedBy: confirmed.by,
    },
  }),
};

/** Documents per create call (Xero takes up to 50 purchase orders or invoices in one PUT). */
export const BATCH_SIZE = 50;

export const xeroDescriptor = {
  system: 'xero',
  label: 'Xero',
  /** No receipts there: goods are received against the order when its bill is entered. */
  documentTypes: ['purchase_order', 'service_order', 'invoice'],
  takesFiles: true,
  /** What lists.ts mirrors: accounts, items, tracking categories with their options, tax rates. */
  listKinds: ['account', 'item', 'tracking_category', 'tracking_option', 'tax_rate'],
  /** Only contacts are made from here; accounts, items, tracking and tax rates are the organisation's own. */
  createsReferenceKinds: ['supplier'],
  /** mapReference maps a tax rate by taxRateMap, else by Xero's rates (tax-types.ts). */
  mappingSettings: ['taxRateMap'],
  settingsSchema: XeroSettingsInput,
  defaultSettings: {
    ...XERO_ENDPOINTS,
    documentStatus: 'SUBMITTED',
    scopes: 'granular',
    redirectPort: DEFAULT_REDIRECT_PORT,
  },
  /**
   * Xero allows 60 calls a minute and 5 in flight per organisation. We start at most 58 a minute: our window counts
   * a call when it takes its slot, Xero's when the call arrives, and a busy event loop (50 documents serialised)
   * puts a varying delay between the two, so at exactly 60 a call now and then arrives inside Xero's minute and is
   * refused (bench/xero-send: 4 answers of 429 in 276 calls). A unit of work holds up to two create calls'
   * worth of documents: purchase orders and bills go in separate calls of at most 50, so a mixed unit of 100 still
   * fills each call (a unit of 50 mixed documents made two half-full calls).
   */
  policy: () => ({ concurrency: 5, requestsPerMinute: 58, batchSize: 2 * BATCH_SIZE }),
  companyConfirmation: organisationConfirmation,
  /** A switch to another organisation waits for the bookkeeper: nothing is sent to it meanwhile. */
  holdSends: (connection: ConnectionT): string | null => switchHold(organisationConfirmation, connection),
  capabilities: [
    'disconnect',
    'finishSignIn',
    'readListPage',
    'listSuppliers',
    'readSupplierPage',
    'upsertSupplier',
    'importPayments',
    'findReferencesBulk',
    'createReferences',
    'mapReference',
  ],
} as const satisfies SystemDescriptor;

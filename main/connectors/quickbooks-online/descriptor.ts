// What a start needs to know about the QuickBooks Online connector without loading it (see ../lazy.ts).
import type { ConnectionT } from '../../../preload/contract.js';
import type { SystemDescriptor } from '../lazy.js';
import {
  COMPANY_SCOPED_SETTINGS,
  companyAwaitingConfirmation,
  connectRefusal,
  INTUIT_ENDPOINTS,
  QboSettingsInput,
  qboSettingsOf,
} from './settings.js';

export const quickBooksOnlineDescriptor = {
  system: 'quickbooks_online',
  label: 'QuickBooks Online',
  /** No receipts there: goods are received against the order when its bill is entered. */
  documentTypes: ['purchase_order', 'service_order', 'invoice'],
  takesFiles: true,
  /** What lists.ts mirrors: QuickBooks' departments are mirrored as locations (its own name for them). */
  listKinds: [
    'account',
    'item',
    'class',
    'location',
    'customer',
    'tax_code',
    'tax_rate',
    'tax_agency',
    'term',
  ],
  /** Vendors, classes and customers are made from here; accounts, products and tax codes are not (references.ts). */
  createsReferenceKinds: ['supplier', 'class', 'customer'],
  /** mapReference maps a tax rate by taxCodeMap (references.ts). */
  mappingSettings: ['taxCodeMap'],
  settingsSchema: QboSettingsInput,
  defaultSettings: {
    apiBaseUrl: INTUIT_ENDPOINTS.apiBaseUrl,
    authorizeEndpoint: INTUIT_ENDPOINTS.authorizeEndpoint,
    tokenEndpoint: INTUIT_ENDPOINTS.tokenEndpoint,
    revokeEndpoint: INTUIT_ENDPOINTS.revokeEndpoint,
  },
  /** Production sign-in needs the firm's own relay page (no default: see settings.ts). */
  refuseConnect: (connection: ConnectionT) => connectRefusal(qboSettingsOf(connection.settings)),
  /**
   * A company signed in to but not yet confirmed by the bookkeeper gets nothing: it may not be theirs. The realm id
   * is not in the message: it is kept in the keychain, so the redactor would blank it; the Connections page shows it.
   */
  holdSends: (connection: ConnectionT): string | null => {
    const waiting = companyAwaitingConfirmation(qboSettingsOf(connection.settings));
    if (!waiting) return null;
    return `Waiting for you to confirm the QuickBooks company. Confirm the company on the Connections page: check that ${waiting.name} and the realm id shown there are your company's, then choose Confirm company. Nothing is sent until then.`;
  },
  /** The company a sign-in reached waits for the bookkeeper's confirmation (quickbooksOnline.confirmCompany). */
  companyConfirmation: {
    noun: 'QuickBooks company',
    firstWithoutAsking: false,
    keychainId: 'realmId',
    company: (connection: ConnectionT) => {
      const company = qboSettingsOf(connection.settings).company;
      return company?.realmId ? { id: company.realmId, name: company.name } : null;
    },
    confirmed: (connection: ConnectionT) => {
      const confirmed = qboSettingsOf(connection.settings).confirmedCompany;
      return confirmed ? { id: confirmed.realmId, name: confirmed.name } : null;
    },
    forgetCompanyIds: (settings: Record<string, unknown>) => {
      const kept: Record<string, unknown> = { ...settings, taxCodeMap: {} };
      for (const key of COMPANY_SCOPED_SETTINGS) if (key !== 'taxCodeMap') kept[key] = null;
      return kept;
    },
    confirm: (connection: ConnectionT, confirmed: { id: string; name: string; by: string; at: string }) => ({
      ...connection.settings,
      confirmedCompany: {
        realmId: confirmed.id,
        name: confirmed.name,
        confirmedAt: confirmed.at,
        confirmedBy: confirmed.by,
      },
    }),
  },
  /** Intuit allows 500 requests a minute and 10 in flight per company; we stay well under both. */
  policy: () => ({ concurrency: 4, requestsPerMinute: 400, batchSize: 30 }),
  capabilities: [
    'disconnect',
    'finishSignIn',
    'readListPage',
    'listSuppliers',
    'readSupplierPage',
    'upsertSupplier',
    'createTaxCodes',
    'companySettings',
    'importPayments',
    'findReferencesBulk',
    'createReferences',
    'mapReference',
  ],
} as const satisfies SystemDescriptor;

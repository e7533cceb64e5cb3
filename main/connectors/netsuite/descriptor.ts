// What a start needs to know about the NetSuite connector without loading it (see ../lazy.ts).
import type { ConnectionT } from '../../../preload/contract.js';
import { switchHold, type CompanyConfirmation } from '../contract.js';
import type { SystemDescriptor } from '../lazy.js';
import { NetSuiteSettings, NetSuiteSettingsInput, realmOf } from './settings.js';

/**
 * The account a connection writes to (its account id, as NetSuite writes it in upper case), and the one it sent to
 * as confirmed. The first is confirmed by connecting to it; a new account id (a sandbox left for production, another
 * account) waits for connections.confirmCompany, since internal ids repeat from one account to the next.
 */
const accountConfirmation: CompanyConfirmation = {
  noun: 'NetSuite account',
  firstWithoutAsking: true,
  company: (connection: ConnectionT) => {
    const accountId = NetSuiteSettings.shape.accountId.safeParse(connection.settings['accountId']);
    return accountId.success ? { id: realmOf(accountId.data), name: realmOf(accountId.data) } : null;
  },
  confirmed: (connection: ConnectionT) => {
    const confirmed = NetSuiteSettings.shape.confirmedAccount.safeParse(
      connection.settings['confirmedAccount'],
    );
    return confirmed.success && confirmed.data
      ? { id: confirmed.data.accountId, name: confirmed.data.accountId }
      : null;
  },
  forgetCompanyIds: (settings: Record<string, unknown>) => ({
    ...settings,
    subsidiaryId: null,
    defaultExpenseAccountId: null,
    taxCodeMap: {},
  }),
  confirm: (connection: ConnectionT, confirmed: { id: string; name: string; by: string; at: string }) => ({
    ...connection.settings,
    confirmedAccount: { accountId: confirmed.id, confirmedAt: confirmed.at, confirmedBy: confirmed.by },
  }),
};

export const netSuiteDescriptor = {
  system: 'netsuite',
  label: 'NetSuite',
  /** Only vendors are made from here; the rest are the account's own (connector.ts createReference). */
  createsReferenceKinds: ['supplier'],
  /** mapReference maps a tax rate by taxCodeMap, and holds none back while lineTaxCodes is off (connector.ts). */
  mappingSettings: ['taxCodeMap', 'lineTaxCodes'],
  settingsSchema: NetSuiteSettingsInput,
  /** What lists.ts reads with SuiteQL (sales tax items as tax codes; subsidiaries for the document header). */
  listKinds: [
    'account',
    'item',
    'class',
    'department',
    'location',
    'subsidiary',
    'customer',
    'tax_code',
    'term',
  ],
  defaultSettings: { authMethod: 'oauth2-client-credentials', receipts: false },
  /** NetSuite's concurrency limit is account-wide and shared with other integrations: keep to a few in flight. */
  policy: () => ({ concurrency: 3, requestsPerMinute: 300, batchSize: 10 }),
  companyConfirmation: accountConfirmation,
  /** A switch to another account waits for the bookkeeper: nothing is sent to it meanwhile. */
  holdSends: (connection: ConnectionT): string | null => switchHold(accountConfirmation, connection),
  capabilities: [
    'readListPage',
    'listSuppliers',
    'readSupplierPage',
    'upsertSupplier',
    'importPayments',
    'findReferencesBulk',
    'mapReference',
  ],
} as const satisfies SystemDescriptor;

// What a start needs to know about the NetSuite connector without loading it (see ../lazy.ts).
import type { SystemDescriptor } from '../lazy.js';
import { NetSuiteSettingsInput } from './settings.js';

export const netSuiteDescriptor = {
  system: 'netsuite',
  label: 'NetSuite',
  /** Only vendors are made from here; the rest are the account's own (connector.ts createReference). */
  createsReferenceKinds: ['supplier'],
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

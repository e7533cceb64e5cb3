// What a start needs to know about the QuickBooks Online connector without loading it (see ../lazy.ts).
import type { ConnectorDescriptor } from '../lazy.js';
import { INTUIT_ENDPOINTS, QboSettings } from './settings.js';

export const quickBooksOnlineDescriptor = {
  system: 'quickbooks_online',
  label: 'QuickBooks Online',
  settingsSchema: QboSettings.partial().passthrough(),
  defaultSettings: {
    apiBaseUrl: INTUIT_ENDPOINTS.apiBaseUrl,
    authorizeEndpoint: INTUIT_ENDPOINTS.authorizeEndpoint,
    tokenEndpoint: INTUIT_ENDPOINTS.tokenEndpoint,
    revokeEndpoint: INTUIT_ENDPOINTS.revokeEndpoint,
  },
  /** Intuit allows 500 requests a minute and 10 in flight per company; we stay well under both. */
  policy: () => ({ concurrency: 4, requestsPerMinute: 400, batchSize: 30 }),
  capabilities: [
    'disconnect',
    'finishSignIn',
    'importLists',
    'listSuppliers',
    'upsertSupplier',
    'createTaxCodes',
    'importPayments',
  ],
} as const satisfies ConnectorDescriptor;

// The settings of a QuickBooks Online connection (stable names: the issue and the docs use them). Secrets are not
// here: the client id and secret and the refresh token live in the keychain.
import { z } from 'zod';

export const INTUIT_ENDPOINTS = {
  apiBaseUrl: 'https://quickbooks.api.intuit.com',
  sandboxApiBaseUrl: 'https://sandbox-quickbooks.api.intuit.com',
  authorizeEndpoint: 'https://appcenter.intuit.com/connect/oauth2',
  tokenEndpoint: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
  revokeEndpoint: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
} as const;

/** Where Intuit sends the browser back for production companies: our static relay page (docs/relay/). */
export const DEFAULT_RELAY_URL = 'https://ledgerbridge.github.io/ledgerbridge/relay/';

const IdString = z.string().min(1).max(50);

export const QboSettings = z.object({
  apiBaseUrl: z.string().url().default(INTUIT_ENDPOINTS.apiBaseUrl),
  authorizeEndpoint: z.string().url().default(INTUIT_ENDPOINTS.authorizeEndpoint),
  tokenEndpoint: z.string().url().default(INTUIT_ENDPOINTS.tokenEndpoint),
  revokeEndpoint: z.string().url().default(INTUIT_ENDPOINTS.revokeEndpoint),
  /** 'sandbox' signs in through the loopback redirect; 'production' through the https relay page. */
  environment: z.enum(['sandbox', 'production']).default('production'),
  /** The https page registered as the app's redirect URI for production. */
  relayUrl: z.string().url().default(DEFAULT_RELAY_URL),
  /** Our tax rate id → QuickBooks TaxCode id (non-US companies). */
  taxCodeMap: z.record(z.string(), IdString).default({}),
  /** The TaxCode for lines without a tax rate (non-US companies). */
  defaultTaxCodeId: IdString.nullable().default(null),
  /** The TaxAgency that tax codes created from here (non-US companies, on request) are filed with. */
  defaultTaxAgencyId: IdString.nullable().default(null),
  /** Expense account for lines that have neither a synced item nor an account. */
  defaultExpenseAccountId: IdString.nullable().default(null),
  /** Accounts-payable account for purchase orders and bills (QuickBooks' default when null). */
  apAccountId: IdString.nullable().default(null),
  /** When set, discounts go to this account as a negative line instead of being netted into the lines. */
  discountAccountId: IdString.nullable().default(null),
  /** Non-US: are our unit prices net of tax (TaxExcluded) or gross (TaxInclusive). */
  globalTaxCalculation: z.enum(['TaxExcluded', 'TaxInclusive']).default('TaxExcluded'),
  /** Document custom field names that carry class, location (department) and customer/project. */
  classField: z.string().default('class'),
  departmentField: z.string().default('location'),
  customerField: z.string().default('customer'),
  /** Read from QuickBooks when sign-in finishes, not chosen by the user: which company, where, in what currency. */
  company: z
    .object({ name: z.string(), country: z.string(), homeCurrency: z.string() })
    .nullable()
    .default(null),
});
export type QboSettings = z.infer<typeof QboSettings>;

export function qboSettingsOf(settings: Record<string, unknown>): QboSettings {
  const parsed = QboSettings.parse(settings);
  // A sandbox company left on the production API address would answer "company not found": use the sandbox's.
  if (parsed.environment === 'sandbox' && parsed.apiBaseUrl === INTUIT_ENDPOINTS.apiBaseUrl) {
    return { ...parsed, apiBaseUrl: INTUIT_ENDPOINTS.sandboxApiBaseUrl };
  }
  return parsed;
}

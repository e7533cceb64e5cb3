// The settings of a QuickBooks Online connection (stable names: the issue and the docs use them). Secrets are not
// here: the client id and secret and the refresh token live in the keychain.
import { z } from 'zod';
import { CommonConnectionSettings, EndpointUrl } from '../../../preload/schemas.js';

export const INTUIT_ENDPOINTS = {
  apiBaseUrl: 'https://quickbooks.api.intuit.com',
  sandboxApiBaseUrl: 'https://sandbox-quickbooks.api.intuit.com',
  authorizeEndpoint: 'https://appcenter.intuit.com/connect/oauth2',
  tokenEndpoint: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
  revokeEndpoint: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
} as const;

/**
 * Earlier versions stored this address as the relay page of every production connection. Nobody here controls it:
 * whoever does would receive each sign-in's code, realm id and state. A stored value equal to it counts as unset.
 */
const FORMER_DEFAULT_RELAY_URL = 'https://ledgerbridge.github.io/ledgerbridge/relay/';

/** The company QuickBooks named at sign-in: stored as a fact, not chosen by the user. */
const SignedInCompany = z.object({
  name: z.string(),
  country: z.string(),
  homeCurrency: z.string(),
  /** QuickBooks' company id (realmId). Connections made before it was kept have none. */
  realmId: z.string().optional(),
  /**
   * Its Preferences at sign-in, so the document editor offers only the fields QuickBooks takes: a class per line,
   * per transaction or none; locations (departments) and what the company calls them.
   */
  classTracking: z.enum(['none', 'txn', 'line']).optional(),
  trackDepartments: z.boolean().optional(),
  departmentTerminology: z.string().optional(),
});

/** The bookkeeper's confirmation that the signed-in company is the right one; tied to its realm id. */
const ConfirmedCompany = z.object({
  realmId: z.string(),
  name: z.string(),
  confirmedAt: z.string(),
  confirmedBy: z.string(),
});

const IdString = z.string().min(1).max(50);

export const QboSettings = z.object({
  apiBaseUrl: EndpointUrl.default(INTUIT_ENDPOINTS.apiBaseUrl),
  authorizeEndpoint: EndpointUrl.default(INTUIT_ENDPOINTS.authorizeEndpoint),
  tokenEndpoint: EndpointUrl.default(INTUIT_ENDPOINTS.tokenEndpoint),
  revokeEndpoint: EndpointUrl.default(INTUIT_ENDPOINTS.revokeEndpoint),
  /** 'sandbox' signs in through the loopback redirect; 'production' through the https relay page. */
  environment: z.enum(['sandbox', 'production']).default('production'),
  /**
   * The https page registered as the app's redirect URI for production: docs/relay/ hosted on a site the firm
   * controls. No default: production sign-in is refused until it is set.
   */
  relayUrl: EndpointUrl.nullable().default(null),
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
  company: SignedInCompany.nullable().default(null),
  /** Set only through quickbooksOnline.confirmCompany; sends wait while it names another realm than `company`. */
  confirmedCompany: ConfirmedCompany.nullable().default(null),
});
export type QboSettings = z.infer<typeof QboSettings>;

/** Settings holding ids of records in one QuickBooks company: back to their defaults when the company changes. */
export const COMPANY_SCOPED_SETTINGS = [
  'taxCodeMap',
  'defaultTaxCodeId',
  'defaultTaxAgencyId',
  'defaultExpenseAccountId',
  'apAccountId',
  'discountAccountId',
] as const satisfies readonly (keyof QboSettings)[];

/** What connections.create/update accept: these settings and the common ones, and no other key. */
export const QboSettingsInput = QboSettings.partial().extend(CommonConnectionSettings.shape).strict();

export function qboSettingsOf(settings: Record<string, unknown>): QboSettings {
  const parsed = QboSettings.parse(
    settings.relayUrl === FORMER_DEFAULT_RELAY_URL ? { ...settings, relayUrl: null } : settings,
  );
  // A sandbox company left on the production API address would answer "company not found": use the sandbox's.
  if (parsed.environment === 'sandbox' && parsed.apiBaseUrl === INTUIT_ENDPOINTS.apiBaseUrl) {
    return { ...parsed, apiBaseUrl: INTUIT_ENDPOINTS.sandboxApiBaseUrl };
  }
  return parsed;
}

/** Why Connect is refused, naming the setting; null when the sign-in can start. */
export function connectRefusal(settings: QboSettings): { field: string; message: string } | null {
  if (settings.environment !== 'production' || settings.relayUrl) return null;
  return {
    field: 'relayUrl',
    message:
      "Production QuickBooks companies sign in through a relay page your firm hosts. Once: put the files of docs/relay/ on an https site your firm controls and register that address as the redirect URI of your Intuit app, then enter it as the Relay page (relayUrl) in this connection's QuickBooks Online settings. To try Ledgerbridge first, use your Intuit app's sandbox keys with Company type Sandbox.",
  };
}

/**
 * Whether sends must wait for the bookkeeper to confirm the company: after a sign-in that named a realm, until the
 * confirmation names the same realm. Connections signed in before realm ids were kept have none and are not held.
 */
export function companyAwaitingConfirmation(settings: QboSettings): { name: string; realmId: string } | null {
  const company = settings.company;
  if (!company?.realmId) return null;
  if (settings.confirmedCompany?.realmId === company.realmId) return null;
  return { name: company.name, realmId: company.realmId };
}

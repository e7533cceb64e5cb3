// The settings of a Xero connection (stable names: the issue and docs/xero.md use them). Secrets are not here: the
// client id, the refresh token and the chosen organisation (when there was only one) live in the keychain.
import { z } from 'zod';
import { CommonConnectionSettings, EndpointUrl } from '../../../preload/schemas.js';
import { DEFAULT_REDIRECT_PORT } from './redirect.js';

export const XERO_ENDPOINTS = {
  apiBaseUrl: 'https://api.xero.com/api.xro/2.0',
  authorizeEndpoint: 'https://login.xero.com/identity/connect/authorize',
  tokenEndpoint: 'https://identity.xero.com/connect/token',
  connectionsEndpoint: 'https://api.xero.com/connections',
} as const;

/** Apps created since 2 March 2026 must ask for the granular scopes; accounting.transactions is refused to them. */
export const GRANULAR_SCOPES = [
  'openid',
  'profile',
  'email',
  'offline_access',
  'accounting.invoices',
  'accounting.payments',
  'accounting.contacts',
  'accounting.settings',
  'accounting.attachments',
] as const;
/** Apps created before March 2026 (allowed until September 2027). */
export const BROAD_SCOPES = [
  'openid',
  'profile',
  'email',
  'offline_access',
  'accounting.transactions',
  'accounting.contacts',
  'accounting.settings',
  'accounting.attachments',
] as const;

const Scope = z.string().regex(/^[a-z_.]{2,60}$/, 'is not a Xero scope');

/** A Xero organisation by its tenant id, with its name as Xero gave it. */
const Organisation = z.object({
  tenantId: z.string().uuid(),
  name: z.string().max(300),
});

export const XeroSettings = z.object({
  apiBaseUrl: EndpointUrl.default(XERO_ENDPOINTS.apiBaseUrl),
  authorizeEndpoint: EndpointUrl.default(XERO_ENDPOINTS.authorizeEndpoint),
  tokenEndpoint: EndpointUrl.default(XERO_ENDPOINTS.tokenEndpoint),
  connectionsEndpoint: EndpointUrl.default(XERO_ENDPOINTS.connectionsEndpoint),
  /** The status documents get in Xero: SUBMITTED shows as "Awaiting approval". */
  documentStatus: z.enum(['DRAFT', 'SUBMITTED', 'AUTHORISED']).default('SUBMITTED'),
  /** 'granular' (apps since March 2026), 'broad' (older apps), or an explicit list. */
  scopes: z.union([z.enum(['granular', 'broad']), z.array(Scope).min(1).max(30)]).default('granular'),
  /** The organisation the connection uses: chosen after sign-in, or the only one the sign-in allowed. */
  tenantId: z.string().uuid().nullable().default(null),
  /** The organisation of tenantId with its name, as the sign-in or the choice found it (not chosen by the user). */
  organisation: Organisation.nullable().default(null),
  /**
   * The organisation this connection sent to, as confirmed: the first one chosen, then each switch the bookkeeper
   * confirmed (connections.confirmCompany). While tenantId names another, nothing is sent (a switch waits).
   */
  confirmedOrganisation: Organisation.extend({ confirmedAt: z.string(), confirmedBy: z.string() })
    .nullable()
    .default(null),
  /**
   * The port of the redirect URI registered in the Xero app, http://localhost:<port>/callback (Xero matches it
   * exactly, port included). 0: the sign-in listener's own random port (sign-in servers that accept any port).
   */
  redirectPort: z.union([z.literal(0), z.number().int().min(1024).max(65535)]).default(DEFAULT_REDIRECT_PORT),
  /** Account code for lines with neither a synced item nor an account. */
  defaultAccountCode: z.string().min(1).max(10).nullable().default(null),
  /**
   * Our tax rate id → the Xero TaxType its lines go with, chosen by the bookkeeper. A rate not in it goes by name,
   * then by percentage (tax-types.ts).
   */
  taxRateMap: z.record(z.string().min(1), z.string().trim().min(1).max(50)).default({}),
});
export type XeroSettings = z.infer<typeof XeroSettings>;

/** What connections.create/update accept: these settings and the common ones, and no other key. */
export const XeroSettingsInput = XeroSettings.partial().extend(CommonConnectionSettings.shape).strict();

export function xeroSettingsOf(settings: Record<string, unknown>): XeroSettings {
  return XeroSettings.parse(settings);
}

export function scopesOf(settings: XeroSettings): string[] {
  if (settings.scopes === 'granular') return [...GRANULAR_SCOPES];
  if (settings.scopes === 'broad') return [...BROAD_SCOPES];
  return settings.scopes.includes('offline_access')
    ? settings.scopes
    : [...settings.scopes, 'offline_access'];
}

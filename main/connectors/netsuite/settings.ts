// The settings of a NetSuite connection (stable names: the issue and docs/netsuite.md use them). Secrets are not
// here: {consumerKey, consumerSecret, tokenId, tokenSecret} or {clientId, certificateId, privateKeyPem} live in the
// keychain.
import { z } from 'zod';
import { CommonConnectionSettings, EndpointUrl } from '../../../preload/schemas.js';

const IdString = z.string().min(1).max(50);

export const NetSuiteSettings = z.object({
  /** The account id as NetSuite shows it (1234567, 1234567_SB1 for a sandbox). */
  accountId: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,40}$/,
      'is the account id NetSuite shows in Setup → Company → Company Information',
    ),
  /** Defaults to https://<account>.suitetalk.api.netsuite.com; a simulator or proxy replaces it. */
  apiBaseUrl: EndpointUrl.nullable().default(null),
  authMethod: z.enum(['tba', 'oauth2-client-credentials']).default('oauth2-client-credentials'),
  /** One company maps to one subsidiary (OneWorld); null for accounts without subsidiaries. */
  subsidiaryId: IdString.nullable().default(null),
  /** Send receipts as item receipts transformed from their purchase order. */
  receipts: z.boolean().default(false),
  /** Expense account for lines that have neither a synced item nor an account. */
  defaultExpenseAccountId: IdString.nullable().default(null),
  /**
   * Send a tax code on each item and expense line. Off by default: REST exposes line tax codes only in accounts
   * whose metadata has them (the OpenAPI subset we test against, a legacy-tax account, has none); with it off, tax
   * is left to NetSuite and our tax rates never hold a document back.
   */
  lineTaxCodes: z.boolean().default(false),
  /** Our tax rate id → NetSuite tax code internal id; a rate not in the map uses the tax code of the same name. */
  taxCodeMap: z.record(z.string(), IdString).default({}),
  /**
   * Document custom field names that carry location, department, class and subsidiary (the header pickers). A
   * document's subsidiary overrides subsidiaryId; its class is also the class of each line that has none.
   */
  locationField: z.string().default('location'),
  departmentField: z.string().default('department'),
  classField: z.string().default('class'),
  subsidiaryField: z.string().default('subsidiary'),
  /**
   * The account this connection sent to, as confirmed: the first one it connected to, then each switch the
   * bookkeeper confirmed (connections.confirmCompany). While accountId names another, nothing is sent.
   */
  confirmedAccount: z
    .object({ accountId: z.string(), confirmedAt: z.string(), confirmedBy: z.string() })
    .nullable()
    .default(null),
});
export type NetSuiteSettings = z.infer<typeof NetSuiteSettings>;

/** The host part NetSuite uses for an account: lower case, '_' becomes '-' (1234567_SB1 → 1234567-sb1). */
export function accountHost(accountId: string): string {
  return accountId.toLowerCase().replace(/_/g, '-');
}

/** The OAuth 1.0a realm: the account id in upper case, '_' kept (1234567_SB1). */
export function realmOf(accountId: string): string {
  return accountId.toUpperCase().replace(/-/g, '_');
}

export function netSuiteSettingsOf(
  settings: Record<string, unknown>,
): NetSuiteSettings & { apiBaseUrl: string } {
  const parsed = NetSuiteSettings.parse(settings);
  return {
    ...parsed,
    apiBaseUrl: parsed.apiBaseUrl ?? `https://${accountHost(parsed.accountId)}.suitetalk.api.netsuite.com`,
  };
}

/**
 * What connections.create/update validate: the NetSuite settings, and that "approved purchase orders and receipts"
 * is one choice — `receipts` and 'receipt' in the common documentsToSend are both on or both off, so a receipt is
 * never queued and then refused, nor turned on and never queued.
 */
export const NetSuiteSettingsInput = NetSuiteSettings.partial()
  .extend(CommonConnectionSettings.shape)
  .strict()
  .superRefine((settings, ctx) => {
    const documents = (settings as { documentsToSend?: unknown }).documentsToSend;
    const queued = Array.isArray(documents) && documents.includes('receipt');
    if ((settings.receipts ?? false) !== queued) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['receipts'],
        message: settings.receipts
          ? "is on, but receipts are not among the documents to send: choose 'approved purchase orders and receipts' (both on) or 'approved purchase orders' (both off)"
          : "is off, but receipts are among the documents to send: choose 'approved purchase orders and receipts' (both on) or 'approved purchase orders' (both off)",
      });
    }
  });

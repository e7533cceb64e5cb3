// What a QuickBooks company is like, read from CompanyInfo and Preferences: its country (US companies have no tax
// on purchases; the others need a tax code on every line), home currency, multicurrency, class and location
// tracking, closing date, and whether its subscription has purchase orders (Plus and Advanced). Kept in memory for
// a few minutes per connection, so the closing date is checked before any document is sent without reading
// Preferences once per document.
import { z } from 'zod';
import type { QboClient } from './client.js';

const NameValue = z.object({ Name: z.string().optional(), Value: z.string().optional() });

const CompanyInfo = z
  .object({
    CompanyName: z.string().optional(),
    Country: z.string().optional(),
    NameValue: z.array(NameValue).optional(),
  })
  .passthrough();

const Preferences = z
  .object({
    AccountingInfoPrefs: z
      .object({
        BookCloseDate: z.string().optional(),
        TrackDepartments: z.boolean().optional(),
        DepartmentTerminology: z.string().optional(),
        ClassTrackingPerTxn: z.boolean().optional(),
        ClassTrackingPerTxnLine: z.boolean().optional(),
      })
      .passthrough()
      .optional(),
    CurrencyPrefs: z
      .object({
        MultiCurrencyEnabled: z.boolean().optional(),
        HomeCurrency: z.object({ value: z.string() }).partial().optional(),
      })
      .passthrough()
      .optional(),
    OtherPrefs: z
      .object({ NameValue: z.array(NameValue).optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

export interface CompanyProfile {
  companyName: string;
  country: string;
  /** US companies: no tax codes on purchase lines. */
  usTax: boolean;
  homeCurrency: string;
  multiCurrency: boolean;
  classTracking: 'none' | 'txn' | 'line';
  trackDepartments: boolean;
  departmentTerminology: string;
  bookCloseDate: string | null;
  /** false when the subscription (Simple Start, Essentials) has no purchase orders; null when unknown. */
  purchaseOrders: boolean | null;
  subscription: string | null;
  warnDuplicateBillNumber: boolean;
}

export async function readCompanyProfile(client: QboClient): Promise<CompanyProfile> {
  const info = await client.request(`companyinfo/${client.realmId}`, {
    what: 'the company information',
    schema: z.object({ CompanyInfo }),
  });
  const prefs = await client.request('preferences', {
    what: 'the company preferences',
    schema: z.object({ Preferences }),
  });
  const company = info.CompanyInfo;
  const p = prefs.Preferences;
  const sku = company.NameValue?.find((n) => n.Name === 'OfferingSku')?.Value ?? null;
  const other = new Map((p.OtherPrefs?.NameValue ?? []).map((n) => [n.Name, n.Value]));
  const country = company.Country ?? 'US';
  return {
    companyName: company.CompanyName ?? 'QuickBooks company',
    country,
    usTax: country === 'US',
    homeCurrency: p.CurrencyPrefs?.HomeCurrency?.value ?? 'USD',
    multiCurrency: p.CurrencyPrefs?.MultiCurrencyEnabled ?? false,
    classTracking: p.AccountingInfoPrefs?.ClassTrackingPerTxnLine
      ? 'line'
      : p.AccountingInfoPrefs?.ClassTrackingPerTxn
        ? 'txn'
        : 'none',
    trackDepartments: p.AccountingInfoPrefs?.TrackDepartments ?? false,
    departmentTerminology: p.AccountingInfoPrefs?.DepartmentTerminology ?? 'Location',
    bookCloseDate: p.AccountingInfoPrefs?.BookCloseDate?.slice(0, 10) ?? null,
    purchaseOrders: sku === null ? null : /Plus|Advanced/i.test(sku),
    subscription: sku,
    warnDuplicateBillNumber: other.get('WarnDuplicateBillNumber') !== 'false',
  };
}

/** One sentence for the connection's status and the test button. */
export function describeProfile(profile: CompanyProfile): string {
  const parts = [
    `${profile.companyName} (${profile.country}, ${profile.homeCurrency}${profile.multiCurrency ? ', multicurrency' : ''})`,
  ];
  if (profile.purchaseOrders === false) {
    parts.push(
      `purchase orders are not available on ${profile.subscription ?? 'this subscription'}: only bills can be sent (purchase orders need QuickBooks Online Plus or Advanced)`,
    );
  }
  if (profile.bookCloseDate) parts.push(`books closed through ${profile.bookCloseDate}`);
  if (profile.classTracking === 'none') parts.push('class tracking is off');
  if (!profile.trackDepartments) parts.push(`${profile.departmentTerminology.toLowerCase()} tracking is off`);
  return `Connected to ${parts.join('; ')}.`;
}

// Suppliers as QuickBooks vendors: the fields kept in step both ways (name, address, city, state, postal code,
// country, phone, account number, e-mail), read in pages of 1000, and written as a create or a sparse update with
// the current SyncToken (re-read once when someone changed the vendor meanwhile).
import { z } from 'zod';
import type { SupplierT } from '../../../preload/contract.js';
import { ConnectorError } from '../contract.js';
import type { ExternalSupplier, SupplierCursor, SupplierPage } from '../contract.js';
import { QboFault, type QboClient } from './client.js';
import type { CompanyProfile } from './company.js';
import { isStale } from './faults.js';

const Vendor = z
  .object({
    Id: z.string(),
    // Intuit's schema makes both optional: a vendor without a DisplayName is named from its other names (nameOf);
    // one without a SyncToken is read again before it is updated.
    SyncToken: z.string().optional(),
    DisplayName: z.string().optional(),
    CompanyName: z.string().optional(),
    GivenName: z.string().optional(),
    FamilyName: z.string().optional(),
    PrintOnCheckName: z.string().optional(),
    Active: z.boolean().optional(),
    AcctNum: z.string().optional(),
    PrimaryPhone: z.object({ FreeFormNumber: z.string().optional() }).optional(),
    PrimaryEmailAddr: z.object({ Address: z.string().optional() }).optional(),
    BillAddr: z
      .object({
        Line1: z.string().optional(),
        City: z.string().optional(),
        CountrySubDivisionCode: z.string().optional(),
        PostalCode: z.string().optional(),
        Country: z.string().optional(),
      })
      .optional(),
    MetaData: z.object({ LastUpdatedTime: z.string().optional() }).optional(),
    // The vendor's prefill (default expense) account: the only default coding the v3 schema gives a Vendor. The
    // XSD marks it "Product: QBW", so QuickBooks Online answers may well leave it out.
    PrefillAccountRef: z
      .object({ value: z.string().min(1) })
      .passthrough()
      .optional()
      .catch(undefined),
  })
  .passthrough();
type Vendor = z.infer<typeof Vendor>;

export function vendorBody(supplier: SupplierT, profile: CompanyProfile): Record<string, unknown> {
  const address = {
    ...(supplier.address ? { Line1: supplier.address } : {}),
    ...(supplier.city ? { City: supplier.city } : {}),
    ...(supplier.state ? { CountrySubDivisionCode: supplier.state } : {}),
    ...(supplier.postalCode ? { PostalCode: supplier.postalCode } : {}),
    ...(supplier.country ? { Country: supplier.country } : {}),
  };
  return {
    DisplayName: supplier.name.replace(/:/g, '-').slice(0, 500),
    CompanyName: supplier.name.slice(0, 100),
    ...(supplier.email ? { PrimaryEmailAddr: { Address: supplier.email } } : {}),
    ...(supplier.phone ? { PrimaryPhone: { FreeFormNumber: supplier.phone } } : {}),
    ...(Object.keys(address).length > 0 ? { BillAddr: address } : {}),
    ...(supplier.accountNumber ? { AcctNum: supplier.accountNumber.slice(0, 100) } : {}),
    ...(profile.multiCurrency && supplier.currency ? { CurrencyRef: { value: supplier.currency } } : {}),
  };
}

/** The vendor's name: its DisplayName, else the other names QuickBooks keeps, else its id. */
export function nameOf(v: {
  Id: string;
  DisplayName?: string | undefined;
  CompanyName?: string | undefined;
  GivenName?: string | undefined;
  FamilyName?: string | undefined;
  PrintOnCheckName?: string | undefined;
}): string {
  const person = [v.GivenName, v.FamilyName].filter((n) => n?.trim()).join(' ');
  return (
    [v.DisplayName, v.CompanyName, person, v.PrintOnCheckName].find((n) => n?.trim())?.trim() ??
    `Vendor ${v.Id}`
  );
}

function toExternal(v: Vendor): ExternalSupplier {
  return {
    externalId: v.Id,
    name: nameOf(v),
    email: v.PrimaryEmailAddr?.Address ?? null,
    phone: v.PrimaryPhone?.FreeFormNumber ?? null,
    address: v.BillAddr?.Line1 ?? null,
    city: v.BillAddr?.City ?? null,
    state: v.BillAddr?.CountrySubDivisionCode ?? null,
    postalCode: v.BillAddr?.PostalCode ?? null,
    country: v.BillAddr?.Country ?? null,
    accountNumber: v.AcctNum ?? null,
    active: v.Active !== false,
    updatedAt: v.MetaData?.LastUpdatedTime
      ? new Date(v.MetaData.LastUpdatedTime).toISOString()
      : new Date(0).toISOString(),
    ...(v.PrefillAccountRef
      ? { codingDefaults: { accountExternalId: v.PrefillAccountRef.value, tracking: [] } }
      : {}),
  };
}

export async function listVendors(client: QboClient): Promise<ExternalSupplier[]> {
  const rows = await client.queryAll('Vendor', 'WHERE Active IN (true, false)', Vendor);
  return rows.map(toExternal);
}

/** QuickBooks' largest page (MAXRESULTS). */
export const VENDOR_PAGE = 1000;
const ALL_VENDORS = 'WHERE Active IN (true, false)';

/**
 * One page of vendors, active and inactive, from STARTPOSITION cursor.start (1-based). The first page also asks
 * count(*) so that progress can show a total; a page shorter than MAXRESULTS is the last.
 */
export async function vendorPage(
  client: QboClient,
  cursor: SupplierCursor | null,
  pageSize = VENDOR_PAGE,
): Promise<SupplierPage> {
  const start = Number(cursor?.start ?? 1);
  const size = Math.min(VENDOR_PAGE, Number(cursor?.size ?? pageSize));
  let total: number | null = null;
  if (start === 1) {
    const answer = await client.request('query', {
      method: 'POST',
      raw: { body: `SELECT COUNT(*) FROM Vendor ${ALL_VENDORS}`, contentType: 'application/text' },
      what: 'the vendor list',
      // totalCount is an optional attribute in Intuit's schema: without it the total is unknown (null).
      schema: z.object({
        QueryResponse: z.object({ totalCount: z.number().int().nonnegative().optional() }).passthrough(),
      }),
    });
    total = answer.QueryResponse.totalCount ?? null;
  }
  const rows = await client.query(
    'Vendor',
    `${ALL_VENDORS} STARTPOSITION ${start} MAXRESULTS ${size}`,
    Vendor,
  );
  return {
    suppliers: rows.map(toExternal),
    next: rows.length < size ? null : { start: start + size, size },
    total,
  };
}

export async function upsertVendor(
  client: QboClient,
  body: Record<string, unknown>,
  existing: { externalId: string } | null,
  requestKey: string,
): Promise<ExternalSupplier> {
  const what = `vendor '${String(body.DisplayName)}'`;
  const schema = z.object({ Vendor });
  if (!existing) {
    const answer = await client.request('vendor', { body, requestKey, what, schema });
    return toExternal(answer.Vendor);
  }
  const read = async () => {
    const token = (await client.request(`vendor/${existing.externalId}`, { what, schema })).Vendor.SyncToken;
    if (token === undefined) {
      throw new ConnectorError(
        'needs_user',
        `QuickBooks answered about ${what} without its SyncToken, which Ledgerbridge needs to update it. Try again later; if it persists, report it with the integration log entry.`,
      );
    }
    return token;
  };
  const write = (syncToken: string) =>
    client.request('vendor', {
      body: { ...body, Id: existing.externalId, SyncToken: syncToken, sparse: true },
      requestKey: `${requestKey}:${syncToken}`,
      what,
      schema,
    });
  try {
    return toExternal((await write(await read())).Vendor);
  } catch (error) {
    if (!(error instanceof QboFault) || !isStale(error.info)) throw error;
    return toExternal((await write(await read())).Vendor);
  }
}

// Suppliers ↔ NetSuite vendors: read with SuiteQL (active and inactive), written as an upsert by external id
// (lb-sup-<our supplier id>) for a new vendor, or a PATCH of the paired vendor, with the same fields as the other
// systems: name, email, phone, account number, active, and the default billing address.
import { z } from 'zod';
import type { SupplierT } from '../../../preload/contract.js';
import type { ExternalSupplier, SupplierCursor, SupplierPage } from '../contract.js';
import { NsId, type NsClient } from './client.js';

const VendorRow = z.object({
  id: NsId,
  entityid: z.string().nullable().optional(),
  companyname: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  accountnumber: z.string().nullable().optional(),
  isinactive: z.string().optional(),
  lastmodifieddate: z.string().nullable().optional(),
});
type VendorRow = z.infer<typeof VendorRow>;

const VENDOR_COLUMNS = 'id, entityid, companyname, email, phone, accountnumber, isinactive, lastmodifieddate';

function externalOf(row: VendorRow): ExternalSupplier {
  return {
    externalId: row.id,
    name: row.companyname || row.entityid || row.id,
    email: row.email ?? null,
    phone: row.phone ?? null,
    address: null,
    city: null,
    state: null,
    postalCode: null,
    country: null,
    accountNumber: row.accountnumber ?? null,
    active: row.isinactive !== 'T',
    updatedAt: row.lastmodifieddate
      ? new Date(row.lastmodifieddate).toISOString()
      : new Date(0).toISOString(),
  };
}

export async function listVendors(client: NsClient): Promise<ExternalSupplier[]> {
  const rows = await client.suiteql(
    `SELECT ${VENDOR_COLUMNS} FROM vendor ORDER BY id`,
    VendorRow,
    'the vendor list',
  );
  return rows.map(externalOf);
}

/** SuiteQL's largest page. */
export const VENDOR_PAGE = 1000;

/**
 * One page of vendors (active and inactive) ordered by internal id, from cursor.offset; totalResults is the
 * total. NetSuite wants the offset to be a multiple of the limit, so the limit travels in the cursor.
 */
export async function vendorPage(
  client: NsClient,
  cursor: SupplierCursor | null,
  pageSize = VENDOR_PAGE,
): Promise<SupplierPage> {
  const offset = Number(cursor?.offset ?? 0);
  const limit = Math.min(VENDOR_PAGE, Number(cursor?.limit ?? pageSize));
  const page = await client.suiteqlPage(
    `SELECT ${VENDOR_COLUMNS} FROM vendor ORDER BY id`,
    VendorRow,
    'the vendor list',
    offset,
    limit,
  );
  return {
    suppliers: page.rows.map(externalOf),
    next: page.hasMore ? { offset: offset + limit, limit } : null,
    total: page.totalResults,
  };
}

export function vendorBody(supplier: SupplierT, subsidiaryId: string | null): Record<string, unknown> {
  const address = supplier.address || supplier.city || supplier.postalCode;
  return {
    entityId: supplier.name.slice(0, 83),
    companyName: supplier.name.slice(0, 83),
    email: supplier.email ?? null,
    phone: supplier.phone ?? null,
    accountNumber: supplier.accountNumber ?? null,
    isInactive: !supplier.active,
    ...(subsidiaryId ? { subsidiary: { id: subsidiaryId } } : {}),
    ...(address
      ? {
          addressBook: {
            items: [
              {
                defaultBilling: true,
                addressBookAddress: {
                  addr1: supplier.address ?? null,
                  city: supplier.city ?? null,
                  state: supplier.state ?? null,
                  zip: supplier.postalCode ?? null,
                  ...(supplier.country && /^[A-Z]{2}$/.test(supplier.country)
                    ? { country: { id: supplier.country } }
                    : {}),
                },
              },
            ],
          },
        }
      : {}),
  };
}

export async function upsertVendor(
  client: NsClient,
  supplier: SupplierT,
  existing: { externalId: string } | null,
): Promise<ExternalSupplier> {
  const body = vendorBody(supplier, client.settings.subsidiaryId);
  const what = `vendor '${supplier.name}'`;
  const query = body.addressBook ? { replace: 'addressBook' } : undefined;
  let id: string;
  if (existing) {
    await client.request('PATCH', `record/v1/vendor/${existing.externalId}`, {
      body,
      what,
      ...(query ? { query } : {}),
    });
    id = existing.externalId;
  } else {
    const eid = `lb-sup-${supplier.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const answer = await client.request('PUT', `record/v1/vendor/eid:${eid}`, {
      body,
      what,
      ...(query ? { query } : {}),
    });
    id = answer.locationId ?? '';
  }
  const rows = await client.suiteql(
    `SELECT ${VENDOR_COLUMNS} FROM vendor WHERE ${id ? `id = '${id.replace(/'/g, "''")}'` : `externalid = 'lb-sup-${supplier.id}'`} ORDER BY id`,
    VendorRow,
    what,
  );
  const row = rows[0];
  if (!row) return { ...externalOf({ id, companyname: supplier.name }), active: supplier.active };
  return externalOf(row);
}

// Xero's own methods: choosing the organisation (tenant) after sign-in, and its suppliers page by page.
import { z } from 'zod';
import { Connection, Id, type MethodShape } from '../schemas.js';
import { SuppliersSyncResult } from './accounting.js';

export const XeroTenant = z.object({
  /** Xero's tenantId of the organisation. */
  tenantId: z.string(),
  name: z.string(),
  /** Whether this connection uses it now. */
  chosen: z.boolean(),
});

export const XeroSupplier = z.object({
  externalId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  active: z.boolean(),
});

export const xeroContract = {
  /** One page of 100 Xero suppliers ("load more" asks for the next page), optionally searched by name. */
  'xero.suppliers': {
    input: z.object({
      connectionId: Id,
      page: z.number().int().min(1).max(10_000).default(1),
      search: z.string().trim().max(100).optional(),
    }),
    output: z.object({ suppliers: z.array(XeroSupplier), more: z.boolean() }),
  },
  /**
   * "Import all": suppliers.sync with importUnmatched, while progress events (task `xero.importSuppliers:<id>`)
   * count the suppliers read from Xero, 100 a page.
   */
  'xero.importSuppliers': { input: z.object({ connectionId: Id }), output: SuppliersSyncResult },
  /** The organisations the connection's sign-in may reach. */
  'xero.tenants': { input: z.object({ connectionId: Id }), output: z.array(XeroTenant) },
  /** Uses this organisation for the connection (one organisation per company) and finishes connecting. */
  'xero.chooseTenant': {
    input: z.object({ connectionId: Id, tenantId: z.string().uuid() }),
    output: Connection,
  },
} as const satisfies Record<string, MethodShape>;

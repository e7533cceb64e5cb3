// Xero's own methods: choosing the organisation (tenant) after sign-in.
import { z } from 'zod';
import { Connection, Id, type MethodShape } from '../schemas.js';

export const XeroTenant = z.object({
  /** Xero's tenantId of the organisation. */
  tenantId: z.string(),
  name: z.string(),
  /** Whether this connection uses it now. */
  chosen: z.boolean(),
});

export const xeroContract = {
  /** The organisations the connection's sign-in may reach. */
  'xero.tenants': { input: z.object({ connectionId: Id }), output: z.array(XeroTenant) },
  /** Uses this organisation for the connection (one organisation per company) and finishes connecting. */
  'xero.chooseTenant': {
    input: z.object({ connectionId: Id, tenantId: z.string().uuid() }),
    output: Connection,
  },
} as const satisfies Record<string, MethodShape>;

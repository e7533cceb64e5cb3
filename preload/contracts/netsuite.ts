// NetSuite's own methods: the subsidiaries the connection's role can see, so the settings can map this company to
// one of them (settings.subsidiaryId).
import { z } from 'zod';
import { Id, type MethodShape } from '../schemas.js';

export const NetSuiteSubsidiary = z.object({
  /** NetSuite's internal id (the value of settings.subsidiaryId). */
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  active: z.boolean(),
  /** Whether this connection uses it now. */
  chosen: z.boolean(),
});

export const netsuiteContract = {
  'netsuite.subsidiaries': { input: z.object({ connectionId: Id }), output: z.array(NetSuiteSubsidiary) },
} as const satisfies Record<string, MethodShape>;

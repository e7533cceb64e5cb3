// QuickBooks Online's own methods: confirming, before the first send, that the company a sign-in reached is the
// firm's (a relay page or a hand-picked consent could have named another company).
import { z } from 'zod';
import { Connection, Id, type MethodShape } from '../schemas.js';

export const quickbooksOnlineContract = {
  /**
   * The bookkeeper confirms the company QuickBooks named at sign-in (settings.company: name and realm id). Sends
   * to the connection wait until then, and again after a sign-in to another realm. `realmId` is the one the
   * bookkeeper was shown: a sign-in to another company meanwhile makes the confirmation fail instead of apply.
   */
  'quickbooksOnline.confirmCompany': {
    input: z.object({
      connectionId: Id,
      realmId: z.string().regex(/^\d{1,30}$/, 'is a QuickBooks realm id'),
    }),
    output: Connection,
  },
} as const satisfies Record<string, MethodShape>;

// The handlers of preload/contracts/quickbooks-online.ts: confirming the company a sign-in reached. The connector
// holds every send (holdSends) while settings.company names a realm that settings.confirmedCompany does not;
// confirming (company-confirmation.ts, shared with Xero's organisations and NetSuite's accounts) writes the
// confirmation, retires the old company's links on a switch, and releases the documents that were waiting for it.
import type { quickbooksOnlineContract } from '../../preload/contracts/quickbooks-online.js';
import { getConnection } from '../db/repos/connections.js';
import { AppError } from '../domain/errors.js';
import { confirmCompany } from './company-confirmation.js';
import type { AreaHandlers } from './context.js';

export const quickbooksOnlineHandlers: AreaHandlers<typeof quickbooksOnlineContract> = {
  'quickbooksOnline.confirmCompany': async ({ connectionId, realmId }, ctx) => {
    const connection = getConnection(ctx.db, connectionId);
    if (connection.system !== 'quickbooks_online') {
      throw new AppError('invalid_input', `${connection.name} is not a QuickBooks Online connection.`, {
        problems: [{ field: 'connectionId', message: 'is not a QuickBooks Online connection' }],
      });
    }
    return confirmCompany(ctx, { connectionId, shownId: realmId, field: 'realmId' });
  },
};

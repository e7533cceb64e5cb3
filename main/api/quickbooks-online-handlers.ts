// The handlers of preload/contracts/quickbooks-online.ts: confirming the company a sign-in reached. The connector
// holds every send (holdSends) while settings.company names a realm that settings.confirmedCompany does not;
// confirming here writes the confirmation and releases the documents that were waiting for it. The settings are
// the connector's: it reads and confirms the company (contract.ts CompanyConfirmation), asked of the registry.
import type { quickbooksOnlineContract } from '../../preload/contracts/quickbooks-online.js';
import { getConnection, updateConnectionRow } from '../db/repos/connections.js';
import { AppError } from '../domain/errors.js';
import { resumeWaiting } from '../sync/outbox.js';
import type { AreaHandlers } from './context.js';

export const quickbooksOnlineHandlers: AreaHandlers<typeof quickbooksOnlineContract> = {
  'quickbooksOnline.confirmCompany': async ({ connectionId, realmId }, ctx) => {
    const connection = getConnection(ctx.db, connectionId);
    const confirmation = ctx.connectors.get(connection.system)?.companyConfirmation;
    if (!confirmation) {
      throw new AppError('invalid_input', `${connection.name} is not a QuickBooks Online connection.`, {
        problems: [{ field: 'connectionId', message: 'is not a QuickBooks Online connection' }],
      });
    }
    const company = confirmation.company(connection);
    // The realm the connector actually uses is the keychain's; settings.company is what the page showed.
    const signedIn = await ctx.secrets.get(connection.id, 'realmId');
    if (!company || !signedIn || connection.status !== 'connected') {
      throw new AppError(
        'invalid_input',
        `${connection.name} is not signed in to a QuickBooks company yet. Choose Connect on the Connections page; once it is connected, confirm the company there.`,
        { problems: [{ field: 'connectionId', message: 'is not connected to a company yet' }] },
      );
    }
    if (realmId !== company.id || realmId !== signedIn) {
      throw new AppError(
        'conflict',
        `${connection.name} is now signed in to another QuickBooks company than the one you confirmed (realm id ${realmId}). Reload the Connections page, check the company name and realm id shown, and confirm again.`,
        { problems: [{ field: 'realmId', message: 'is not the company this connection is signed in to' }] },
      );
    }
    const updated = ctx.db.transaction(() => {
      // Re-read inside the transaction: a sign-in may have finished while the keychain answered.
      const current = getConnection(ctx.db, connection.id);
      if (confirmation.company(current)?.id !== realmId) {
        throw new AppError(
          'conflict',
          `${connection.name} signed in to another QuickBooks company just now. Reload the Connections page and confirm the company shown.`,
          { problems: [{ field: 'realmId', message: 'is not the company this connection is signed in to' }] },
        );
      }
      const row = updateConnectionRow(ctx.db, connection.id, {
        settings: confirmation.confirm(current, {
          id: realmId,
          name: company.name,
          by: ctx.userName,
          at: new Date().toISOString(),
        }),
      });
      resumeWaiting(ctx.db, connection.id);
      return row;
    })();
    ctx.log({
      companyId: connection.companyId,
      connectionId: connection.id,
      action: 'connect',
      result: 'success',
      // The realm id is kept in the keychain, so the log's redaction would blank it: the name says enough here.
      message: `${ctx.userName} confirmed the QuickBooks company ${company.name}; documents waiting for it go now.`,
    });
    ctx.emit({ type: 'connection', connectionId: connection.id });
    ctx.kickSync();
    return updated;
  },
};

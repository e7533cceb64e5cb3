// The handlers of preload/contracts/quickbooks-online.ts: confirming the company a sign-in reached. The connector
// holds every send (holdSends) while settings.company names a realm that settings.confirmedCompany does not;
// confirming here writes the confirmation and releases the documents that were waiting for it. The settings are
// the connector's: it reads and confirms the company (contract.ts CompanyConfirmation), asked of the registry.
import type { quickbooksOnlineContract } from '../../preload/contracts/quickbooks-online.js';
import { getConnection, updateConnectionRow } from '../db/repos/connections.js';
import { AppError } from '../domain/errors.js';
import { retireCompanyLinks, type RetiredCompany } from '../sync/company-switch.js';
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
      const now = new Date();
      // Confirmed before for another realm: this is a switch of company, and the old one's ids must go first.
      const before = confirmation.confirmed(current);
      const switched = before !== null && before.id !== realmId;
      const retired = switched
        ? retireCompanyLinks(ctx.db, {
            connectionId: connection.id,
            systemLabel: 'QuickBooks Online',
            from: `the QuickBooks company ${before.name}`,
            to: `the QuickBooks company ${company.name}`,
            now,
          })
        : null;
      const settings = confirmation.confirm(current, {
        id: realmId,
        name: company.name,
        by: ctx.userName,
        at: now.toISOString(),
      });
      const row = updateConnectionRow(ctx.db, connection.id, {
        settings: switched ? confirmation.forgetCompanyIds(settings) : settings,
      });
      resumeWaiting(ctx.db, connection.id);
      return { row, retired, before };
    })();
    if (updated.retired && updated.before) {
      const { retired, entries } = updated.retired;
      for (const entry of entries)
        ctx.log({ ...entry, companyId: connection.companyId, connectionId: connection.id });
      ctx.log({
        companyId: connection.companyId,
        connectionId: connection.id,
        action: 'company_switch',
        result: 'info',
        message: switchedMessage(updated.before.name, company.name, retired),
      });
    }
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
    return updated.row;
  },
};

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a bookkeeper needs to hear after a switch of company: what was let go, and what to do next. */
function switchedMessage(from: string, to: string, retired: RetiredCompany): string {
  return (
    `This connection now sends to the QuickBooks company ${to}, no longer to ${from}. ` +
    `What belonged to ${from} was retired: ${plural(retired.pairings, 'pairing', 'pairings')} of suppliers, ` +
    `list entries and tax rates, ${plural(retired.listEntries, 'imported list entry', 'imported list entries')}, ` +
    `and the mapped tax codes and default accounts in the settings. ` +
    `${plural(retired.documents, 'document', 'documents')} sent to ${from} ${retired.documents === 1 ? 'stays' : 'stay'} there and will not be updated into ${to}. ` +
    `Import the lists and suppliers of ${to} on the Connections page, and map its tax codes, before sending.`
  );
}

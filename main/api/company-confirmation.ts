// The company a connection reaches (a QuickBooks Online realm, a Xero organisation, a NetSuite account) and the
// bookkeeper's confirmation of it, for every system whose connector states a CompanyConfirmation. Ids of one company
// mean other records, or none, in another: while the connection reaches another company than the one confirmed, the
// connector holds its sends and the imports wait (holdSends); confirming it here retires, in the same transaction,
// everything the connection knew of the old company (sync/company-switch.ts) and releases the documents that waited.
import type { ConnectionT } from '../../preload/contract.js';
import type { CompanyConfirmation } from '../connectors/contract.js';
import { getConnection, updateConnectionRow } from '../db/repos/connections.js';
import { AppError } from '../domain/errors.js';
import { retireCompanyLinks, type RetiredCompany } from '../sync/company-switch.js';
import { resumeWaiting } from '../sync/outbox.js';
import type { ApiContext } from './context.js';

/**
 * The settings to store after a change that may point the connection at another company (a sign-in, an
 * organisation chosen, an account id typed in). Where the system lets the bookkeeper choose the company by name
 * (firstWithoutAsking), the first company is confirmed as the connection connects to it (`connecting`); a
 * connection connected before its company was confirmed keeps the company it had as the confirmed one, so a change
 * to another waits like any switch. QuickBooks Online's are left as they are: each company there waits for
 * confirmCompany.
 */
export function settleCompany(
  confirmation: CompanyConfirmation | undefined,
  before: ConnectionT,
  settings: Record<string, unknown>,
  change: { by: string; now: Date; connecting: boolean },
): Record<string, unknown> {
  if (!confirmation?.firstWithoutAsking) return settings;
  const next: ConnectionT = { ...before, settings };
  const company = confirmation.company(next);
  if (!company || confirmation.confirmed(next)) return settings;
  const earlier = before.connectedAt ? confirmation.company(before) : null;
  if (earlier && before.connectedAt) {
    return confirmation.confirm(next, {
      ...earlier,
      by: 'Ledgerbridge (connected before switches were confirmed)',
      at: before.connectedAt,
    });
  }
  if (!change.connecting) return settings;
  return confirmation.confirm(next, { ...company, by: change.by, at: change.now.toISOString() });
}

/**
 * The bookkeeper confirms the company the connection reaches now, by the id they were shown (`field` names it in
 * the answer's problems): a change meanwhile makes the confirmation fail instead of apply. Confirming another
 * company than the one confirmed before is a switch: the old one's links are retired in the same transaction.
 */
export async function confirmCompany(
  ctx: ApiContext,
  input: { connectionId: string; shownId: string; field: string },
): Promise<ConnectionT> {
  const { shownId, field } = input;
  const connection = getConnection(ctx.db, input.connectionId);
  const connector = ctx.connectors.get(connection.system);
  const confirmation = connector?.companyConfirmation;
  if (!connector || !confirmation) {
    throw new AppError(
      'invalid_input',
      `${connection.name} has no company, organisation or account to confirm: it sends where its settings say.`,
      { problems: [{ field: 'connectionId', message: 'has no company to confirm' }] },
    );
  }
  const { noun } = confirmation;
  const company = confirmation.company(connection);
  // The id the connector actually uses, where it keeps it in the keychain (QuickBooks Online's realm).
  const used = confirmation.keychainId
    ? await ctx.secrets.get(connection.id, confirmation.keychainId)
    : (company?.id ?? null);
  if (!company || !used || connection.status !== 'connected') {
    throw new AppError(
      'invalid_input',
      `${connection.name} is not connected to a ${noun} yet. Choose Connect on the Connections page; once it is connected, confirm the ${noun} there.`,
      { problems: [{ field: 'connectionId', message: `is not connected to a ${noun} yet` }] },
    );
  }
  if (shownId !== company.id || shownId !== used) {
    throw new AppError(
      'conflict',
      `${connection.name} now reaches another ${noun} than the one you confirmed (${shownId}). Reload the Connections page, check the ${noun} shown, and confirm again.`,
      { problems: [{ field, message: `is not the ${noun} this connection reaches` }] },
    );
  }
  const updated = ctx.db.transaction(() => {
    // Read again inside the transaction: a sign-in or a change may have finished while the keychain answered.
    const current = getConnection(ctx.db, connection.id);
    if (confirmation.company(current)?.id !== shownId) {
      throw new AppError(
        'conflict',
        `${connection.name} was pointed at another ${noun} just now. Reload the Connections page and confirm the ${noun} shown.`,
        { problems: [{ field, message: `is not the ${noun} this connection reaches` }] },
      );
    }
    const now = new Date();
    // Confirmed before for another: this is a switch, and the old company's ids must go first.
    const before = confirmation.confirmed(current);
    const switched = before !== null && before.id !== shownId;
    const retired = switched
      ? retireCompanyLinks(ctx.db, {
          connectionId: connection.id,
          systemLabel: connector.label,
          from: `the ${noun} ${before.name}`,
          to: `the ${noun} ${company.name}`,
          now,
        })
      : null;
    const settings = confirmation.confirm(current, {
      id: shownId,
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
      message: switchedMessage(noun, updated.before.name, company.name, retired),
    });
  }
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'connect',
    result: 'success',
    // The id may be kept in the keychain, so the log's redaction would blank it: the name says enough here.
    message: `${ctx.userName} confirmed the ${noun} ${company.name}; documents waiting for it go now.`,
  });
  ctx.emit({ type: 'connection', connectionId: connection.id });
  ctx.kickSync();
  return updated.row;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a bookkeeper needs to hear after a switch: what was let go, and what to do next. */
function switchedMessage(noun: string, from: string, to: string, retired: RetiredCompany): string {
  return (
    `This connection now sends to the ${noun} ${to}, no longer to ${from}. ` +
    `What belonged to ${from} was retired: ${plural(retired.pairings, 'pairing', 'pairings')} of suppliers, ` +
    `list entries and tax rates, ${plural(retired.listEntries, 'imported list entry', 'imported list entries')}, ` +
    `and the mapped tax codes and default accounts in the settings. ` +
    `${plural(retired.documents, 'document', 'documents')} sent to ${from} ${retired.documents === 1 ? 'stays' : 'stay'} there and will not be updated into ${to}. ` +
    `Import the lists and suppliers of ${to} on the Connections page, and map its tax codes, before sending.`
  );
}

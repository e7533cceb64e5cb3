// The handlers of preload/contracts/qbd.ts: the Web Connector password (keychain only), the .qwc file and the
// record of Web Connector sessions.
import type { qbdContract } from '../../preload/contracts/qbd.js';
import { QBD_LABEL, QBD_SYSTEM, WEB_CONNECTOR_PASSWORD } from '../connectors/quickbooks-desktop/connector.js';
import { buildQwc, endpointUrl } from '../connectors/quickbooks-desktop/qbwc/qwc.js';
import { SessionsRepo } from '../connectors/quickbooks-desktop/qbwc/sessions-repo.js';
import { qbdSettings } from '../connectors/quickbooks-desktop/settings.js';
import { getConnection, updateConnectionRow } from '../db/repos/connections.js';
import { AppError } from '../domain/errors.js';
import type { ApiContext, AreaHandlers } from './context.js';

function qbdConnection(ctx: ApiContext, connectionId: string) {
  const connection = getConnection(ctx.db, connectionId);
  if (connection.system !== QBD_SYSTEM) {
    throw new AppError(
      'invalid_input',
      `${connection.name} is not a ${QBD_LABEL} connection; the Web Connector only serves ${QBD_LABEL}.`,
      { problems: [{ field: 'connectionId', message: `is not a ${QBD_LABEL} connection` }] },
    );
  }
  return connection;
}

export const qbdHandlers: AreaHandlers<typeof qbdContract> = {
  'qbd.setPassword': async (input, ctx) => {
    const connection = qbdConnection(ctx, input.connectionId);
    await ctx.secrets.set(connection.id, WEB_CONNECTOR_PASSWORD, input.password);
    // A new password is a fresh start: the Web Connector may sign in with it at once.
    const username = qbdSettings(connection).username;
    if (username) ctx.qbdSignIns.clear(username);
    updateConnectionRow(ctx.db, connection.id, {
      credentialNames: [...connection.credentialNames, WEB_CONNECTOR_PASSWORD],
    });
    ctx.log({
      companyId: connection.companyId,
      connectionId: connection.id,
      action: 'qbd.setPassword',
      result: 'info',
      message:
        'The Web Connector password was changed. Type the same password in the Web Connector (Password column) before its next run.',
    });
    return { passwordSet: true };
  },

  'qbd.status': async (input, ctx) => {
    const connection = qbdConnection(ctx, input.connectionId);
    const password = await ctx.secrets.get(connection.id, WEB_CONNECTOR_PASSWORD);
    const username = qbdSettings(connection).username;
    const streak = username ? ctx.qbdSignIns.streak(username) : null;
    const waiting = username ? ctx.qbdSignIns.waiting(username) : null;
    return {
      passwordSet: password !== null,
      endpointUrl: endpointUrl(ctx.db),
      refusedSignIns: streak && {
        count: streak.failures,
        since: streak.firstFailedAt,
        retryAfter: waiting?.retryAfter ?? null,
      },
    };
  },

  'qbd.qwc': (input, ctx) => buildQwc(ctx.db, qbdConnection(ctx, input.connectionId)),

  'qbd.sessions': (input, ctx) => {
    const connection = qbdConnection(ctx, input.connectionId);
    const sessions = new SessionsRepo(ctx.db).list(connection.id, input.limit).map((s) => ({
      id: s.id,
      connectionId: s.connectionId,
      outcome: s.outcome,
      startedAt: s.startedAt,
      lastSeenAt: s.lastSeenAt,
      endedAt: s.endedAt,
      companyFile: s.companyFile,
      summary: s.summary && {
        messages: s.summary.messages,
        requests: s.summary.requests,
        documentsSent: s.summary.documentsSent,
        documentsFailed: s.summary.documentsFailed,
        listRecords: s.summary.listRecords,
        paymentsImported: s.summary.paymentsImported,
      },
      problems: s.problems,
    }));
    return { sessions };
  },
};

// The handlers of preload/contracts/qbd.ts: the Web Connector password (keychain only), the .qwc file and the
// record of Web Connector sessions. What the Web Connector's setup takes is the session system's own
// (contract.ts SessionSetup), asked of the registry.
import type { qbdContract } from '../../preload/contracts/qbd.js';
import { getConnection, updateConnectionRow } from '../db/repos/connections.js';
import { AppError } from '../domain/errors.js';
import { resumeWaiting } from '../sync/outbox.js';
import type { ApiContext, AreaHandlers } from './context.js';

/** The connection and its system's setup, when it is a session system the Web Connector serves. */
function qbdConnection(ctx: ApiContext, connectionId: string) {
  const connection = getConnection(ctx.db, connectionId);
  const setup = ctx.connectors.session(connection.system)?.setup;
  if (!setup) {
    const label =
      ctx.connectors
        .sessions()
        .filter((c) => c.setup)
        .map((c) => c.label)
        .join(' or ') || 'QuickBooks Desktop';
    throw new AppError(
      'invalid_input',
      `${connection.name} is not a ${label} connection; the Web Connector only serves ${label}.`,
      { problems: [{ field: 'connectionId', message: `is not a ${label} connection` }] },
    );
  }
  return { connection, setup };
}

export const qbdHandlers: AreaHandlers<typeof qbdContract> = {
  'qbd.setPassword': async (input, ctx) => {
    const { connection, setup } = qbdConnection(ctx, input.connectionId);
    await ctx.secrets.set(connection.id, setup.passwordName, input.password);
    // A new password is a fresh start: the Web Connector may sign in with it at once.
    const username = setup.userName(connection);
    if (username) ctx.qbdSignIns.clear(username);
    updateConnectionRow(ctx.db, connection.id, {
      credentialNames: [...connection.credentialNames, setup.passwordName],
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

  'qbd.retryAccess': async (input, ctx) => {
    const { connection } = qbdConnection(ctx, input.connectionId);
    const queued = ctx.db.transaction(() => resumeWaiting(ctx.db, connection.id, new Date(), 'access'))();
    const documents = `${queued} document${queued === 1 ? '' : 's'}`;
    const message =
      queued === 0
        ? `No document waits for QuickBooks to allow ${connection.name} access: nothing to try again.`
        : `${documents} QuickBooks refused ${queued === 1 ? 'goes' : 'go'} at the next Web Connector run of ${connection.name}. If QuickBooks still refuses, ${queued === 1 ? 'it waits' : 'they wait'} again with its message.`;
    if (queued > 0) {
      ctx.log({
        companyId: connection.companyId,
        connectionId: connection.id,
        action: 'qbd.retryAccess',
        result: 'info',
        message: `Access to QuickBooks said to be allowed again: ${message}`,
      });
      ctx.emit({ type: 'connection', connectionId: connection.id });
    }
    return { queued, message };
  },

  'qbd.status': async (input, ctx) => {
    const { connection, setup } = qbdConnection(ctx, input.connectionId);
    const password = await ctx.secrets.get(connection.id, setup.passwordName);
    const username = setup.userName(connection);
    const streak = username ? ctx.qbdSignIns.streak(username) : null;
    const waiting = username ? ctx.qbdSignIns.waiting(username) : null;
    return {
      passwordSet: password !== null,
      endpointUrl: setup.endpointUrl(ctx.db),
      refusedSignIns: streak && {
        count: streak.failures,
        since: streak.firstFailedAt,
        retryAfter: waiting?.retryAfter ?? null,
      },
    };
  },

  'qbd.qwc': (input, ctx) => {
    const { connection, setup } = qbdConnection(ctx, input.connectionId);
    return setup.setupFile(ctx.db, connection);
  },

  'qbd.sessions': (input, ctx) => {
    const { connection, setup } = qbdConnection(ctx, input.connectionId);
    return { sessions: setup.sessions(ctx.db, connection.id, input.limit) };
  },
};

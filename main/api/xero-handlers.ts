// The handlers of preload/contracts/xero.ts: the organisations a Xero sign-in reaches, and choosing one after
// sign-in (stored as the connection's settings.tenantId; the connection is connected once it is chosen); suppliers
// a page at a time, and "import all" (suppliers.sync importing what is new) with progress as pages are read.
import type { xeroContract } from '../../preload/contracts/xero.js';
import { getConnection, updateConnectionRow } from '../db/repos/connections.js';
import { AppError } from '../domain/errors.js';
import { resumeWaiting } from '../sync/outbox.js';
import { switchHold } from '../connectors/contract.js';
import { settleCompany } from './company-confirmation.js';
import { accountingHandlers } from './accounting-handlers.js';
import type { ApiContext, AreaHandlers } from './context.js';

/**
 * The connection and its connector, which must offer Xero's organisation choice and supplier pages (loaded on
 * first use: a start does not load Xero's code).
 */
async function xeroOf(ctx: ApiContext, connectionId: string) {
  const connection = getConnection(ctx.db, connectionId);
  const connector = await ctx.connectors.capable(connection.system, [
    'tenants',
    'tenantId',
    'supplierPage',
    'watchSupplierReads',
  ]);
  if (!connector) {
    throw new AppError('invalid_input', `${connection.name} is not a Xero connection.`, {
      problems: [{ field: 'connectionId', message: 'is not a Xero connection' }],
    });
  }
  return { connection, connector };
}

export const xeroHandlers: AreaHandlers<typeof xeroContract> = {
  'xero.suppliers': async ({ connectionId, page, search }, ctx) => {
    const { connection, connector } = await xeroOf(ctx, connectionId);
    const answer = await connector.supplierPage(ctx.connectorContext(connection), page, search || undefined);
    return {
      more: answer.more,
      suppliers: answer.suppliers.map((s) => ({
        externalId: s.externalId,
        name: s.name,
        email: s.email,
        phone: s.phone,
        city: s.city,
        country: s.country,
        active: s.active,
      })),
    };
  },
  'xero.importSuppliers': async ({ connectionId }, ctx) => {
    const { connector } = await xeroOf(ctx, connectionId);
    const task = `xero.importSuppliers:${connectionId}`;
    const stop = connector.watchSupplierReads(connectionId, (done) =>
      ctx.emit({ type: 'progress', task, done, total: null, message: `Read ${done} suppliers from Xero…` }),
    );
    try {
      const result = await accountingHandlers['suppliers.sync']({ connectionId, importUnmatched: true }, ctx);
      // matched holds every supplier now paired, the ones imported just now included.
      const done = result.matched.length;
      ctx.emit({ type: 'progress', task, done, total: done, message: 'Suppliers imported' });
      return result;
    } finally {
      stop();
    }
  },
  'xero.tenants': async ({ connectionId }, ctx) => {
    const { connection, connector } = await xeroOf(ctx, connectionId);
    const connectorCtx = ctx.connectorContext(connection);
    const tenants = await connector.tenants(connectorCtx);
    const chosen = await connector.tenantId(connectorCtx).catch(() => null);
    return tenants.map((t) => ({
      tenantId: t.tenantId,
      name: t.tenantName ?? t.tenantId,
      chosen: t.tenantId === chosen,
    }));
  },
  'xero.chooseTenant': async ({ connectionId, tenantId }, ctx) => {
    const { connection, connector } = await xeroOf(ctx, connectionId);
    const tenants = await connector.tenants(ctx.connectorContext(connection));
    const tenant = tenants.find((t) => t.tenantId === tenantId);
    if (!tenant) {
      throw new AppError(
        'invalid_input',
        'This Xero sign-in does not reach that organisation. Choose Connect again and tick it in Xero.',
        { problems: [{ field: 'tenantId', message: 'is not an organisation of this sign-in' }] },
      );
    }
    const name = tenant.tenantName ?? tenantId;
    const confirmation = ctx.connectors.get(connection.system)?.companyConfirmation;
    // Connections made before the organisation was kept in the settings have the one in use in the keychain.
    const inUse = await connector.tenantId(ctx.connectorContext(connection)).catch(() => null);
    const before =
      inUse && !connection.settings.tenantId
        ? {
            ...connection,
            settings: {
              ...connection.settings,
              tenantId: inUse,
              organisation: {
                tenantId: inUse,
                name: tenants.find((t) => t.tenantId === inUse)?.tenantName ?? inUse,
              },
            },
          }
        : connection;
    const updated = ctx.db.transaction(() => {
      // Another organisation than the one confirmed before is a switch: it waits for the bookkeeper's confirmation
      // (connections.confirmCompany), nothing sent meanwhile; the first one is confirmed by choosing it.
      const settings = settleCompany(
        confirmation,
        before,
        { ...connection.settings, tenantId, organisation: { tenantId, name } },
        { by: ctx.userName, now: new Date(), connecting: true },
      );
      const row = updateConnectionRow(ctx.db, connection.id, {
        settings,
        status: 'connected',
        statusMessage: null,
        connectedAt: new Date().toISOString(),
      });
      resumeWaiting(ctx.db, connection.id);
      return row;
    })();
    const waiting = confirmation ? switchHold(confirmation, updated) : null;
    ctx.log({
      companyId: connection.companyId,
      connectionId: connection.id,
      action: 'connect',
      result: 'success',
      message: waiting
        ? `Chose the Xero organisation ${name}. ${waiting}`
        : `Connected to the Xero organisation ${name}.`,
    });
    ctx.emit({ type: 'connection', connectionId: connection.id });
    ctx.kickSync();
    return updated;
  },
};

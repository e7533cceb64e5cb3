// The handlers of preload/contracts/netsuite.ts: the subsidiaries a NetSuite connection's role can see.
import type { netsuiteContract } from '../../preload/contracts/netsuite.js';
import { getConnection } from '../db/repos/connections.js';
import { AppError } from '../domain/errors.js';
import type { AreaHandlers } from './context.js';

export const netsuiteHandlers: AreaHandlers<typeof netsuiteContract> = {
  'netsuite.subsidiaries': async ({ connectionId }, ctx) => {
    const connection = getConnection(ctx.db, connectionId);
    // Loaded on first use: a start does not load NetSuite's code.
    const connector = await ctx.connectors.capable(connection.system, ['subsidiaries']);
    if (!connector) {
      throw new AppError('invalid_input', `${connection.name} is not a NetSuite connection.`, {
        problems: [{ field: 'connectionId', message: 'is not a NetSuite connection' }],
      });
    }
    const chosen = connection.settings['subsidiaryId'];
    const subsidiaries = await connector.subsidiaries(ctx.connectorContext(connection));
    return subsidiaries.map((s) => ({ ...s, chosen: s.id === chosen }));
  },
};

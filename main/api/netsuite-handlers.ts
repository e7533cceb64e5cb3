// The handlers of preload/contracts/netsuite.ts.
import type { netsuiteContract } from '../../preload/contracts/netsuite.js';
import type { AreaHandlers } from './context.js';

export const netsuiteHandlers: AreaHandlers<typeof netsuiteContract> = {};

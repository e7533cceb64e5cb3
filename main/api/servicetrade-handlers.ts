// The handlers of preload/contracts/servicetrade.ts.
import type { servicetradeContract } from '../../preload/contracts/servicetrade.js';
import type { AreaHandlers } from './context.js';

export const servicetradeHandlers: AreaHandlers<typeof servicetradeContract> = {};

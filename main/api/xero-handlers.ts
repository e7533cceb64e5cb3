// The handlers of preload/contracts/xero.ts.
import type { xeroContract } from '../../preload/contracts/xero.js';
import type { AreaHandlers } from './context.js';

export const xeroHandlers: AreaHandlers<typeof xeroContract> = {};

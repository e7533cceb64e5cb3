// The handlers of preload/contracts/qbd.ts.
import type { qbdContract } from '../../preload/contracts/qbd.js';
import type { AreaHandlers } from './context.js';

export const qbdHandlers: AreaHandlers<typeof qbdContract> = {};

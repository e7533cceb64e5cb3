// The handlers of preload/contracts/accounting.ts.
import type { accountingContract } from '../../preload/contracts/accounting.js';
import type { AreaHandlers } from './context.js';

export const accountingHandlers: AreaHandlers<typeof accountingContract> = {};

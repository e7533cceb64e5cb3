// The handlers of preload/contracts/payments.ts: the Payments page's list.
import type { paymentsContract } from '../../preload/contracts/payments.js';
import { listPayments } from '../db/repos/payments.js';
import type { AreaHandlers } from './context.js';

export const paymentsHandlers: AreaHandlers<typeof paymentsContract> = {
  'payments.list': (input, ctx) => listPayments(ctx.db, input),
};

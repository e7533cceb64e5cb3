// ServiceTrade: the connection's refresh, jobs and invoices.
import type { MethodShape } from '../schemas.js';

export const servicetradeContract = {} as const satisfies Record<string, MethodShape>;

// Methods every accounting connection answers the same way: payments, list imports, supplier sync.
import type { MethodShape } from '../schemas.js';

export const accountingContract = {} as const satisfies Record<string, MethodShape>;

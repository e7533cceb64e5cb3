// QuickBooks Desktop's own methods: the Web Connector password, the .qwc file, recent sessions.
import type { MethodShape } from '../schemas.js';

export const qbdContract = {} as const satisfies Record<string, MethodShape>;

// NetSuite's own methods.
import type { MethodShape } from '../schemas.js';

export const netsuiteContract = {} as const satisfies Record<string, MethodShape>;

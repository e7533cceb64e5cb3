// Xero's own methods: choosing the organisation (tenant) after sign-in.
import type { MethodShape } from '../schemas.js';

export const xeroContract = {} as const satisfies Record<string, MethodShape>;

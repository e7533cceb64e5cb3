// Supplier invoices read from PDF files and scans.
import type { MethodShape } from '../schemas.js';

export const captureContract = {} as const satisfies Record<string, MethodShape>;

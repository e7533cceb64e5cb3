// Xero's Idempotency-Key: at most 128 characters, the same for the same documents, revisions and action (the
// engine's idempotency keys, hashed so a batch of 50 fits).
import { createHash } from 'node:crypto';

export function idempotencyKeyOf(keys: string[]): string {
  return createHash('sha256')
    .update([...keys].sort().join('|'))
    .digest('hex');
}

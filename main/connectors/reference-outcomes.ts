// What QuickBooks Online's and Xero's batch createReferences share: suppliers go in the system's batch call, every
// other kind of reference is created one at a time, and a failure becomes that record's outcome, not the batch's.
import { type ExternalMatch, type ReferenceOutcome, type ReferenceRecord } from './contract.js';
import { failedOutcome } from './send-outcomes.js';

/** A failed outcome; anything that is not a ConnectorError is a question for the user, as createReference's are. */
export function failedReference(error: unknown): ReferenceOutcome {
  return failedOutcome(error);
}

/**
 * Creates every record that is not a supplier with `createOne` (in order, one at a time) and returns their outcomes
 * at their positions, with the suppliers and their positions left for the caller's batch call.
 */
export async function createAllButSuppliers(
  records: readonly ReferenceRecord[],
  createOne: (record: ReferenceRecord) => Promise<ExternalMatch>,
): Promise<{ outcomes: ReferenceOutcome[]; suppliers: { record: ReferenceRecord; i: number }[] }> {
  const outcomes: ReferenceOutcome[] = [];
  const suppliers: { record: ReferenceRecord; i: number }[] = [];
  for (const [i, record] of records.entries()) {
    if (record.kind === 'supplier') {
      suppliers.push({ record, i });
      continue;
    }
    try {
      outcomes[i] = { ok: true, match: await createOne(record) };
    } catch (error) {
      outcomes[i] = failedReference(error);
    }
  }
  return { outcomes, suppliers };
}

// What QuickBooks Online's and Xero's batch sends share: one outcome per document, in order, filled as the
// system's calls answer; a failure is that document's, not the batch's; a new document's files go right after it
// exists; a document no call answered for goes back to the engine to be retried.
import {
  ConnectorError,
  type OutgoingAttachment,
  type OutgoingDocument,
  type SendOutcome,
} from './contract.js';

/** A failed outcome; anything that is not a ConnectorError is a question for the user. */
export function failedOutcome(error: unknown): { ok: false; error: ConnectorError } {
  return {
    ok: false,
    error: error instanceof ConnectorError ? error : new ConnectorError('needs_user', String(error)),
  };
}

/**
 * Uploads the files of the documents at `created` whose send succeeded, once, right after they were created (a
 * revision does not attach them again). A file that does not go does not undo the document: `upload` returns a
 * sentence about what was missed, added to the outcome's message.
 */
export async function attachToCreated(
  outcomes: (SendOutcome | null)[],
  documents: readonly OutgoingDocument[],
  created: Iterable<number>,
  upload: (
    outgoing: OutgoingDocument,
    externalId: string,
    files: readonly OutgoingAttachment[],
  ) => Promise<string | null>,
): Promise<void> {
  for (const i of created) {
    const outcome = outcomes[i];
    const outgoing = documents[i]!;
    const files = outgoing.attachments ?? [];
    if (!outcome?.ok || files.length === 0) continue;
    const missed = await upload(outgoing, outcome.externalId, files);
    if (missed) outcomes[i] = { ...outcome, message: `${outcome.message ?? ''} ${missed}`.trim() };
  }
}

/** The outcomes, each document no call answered for marked to be retried. */
export function retryUnanswered(outcomes: readonly (SendOutcome | null)[]): SendOutcome[] {
  return outcomes.map(
    (o) => o ?? { ok: false, error: new ConnectorError('transient', 'Not attempted; retrying.') },
  );
}

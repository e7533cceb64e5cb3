// What QuickBooks Online's and Xero's batch sends share: one outcome per document, in order, filled as the
// system's calls answer; a failure is that document's, not the batch's; a document's new files go once it is there;
// a document no call answered for goes back to the engine to be retried.
import {
  ConnectorError,
  type FileOutcome,
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
 * Uploads each document's files once the document is there — created now, updated, or found from an earlier
 * attempt whose answer was lost — and puts what became of each file on its outcome (`files`), so the engine records
 * the ones that went and offers the others again on the next send. The engine gives only the files not yet there:
 * every file on the first send, on a revision's update those added since. The upload's keys are made from the
 * document and the file, so a retry is replayed, not attached twice. A file that does not go does not undo the
 * document: the outcome's message names the files that went and says why the others did not.
 */
export async function attachFiles(
  outcomes: (SendOutcome | null)[],
  documents: readonly OutgoingDocument[],
  upload: (
    outgoing: OutgoingDocument,
    externalId: string,
    files: readonly OutgoingAttachment[],
  ) => Promise<{ files: FileOutcome[]; missed: string | null }>,
): Promise<void> {
  for (const [i, outgoing] of documents.entries()) {
    const outcome = outcomes[i];
    const files = outgoing.attachments ?? [];
    if (!outcome?.ok || files.length === 0) continue;
    const result = await upload(outgoing, outcome.externalId, files);
    const went = new Set(result.files.filter((f) => f.status === 'sent').map((f) => f.id));
    const names = files.filter((f) => went.has(f.id)).map((f) => f.fileName);
    const said = [
      outcome.message,
      names.length > 0 ? `Attached ${names.join(', ')}.` : null,
      result.missed,
    ].filter(Boolean);
    outcomes[i] = { ...outcome, files: result.files, message: said.join(' ') };
  }
}

/** The outcomes, each document no call answered for marked to be retried. */
export function retryUnanswered(outcomes: readonly (SendOutcome | null)[]): SendOutcome[] {
  return outcomes.map(
    (o) => o ?? { ok: false, error: new ConnectorError('transient', 'Not attempted; retrying.') },
  );
}

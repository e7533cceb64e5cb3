// A document's files as Xero attachments: one PUT /{Endpoint}/{Guid}/Attachments/{FileName} per file with the bytes
// as the body, once the document exists, each with an Idempotency-Key from the document and the file's hash so a
// retry never attaches a file twice. The engine offers only the files not yet there (all on the first send, those
// added since on a revision's update) and records the AttachmentID of each that went. Xero takes at most 10 files
// per document and (per Xero's current guidance) 10 MB per file; a file that does not go does not undo the
// document: the outcome names it and says why, and the next send tries it again.
import { Buffer } from 'node:buffer';
import { ConnectorError, type FileOutcome, type OutgoingAttachment } from '../contract.js';
import type { XeroApi } from './api.js';
import { idempotencyKeyOf } from './keys.js';
import type { XeroKind } from './mapping.js';

export const MAX_FILES = 10;
export const MAX_BYTES = 10 * 1024 * 1024;

export interface UploadResult {
  /** What became of each file, in order. */
  files: FileOutcome[];
  /** A sentence about the files that did not go, or null when all did. */
  missed: string | null;
}

/** Uploads each file onto the purchase order or bill `documentId`. */
export async function uploadAttachments(
  api: XeroApi,
  kind: XeroKind,
  documentId: string,
  attachments: readonly OutgoingAttachment[],
): Promise<UploadResult> {
  const named = api.named;
  const missed: string[] = [];
  const files: FileOutcome[] = [];
  for (const [n, file] of attachments.entries()) {
    if (n >= MAX_FILES) {
      missed.push(`${file.fileName} (Xero keeps at most ${MAX_FILES} files on a document)`);
      files.push({ id: file.id, status: 'failed' });
      continue;
    }
    const bytes = Buffer.from(await file.read());
    if (bytes.byteLength > MAX_BYTES) {
      missed.push(`${file.fileName} (larger than Xero's 10 MB limit)`);
      files.push({ id: file.id, status: 'failed' });
      continue;
    }
    const key = idempotencyKeyOf([`attachment:${documentId}:${file.sha256}`]);
    try {
      const answer = await api.call(`the file ${file.fileName}`, (x, t) =>
        kind === 'PurchaseOrder'
          ? x.createPurchaseOrderAttachmentByFileName(t, documentId, file.fileName, bytes, key)
          : x.createInvoiceAttachmentByFileName(t, documentId, file.fileName, bytes, false, key),
      );
      files.push({
        id: file.id,
        status: 'sent',
        externalId: answer.attachments?.[0]?.attachmentID ?? null,
      });
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'auth') throw error;
      missed.push(
        `${file.fileName} (${error instanceof ConnectorError ? error.userMessage : String(error)})`,
      );
      files.push({ id: file.id, status: 'failed' });
    }
  }
  return {
    files,
    missed:
      missed.length > 0
        ? `Not attached in ${named}: ${missed.join('; ')}. The next send tries ${missed.length === 1 ? 'it' : 'them'} again; or attach ${missed.length === 1 ? 'it' : 'them'} in Xero by hand.`
        : null,
  };
}

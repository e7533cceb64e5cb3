// A document's files as Xero attachments: one PUT per file with the bytes as the body, right after the document
// exists, each with an Idempotency-Key from the document and the file's hash so a retry never attaches a file twice.
// Xero takes at most 10 files per document and (per Xero's current guidance) 10 MB per file; a file that does not
// go does not undo the document: the outcome names it and says why.
import { Buffer } from 'node:buffer';
import { ConnectorError, type OutgoingAttachment } from '../contract.js';
import type { XeroApi } from './api.js';
import { idempotencyKeyOf } from './keys.js';
import type { XeroKind } from './mapping.js';

export const MAX_FILES = 10;
export const MAX_BYTES = 10 * 1024 * 1024;

/** Uploads each file; returns a sentence about the files that did not go, or null when all did. */
export async function uploadAttachments(
  api: XeroApi,
  kind: XeroKind,
  documentId: string,
  attachments: readonly OutgoingAttachment[],
): Promise<string | null> {
  const missed: string[] = [];
  for (const [n, file] of attachments.entries()) {
    if (n >= MAX_FILES) {
      missed.push(`${file.fileName} (Xero keeps at most ${MAX_FILES} files on a document)`);
      continue;
    }
    const bytes = Buffer.from(await file.read());
    if (bytes.byteLength > MAX_BYTES) {
      missed.push(`${file.fileName} (larger than Xero's 10 MB limit)`);
      continue;
    }
    const key = idempotencyKeyOf([`attachment:${documentId}:${file.sha256}`]);
    try {
      await api.call(`the file ${file.fileName}`, (x, t) =>
        kind === 'PurchaseOrder'
          ? x.createPurchaseOrderAttachmentByFileName(t, documentId, file.fileName, bytes, key)
          : x.createInvoiceAttachmentByFileName(t, documentId, file.fileName, bytes, false, key),
      );
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'auth') throw error;
      missed.push(
        `${file.fileName} (${error instanceof ConnectorError ? error.userMessage : String(error)})`,
      );
    }
  }
  return missed.length > 0
    ? `Not attached in Xero: ${missed.join('; ')}. Attach ${missed.length === 1 ? 'it' : 'them'} in Xero by hand.`
    : null;
}

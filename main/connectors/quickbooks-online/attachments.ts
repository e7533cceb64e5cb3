// A document's files as QuickBooks Attachables: one multipart upload per file to POST /upload — the Attachable as
// JSON ("file_metadata_01", its AttachableRef naming the bill or purchase order) and the bytes ("file_content_01") —
// with a requestid from the transaction and the file's hash, so a retry never attaches a file twice. The engine
// offers only the files not yet there (all on the first send, those added since on a revision's update) and
// records the Attachable Id of each that went. A file QuickBooks refuses does not undo the transaction: the
// outcome says which file is missing and why, and the next send tries it again.
import { z } from 'zod';
import { ConnectorError, type FileOutcome, type OutgoingAttachment } from '../contract.js';
import type { QboClient } from './client.js';

const UploadAnswer = z.object({
  AttachableResponse: z.array(
    z
      .object({
        Attachable: z.object({ Id: z.string() }).passthrough().optional(),
        Fault: z
          .object({
            Error: z.array(z.object({ Message: z.string().optional(), Detail: z.string().optional() })),
          })
          .optional(),
      })
      .passthrough(),
  ),
});

export interface UploadResult {
  /** What became of each file, in order. */
  files: FileOutcome[];
  /** A sentence about the files that did not go, or null when all did. */
  missed: string | null;
}

/** Uploads each file onto the transaction `transactionId` of `entity` (Bill, PurchaseOrder). */
export async function uploadAttachments(
  client: QboClient,
  entity: string,
  transactionId: string,
  attachments: readonly OutgoingAttachment[],
): Promise<UploadResult> {
  const missed: string[] = [];
  const files: FileOutcome[] = [];
  for (const file of attachments) {
    try {
      const form = new FormData();
      const metadata = {
        AttachableRef: [{ EntityRef: { type: entity, value: transactionId }, IncludeOnSend: false }],
        FileName: file.fileName,
        ContentType: file.mimeType,
      };
      form.append(
        'file_metadata_01',
        new Blob([JSON.stringify(metadata)], { type: 'application/json' }),
        'attachment.json',
      );
      form.append(
        'file_content_01',
        new Blob([new Uint8Array(await file.read())], { type: file.mimeType }),
        file.fileName,
      );
      const answer = await client.request('upload', {
        raw: { body: form },
        requestKey: `attach:${entity}:${transactionId}:${file.sha256}`,
        what: `attachment '${file.fileName}'`,
        schema: UploadAnswer,
      });
      const fault = answer.AttachableResponse.find((r) => r.Fault)?.Fault;
      const attachable = answer.AttachableResponse.find((r) => r.Attachable)?.Attachable;
      if (fault || !attachable) {
        missed.push(`${file.fileName} (${fault?.Error[0]?.Detail ?? fault?.Error[0]?.Message ?? 'refused'})`);
        files.push({ id: file.id, status: 'failed' });
      } else {
        files.push({ id: file.id, status: 'sent', externalId: attachable.Id });
      }
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
      missed.length === 0
        ? null
        : `Not attached in ${client.named}: ${missed.join('; ')}. The next send tries ${missed.length === 1 ? 'it' : 'them'} again; or attach ${missed.length === 1 ? 'it' : 'them'} in QuickBooks by hand.`,
  };
}

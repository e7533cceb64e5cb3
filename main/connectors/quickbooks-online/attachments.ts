// A document's files as QuickBooks Attachables: one multipart upload per file (metadata naming the transaction, then
// the bytes), with a requestid from the transaction and the file's hash so a retry never attaches a file twice.
// A file QuickBooks refuses does not undo the transaction: the outcome says which file is missing and why.
import { z } from 'zod';
import { ConnectorError, type OutgoingAttachment } from '../contract.js';
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

/** Uploads each file; returns a sentence about the files that did not go, or null when all did. */
export async function uploadAttachments(
  client: QboClient,
  entity: string,
  transactionId: string,
  attachments: readonly OutgoingAttachment[],
): Promise<string | null> {
  const missed: string[] = [];
  for (const file of attachments) {
    try {
      const form = new FormData();
      const metadata = {
        AttachableRef: [{ EntityRef: { type: entity, value: transactionId }, IncludeOnSend: false }],
        FileName: file.fileName,
        ContentType: file.mimeType,
      };
      form.append(
        'file_metadata_0',
        new Blob([JSON.stringify(metadata)], { type: 'application/json' }),
        'metadata.json',
      );
      form.append(
        'file_content_0',
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
      if (fault)
        missed.push(`${file.fileName} (${fault.Error[0]?.Detail ?? fault.Error[0]?.Message ?? 'refused'})`);
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'auth') throw error;
      missed.push(
        `${file.fileName} (${error instanceof ConnectorError ? error.userMessage : String(error)})`,
      );
    }
  }
  return missed.length === 0
    ? null
    : `Not attached in QuickBooks: ${missed.join('; ')}. Attach them there by hand, or send the document again.`;
}

// Files on any document (issue 16): add and remove a PDF or an image on a draft or a revision, see what became of
// each file on each connection. The limits live here so that the renderer says them before an upload and refuses a
// file before sending its bytes, and the core refuses the same files with the same words.
import { z } from 'zod';
import { Id, Timestamp, type MethodShape } from '../schemas.js';

/**
 * 10 MB a file: Xero's limit for a file on a document (QuickBooks Online takes up to 100 MB), so a file that is
 * accepted here goes everywhere files go. 10 files a document: Xero's limit too.
 */
export const FILE_LIMITS = { maxBytes: 10 * 1024 * 1024, maxFiles: 10 } as const;

export const FILE_KINDS = {
  pdf: { mimeType: 'application/pdf', label: 'PDF', extensions: ['.pdf'] },
  png: { mimeType: 'image/png', label: 'PNG', extensions: ['.png'] },
  jpeg: { mimeType: 'image/jpeg', label: 'JPEG', extensions: ['.jpg', '.jpeg'] },
} as const;
export type FileKind = keyof typeof FILE_KINDS;

/** What the drop zone says before anything is chosen. */
export const FILE_LIMITS_SENTENCE = `PDF, PNG or JPEG, up to ${FILE_LIMITS.maxBytes / 1024 / 1024} MB each, at most ${FILE_LIMITS.maxFiles} files on a document.`;

/** What a file picker accepts (its `accept` attribute). */
export const FILE_ACCEPT = Object.values(FILE_KINDS)
  .flatMap((k) => [k.mimeType, ...k.extensions])
  .join(',');

/** The kind of a file from its first bytes (its name can lie): at least 8 bytes are needed. */
export function fileKindOf(head: Uint8Array): FileKind | null {
  const starts = (bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  return null;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Why this file cannot be added, in words for the bookkeeper, or null when it can. `filesOnDocument`: how many the
 * document holds already. The renderer asks before it reads the file; the core asks again with the bytes.
 */
export function refuseFile(file: {
  fileName: string;
  size: number;
  head: Uint8Array;
  filesOnDocument: number;
}): string | null {
  const { fileName, size } = file;
  if (file.filesOnDocument >= FILE_LIMITS.maxFiles) {
    return `${fileName} was not added: a document holds at most ${FILE_LIMITS.maxFiles} files, and this one has ${file.filesOnDocument}. Remove one first, or combine the pages into one PDF.`;
  }
  if (size === 0) return `${fileName} is empty. Save or scan it again and add the new file.`;
  if (size > FILE_LIMITS.maxBytes) {
    return `${fileName} is ${megabytes(size)}; files up to ${FILE_LIMITS.maxBytes / 1024 / 1024} MB can be added. Scan it again at a lower resolution (200–300 dpi, greyscale) or split it into smaller files.`;
  }
  if (!fileKindOf(file.head)) {
    return `${fileName} is not a PDF, PNG or JPEG file. Save or scan it in one of those formats and add it again.`;
  }
  return null;
}

/** What became of a file on one connection. */
export const FileDelivery = z.object({
  connectionId: Id,
  /** sent: it is on the document there; not_taken: that system takes no files (said once in the log). */
  status: z.enum(['sent', 'not_taken']),
  /** The system's id of the file (QuickBooks' Attachable Id, Xero's AttachmentID). */
  externalId: z.string().nullable(),
  at: Timestamp,
});

/** A file on a document, as the document's page shows it. */
export const DocumentFile = z.object({
  id: Id,
  documentId: Id,
  fileName: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  mimeType: z.string(),
  createdAt: Timestamp,
  /** The document's revision when the file was added (0: with the draft). */
  addedInRevision: z.number().int().min(0),
  /** Added in the revision under way (or the last one approved): not yet on the versions before it. */
  isNew: z.boolean(),
  /** Null when it can be removed now; otherwise why not, in words for the bookkeeper. */
  keptBecause: z.string().nullable(),
  deliveries: z.array(FileDelivery),
});

/** A file's content as the renderer sends it (base64 is a third larger than the bytes). */
const MAX_BASE64 = Math.ceil(FILE_LIMITS.maxBytes / 3) * 4;

export const filesContract = {
  /** Adds a file to a draft or a revision. */
  'attachments.add': {
    input: z.object({
      documentId: Id,
      fileName: z.string().trim().min(1, 'is required').max(200),
      contentBase64: z
        .string()
        .min(1, 'is required')
        .max(MAX_BASE64, `is larger than ${FILE_LIMITS.maxBytes / 1024 / 1024} MB`),
    }),
    output: DocumentFile,
  },
  /** Removes a file added to the draft or the revision under way (a file already sent somewhere stays). */
  'attachments.remove': {
    input: z.object({ id: Id }),
    output: z.object({ id: Id, documentId: Id }),
  },
} as const satisfies Record<string, MethodShape>;

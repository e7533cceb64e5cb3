// From the bytes of a file to positioned words, whatever the file is: a PDF's text layer when it has one, OCR of
// the rendered page when it has none, OCR of PNG, JPEG and TIFF images. Refuses what it cannot read with a
// message that says what to do, before anything is stored. The checks here are cheap and run on the calling
// thread (size, kind, and an image's pixel size from its header); decoding, rendering and OCR run in the capture
// worker thread (capture-thread.ts, decode.ts).
import { AppError } from '../domain/errors.js';
import { previewsInThread, readInThread, verifyInThread } from './capture-thread.js';
import type { FileKind, ReadOptions, ReadResult } from './decode.js';
import { checkImageSize } from './image-size.js';
import { ocrLanguages } from './ocr-languages.js';

export { MAX_PAGES } from './decode.js';
export type { FileKind, ReadOptions, ReadPage, ReadResult } from './decode.js';

export const MAX_FILE_BYTES = 25 * 1024 * 1024;

export const MIME_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
};

/** The file's kind from its first bytes (its name can lie). */
export function detectKind(bytes: Uint8Array): FileKind | null {
  const head = Buffer.from(bytes.subarray(0, 1024));
  if (head.includes(Buffer.from('%PDF-'))) return 'pdf';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  const tiff = head.subarray(0, 4);
  if (
    tiff.equals(Buffer.from([0x49, 0x49, 0x2a, 0x00])) ||
    tiff.equals(Buffer.from([0x4d, 0x4d, 0x00, 0x2a]))
  ) {
    return 'tiff';
  }
  return null;
}

export function checkFile(bytes: Uint8Array, fileName: string): FileKind {
  if (bytes.length === 0) {
    throw new AppError('invalid_input', `${fileName} is empty. Save the invoice again and add the new file.`);
  }
  if (bytes.length > MAX_FILE_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    throw new AppError(
      'invalid_input',
      `${fileName} is ${mb} MB; invoices up to ${MAX_FILE_BYTES / 1024 / 1024} MB can be read. Scan it again at a lower resolution (200–300 dpi, greyscale) or split it into one file per invoice.`,
    );
  }
  const kind = detectKind(bytes);
  if (!kind) {
    throw new AppError(
      'invalid_input',
      `${fileName} is not a PDF or an image (PNG, JPEG or TIFF). Save or scan the invoice in one of those formats and add it again.`,
    );
  }
  // An image's size is read from its header and refused when too large, before any of it is decoded.
  if (kind !== 'pdf') checkImageSize(bytes, kind, fileName);
  return kind;
}

/** Reads a file's pages: the text layer of PDF pages that have one, OCR (in `options.languages`) of the rest. */
export async function readFile(
  bytes: Uint8Array,
  fileName: string,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const kind = checkFile(bytes, fileName);
  // Validated here too, so a wrong code is refused before any work starts.
  const languages = options.languages ? ocrLanguages(options.languages) : undefined;
  return readInThread(bytes, kind, fileName, languages);
}

/** The file's pages (the first `maxPages`) as PNG images (for the review screen), at a modest resolution. */
export async function renderPreviews(
  bytes: Uint8Array,
  fileName: string,
  dpi = 110,
  maxPages?: number,
): Promise<Buffer[]> {
  const kind = checkFile(bytes, fileName);
  return previewsInThread(bytes, kind, fileName, dpi, maxPages);
}

/** Refuses a file that cannot be opened (password, no pages, damaged image) — before anything is stored. */
export async function verifyReadable(bytes: Uint8Array, fileName: string): Promise<FileKind> {
  const kind = checkFile(bytes, fileName);
  await verifyInThread(bytes, kind, fileName);
  return kind;
}

// A PDF's first page as a small PNG, for the preview on the Files card. It is drawn by the renderer that draws the
// pages shown on request ("Show pages": pdf.js in the capture thread), once: the PNG is kept beside the attachments,
// named by the file's sha256, so every document holding the same file, and every later look, reads it from disk.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AttachmentRecord } from './attachments.js';
import { loadCaptureReaders } from './load.js';

/** A Letter or A4 page about 200 px wide: sharp in the card's 72 px box on a screen of twice the density. */
export const THUMBNAIL_DPI = 24;

export function thumbnailsDir(dataDir: string): string {
  return path.join(dataDir, 'thumbnails');
}

function thumbnailPath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return path.join(thumbnailsDir(dataDir), `${sha256}-${THUMBNAIL_DPI}.png`);
}

/** Renders under way, by file: a card opened twice at once renders the page once. */
const rendering = new Map<string, Promise<Buffer>>();

/** The first page of the attachment (a PDF, or the first page of an image) as a PNG, from the cache or drawn now. */
export async function firstPageThumbnail(
  dataDir: string,
  record: AttachmentRecord,
  bytes: () => Uint8Array,
): Promise<Buffer> {
  const target = thumbnailPath(dataDir, record.sha256);
  try {
    return await fs.promises.readFile(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let running = rendering.get(target);
  if (!running) {
    running = render(target, bytes(), record.fileName).finally(() => rendering.delete(target));
    rendering.set(target, running);
  }
  return running;
}

async function render(target: string, bytes: Uint8Array, fileName: string): Promise<Buffer> {
  const { renderPreviews } = await loadCaptureReaders();
  const [png] = await renderPreviews(bytes, fileName, THUMBNAIL_DPI, 1);
  if (!png) throw new Error(`${fileName} rendered no page`);
  // Written under a temporary name and renamed, so a crash never leaves half a PNG under the cache's name.
  await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const temp = `${target}.tmp-${randomUUID()}`;
  await fs.promises.writeFile(temp, png, { mode: 0o600 });
  await fs.promises.rename(temp, target);
  return png;
}

/** Forgets the thumbnail of a file no longer kept (with the file itself). */
export function removeThumbnail(dataDir: string, sha256: string): void {
  fs.rmSync(thumbnailPath(dataDir, sha256), { force: true });
}

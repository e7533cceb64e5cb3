// From the bytes of a file to positioned words, whatever the file is: a PDF's text layer when it has one, OCR of
// the rendered page when it has none, OCR of PNG, JPEG and TIFF images. Refuses what it cannot read with a
// message that says what to do, before anything is stored.
import { createCanvas, loadImage, type Canvas } from '@napi-rs/canvas';
import UTIF from 'utif';
import { AppError } from '../domain/errors.js';
import type { PageText } from '../domain/capture/words.js';
import { closePdf, openPdf, pageText, renderPage } from './pdf.js';
import { ocrImage } from './ocr.js';
import { checkImageSize } from './image-size.js';

export const MAX_FILE_BYTES = 25 * 1024 * 1024;
/** Pages beyond this are not read: an invoice is a few pages; a 300-page PDF is not an invoice. */
export const MAX_PAGES = 20;
/** Scans are rendered for OCR at this resolution: tesseract reads best around 300 dpi; 200 keeps it quick. */
const OCR_DPI = 200;

export type FileKind = 'pdf' | 'png' | 'jpeg' | 'tiff';

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

export interface ReadPage {
  text: PageText;
  /** How the words were read. */
  source: 'text' | 'ocr';
}

export interface ReadResult {
  kind: FileKind;
  pages: ReadPage[];
}

async function canvasToOcr(canvas: Canvas, pageNumber: number): Promise<PageText> {
  despeckle(canvas);
  const png = await canvas.encode('png');
  return ocrImage(png, { width: canvas.width, height: canvas.height }, pageNumber);
}

/** Decodes an image file into a canvas (TIFF through utif, since the canvas library reads PNG and JPEG only). */
export async function imageToCanvases(
  bytes: Uint8Array,
  kind: Exclude<FileKind, 'pdf'>,
  fileName: string,
): Promise<Canvas[]> {
  try {
    if (kind === 'tiff') {
      const ifds = UTIF.decode(bytes);
      const pages = ifds.slice(0, MAX_PAGES);
      const canvases: Canvas[] = [];
      for (const ifd of pages) {
        UTIF.decodeImage(bytes, ifd, ifds);
        const rgba = UTIF.toRGBA8(ifd);
        if (!ifd.width || !ifd.height) continue;
        const canvas = createCanvas(ifd.width, ifd.height);
        const ctx = canvas.getContext('2d');
        const data = ctx.createImageData(ifd.width, ifd.height);
        data.data.set(rgba.subarray(0, data.data.length));
        ctx.putImageData(data, 0, 0);
        canvases.push(canvas);
      }
      if (canvases.length === 0) throw new Error('no image in the TIFF');
      return canvases;
    }
    const image = await loadImage(Buffer.from(bytes));
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, image.width, image.height);
    ctx.drawImage(image, 0, 0);
    return [canvas];
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'invalid_input',
      `${fileName} looks like a ${kind.toUpperCase()} image but could not be decoded: it may be damaged. Scan the invoice again.`,
      { detail: String(error) },
    );
  }
}

/** A PDF page with fewer words than this in its text layer is treated as a scan. */
const MIN_TEXT_WORDS = 8;

export async function readFile(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  const kind = checkFile(bytes, fileName);
  if (kind !== 'pdf') {
    const canvases = await imageToCanvases(bytes, kind, fileName);
    const pages: ReadPage[] = [];
    for (const [i, canvas] of canvases.entries()) {
      pages.push({ text: await canvasToOcr(canvas, i + 1), source: 'ocr' });
    }
    return { kind, pages };
  }
  const pdf = await openPdf(bytes, fileName);
  try {
    const pages: ReadPage[] = [];
    for (let n = 1; n <= Math.min(pdf.numPages, MAX_PAGES); n++) {
      const page = await pdf.getPage(n);
      const text = await pageText(page);
      if (text.words.length >= MIN_TEXT_WORDS) {
        pages.push({ text, source: 'text' });
      } else {
        const ocr = await canvasToOcr(await renderPage(page, OCR_DPI), n);
        pages.push({ text: { ...ocr, width: text.width, height: text.height }, source: 'ocr' });
      }
      page.cleanup();
    }
    return { kind, pages };
  } finally {
    await closePdf(pdf);
  }
}

/** The file's pages as PNG images (for the review screen), at a modest resolution. */
export async function renderPreviews(bytes: Uint8Array, fileName: string, dpi = 110): Promise<Buffer[]> {
  const kind = checkFile(bytes, fileName);
  if (kind !== 'pdf') {
    const canvases = await imageToCanvases(bytes, kind, fileName);
    return Promise.all(
      canvases.map(async (canvas) => {
        // Scans are often 200–300 dpi; the preview need not be.
        const scale = Math.min(1, 1000 / canvas.width);
        if (scale >= 1) return canvas.encode('png');
        const small = createCanvas(Math.round(canvas.width * scale), Math.round(canvas.height * scale));
        small.getContext('2d').drawImage(canvas, 0, 0, small.width, small.height);
        return small.encode('png');
      }),
    );
  }
  const pdf = await openPdf(bytes, fileName);
  try {
    const out: Buffer[] = [];
    for (let n = 1; n <= Math.min(pdf.numPages, MAX_PAGES); n++) {
      out.push(await (await renderPage(await pdf.getPage(n), dpi)).encode('png'));
    }
    return out;
  } finally {
    await closePdf(pdf);
  }
}

/**
 * Removes the isolated dark specks a dusty scanner glass leaves (a dark pixel with at most one dark neighbour):
 * tesseract reads them as commas and colons. Text strokes, and decimal points, at OCR resolution are wider.
 */
export function despeckle(canvas: Canvas): void {
  const ctx = canvas.getContext('2d');
  const { width, height } = canvas;
  const image = ctx.getImageData(0, 0, width, height);
  const px = image.data;
  const dark = new Uint8Array(width * height);
  for (let i = 0, p = 0; p < dark.length; i += 4, p++) {
    dark[p] = (px[i] ?? 255) * 0.3 + (px[i + 1] ?? 255) * 0.59 + (px[i + 2] ?? 255) * 0.11 < 140 ? 1 : 0;
  }
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const p = y * width + x;
      if (!dark[p]) continue;
      const neighbours =
        (dark[p - width - 1] ?? 0) +
        (dark[p - width] ?? 0) +
        (dark[p - width + 1] ?? 0) +
        (dark[p - 1] ?? 0) +
        (dark[p + 1] ?? 0) +
        (dark[p + width - 1] ?? 0) +
        (dark[p + width] ?? 0) +
        (dark[p + width + 1] ?? 0);
      if (neighbours <= 1) {
        const i = p * 4;
        px[i] = 255;
        px[i + 1] = 255;
        px[i + 2] = 255;
      }
    }
  }
  ctx.putImageData(image, 0, 0);
}

/** Refuses a file that cannot be opened (password, no pages, damaged image) — before anything is stored. */
export async function verifyReadable(bytes: Uint8Array, fileName: string): Promise<FileKind> {
  const kind = checkFile(bytes, fileName);
  if (kind === 'pdf') await closePdf(await openPdf(bytes, fileName));
  else await imageToCanvases(bytes, kind, fileName);
  return kind;
}

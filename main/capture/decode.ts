// The heavy half of reading a file: decoding images, rendering PDF pages, despeckling and OCR. It runs in the
// capture worker thread (capture-worker.ts), never on the main thread: read-file.ts checks the file and its
// header first, then hands it here through capture-thread.ts. One page is decoded at a time and let go before the
// next, so a 20-page TIFF holds one page's pixels, not twenty.
import { createCanvas, loadImage, type Canvas } from '@napi-rs/canvas';
import UTIF, { type Ifd } from 'utif';
import { AppError } from '../domain/errors.js';
import type { PageText } from '../domain/capture/words.js';
import { checkImageSize, type ImageKind } from './image-size.js';
import { looksUnreadable, readability } from '../domain/capture/readability.js';
import { closePdf, imageCover, openPdf, pageText, renderPage, seenText } from './pdf.js';
import { ocrLanguages } from './ocr-languages.js';
import { readScanPage, type ScanPageReport } from './scan-page.js';

/** Pages beyond this are not read: an invoice is a few pages; a 300-page PDF is not an invoice. */
export const MAX_PAGES = 20;
/** Scanned PDF pages are rendered for OCR at this resolution: tesseract reads best around 300 dpi; 200 is quicker. */
const OCR_DPI = 200;
/**
 * Images larger than this are scaled down before despeckle and OCR (an A4 page at about 400 dpi): tesseract reads
 * no better above 300 dpi, and a 600 dpi scan would cost four times the time and memory.
 */
export const OCR_MAX_PIXELS = 16_000_000;
/** A PDF page with fewer words than this in its text layer is treated as a scan. */
const MIN_TEXT_WORDS = 8;
/**
 * A page with no image and less ink than this (a share of the page) is blank: a page a PDF printer added for a
 * rule or a cut line that ran over (a payment slip's perforation), a blank back. OCR would find nothing on it.
 */
const BLANK_INK = 0.0005;

export type FileKind = 'pdf' | ImageKind;

export interface ReadOptions {
  /**
   * Tesseract languages for scanned pages (see ocr.ts OCR_LANGUAGES). Default: each page's language is detected
   * from its words (scan-page.ts).
   */
  languages?: readonly string[];
}

export interface ReadPage {
  text: PageText;
  /** How the words were read. */
  source: 'text' | 'ocr';
  /** The page was read by OCR as well, to compare, and its text layer kept (it looked doubtful but read better). */
  compared?: true;
  /** For OCR: the language detected, the skew, and the time each step took. */
  ocr?: ScanPageReport;
}

export interface ReadResult {
  kind: FileKind;
  pages: ReadPage[];
}

/** Called after each page, so the thread's watchdog knows the work goes on. */
export type OnPage = () => void;

function undecodable(fileName: string, kind: ImageKind, error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError(
    'invalid_input',
    `${fileName} looks like a ${kind.toUpperCase()} image but could not be decoded: it may be damaged. Scan the invoice again.`,
    { detail: String(error) },
  );
}

/**
 * Decodes an image file page by page (TIFF through utif, since the canvas library reads PNG and JPEG only),
 * handing each page's canvas to `use` before decoding the next. The header is checked again here: this module
 * never decodes what read-file.ts would refuse.
 */
export async function forEachImagePage(
  bytes: Uint8Array,
  kind: ImageKind,
  fileName: string,
  use: (canvas: Canvas, index: number) => Promise<void>,
): Promise<number> {
  checkImageSize(bytes, kind, fileName);
  if (kind !== 'tiff') {
    let canvas: Canvas;
    try {
      const image = await loadImage(Buffer.from(bytes));
      canvas = createCanvas(image.width, image.height);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, image.width, image.height);
      ctx.drawImage(image, 0, 0);
    } catch (error) {
      throw undecodable(fileName, kind, error);
    }
    await use(canvas, 0);
    return 1;
  }
  let ifds: Ifd[];
  try {
    ifds = UTIF.decode(bytes);
  } catch (error) {
    throw undecodable(fileName, kind, error);
  }
  let count = 0;
  for (const ifd of ifds.slice(0, MAX_PAGES)) {
    let canvas: Canvas;
    try {
      UTIF.decodeImage(bytes, ifd, ifds);
      if (!ifd.width || !ifd.height) continue;
      const rgba = UTIF.toRGBA8(ifd);
      // The decoded strips are not needed once converted.
      delete ifd.data;
      canvas = createCanvas(ifd.width, ifd.height);
      const ctx = canvas.getContext('2d');
      const data = ctx.createImageData(ifd.width, ifd.height);
      data.data.set(rgba.subarray(0, data.data.length));
      ctx.putImageData(data, 0, 0);
    } catch (error) {
      throw undecodable(fileName, kind, error);
    }
    await use(canvas, count);
    count += 1;
  }
  if (count === 0) throw undecodable(fileName, kind, new Error('no image in the TIFF'));
  return count;
}

function canvasToOcr(
  canvas: Canvas,
  pageNumber: number,
  options: ReadOptions,
): Promise<{ text: PageText; report: ScanPageReport }> {
  const languages = options.languages ? ocrLanguages(options.languages) : undefined;
  return readScanPage(canvas, pageNumber, { languages, maxPixels: OCR_MAX_PIXELS });
}

/** A page covering this share of the page with one image is a scan, whatever text layer lies over it. */
const SCANNED_COVER = 0.6;

/**
 * A text layer, or OCR of the rendered page when the layer cannot be trusted: when it looks unreadable (a font
 * without a usable ToUnicode map: private-use or control characters, or no invoice word at all on a first page),
 * or when the page is a scanned image with a text layer over it (a copier's or scanning software's OCR, often
 * poor). The OCR is kept when the layer is garbled or the OCR reads more (invoice words, numbers) than the layer.
 */
async function textOrOcr(
  text: PageText,
  pageNumber: number,
  cover: number,
  ocrPage: () => Promise<ReadPage>,
): Promise<ReadPage> {
  const layer = readability(text.words.map((w) => w.text));
  const unreadable = looksUnreadable(layer, pageNumber);
  if (!unreadable && cover < SCANNED_COVER) return { text, source: 'text' };
  const ocr = await ocrPage();
  const read = readability(ocr.text.words.map((w) => w.text));
  const garbled = layer.odd >= 0.2;
  return garbled || read.score > layer.score ? ocr : { text, source: 'text', compared: true };
}

/** Reads every page of a file whose kind and header read-file.ts has checked. */
export async function readFileHere(
  bytes: Uint8Array,
  kind: FileKind,
  fileName: string,
  options: ReadOptions = {},
  onPage: OnPage = () => undefined,
): Promise<ReadResult> {
  if (kind !== 'pdf') {
    const pages: ReadPage[] = [];
    await forEachImagePage(bytes, kind, fileName, async (canvas, i) => {
      const { text, report } = await canvasToOcr(canvas, i + 1, options);
      pages.push({ text, source: 'ocr', ocr: report });
      onPage();
    });
    return { kind, pages };
  }
  const pdf = await openPdf(bytes, fileName);
  try {
    const pages: ReadPage[] = [];
    for (let n = 1; n <= Math.min(pdf.numPages, MAX_PAGES); n++) {
      const page = await pdf.getPage(n);
      const { text, ink } = await seenText(page, await pageText(page));
      const ocrPage = async (): Promise<ReadPage> => {
        const ocr = await canvasToOcr(await renderPage(page, OCR_DPI), n, options);
        // The page as shown (a turned page's text layer is measured upright).
        const shown = page.getViewport({ scale: 1 });
        return {
          text: { ...ocr.text, width: shown.width, height: shown.height },
          source: 'ocr',
          ocr: ocr.report,
        };
      };
      const cover = await imageCover(page);
      if (text.words.length < MIN_TEXT_WORDS) {
        // A blank page (no image, next to no ink) is not read by OCR: there is nothing on it to read.
        pages.push(cover === 0 && ink < BLANK_INK ? { text, source: 'text' } : await ocrPage());
      } else {
        pages.push(await textOrOcr(text, n, cover, ocrPage));
      }
      page.cleanup();
      onPage();
    }
    return { kind, pages };
  } finally {
    await closePdf(pdf);
  }
}

/** The file's pages (the first `maxPages`) as PNG images (for the review screen), at a modest resolution. */
export async function renderPreviewsHere(
  bytes: Uint8Array,
  kind: FileKind,
  fileName: string,
  dpi = 110,
  onPage: OnPage = () => undefined,
  maxPages = MAX_PAGES,
): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  if (kind !== 'pdf') {
    await forEachImagePage(bytes, kind, fileName, async (canvas) => {
      if (out.length >= maxPages) return;
      // Scans are often 200–300 dpi; the preview need not be.
      const scale = Math.min(1, 1000 / canvas.width);
      if (scale >= 1) {
        out.push(await canvas.encode('png'));
      } else {
        const small = createCanvas(Math.round(canvas.width * scale), Math.round(canvas.height * scale));
        small.getContext('2d').drawImage(canvas, 0, 0, small.width, small.height);
        out.push(await small.encode('png'));
      }
      onPage();
    });
    return out;
  }
  const pdf = await openPdf(bytes, fileName);
  try {
    for (let n = 1; n <= Math.min(pdf.numPages, MAX_PAGES, maxPages); n++) {
      const page = await pdf.getPage(n);
      out.push(await (await renderPage(page, dpi)).encode('png'));
      page.cleanup();
      onPage();
    }
    return out;
  } finally {
    await closePdf(pdf);
  }
}

/** Opens the file as reading would (password, no pages, damaged image), decoding images page by page. */
export async function verifyHere(
  bytes: Uint8Array,
  kind: FileKind,
  fileName: string,
  onPage: OnPage = () => undefined,
): Promise<void> {
  if (kind === 'pdf') await closePdf(await openPdf(bytes, fileName));
  else await forEachImagePage(bytes, kind, fileName, async () => onPage());
}

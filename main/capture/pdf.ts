// Reading PDFs with pdf.js (the legacy build, which runs in plain Node): the text layer as positioned words, and
// pages rendered to images (for OCR when there is no text layer, and for the review screen).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Canvas } from '@napi-rs/canvas';
import { createCanvas } from '@napi-rs/canvas';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { AppError } from '../domain/errors.js';
import type { PageText, Word } from '../domain/capture/words.js';
import { cappedScale, MAX_PIXELS } from './image-size.js';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
// pdf.js fetches these itself; pointing at the installed package keeps everything offline.
const standardFontDataUrl = `${path.join(pdfjsRoot, 'standard_fonts')}${path.sep}`;
const cMapUrl = `${path.join(pdfjsRoot, 'cmaps')}${path.sep}`;
const wasmUrl = `${path.join(pdfjsRoot, 'wasm')}${path.sep}`;
pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(
  path.join(pdfjsRoot, 'legacy', 'build', 'pdf.worker.mjs'),
).href;

export type PdfFile = PDFDocumentProxy;

/** Opens a PDF, turning pdf.js's failures into messages a bookkeeper can act on. */
export async function openPdf(bytes: Uint8Array, fileName: string): Promise<PdfFile> {
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of (detaches) the buffer it is given, so it gets a copy.
    data: new Uint8Array(bytes),
    standardFontDataUrl,
    cMapUrl,
    cMapPacked: true,
    wasmUrl,
    useSystemFonts: false,
    verbosity: 0,
    // An image inside the PDF larger than this is not drawn (pdf.js would decode it whole, however large).
    maxImageSize: MAX_PIXELS,
  });
  let pdf: PDFDocumentProxy;
  try {
    pdf = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') {
      throw new AppError(
        'invalid_input',
        `${fileName} is protected with a password. Open it in your PDF reader, save a copy without the password (or print it to PDF), and add that copy.`,
        { detail: String(error) },
      );
    }
    throw new AppError(
      'invalid_input',
      `${fileName} could not be read as a PDF: it may be damaged or not a PDF at all. Ask the supplier for a new copy, or scan the paper invoice.`,
      { detail: String(error) },
    );
  }
  // pdf.js reports an empty page tree as one page (its recovery for broken /Count values), with nothing on it.
  const firstPage = pdf.numPages > 0 ? await pdf.getPage(1).catch(() => null) : null;
  const empty =
    !firstPage || (pdf.numPages === 1 && (await firstPage.getOperatorList()).fnArray.length === 0);
  if (empty) {
    await closePdf(pdf);
    throw new AppError(
      'invalid_input',
      `${fileName} has no pages, or only an empty one. Ask the supplier for a new copy.`,
    );
  }
  return pdf;
}

function isTextItem(item: unknown): item is TextItem {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}

/**
 * The page's text layer as words. pdf.js gives runs of text ("Invoice No: 1042"); they are split at spaces, and
 * each word's x is placed in proportion to its characters, close enough to highlight it.
 */
export async function pageText(page: PDFPageProxy): Promise<PageText> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const words: Word[] = [];
  for (const item of content.items) {
    if (!isTextItem(item) || item.str.trim() === '') continue;
    const tx = pdfjs.Util.transform(viewport.transform, item.transform) as number[];
    const fontHeight = Math.hypot(tx[2] ?? 0, tx[3] ?? 0);
    const left = tx[4] ?? 0;
    const baseline = tx[5] ?? 0;
    const width = item.width * (viewport.scale ?? 1);
    const top = baseline - fontHeight * 0.85;
    const height = fontHeight * 1.05;
    const chars = item.str.length;
    const re = /\S+/g;
    for (let m = re.exec(item.str); m; m = re.exec(item.str)) {
      const x0 = left + (width * m.index) / chars;
      const x1 = left + (width * (m.index + m[0].length)) / chars;
      words.push({
        text: m[0],
        page: page.pageNumber,
        box: {
          x: x0 / viewport.width,
          y: top / viewport.height,
          w: (x1 - x0) / viewport.width,
          h: height / viewport.height,
        },
        confidence: 1,
      });
    }
  }
  return { number: page.pageNumber, width: viewport.width, height: viewport.height, words };
}

/**
 * Renders a page at `dpi` on a white background — or smaller when that would exceed MAX_PIXELS: the page box
 * (MediaBox/CropBox, which a PDF can make 200 inches wide) is measured before anything is drawn.
 */
export async function renderPage(page: PDFPageProxy, dpi: number): Promise<Canvas> {
  const box = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: cappedScale(box.width, box.height, dpi) });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  // pdf.js types the canvas as a DOM canvas; @napi-rs/canvas is what its Node build itself creates.
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
  return canvas;
}

/** Frees pdf.js's worker-side copy of the document. */
export async function closePdf(pdf: PdfFile): Promise<void> {
  await pdf.loadingTask.destroy();
}

// Reading PDFs with pdf.js (the legacy build, which runs in plain Node): the text layer as positioned words, and
// pages rendered to images (for OCR when there is no text layer, and for the review screen).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Canvas } from '@napi-rs/canvas';
import { createCanvas } from '@napi-rs/canvas';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { AppError } from '../domain/errors.js';
import type { Box, PageText, Word } from '../domain/capture/words.js';
import { cappedScale, MAX_PIXELS } from './image-size.js';
import {
  ANNOTATIONS,
  layerWords,
  pageGlyphs,
  withoutCopies,
  type LayerWord,
  type UprightGlyph,
} from './text-layer.js';

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
    !firstPage ||
    (pdf.numPages === 1 &&
      (await firstPage.getOperatorList({ annotationMode: ANNOTATIONS })).fnArray.length === 0);
  if (empty) {
    await closePdf(pdf);
    throw new AppError(
      'invalid_input',
      `${fileName} has no pages, or only an empty one. Ask the supplier for a new copy.`,
    );
  }
  return pdf;
}

/**
 * The characters of a text layer as extraction reads them: compatibility forms folded (ligatures "ﬁ" → "fi",
 * full-width digits "１２" → "12", no-break and narrow no-break spaces → spaces, as in French "1 234,56"), soft hyphens and
 * zero-width characters dropped.
 */
export function normalizeLayerText(text: string): string {
  return text.normalize('NFKC').replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '');
}

/** Quarter turns (0–3, clockwise on the page as seen) of a direction given as (dx, dy) with y down. */
function quarterOf(dx: number, dy: number): number {
  const angle = Math.atan2(dy, dx);
  return (((Math.round(angle / (Math.PI / 2)) % 4) + 4) % 4) as number;
}

/**
 * The invisible words lying over visible ones (half or more of their box covered): a hidden OCR layer over a page
 * that has a text layer of its own, which would read every word twice.
 */
function withoutHiddenDoubles(words: readonly LayerWord[]): LayerWord[] {
  const visible = words.filter((w) => !w.invisible);
  if (visible.length === words.length) return [...words];
  const box = (w: LayerWord) => ({ x0: w.x0, x1: w.x1, y0: w.y - w.size * 0.85, y1: w.y + w.size * 0.2 });
  const shown = visible.map(box);
  return words.filter((w) => {
    if (!w.invisible) return true;
    const b = box(w);
    const area = (b.x1 - b.x0) * (b.y1 - b.y0);
    if (area <= 0) return true;
    let covered = 0;
    for (const v of shown) {
      const ix = Math.min(b.x1, v.x1) - Math.max(b.x0, v.x0);
      const iy = Math.min(b.y1, v.y1) - Math.max(b.y0, v.y0);
      if (ix > 0 && iy > 0) covered += ix * iy;
    }
    return covered < area * 0.5;
  });
}

/**
 * The page's text layer as words, read glyph by glyph (text-layer.ts), as a person sees it:
 * - a page whose text runs down, up or upside down (a landscape invoice drawn turned, a page fed upside down) is
 *   turned so that most of its text reads left to right; text at another angle than most (a note up the margin,
 *   a diagonal "PAID" stamp) is left out, as it would be mixed into the lines;
 * - text outside the page's visible box is left out;
 * - a bold faked by drawing the same text two to four times a fraction of a point apart, line by line or glyph by
 *   glyph, is read once; invisible text lying over visible text (a hidden OCR layer) is not read twice;
 * - letter-spaced headings are read as words, and a justified line's words are marked to stay one phrase
 *   (text-layer.ts layerWords); compatibility characters are folded (normalizeLayerText).
 */
export async function pageText(page: PDFPageProxy): Promise<PageText> {
  const viewport = page.getViewport({ scale: 1 });
  const glyphs = await pageGlyphs(page);
  // The direction most characters run in is the page's reading direction.
  const weight = [0, 0, 0, 0];
  const quarters = glyphs.map((g) => quarterOf(g.dx, g.dy));
  quarters.forEach((q, i) => {
    if (!glyphs[i]?.space) weight[q] = (weight[q] ?? 0) + 1;
  });
  const quarter = weight.indexOf(Math.max(...weight));
  const turned = quarter % 2 === 1;
  const width = turned ? viewport.height : viewport.width;
  const height = turned ? viewport.width : viewport.height;
  // Turns a point of the page as shown into the page turned upright (by `quarter` quarter turns anticlockwise).
  const upright = (x: number, y: number): [number, number] => {
    switch (quarter) {
      case 1:
        return [y, viewport.width - x];
      case 2:
        return [viewport.width - x, viewport.height - y];
      case 3:
        return [viewport.height - y, x];
      default:
        return [x, y];
    }
  };
  // The inverse: a rectangle of the upright page as a box (fractions) of the page as shown.
  const shown = (x0: number, y0: number, x1: number, y1: number): Box => {
    const back = (u: number, v: number): [number, number] => {
      switch (quarter) {
        case 1:
          return [viewport.width - v, u];
        case 2:
          return [viewport.width - u, viewport.height - v];
        case 3:
          return [v, viewport.height - u];
        default:
          return [u, v];
      }
    };
    const [ax, ay] = back(x0, y0);
    const [bx, by] = back(x1, y1);
    return {
      x: Math.min(ax, bx) / viewport.width,
      y: Math.min(ay, by) / viewport.height,
      w: Math.abs(bx - ax) / viewport.width,
      h: Math.abs(by - ay) / viewport.height,
    };
  };
  const placed: UprightGlyph[] = [];
  for (const g of glyphs) {
    const [x, y] = upright(g.x, g.y);
    const [x1] = upright(g.x1, g.y1);
    const [ux, uy] = upright(g.x + g.dx, g.y + g.dy);
    // More than ~15° off the reading direction: a margin note or a stamp.
    if (ux - x < 0.96 || Math.abs(uy - y) > 0.27) continue;
    // Outside the visible page (the crop box): not shown, so not read.
    const midX = (x + x1) / 2;
    if (midX < 0 || midX > width || y < 0 || y - g.size * 0.5 > height) continue;
    placed.push({
      text: g.text,
      x0: x,
      x1: Math.max(x, x1),
      y,
      size: g.size,
      spacing: g.spacing,
      space: g.space,
      invisible: g.invisible,
      font: g.font,
    });
  }
  const words: Word[] = [];
  for (const word of withoutHiddenDoubles(layerWords(withoutCopies(placed)))) {
    const text = normalizeLayerText(word.text).trim();
    if (text === '') continue;
    const top = word.y - word.size * 0.85;
    const boxHeight = word.size * 1.05;
    const box = {
      x: word.x0 / width,
      y: top / height,
      w: (word.x1 - word.x0) / width,
      h: boxHeight / height,
    };
    const joined = word.joined ? { joined: true } : {};
    // A turned page's words are placed by their box on the page turned upright (Word.flat); `box` stays where
    // the word is on the page as shown, where the review screen draws it.
    words.push(
      quarter === 0
        ? { text, page: page.pageNumber, box, confidence: 1, ...joined }
        : {
            text,
            page: page.pageNumber,
            box: shown(word.x0, top, word.x1, top + boxHeight),
            flat: box,
            confidence: 1,
            ...joined,
          },
    );
  }
  return { number: page.pageNumber, width, height, words };
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
  await page.render({
    canvas: canvas as unknown as HTMLCanvasElement,
    viewport,
    annotationMode: ANNOTATIONS,
  }).promise;
  return canvas;
}

/** Frees pdf.js's worker-side copy of the document. */
export async function closePdf(pdf: PdfFile): Promise<void> {
  await pdf.loadingTask.destroy();
}

/** The least contrast (0–255) inside a word's box for the word to be seen: below it the box is one flat colour. */
const MIN_INK_CONTRAST = 24;

/** The page's text as seen, and how much of the page is inked. */
export interface SeenText {
  text: PageText;
  /** The share (0–1) of the page drawn dark (grey under 128 of 255): about 0 for a blank page. */
  ink: number;
}

/**
 * The page's words that can be seen on it: the page is rendered (at 72 dpi) and a word whose box holds no
 * contrast is left out — text drawn invisible (render mode 3), in the colour of what is under it (white on
 * white), or covered by something drawn over it, which real invoices carry (a hidden "Total 0.00", a template's
 * placeholder) and a person never reads. Text over a scanned image is seen (the image has contrast under it).
 */
export async function seenText(page: PDFPageProxy, text: PageText): Promise<SeenText> {
  const canvas = await renderPage(page, 72);
  const width = canvas.width;
  const height = canvas.height;
  const pixels = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  let dark = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (((pixels[i] ?? 0) * 3 + (pixels[i + 1] ?? 0) * 6 + (pixels[i + 2] ?? 0)) / 10 < 128) dark += 1;
  }
  const seen = (word: Word): boolean => {
    const x0 = Math.max(0, Math.floor(word.box.x * width));
    const x1 = Math.min(width, Math.ceil((word.box.x + word.box.w) * width));
    const y0 = Math.max(0, Math.floor(word.box.y * height));
    const y1 = Math.min(height, Math.ceil((word.box.y + word.box.h) * height));
    let lo = 255;
    let hi = 0;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = (y * width + x) * 4;
        const grey = ((pixels[i] ?? 0) * 3 + (pixels[i + 1] ?? 0) * 6 + (pixels[i + 2] ?? 0)) / 10;
        if (grey < lo) lo = grey;
        if (grey > hi) hi = grey;
        if (hi - lo >= MIN_INK_CONTRAST) return true;
      }
    }
    return false;
  };
  return { text: { ...text, words: text.words.filter(seen) }, ink: dark / Math.max(1, width * height) };
}

/**
 * The largest share (0–1) of the page that one image covers: near 1 for a scanned page, whatever text layer a
 * copier or scanning software put over it.
 */
export async function imageCover(page: PDFPageProxy): Promise<number> {
  const { fnArray, argsArray } = await page.getOperatorList({ annotationMode: ANNOTATIONS });
  const [x0 = 0, y0 = 0, x1 = 1, y1 = 1] = page.view;
  const area = Math.abs((x1 - x0) * (y1 - y0)) || 1;
  const OPS = pdfjs.OPS;
  const stack: number[][] = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  let best = 0;
  fnArray.forEach((fn, i) => {
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && args) ctm = pdfjs.Util.transform(ctm, args as number[]) as number[];
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const matrix = args?.[0];
      if (Array.isArray(matrix) && matrix.length === 6) ctm = pdfjs.Util.transform(ctm, matrix) as number[];
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (
      fn === OPS.paintImageXObject ||
      fn === OPS.paintInlineImageXObject ||
      fn === OPS.paintImageMaskXObject
    ) {
      // An image fills the unit square of the current matrix.
      const [a = 0, b = 0, c = 0, d = 0] = ctm;
      best = Math.max(best, Math.min(1, Math.abs(a * d - b * c) / area));
    }
  });
  return best;
}

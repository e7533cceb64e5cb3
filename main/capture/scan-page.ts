// One scanned page (or phone photo) from pixels to positioned words:
// 1. scaled to ~300 dpi (tesseract reads no better above, and time grows with the pixels; below, thin strokes
//    are lost), down or up (at most twice);
// 2. a phone photo of a sheet lying on a table, seen at an angle, is flattened: the sheet's quadrilateral found
//    and warped back onto a rectangle (perspective.ts), turned level in the same pass; any other page has its skew
//    measured on a small copy (projection profile) and is turned level;
// 3. specks removed at the page's own resolution, sized to it (preprocess.ts despeckleGray), before scaling up;
//    the paper made evenly white (shadows, uneven light, JPEG haze), ruled lines — box frames, table grids — taken
//    off (preprocess.ts);
// 4. read in English first; the page's language then comes from the words it holds, and where English was unsure
//    of a line, those lines alone are read again with the detected language's model (stacked into one small
//    image, so the cost is a fraction of a page), keeping whichever reading of each line is surer;
// 5. word boxes turned back onto the image as it was (the review screen draws them on it), with the page's skew
//    handed to extraction, which straightens positions itself; a flattened photo's words also keep their box on
//    the flattened page (Word.flat), by which extraction places them.
// A caller that names the languages (ReadOptions.languages) gets those for the whole page, without detection.
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { detectLanguages } from '../domain/capture/language-words.js';
import type { Language } from '../domain/capture/phrases.js';
import type { PageText, Word } from '../domain/capture/words.js';
import { medianSlope, ocrLines, type OcrLine, type OcrWord } from './ocr.js';
import type { OcrLanguage } from './ocr-languages.js';
import {
  applyHomography,
  compose,
  fillsFrame,
  findPaper,
  quadSize,
  rectangleToQuad,
  rotation,
  warpGray,
  type Homography,
  type Quad,
} from './perspective.js';
import {
  despeckleGray,
  lightIsUneven,
  measureSkew,
  normaliseBackground,
  removeRuleLines,
  toGray,
  toTiff,
  whitenPaper,
  type Gray,
} from './preprocess.js';

/**
 * Tesseract reads best around 300 dpi: above that only time grows; below it thin strokes — the slash of a date, the
 * raised o of "Nº", a hyphen — are a pixel wide and lost. Pages are brought to it, up (at most twice) or down.
 */
export const MAX_OCR_DPI = 300;
const MAX_UPSCALE = 2;
/** A page is assumed to be about this many inches on its short side (A4 8.27, Letter 8.5). */
const PAPER_SHORT_INCHES = 8.3;
/** Skews smaller than this (radians, ~0.1°) are left alone. */
const MIN_SKEW = 0.0017;
/** A line with a word read less surely than this is read again in the page's language. */
const UNSURE = 0.85;

const TESSERACT: Record<Language, OcrLanguage> = {
  en: 'eng',
  de: 'deu',
  fr: 'fra',
  nl: 'nld',
  es: 'spa',
  it: 'ita',
  pt: 'por',
};

export interface ScanPageOptions {
  /** Languages to read the page in, instead of detecting its language (Tesseract codes). */
  languages?: readonly OcrLanguage[];
  /** Pixels above which the page is scaled down whatever its resolution. */
  maxPixels: number;
}

/** What reading the page took, for the bench. */
export interface ScanPageReport {
  /** The language detected from the words (null when the caller named the languages). */
  language: Language | null;
  skewDegrees: number;
  /** Whether the light was uneven and the paper was evened out before OCR. */
  evenedOut: boolean;
  /** Whether the page was a photo of a sheet seen at an angle, flattened before OCR. */
  flattened: boolean;
  /** Ruled shapes (box frames, table grids, rules) taken off before OCR. */
  ruleShapes: number;
  /** Lines read a second time in the detected language, and how many of those readings were kept. */
  reread: number;
  kept: number;
  /** Milliseconds spent: scaling, measuring and turning, cleaning; the first OCR pass; the second. */
  ms: { prepare: number; ocr: number; reread: number };
  /**
   * CPU milliseconds of the process over the same steps (tesseract's threads included; the steps run one after
   * another, so each is that step's cost whatever else the machine runs — unlike `ms` under load).
   */
  cpuMs: { prepare: number; ocr: number; reread: number };
}

function drawScaled(source: Canvas, scale: number): Canvas {
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(source, 0, 0, width, height);
  return canvas;
}

/** A canvas showing a grey image. */
function canvasOf(g: Gray): Canvas {
  const canvas = createCanvas(g.width, g.height);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(g.width, g.height);
  for (let p = 0, i = 0; p < g.data.length; p++, i += 4) {
    const v = g.data[p] ?? 255;
    image.data[i] = v;
    image.data[i + 1] = v;
    image.data[i + 2] = v;
    image.data[i + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

function grayOf(canvas: Canvas): Gray {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  return toGray(data, canvas.width, canvas.height);
}

/** The canvas turned by `angle` radians about its centre (same size, white where the page was not). */
function rotated(source: Canvas, angle: number): Canvas {
  const canvas = createCanvas(source.width, source.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.translate(canvas.width / 2, canvas.height / 2);
  ctx.rotate(angle);
  ctx.translate(-canvas.width / 2, -canvas.height / 2);
  ctx.drawImage(source, 0, 0);
  return canvas;
}

/**
 * The scale that brings the page to MAX_OCR_DPI (a 150 dpi scan up to 300 — on the tune scans, 86 % → 92 % of
 * fields read, for ~0.6 s more CPU a page — but never more than twice) within `maxPixels`.
 */
export function ocrScale(width: number, height: number, maxPixels: number): number {
  const dpi = Math.min(width, height) / PAPER_SHORT_INCHES;
  const byDpi = Math.min(MAX_UPSCALE, MAX_OCR_DPI / dpi);
  const byPixels = Math.sqrt(maxPixels / (width * height));
  return Math.min(byDpi, byPixels);
}

const meanConfidence = (words: readonly OcrWord[]) =>
  words.length === 0 ? 0 : words.reduce((sum, w) => sum + w.confidence, 0) / words.length;

/** The page's language from its words, when they tell it clearly. */
export function pageLanguage(lines: readonly OcrLine[]): Language | null {
  const texts = lines.map((l) => l.words.map((w) => w.text).join(' '));
  const [best, second] = detectLanguages(texts);
  if (!best || best.score < 2) return null;
  if (second && second.score * 1.25 > best.score) return null;
  return best.language;
}

/**
 * Reads the unsure lines again in `languages`: each line's strip of the page, stacked one under another with
 * white between them, read in one pass; each line keeps the surer of its two readings.
 */
async function rereadLines(
  page: Gray,
  lines: OcrLine[],
  unsure: number[],
  languages: OcrLanguage[],
): Promise<number> {
  interface Band {
    line: number;
    x0: number;
    y0: number;
    width: number;
    height: number;
    top: number;
  }
  const bands: Band[] = [];
  const margin = 16;
  let top = margin;
  let width = 0;
  for (const index of unsure) {
    const words = lines[index]?.words ?? [];
    if (words.length === 0) continue;
    const height = Math.max(...words.map((w) => w.y1 - w.y0));
    const pad = Math.round(height * 0.4);
    const x0 = Math.max(0, Math.min(...words.map((w) => w.x0)) - pad);
    const y0 = Math.max(0, Math.min(...words.map((w) => w.y0)) - pad);
    const x1 = Math.min(page.width, Math.max(...words.map((w) => w.x1)) + pad);
    const y1 = Math.min(page.height, Math.max(...words.map((w) => w.y1)) + pad);
    bands.push({ line: index, x0, y0, width: x1 - x0, height: y1 - y0, top });
    top += y1 - y0 + Math.max(12, height);
    width = Math.max(width, x1 - x0);
  }
  if (bands.length === 0) return 0;
  const stack: Gray = {
    width: width + 2 * margin,
    height: top + margin,
    data: new Uint8Array((width + 2 * margin) * (top + margin)).fill(255),
  };
  for (const band of bands) {
    for (let y = 0; y < band.height; y++) {
      const from = (band.y0 + y) * page.width + band.x0;
      stack.data.set(page.data.subarray(from, from + band.width), (band.top + y) * stack.width + margin);
    }
  }
  const again = await ocrLines(toTiff(stack), stack, { languages, slot: 'second' });
  const byBand = new Map<Band, OcrWord[]>();
  for (const word of again.flatMap((l) => l.words)) {
    const cy = (word.y0 + word.y1) / 2;
    const band = bands.find((b) => cy >= b.top && cy < b.top + b.height);
    if (!band) continue;
    const dx = band.x0 - margin;
    const dy = band.y0 - band.top;
    const list = byBand.get(band) ?? [];
    list.push({ ...word, x0: word.x0 + dx, x1: word.x1 + dx, y0: word.y0 + dy, y1: word.y1 + dy });
    byBand.set(band, list);
  }
  let kept = 0;
  for (const band of bands) {
    const line = lines[band.line];
    const words = byBand.get(band);
    if (!line || !words || words.length === 0) continue;
    if (meanConfidence(words) > meanConfidence(line.words) + 0.02) {
      line.words = words.sort((a, b) => a.x0 - b.x0);
      kept++;
    }
  }
  return kept;
}

/** The page's resolution in dots per inch, from its short side taken as a sheet of paper (8.3 in). */
export function pageDpi(width: number, height: number): number {
  return Math.min(width, height) / PAPER_SHORT_INCHES;
}

/** The page made ready for OCR, and how to find a word of it on the image as it was. */
interface Prepared {
  gray: Gray;
  skew: number;
  uneven: boolean;
  /** A flattened photo: from the flattened (unturned) page's pixels to the image's, with the image's size. */
  flattened: { toImage: Homography; width: number; height: number } | null;
}

/**
 * A photo of a sheet on a table, seen at an angle: the sheet found (perspective.ts), specks removed at the photo's
 * resolution, then the sheet warped onto a rectangle at OCR resolution and turned level in the same pass (the turn
 * measured on a small flattened copy). Null when no sheet is seen apart from its surroundings (a scan).
 */
function flattenPhoto(page: Canvas, small: Gray, maxPixels: number): Prepared | null {
  const found = findPaper(small);
  if (!found || fillsFrame(found, small.width, small.height)) return null;
  const k = page.width / small.width;
  const quad = found.map((p) => ({ x: p.x * k, y: p.y * k })) as Quad;
  const paper = quadSize(quad);
  const dpi = pageDpi(paper.width, paper.height);
  const up = Math.min(MAX_UPSCALE, MAX_OCR_DPI / dpi, Math.sqrt(maxPixels / (paper.width * paper.height)));
  const width = Math.max(1, Math.round(paper.width * up));
  const height = Math.max(1, Math.round(paper.height * up));
  const toImage = rectangleToQuad(quad, width, height);
  const smallWidth = Math.max(1, Math.round(paper.width / k));
  const smallHeight = Math.max(1, Math.round(paper.height / k));
  const toSmall = rectangleToQuad(found, smallWidth, smallHeight);
  if (!toImage || !toSmall) return null;
  const flatSmall = warpGray(small, toSmall, smallWidth, smallHeight);
  // The light and the text's turn, judged on the sheet alone (the table no longer counts).
  const uneven = lightIsUneven(flatSmall);
  const skew = measureSkew(normaliseBackground(flatSmall));
  const turned = Math.abs(skew) >= MIN_SKEW;
  const despeckled = despeckleGray(grayOf(page), { dpi });
  const toSource = turned ? compose(toImage, rotation(skew, width / 2, height / 2)) : toImage;
  return {
    gray: warpGray(despeckled, toSource, width, height),
    skew: turned ? skew : 0,
    uneven,
    flattened: { toImage, width: page.width, height: page.height },
  };
}

/** A scan (or a photo whose sheet fills the frame): turned level, specks removed, scaled to OCR resolution. */
function prepareScan(page: Canvas, small: Gray, up: number): Prepared {
  // Evened out only when the light is uneven: on evenly lit scans the division also thins light and small print
  // (on the tune scans: 88 % of fields read with it on every page, 93 % without).
  const uneven = lightIsUneven(small);
  const skew = measureSkew(normaliseBackground(small));
  const turned = Math.abs(skew) >= MIN_SKEW;
  const level = turned ? rotated(page, -skew) : page;
  // Specks are removed at the resolution the page was scanned at, sized to it (despeckleGray): scaled up first, a
  // one-pixel speck is a blot tesseract reads as "oo", "Co" or "~".
  const despeckled = despeckleGray(grayOf(level), { dpi: pageDpi(level.width, level.height) });
  const gray = up > 1 ? grayOf(drawScaled(canvasOf(despeckled), up)) : despeckled;
  return { gray, skew: turned ? skew : 0, uneven, flattened: null };
}

/** Reads one scanned page: see the top of this file. */
export async function readScanPage(
  source: Canvas,
  pageNumber: number,
  options: ScanPageOptions,
): Promise<{ text: PageText; report: ScanPageReport }> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const cpuSince = (from: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(from);
    return (used.user + used.system) / 1000;
  };
  const scale = ocrScale(source.width, source.height, options.maxPixels);
  // Down before anything else; up (to OCR resolution) after the specks are removed (below).
  const page = scale < 0.98 ? drawScaled(source, scale) : source;
  const up = scale > 1.02 ? scale : 1;

  // The sheet, the light and the skew, from a copy about 700 px wide.
  const small = grayOf(drawScaled(page, Math.min(1, 700 / page.width)));
  const prepared = flattenPhoto(page, small, options.maxPixels) ?? prepareScan(page, small, up);
  const { skew, uneven } = prepared;
  // The light is evened out at the OCR resolution (done before scaling up, it takes the grey of thin strokes that
  // scaling would turn into ink).
  const gray = uneven ? normaliseBackground(prepared.gray) : whitenPaper(prepared.gray);
  // Box frames and table rules off, so the text that touches them is read (an invoice number in a box).
  const rules = removeRuleLines(gray);
  const image = toTiff(gray);
  const report: ScanPageReport = {
    language: null,
    skewDegrees: (skew * 180) / Math.PI,
    evenedOut: uneven,
    flattened: prepared.flattened !== null,
    ruleShapes: rules.shapes,
    reread: 0,
    kept: 0,
    ms: { prepare: performance.now() - started, ocr: 0, reread: 0 },
    cpuMs: { prepare: cpuSince(cpuStarted), ocr: 0, reread: 0 },
  };
  const ocrStarted = performance.now();
  const ocrCpu = process.cpuUsage();
  const named = options.languages && options.languages.length > 0 ? [...options.languages] : null;
  const lines = await ocrLines(image, gray, { languages: named ?? ['eng'] });
  report.ms.ocr = performance.now() - ocrStarted;
  report.cpuMs.ocr = cpuSince(ocrCpu);
  const rereadStarted = performance.now();
  const rereadCpu = process.cpuUsage();
  if (!named) {
    report.language = pageLanguage(lines);
    const code = report.language ? TESSERACT[report.language] : 'eng';
    if (code !== 'eng') {
      const unsure = lines
        .map((line, i) => ({ line, i }))
        .filter(({ line }) => /\p{L}/u.test(line.words.map((w) => w.text).join('')))
        .filter(({ line }) => line.words.some((w) => w.confidence < UNSURE))
        .map(({ i }) => i);
      report.reread = unsure.length;
      report.kept = await rereadLines(gray, lines, unsure, [code]);
    }
  }
  report.ms.reread = performance.now() - rereadStarted;
  report.cpuMs.reread = cpuSince(rereadCpu);

  // Boxes back onto the image as it was: each word's centre turned by the skew about the page's centre; a
  // flattened photo's words also get their box on the photo, through the warp.
  const cos = Math.cos(skew);
  const sin = Math.sin(skew);
  const cx = gray.width / 2;
  const cy = gray.height / 2;
  const flattened = prepared.flattened;
  const words: Word[] = lines.flatMap((line) =>
    line.words.map((w) => {
      const w2 = (w.x1 - w.x0) / 2;
      const h2 = (w.y1 - w.y0) / 2;
      let x = w.x0 + w2;
      let y = w.y0 + h2;
      if (skew !== 0) {
        const dx = x - cx;
        const dy = y - cy;
        x = cx + dx * cos - dy * sin;
        y = cy + dx * sin + dy * cos;
      }
      const box = {
        x: (x - w2) / gray.width,
        y: (y - h2) / gray.height,
        w: (2 * w2) / gray.width,
        h: (2 * h2) / gray.height,
      };
      if (!flattened) return { text: w.text, page: pageNumber, box, confidence: w.confidence };
      const corners = [
        [x - w2, y - h2],
        [x + w2, y - h2],
        [x + w2, y + h2],
        [x - w2, y + h2],
      ].map(([px, py]) => applyHomography(flattened.toImage, px ?? 0, py ?? 0));
      const xs = corners.map((p) => p.x / flattened.width);
      const ys = corners.map((p) => p.y / flattened.height);
      const x0 = Math.min(...xs);
      const y0 = Math.min(...ys);
      return {
        text: w.text,
        page: pageNumber,
        box: { x: x0, y: y0, w: Math.max(...xs) - x0, h: Math.max(...ys) - y0 },
        flat: box,
        confidence: w.confidence,
      };
    }),
  );
  const residual = medianSlope(lines);
  return {
    text: {
      number: pageNumber,
      width: gray.width,
      height: gray.height,
      words,
      skew: skew + residual,
    },
    report,
  };
}

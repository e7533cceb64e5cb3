// OCR with tesseract.js, entirely offline: the Node worker and the wasm core shipped in node_modules, and the
// language models from the @tesseract.js-data/<code> packages read from disk (cache off, so nothing is written or
// fetched). One worker is kept while scans keep coming and ended after a quiet minute, so an idle app holds no OCR
// memory.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import type { PageText, Word } from '../domain/capture/words.js';
import { ocrLanguages, type OcrLanguage, type OcrOptions } from './ocr-languages.js';

export {
  DEFAULT_OCR_LANGUAGES,
  OCR_LANGUAGES,
  ocrLanguages,
  type OcrLanguage,
  type OcrOptions,
} from './ocr-languages.js';

const require = createRequire(import.meta.url);

/** The folder holding `<code>.traineddata.gz`: the LSTM model (best_int), what tesseract.js would fetch itself. */
function modelDir(code: OcrLanguage): string {
  return path.join(
    path.dirname(require.resolve(`@tesseract.js-data/${code}/package.json`)),
    '4.0.0_best_int',
  );
}

const IDLE_MS = 60_000;

interface OcrWorker {
  worker: Worker;
  /**
   * The languages whose models are in the worker's file system. It is the array handed to createWorker, which
   * tesseract.js keeps as its own list of loaded languages: reinitialize() loads only the ones not in it, and it
   * could load them from one folder only (langPath), while each language has its own package.
   */
  loaded: string[];
  /** The language string the worker is initialised with now ("eng", "deu+eng"). */
  active: string;
}

/**
 * The OCR workers: "first" reads whole pages (in English unless told otherwise), "second" re-reads a page's unsure
 * lines in the page's own language. Two workers, so that neither switches models back and forth page after page
 * (a switch re-initialises tesseract: ~0.3 s); the second is only started for pages not in English.
 */
export type OcrSlot = 'first' | 'second';
const workers = new Map<OcrSlot, Promise<OcrWorker>>();
let idleTimer: NodeJS.Timeout | null = null;
let busy = 0;
/** Recognitions run one after another: switching languages between two of them must not interleave. */
let queue: Promise<unknown> = Promise.resolve();

async function startWorker(): Promise<OcrWorker> {
  const loaded = ['eng'];
  const worker = await createWorker(loaded, OEM.LSTM_ONLY, {
    langPath: modelDir('eng'),
    gzip: true,
    cacheMethod: 'none',
    // Never let it fall back to a CDN: the worker script and the core come from node_modules in Node.
    legacyCore: false,
    legacyLang: false,
  });
  return { worker, loaded, active: 'eng' };
}

/**
 * The suffix of the user word list a model's built-in config asks tesseract to load ("special-words" in
 * ita.traineddata's "user_words_suffix special-words"), or null. The config is plain text inside the model.
 */
export function userWordsSuffix(model: Buffer): string | null {
  const at = model.indexOf('user_words_suffix');
  if (at < 0) return null;
  const line = model.subarray(at, at + 80).toString('latin1');
  const m = /^user_words_suffix[ \t]+([A-Za-z0-9_.-]+)/.exec(line);
  return m?.[1] ?? null;
}

/** Puts the models of `languages` into the worker (read from their packages) and initialises it with them. */
async function useLanguages(ocr: OcrWorker, languages: OcrLanguage[]): Promise<void> {
  const wanted = languages.join('+');
  if (ocr.active === wanted) return;
  for (const code of languages) {
    if (ocr.loaded.includes(code)) continue;
    const model = gunzipSync(readFileSync(path.join(modelDir(code), `${code}.traineddata.gz`)));
    // Where tesseract.js's own loader puts a model: `${dataPath || '.'}/<code>.traineddata`.
    await ocr.worker.FS('writeFile', [`./${code}.traineddata`, model]);
    // A model whose config names a user word list ships without it (Italian's "user_words_suffix
    // special-words"): tesseract would print "Error: failed to load ./ita.special-words" at every start. An
    // empty list is what the missing file means.
    const suffix = userWordsSuffix(model);
    if (suffix) await ocr.worker.FS('writeFile', [`./${code}.${suffix}`, '']);
    ocr.loaded.push(code);
  }
  await ocr.worker.reinitialize(wanted, OEM.LSTM_ONLY);
  ocr.active = wanted;
}

function scheduleIdleStop(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (busy === 0) void stopOcr();
  }, IDLE_MS);
  idleTimer.unref();
}

/** Ends the OCR workers (the app calls this on close; tests in afterAll). */
export async function stopOcr(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const pending = [...workers.values()];
  workers.clear();
  for (const worker of pending) await (await worker).worker.terminate();
}

/** A word as OCR read it: its box in the image's pixels, its confidence 0–1. */
export interface OcrWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  confidence: number;
}

/** A text line as OCR found it, with its baseline's slope (radians; null when the line is short). */
export interface OcrLine {
  words: OcrWord[];
  slope: number | null;
}

/**
 * Reads the text lines of one image (PNG, JPEG, PGM or TIFF bytes) in `options.languages` (default English). Boxes are
 * in the image's pixels.
 */
export async function ocrLines(
  image: Buffer,
  size: { width: number; height: number },
  options: OcrOptions & { slot?: OcrSlot } = {},
): Promise<OcrLine[]> {
  const languages = ocrLanguages(options.languages);
  busy += 1;
  const turn = queue.then(() => recognizeLines(image, size, languages, options.slot ?? 'first'));
  queue = turn.catch(() => undefined);
  try {
    return await turn;
  } finally {
    busy -= 1;
    scheduleIdleStop();
  }
}

/** The skew of a page from its lines' baselines: the median slope of the long ones (radians). */
export function medianSlope(lines: readonly OcrLine[]): number {
  const slopes = lines
    .map((l) => l.slope)
    .filter((s): s is number => s !== null)
    .sort((a, b) => a - b);
  return slopes.length > 0 ? (slopes[Math.floor(slopes.length / 2)] ?? 0) : 0;
}

/**
 * Reads the words of one page image (PNG or JPEG bytes) with their boxes (as fractions of the image) and
 * confidences (0–1), in `options.languages` (default English).
 */
export async function ocrImage(
  image: Buffer,
  size: { width: number; height: number },
  pageNumber: number,
  options: OcrOptions = {},
): Promise<PageText> {
  const lines = await ocrLines(image, size, options);
  const words: Word[] = lines.flatMap((line) =>
    line.words.map((w) => ({
      text: w.text,
      page: pageNumber,
      box: {
        x: w.x0 / size.width,
        y: w.y0 / size.height,
        w: (w.x1 - w.x0) / size.width,
        h: (w.y1 - w.y0) / size.height,
      },
      confidence: w.confidence,
    })),
  );
  return { number: pageNumber, width: size.width, height: size.height, words, skew: medianSlope(lines) };
}

/**
 * "Nº" as tesseract misreads it: the raised o comes out as "*", "®", "?" or a quote ("N* de facture", "N® factura").
 * Nothing else is spelled "N" and one such sign, so the word is put back as "Nº" (the labels know it).
 */
export function numberSign(text: string): string {
  return /^[Nn][*®?"'’”]$/.test(text) ? `${text[0] ?? 'N'}º` : text;
}

async function recognizeLines(
  image: Buffer,
  size: { width: number; height: number },
  languages: OcrLanguage[],
  slot: OcrSlot,
): Promise<OcrLine[]> {
  let started = workers.get(slot);
  if (!started) {
    started = startWorker();
    workers.set(slot, started);
  }
  const ocr = await started;
  await useLanguages(ocr, languages);
  const worker = ocr.worker;
  // No rotateAuto: the page is turned level before OCR (scan-page.ts measures its skew from the pixels, which
  // costs far less than tesseract's own pass).
  const result = await worker.recognize(image, {}, { blocks: true, text: false });
  const out: OcrLine[] = [];
  for (const block of result.data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const { x0: bx0, y0: by0, x1: bx1, y1: by1 } = line.baseline;
        // Long lines give the page's skew most precisely.
        const slope = bx1 - bx0 > size.width * 0.15 ? Math.atan2(by1 - by0, bx1 - bx0) : null;
        const words: OcrWord[] = [];
        for (const word of line.words) {
          const text = numberSign(word.text.trim());
          if (!text) continue;
          const { x0, y0, x1, y1 } = word.bbox;
          words.push({ text, x0, y0, x1, y1, confidence: Math.max(0, Math.min(1, word.confidence / 100)) });
        }
        if (words.length > 0) out.push({ words, slope });
      }
    }
  }
  return out;
}

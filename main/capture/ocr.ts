// OCR with tesseract.js, entirely offline: the Node worker and the wasm core shipped in node_modules, and the
// English model from @tesseract.js-data/eng read from disk (cache off, so nothing is written or fetched). One
// worker is kept while scans keep coming and ended after a quiet minute, so an idle app holds no OCR memory.
import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import type { PageText, Word } from '../domain/capture/words.js';

const require = createRequire(import.meta.url);
/** The LSTM model (best_int): what tesseract.js itself would fetch for OEM.LSTM_ONLY, here from the package. */
const langPath = path.join(
  path.dirname(require.resolve('@tesseract.js-data/eng/package.json')),
  '4.0.0_best_int',
);
const IDLE_MS = 60_000;

let workerPromise: Promise<Worker> | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let busy = 0;

function startWorker(): Promise<Worker> {
  return createWorker('eng', OEM.LSTM_ONLY, {
    langPath,
    gzip: true,
    cacheMethod: 'none',
    // Never let it fall back to a CDN: the worker script and the core come from node_modules in Node.
    legacyCore: false,
    legacyLang: false,
  });
}

function scheduleIdleStop(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (busy === 0) void stopOcr();
  }, IDLE_MS);
  idleTimer.unref();
}

/** Ends the OCR worker (the app calls this on close; tests in afterAll). */
export async function stopOcr(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const pending = workerPromise;
  workerPromise = null;
  if (pending) await (await pending).terminate();
}

/**
 * Reads the words of one page image (PNG or JPEG bytes) with their boxes (as fractions of the image) and
 * confidences (0–1).
 */
export async function ocrImage(
  image: Buffer,
  size: { width: number; height: number },
  pageNumber: number,
): Promise<PageText> {
  busy += 1;
  try {
    workerPromise ??= startWorker();
    const worker = await workerPromise;
    // No rotateAuto: a scan turned by a degree or two is read as well without it (extraction follows sloped
    // lines), and it costs a second or two a page; a page scanned sideways is rare enough to turn by hand.
    const result = await worker.recognize(image, {}, { blocks: true, text: false });
    const words: Word[] = [];
    const slopes: number[] = [];
    for (const block of result.data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          const { x0: bx0, y0: by0, x1: bx1, y1: by1 } = line.baseline;
          // Long lines give the page's skew most precisely.
          if (bx1 - bx0 > size.width * 0.15) slopes.push(Math.atan2(by1 - by0, bx1 - bx0));
          for (const word of line.words) {
            const text = word.text.trim();
            if (!text) continue;
            const { x0, y0, x1, y1 } = word.bbox;
            words.push({
              text,
              page: pageNumber,
              box: {
                x: x0 / size.width,
                y: y0 / size.height,
                w: (x1 - x0) / size.width,
                h: (y1 - y0) / size.height,
              },
              confidence: Math.max(0, Math.min(1, word.confidence / 100)),
            });
          }
        }
      }
    }
    slopes.sort((a, b) => a - b);
    const skew = slopes.length > 0 ? (slopes[Math.floor(slopes.length / 2)] ?? 0) : 0;
    return { number: pageNumber, width: size.width, height: size.height, words, skew };
  } finally {
    busy -= 1;
    scheduleIdleStop();
  }
}

// The main thread's side of the capture worker thread: decoding, despeckle and OCR run there (capture-worker.ts),
// so a large scan never stalls the UI or the API. One worker, one job at a time; each job is watched:
// - a memory limit on the worker's JavaScript heap (resourceLimits), and a watchdog on the process's resident
//   memory, since pixels live outside that heap (canvas and typed-array buffers);
// - a timeout that starts again after every page.
// A worker that runs out of memory or time is ended, the caller gets a plain error (nothing has been created: the
// reading comes before anything is stored), and the next file starts a fresh worker. An idle worker is kept for a
// minute (it holds the OCR engine, whose start costs a second) without keeping the process alive.
import { Worker } from 'node:worker_threads';
import { AppError } from '../domain/errors.js';
import { workerFile } from '../threads/worker-file.js';
import type { CaptureJob, CaptureReply } from './capture-protocol.js';
import type { ReadResult } from './decode.js';

export interface CaptureThreadLimits {
  /** The worker's V8 old-generation heap, MB. */
  heapMb: number;
  /** How far the process's resident memory may grow during one job, MB. */
  memoryMb: number;
  /** Longest a single page (or opening the file) may take, ms. */
  pageTimeoutMs: number;
  /** How long an idle worker is kept, ms. */
  idleMs: number;
}

const DEFAULT_LIMITS: CaptureThreadLimits = {
  heapMb: 768,
  // A 40-megapixel page as RGBA is 160 MB; decoding, despeckle, the PNG for OCR and tesseract's own copies take a
  // few times that. The 100,000² TIFF of issue 14 grew the process by 2.6 GB before it was stopped by hand.
  memoryMb: 2048,
  // OCR of a dense 300 dpi page takes 5–20 s on a 2-core machine shared with other work.
  pageTimeoutMs: 120_000,
  idleMs: 60_000,
};

let limits: CaptureThreadLimits = { ...DEFAULT_LIMITS };

/** Changes the limits (tests use small ones); returns the previous limits. Applies to the next worker started. */
export function setCaptureThreadLimits(next: Partial<CaptureThreadLimits>): CaptureThreadLimits {
  const previous = limits;
  limits = { ...limits, ...next };
  return previous;
}

/** Counters for tests and diagnostics: workers started, jobs sent to a worker. */
const stats = { spawned: 0, jobs: 0 };
export function captureThreadStats(): { spawned: number; jobs: number } {
  return { ...stats };
}

interface Pending {
  job: CaptureJob;
  resolve: (reply: CaptureReply) => void;
  reject: (error: AppError) => void;
}

interface Running extends Pending {
  timer: NodeJS.Timeout;
  watchdog: NodeJS.Timeout;
  baselineRss: number;
}

let worker: Worker | null = null;
let running: Running | null = null;
const waiting: Pending[] = [];
let idleTimer: NodeJS.Timeout | null = null;
let nextId = 1;

function timeoutError(fileName: string): AppError {
  return new AppError(
    'invalid_input',
    `Reading ${fileName} took longer than ${Math.max(1, Math.round(limits.pageTimeoutMs / 1000))} seconds for one page and was stopped; nothing was saved. If it is a very large or very detailed scan, scan it again at 300 dpi or less, then add it again.`,
  );
}

function memoryError(fileName: string, detail: string): AppError {
  return new AppError(
    'invalid_input',
    `Reading ${fileName} needed more memory than Ledgerbridge allows for one file and was stopped; nothing was saved. Scan it again at 300 dpi or less, or split it into one file per invoice, then add it again.`,
    { detail },
  );
}

function crashError(fileName: string, detail: string): AppError {
  return new AppError(
    'internal',
    `Reading ${fileName} failed unexpectedly and was stopped; nothing was saved. Try again; if it fails again, scan the invoice again or report this.`,
    { detail },
  );
}

function startWorker(): Worker {
  // capture-worker.ts from sources, dist/main/capture/capture-worker.cjs in the bundle.
  const entry = workerFile(import.meta.url, 'capture', 'capture-worker');
  const w = new Worker(entry.file, {
    ...(entry.execArgv ? { execArgv: entry.execArgv } : {}),
    resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 64 },
  });
  stats.spawned += 1;
  w.on('message', (reply: CaptureReply) => onReply(w, reply));
  w.on('error', (error: Error & { code?: string }) => {
    if (worker !== w) return;
    const fileName = running?.job.fileName ?? 'The file';
    const failure =
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? memoryError(fileName, `worker heap limit ${limits.heapMb} MB: ${error.message}`)
        : crashError(fileName, error.stack ?? error.message);
    endWorker(failure);
  });
  w.on('exit', (code) => {
    if (worker !== w) return;
    endWorker(crashError(running?.job.fileName ?? 'The file', `capture worker exited with code ${code}`));
  });
  return w;
}

/** Ends the current worker; the running job (if any) fails with `failure`, and the queue moves on. */
function endWorker(failure: AppError | null): void {
  const w = worker;
  worker = null;
  if (w) void w.terminate();
  const job = running;
  running = null;
  if (job) {
    clearTimeout(job.timer);
    clearInterval(job.watchdog);
    if (failure) job.reject(failure);
  }
  pump();
}

function onReply(w: Worker, reply: CaptureReply): void {
  if (worker !== w || !running || reply.id !== running.job.id) return;
  if (reply.type === 'progress') {
    running.timer.refresh();
    return;
  }
  const job = running;
  running = null;
  clearTimeout(job.timer);
  clearInterval(job.watchdog);
  job.resolve(reply);
  pump();
}

function scheduleIdleStop(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (!running && waiting.length === 0) void stopCaptureThread();
  }, limits.idleMs);
  idleTimer.unref();
}

function pump(): void {
  if (running) return;
  const next = waiting.shift();
  if (!next) {
    // An idle worker must not keep the process alive.
    worker?.unref();
    scheduleIdleStop();
    return;
  }
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  let w: Worker;
  try {
    w = worker ??= startWorker();
  } catch (error) {
    next.reject(error instanceof AppError ? error : crashError(next.job.fileName, String(error)));
    pump();
    return;
  }
  w.ref();
  const fileName = next.job.fileName;
  const timer = setTimeout(() => {
    if (running?.job.id === next.job.id) endWorker(timeoutError(fileName));
  }, limits.pageTimeoutMs);
  const baselineRss = process.memoryUsage.rss();
  const watchdog = setInterval(() => {
    const grown = (process.memoryUsage.rss() - baselineRss) / 1024 / 1024;
    if (running?.job.id === next.job.id && grown > limits.memoryMb) {
      endWorker(
        memoryError(fileName, `resident memory grew ${Math.round(grown)} MB (limit ${limits.memoryMb} MB)`),
      );
    }
  }, 200);
  running = { ...next, timer, watchdog, baselineRss };
  stats.jobs += 1;
  // A copy goes to the worker: the caller keeps its bytes (to store them afterwards).
  w.postMessage(next.job);
}

type JobInput =
  | { type: 'read'; languages?: readonly string[] }
  | { type: 'previews'; dpi: number; maxPages?: number }
  | { type: 'verify' };

function submit(
  base: { bytes: Uint8Array; kind: CaptureJob['kind']; fileName: string },
  input: JobInput,
): Promise<CaptureReply> {
  const job = { id: nextId++, ...base, ...input } as CaptureJob;
  return new Promise<CaptureReply>((resolve, reject) => {
    waiting.push({ job, resolve, reject });
    pump();
  }).then((reply) => {
    if (reply.type === 'error') {
      const { code, message, detail } = reply.error;
      throw message === null
        ? crashError(base.fileName, detail ?? 'unknown error')
        : new AppError(code, message, detail === undefined ? {} : { detail });
    }
    return reply;
  });
}

/** Reads a checked file's pages (text layer or OCR) in the worker thread. */
export async function readInThread(
  bytes: Uint8Array,
  kind: CaptureJob['kind'],
  fileName: string,
  languages?: readonly string[],
): Promise<ReadResult> {
  const reply = await submit({ bytes, kind, fileName }, { type: 'read', languages });
  if (reply.type !== 'read') throw crashError(fileName, `unexpected reply ${reply.type}`);
  return reply.result;
}

/** Renders a checked file's pages (the first `maxPages` of them) as PNG previews in the worker thread. */
export async function previewsInThread(
  bytes: Uint8Array,
  kind: CaptureJob['kind'],
  fileName: string,
  dpi: number,
  maxPages?: number,
): Promise<Buffer[]> {
  const reply = await submit(
    { bytes, kind, fileName },
    { type: 'previews', dpi, ...(maxPages === undefined ? {} : { maxPages }) },
  );
  if (reply.type !== 'previews') throw crashError(fileName, `unexpected reply ${reply.type}`);
  return reply.images.map((png) => Buffer.from(png.buffer, png.byteOffset, png.byteLength));
}

/** Opens (and for images decodes) a checked file in the worker thread, refusing what cannot be read. */
export async function verifyInThread(
  bytes: Uint8Array,
  kind: CaptureJob['kind'],
  fileName: string,
): Promise<void> {
  const reply = await submit({ bytes, kind, fileName }, { type: 'verify' });
  if (reply.type !== 'verified') throw crashError(fileName, `unexpected reply ${reply.type}`);
}

/** Ends the worker (the app calls this on close; tests in afterAll). Queued jobs fail. */
export async function stopCaptureThread(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const w = worker;
  worker = null;
  const job = running;
  running = null;
  const stopped = new AppError('internal', 'Ledgerbridge is closing; the file was not read. Add it again.');
  if (job) {
    clearTimeout(job.timer);
    clearInterval(job.watchdog);
    job.reject(stopped);
  }
  for (const pending of waiting.splice(0)) pending.reject(stopped);
  if (w) await w.terminate();
}

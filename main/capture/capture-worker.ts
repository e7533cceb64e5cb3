// The capture worker thread's entry: decodes, renders, despeckles and OCRs files handed to it by
// capture-thread.ts, one job at a time, so none of that runs on the thread that serves the UI and the API. Built
// as its own file (scripts/build-main.mjs: dist/main/capture/capture-worker.cjs); from sources it runs under tsx.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../domain/errors.js';
import type { CaptureJob, CaptureReply } from './capture-protocol.js';
import { readFileHere, renderPreviewsHere, verifyHere } from './decode.js';
import { stopOcr } from './ocr.js';

const port = parentPort;
if (!port) throw new Error('capture-worker.ts runs as a worker thread (see capture-thread.ts)');

function reply(message: CaptureReply, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

async function run(job: CaptureJob): Promise<void> {
  const progress = () => reply({ id: job.id, type: 'progress' });
  try {
    if (job.type === 'read') {
      const result = await readFileHere(
        job.bytes,
        job.kind,
        job.fileName,
        { languages: job.languages },
        progress,
      );
      reply({ id: job.id, type: 'read', result });
    } else if (job.type === 'previews') {
      const images = await renderPreviewsHere(
        job.bytes,
        job.kind,
        job.fileName,
        job.dpi,
        progress,
        job.maxPages,
      );
      const buffers = images.map((png) => new Uint8Array(png));
      reply(
        { id: job.id, type: 'previews', images: buffers },
        buffers.map((b) => b.buffer as ArrayBuffer),
      );
    } else {
      await verifyHere(job.bytes, job.kind, job.fileName, progress);
      reply({ id: job.id, type: 'verified' });
    }
  } catch (error) {
    if (error instanceof AppError) {
      reply({
        id: job.id,
        type: 'error',
        error: { code: error.code, message: error.userMessage, detail: error.detail },
      });
    } else {
      reply({
        id: job.id,
        type: 'error',
        error: {
          code: 'internal',
          message: null,
          detail: error instanceof Error ? (error.stack ?? error.message) : String(error),
        },
      });
    }
  }
}

let queue: Promise<void> = Promise.resolve();
port.on('message', (message: CaptureJob | { type: 'stop' }) => {
  if (message.type === 'stop') {
    // Ends tesseract's own worker thread, then this one.
    void queue.then(() => stopOcr()).finally(() => process.exit(0));
    return;
  }
  queue = queue.then(() => run(message));
});

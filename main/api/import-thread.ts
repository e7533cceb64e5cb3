// Decoding and parsing an import file in a worker thread (import-worker.ts) when it is large, so a 9 MB CSV dry run
// does not stop the UI and the API for seconds. Small files (most) are parsed on the calling thread: a worker's
// start costs more than they do. The worker has a heap limit and a timeout; a file that exceeds either is refused
// with a message that says to split it.
import { Worker } from 'node:worker_threads';
import { AppError } from '../domain/errors.js';
import { parseImportFile, type ImportFile, type ParsedFile } from '../domain/import/index.js';
import { workerFile } from '../threads/worker-file.js';
import type { ImportJob, ImportReply, ImportRequest } from './import-worker.js';

export interface ImportThreadLimits {
  /** Files at least this long (characters of content or of base64) are parsed in a worker. */
  threshold: number;
  /** The worker's V8 old-generation heap, MB. */
  heapMb: number;
  /** Longest the parse may take, ms. */
  timeoutMs: number;
}

let limits: ImportThreadLimits = { threshold: 512 * 1024, heapMb: 1024, timeoutMs: 120_000 };

/** Changes the limits (tests use small ones); returns the previous limits. */
export function setImportThreadLimits(next: Partial<ImportThreadLimits>): ImportThreadLimits {
  const previous = limits;
  limits = { ...limits, ...next };
  return previous;
}

/** Workers started so far (for tests). */
let started = 0;
export function importWorkersStarted(): number {
  return started;
}

function tooBig(detail: string): AppError {
  return new AppError(
    'invalid_input',
    'The import file is too large to read at once. Split it into files of a few thousand records each and import them one after another.',
    { detail },
  );
}

function parseInWorker(file: ImportFile, existingSupplierNames: string[]): Promise<ParsedFile> {
  const entry = workerFile(import.meta.url, 'api', 'import-worker');
  const worker = new Worker(entry.file, {
    ...(entry.execArgv ? { execArgv: entry.execArgv } : {}),
    resourceLimits: { maxOldGenerationSizeMb: limits.heapMb },
  });
  started += 1;
  return new Promise<ParsedFile>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () => settle(() => reject(tooBig(`parse took over ${limits.timeoutMs} ms`))),
      limits.timeoutMs,
    );
    const records: ParsedFile['records'][number][] = [];
    let head: Extract<ImportReply, { type: 'parsed' }> | null = null;
    const finish = () => {
      if (!head || records.length < head.count) return false;
      const { kind, fileProblems } = head;
      settle(() => resolve({ kind, fileProblems, records } as ParsedFile));
      return true;
    };
    // Asked for one slice at a time, after a turn of the event loop: other requests are served in between.
    const askNext = () => setImmediate(() => worker.postMessage({ type: 'next' } satisfies ImportRequest));
    worker.on('message', (reply: ImportReply) => {
      if (reply.type === 'failed') {
        settle(() =>
          reject(
            new AppError('internal', 'The import file could not be read. Try again, or report this.', {
              detail: reply.detail,
            }),
          ),
        );
        return;
      }
      if (reply.type === 'parsed') head = reply;
      else records.push(...reply.records);
      // The parse is done and the records are coming: the clock was for the parse.
      timer.refresh();
      if (!finish()) askNext();
    });
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? tooBig(`import worker heap limit ${limits.heapMb} MB: ${error.message}`)
            : new AppError('internal', 'The import file could not be read. Try again, or report this.', {
                detail: error.stack ?? error.message,
              }),
        ),
      ),
    );
    worker.once('exit', (code) =>
      settle(() =>
        reject(
          new AppError('internal', 'The import file could not be read. Try again, or report this.', {
            detail: `import worker exited with code ${code}`,
          }),
        ),
      ),
    );
    const job: ImportJob = { file, existingSupplierNames };
    worker.postMessage(job);
  });
}

/** Decodes and parses an import file: in a worker thread when it is large, here when it is small. */
export async function parseImport(
  file: ImportFile,
  existingSupplierNames: () => Iterable<string>,
): Promise<ParsedFile> {
  const size = (file.content?.length ?? 0) + (file.contentBase64?.length ?? 0);
  if (size < limits.threshold) return parseImportFile(file, existingSupplierNames);
  const names = file.kind === 'suppliers' ? [...existingSupplierNames()] : [];
  return parseInWorker(file, names);
}

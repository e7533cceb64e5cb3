// The import worker thread's entry: decodes and parses one import file (main/domain/import, pure) and posts the
// records back, so a large CSV or JSON file never stalls the thread that serves the UI and the API. Started by
// import-thread.ts, one worker per file; built as dist/main/api/import-worker.cjs by scripts/build-main.mjs.
import { parentPort } from 'node:worker_threads';
import { parseImportFile, type ImportFile, type ParsedFile } from '../domain/import/index.js';

export interface ImportJob {
  file: ImportFile;
  existingSupplierNames: string[];
}

/**
 * The records go back in slices, each one asked for by the main thread once it has taken the previous one: one
 * message of thousands of records, or many sent at once (a port delivers everything queued in one go), would take
 * the receiving thread seconds to deserialise, which is the stall this worker exists to avoid.
 */
export type ImportReply =
  | { type: 'parsed'; kind: ParsedFile['kind']; fileProblems: ParsedFile['fileProblems']; count: number }
  | { type: 'records'; records: ParsedFile['records'] }
  | { type: 'failed'; detail: string };

export type ImportRequest = ImportJob | { type: 'next' };

const SLICE = 250;

const port = parentPort;
if (!port) throw new Error('import-worker.ts runs as a worker thread (see import-thread.ts)');

let parsed: ParsedFile | null = null;
let sent = 0;

port.on('message', (request: ImportRequest) => {
  if ('type' in request) {
    if (!parsed) return;
    const records = parsed.records.slice(sent, sent + SLICE);
    sent += records.length;
    port.postMessage({ type: 'records', records } as ImportReply);
    return;
  }
  try {
    parsed = parseImportFile(request.file, () => request.existingSupplierNames);
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    port.postMessage({ type: 'failed', detail } satisfies ImportReply);
    return;
  }
  const { kind, fileProblems, records } = parsed;
  port.postMessage({ type: 'parsed', kind, fileProblems, count: records.length } satisfies ImportReply);
});

// The messages between capture-thread.ts (main thread) and capture-worker.ts (the worker thread).
import type { ErrorCode } from '../domain/errors.js';
import type { FileKind, ReadResult } from './decode.js';

interface JobBase {
  id: number;
  bytes: Uint8Array;
  kind: FileKind;
  fileName: string;
}

export type CaptureJob =
  | (JobBase & { type: 'read'; languages?: readonly string[] })
  | (JobBase & { type: 'previews'; dpi: number; maxPages?: number })
  | (JobBase & { type: 'verify' });

export type CaptureReply =
  /** A page is done: the watchdog's clock starts again. */
  | { id: number; type: 'progress' }
  | { id: number; type: 'read'; result: ReadResult }
  | { id: number; type: 'previews'; images: Uint8Array[] }
  | { id: number; type: 'verified' }
  /** message null: not an AppError (a bug); the main thread words it. */
  | {
      id: number;
      type: 'error';
      error: { code: ErrorCode; message: string | null; detail: string | undefined };
    };

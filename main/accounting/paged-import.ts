// Reading another system's list page by page so that an import stopped anywhere resumes where it stopped: the
// mechanism the supplier import (supplier-import.ts) and the list imports (list-import.ts) share. A run row keeps
// the system's cursor of the next page; each page is written together with the run's new cursor and counts in one
// SQLite transaction, so a failed page, a lost network or a closed app costs at most the page in flight, and the
// next import continues from the page after the last one written. What a page does to our data, and how a run is
// stored, is the caller's; the order, the transaction and the request counting are here.
import type { Database } from 'better-sqlite3';
import { ConnectorError, type ConnectorContext } from '../connectors/contract.js';
import { AppError } from '../domain/errors.js';

/** Where the next page of a list starts, as the system pages it (start position, page number, offset and limit). */
export type PageCursor = Record<string, string | number>;

export interface ReadPage<T> {
  items: readonly T[];
  /** Where the next page starts; null after the last page. */
  next: PageCursor | null;
  /** How many the whole list holds, where the system tells it on this page; null otherwise. */
  total: number | null;
}

/** What the loop needs of a run: where it stands. */
export interface PagedRun {
  cursor: PageCursor | null;
  pagesDone: number;
}

export interface PagedImport<R extends PagedRun, T> {
  db: Database;
  run: R;
  /** Reads the page at `cursor` (null: the first). */
  read(cursor: PageCursor | null): Promise<ReadPage<T>>;
  /**
   * Writes the page and advances the run (cursor = page.next, finished when it is null); called inside the
   * transaction that commits both, so the two never part.
   */
  write(run: R, page: ReadPage<T>, requests: number): R;
  /** Told after every page written but the last. */
  progress(run: R): void;
  /** A read failed: records it on the run (which keeps its cursor) and returns the error to throw. */
  stopped(run: R, error: unknown, requests: number): Error;
  /** The requests granted since the last take (requestCounter). */
  takeRequests(): number;
}

function sameCursor(a: PageCursor | null, b: PageCursor | null): boolean {
  return a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);
}

/** Reads pages from the run's cursor until the last one; resolves with the finished run. */
export async function readPages<R extends PagedRun, T>(job: PagedImport<R, T>): Promise<R> {
  let run = job.run;
  for (;;) {
    let page: ReadPage<T>;
    try {
      page = await job.read(run.cursor);
      // A system answering the same position again would loop for ever: stop and say so.
      if (sameCursor(page.next, run.cursor)) {
        throw new Error(`the next page is the page just read (${JSON.stringify(page.next)})`);
      }
    } catch (error) {
      throw job.stopped(run, error, job.takeRequests());
    }
    const requests = job.takeRequests();
    const current = run;
    run = job.db.transaction(() => job.write(current, page, requests))();
    if (page.next === null) return run;
    job.progress(run);
  }
}

/** What an import that stopped says and records, beyond what the system's error says. */
export interface ImportStop {
  /** The system's label ("QuickBooks Online"). */
  system: string;
  /** What was being read, as it follows "of its": "accounts", "supplier list". */
  list: string;
  /** The pages written before the stop. */
  pagesDone: number;
  /** Where the import stands: what was read and is kept, or that nothing was. */
  where: string;
  /** How to go on: after reconnecting (the system refused the sign-in), and otherwise. */
  fix: { afterReconnect: string; otherwise: string };
  /** Writes the stop down (the run's status, the log, progress); a database already closed is let be. */
  record(message: string, detail: string | null): void;
}

/**
 * The bookkeeper's message for an import stopped by `error` (the system's own message when it said why, else what
 * could not be had), recorded by `stop.record`, as the AppError to throw.
 */
export function importStopped(stop: ImportStop, error: unknown): Error {
  const next = `page ${stop.pagesDone + 1}`;
  const connector = error instanceof ConnectorError ? error : null;
  const cause =
    connector && connector.kind !== 'transient'
      ? connector.userMessage
      : connector
        ? `${stop.system} did not give ${next} of its ${stop.list} (a problem on its side, its rate limit, or the network).`
        : `${stop.system} could not be reached for ${next} of its ${stop.list} (${error instanceof Error ? error.message : String(error)}).`;
  const fix = connector?.kind === 'auth' ? stop.fix.afterReconnect : stop.fix.otherwise;
  const message = `${cause} ${stop.where} ${fix}`;
  try {
    stop.record(message, connector?.detail ?? null);
  } catch {
    // The app is closing (the database is gone): the run stays 'running' and the next import continues it.
  }
  if (connector) {
    return new AppError(connector.kind === 'auth' ? 'unauthorized' : 'external_system', message, {
      ...(connector.detail ? { detail: connector.detail } : {}),
    });
  }
  return new AppError('external_system', message);
}

/** A connector context that counts the requests it is granted, for the run's request count. */
export function requestCounter(ctx: ConnectorContext): { ctx: ConnectorContext; take(): number } {
  let requests = 0;
  return {
    ctx: {
      ...ctx,
      acquireRequestSlot: async () => {
        requests++;
        await ctx.acquireRequestSlot();
      },
    },
    take: () => {
      const n = requests;
      requests = 0;
      return n;
    },
  };
}

/** Imports in flight, per database and key (tests run several cores in one process). */
const flights = new WeakMap<Database, Map<string, Promise<unknown>>>();

/** Runs `start` unless an import of the same key is in flight, in which case its promise is shared. */
export function singleFlight<T>(db: Database, key: string, start: () => Promise<T>): Promise<T> {
  const perDb = flights.get(db) ?? new Map<string, Promise<unknown>>();
  flights.set(db, perDb);
  const running = perDb.get(key) as Promise<T> | undefined;
  if (running) return running;
  const flight = start().finally(() => perDb.delete(key));
  perDb.set(key, flight);
  return flight;
}

/** Whether an import of that key is being read now (an unfinished run that is not is one a stop left). */
export function inFlight(db: Database, key: string): boolean {
  return flights.get(db)?.has(key) ?? false;
}

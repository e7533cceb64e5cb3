// Importing one reference list of a connection page by page, resumably (issue 16), with the supplier import's
// mechanism (paged-import.ts): a run row per list and mode (list-import-runs) keeps the system's cursor of the next
// page, and each page's entries are written with the run's new cursor and counts in one transaction. An import
// stopped by a failed page, a lost network or a closed app continues, on the next Import new / Update existing (or
// Resume) of that list, with the page after the last one written; nothing is read into the mirror twice (entries
// are matched by external id) and nothing is skipped. An import of every list is a batch of such runs, made
// together, so that it too resumes in the list and at the page where it stopped.
import type { ConnectionT } from '../../preload/contract.js';
import { type Connector, type ExternalListEntry, type ListKindName } from '../connectors/contract.js';
import {
  advanceListRun,
  batchRuns,
  createListRun,
  openListRun,
  openListRuns,
  setListRunBatch,
  setListRunStatus,
  type ListRun,
  type ListRunMode,
} from '../db/repos/list-import-runs.js';
import { recordListImport } from '../db/repos/list-page.js';
import { newId } from '../db/sql-helpers.js';
import type { AccountingContext } from './context.js';
import { writeListPage } from '../db/repos/list-page-writer.js';
import { importStopped, inFlight, readPages, requestCounter, singleFlight } from './paged-import.js';

export type ListPageReader = Required<Pick<Connector, 'readListPage'>> & { label: string };

const PLURAL: Partial<Record<ListKindName, string>> = {
  account: 'accounts',
  class: 'classes',
  department: 'departments',
  location: 'locations',
  customer: 'customers and jobs',
  item: 'items',
  tax_code: 'tax codes',
  tax_rate: 'tax rates',
  tax_agency: 'tax agencies',
  term: 'terms',
  subsidiary: 'subsidiaries',
  tracking_category: 'tracking categories',
  tracking_option: 'tracking options',
};

export function listKindPlural(kind: ListKindName): string {
  return PLURAL[kind] ?? kind.replace('_', ' ');
}

/** The progress task of one list's import (the Lists page listens to `lists.import:<connection>:`). */
export const listTask = (connectionId: string, kind: ListKindName) => `lists.import:${connectionId}:${kind}`;

/** The single-flight key of an import of one list in one mode, or of every list. */
export const listFlightKey = (connectionId: string, kind?: ListKindName, mode?: ListRunMode) =>
  kind ? `lists.import:${connectionId}:${kind}:${mode}` : `lists.import:${connectionId}`;

const count = (n: number) => n.toLocaleString('en-US');

/** "1,400 of about 3,000 accounts" — "about": the system counted when the import began. */
export function listProgressSentence(run: Pick<ListRun, 'kind' | 'entriesRead' | 'total'>): string {
  const of = run.total !== null ? ` of about ${count(Math.max(run.total, run.entriesRead))}` : '';
  return `${count(run.entriesRead)}${of} ${listKindPlural(run.kind)}`;
}

/**
 * Imports (or continues importing) one list in one mode. Resolves with the finished run; rejects with an AppError
 * whose message says what to do, the run kept as failed at its last written page.
 */
export async function importListRun(
  ctx: AccountingContext,
  connection: ConnectionT,
  connector: ListPageReader,
  kind: ListKindName,
  mode: ListRunMode,
  options: { pageSize?: number } = {},
): Promise<ListRun> {
  const { db } = ctx;
  const system = connection.name || connector.label;
  const task = listTask(connection.id, kind);
  const open = openListRun(db, connection.id, kind, mode);
  let run = open
    ? setListRunStatus(db, open.id, 'running', null)
    : createListRun(db, { connectionId: connection.id, companyId: connection.companyId, kind, mode });
  const emit = (message: string) =>
    ctx.emit({ type: 'progress', task, done: run.entriesRead, total: run.total, message });
  if (run.pagesDone > 0) {
    ctx.log({
      companyId: connection.companyId,
      connectionId: connection.id,
      action: 'import_lists',
      result: 'info',
      message: `Continuing the import of ${listKindPlural(kind)} from ${system} after page ${run.pagesDone} (${listProgressSentence(run)} read before it stopped).`,
    });
    emit(`Resuming: ${listProgressSentence(run)} read`);
  } else emit(`Reading ${listKindPlural(kind)} from ${system}…`);
  const requests = requestCounter(ctx.connectorContext(connection));
  run = await readPages<ListRun, ExternalListEntry>({
    db,
    run,
    read: async (cursor) => {
      const page = await connector.readListPage(requests.ctx, kind, cursor, options);
      return { items: page.entries, next: page.next, total: page.total };
    },
    write: (current, page, taken) => {
      const perKind = writeListPage(db, connection, page.items, mode);
      const counts = perKind[kind] ?? { seen: 0, added: 0, updated: 0, deactivated: 0 };
      const advanced = advanceListRun(db, current, {
        cursor: page.next,
        entries: counts.seen,
        total: page.total,
        added: counts.added,
        updated: counts.updated,
        deactivated: counts.deactivated,
        requests: taken,
      });
      if (page.next === null) {
        recordListImport(db, connection.id, kind, mode, {
          seen: advanced.entriesRead,
          added: advanced.added,
          updated: advanced.updated,
          deactivated: advanced.deactivated,
        });
        // The parents that came with a one-page list (a Xero tracking option's categories) were imported too.
        for (const [other, c] of Object.entries(perKind)) {
          if (other !== kind) recordListImport(db, connection.id, other as ListKindName, mode, c);
        }
      }
      return advanced;
    },
    progress: (current) => {
      run = current;
      emit(`Reading ${listKindPlural(kind)} from ${system}: ${listProgressSentence(current)}`);
    },
    stopped: (current, error, taken) => stopped(ctx, connection, system, current, error, taken),
    takeRequests: requests.take,
  });
  ctx.emit({
    type: 'progress',
    task,
    done: run.entriesRead,
    total: run.entriesRead,
    message: `${listKindPlural(kind)[0]!.toUpperCase()}${listKindPlural(kind).slice(1)} imported`,
  });
  return run;
}

/** Records why the import stopped (the run keeps its cursor) and returns the error for the bookkeeper. */
function stopped(
  ctx: AccountingContext,
  connection: ConnectionT,
  system: string,
  run: ListRun,
  error: unknown,
  requests: number,
): Error {
  return importStopped(
    {
      system,
      list: listKindPlural(run.kind),
      pagesDone: run.pagesDone,
      where:
        run.pagesDone > 0
          ? `The import stopped after page ${run.pagesDone} (${listProgressSentence(run)} read); what was read is kept.`
          : 'Nothing of it was imported yet.',
      fix: {
        afterReconnect: `Reconnect ${system} in Connections, then choose Resume in Connections → Lists to go on from there.`,
        otherwise: 'Choose Resume in Connections → Lists to go on from there.',
      },
      record: (message, detail) => {
        setListRunStatus(ctx.db, run.id, 'failed', message, requests);
        ctx.emit({ type: 'progress', task: listTask(connection.id, run.kind), done: 0, total: 0, message });
        ctx.log({
          companyId: connection.companyId,
          connectionId: connection.id,
          action: 'import_lists',
          result: 'failure',
          message,
          detail,
        });
      },
    },
    error,
  );
}

/** One list in one mode, or the import of it already running (a second click waits for the same one). */
export function importOneList(
  ctx: AccountingContext,
  connection: ConnectionT,
  connector: ListPageReader,
  kind: ListKindName,
  mode: ListRunMode,
  options: { pageSize?: number } = {},
): Promise<ListRun> {
  return singleFlight(ctx.db, listFlightKey(connection.id, kind, mode), () =>
    importListRun(ctx, connection, connector, kind, mode, options),
  );
}

const sameKinds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Every list asked for, one after another, as one batch of 'all' runs: an unfinished batch of the same lists is
 * continued (the lists it finished are not read again, the one it stopped in resumes at its page); otherwise a new
 * batch is made, taking over any unfinished run of these lists.
 */
export function importEveryList(
  ctx: AccountingContext,
  connection: ConnectionT,
  connector: ListPageReader,
  kinds: readonly ListKindName[],
  options: { pageSize?: number } = {},
): Promise<ListRun[]> {
  return singleFlight(ctx.db, listFlightKey(connection.id), async () => {
    const { db } = ctx;
    const unfinished = openListRuns(db, connection.id).find((r) => r.mode === 'all' && r.batch !== null);
    let runs = unfinished?.batch ? batchRuns(db, unfinished.batch) : [];
    if (
      !sameKinds(
        runs.map((r) => r.kind),
        kinds,
      )
    ) {
      const batch = newId();
      runs = db.transaction(() =>
        kinds.map((kind) => {
          const open = openListRun(db, connection.id, kind, 'all');
          return open
            ? setListRunBatch(db, open.id, batch)
            : createListRun(db, {
                connectionId: connection.id,
                companyId: connection.companyId,
                kind,
                mode: 'all',
                batch,
              });
        }),
      )();
    }
    const done: ListRun[] = [];
    for (const kind of kinds) {
      const run = runs.find((r) => r.kind === kind)!;
      done.push(
        run.status === 'finished'
          ? run
          : await importListRun(ctx, connection, connector, kind, 'all', options),
      );
    }
    return done;
  });
}

/** The connection's imports that stopped before their last page (not being read now), by list, newest first. */
export function stoppedListImports(ctx: Pick<AccountingContext, 'db'>, connectionId: string): ListRun[] {
  return openListRuns(ctx.db, connectionId)
    .filter((r) =>
      r.mode === 'all'
        ? !inFlight(ctx.db, listFlightKey(connectionId))
        : !inFlight(ctx.db, listFlightKey(connectionId, r.kind, r.mode)),
    )
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

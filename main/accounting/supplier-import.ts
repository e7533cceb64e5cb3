// Supplier import of a large list (issue 18): the connection's supplier list read page by page through the
// connector's readSupplierPage, each page written with the run's new cursor and counts in one transaction
// (supplier-import-runs), so a crash or a restart costs at most the page in flight, and the next import continues
// with the page after the last one written. Progress goes out as events after every page.
import type { Database } from 'better-sqlite3';
import type { AppEvent, ConnectionT } from '../../preload/contract.js';
import { getConnection } from '../db/repos/connections.js';
import {
  isSession,
  type Connector,
  type ConnectorContext,
  type ExternalSupplier,
  type PushDelivery,
  type SupplierCursor,
} from '../connectors/contract.js';
import {
  advanceRun,
  createRun,
  latestRun,
  openRun,
  setRunStatus,
  type ImportRun,
} from '../db/repos/supplier-import-runs.js';
import { nowIso } from '../db/sql-helpers.js';
import { capable } from './capability.js';
import type { AccountingContext } from './context.js';
import { importStopped, readPages, requestCounter, singleFlight } from './paged-import.js';
import { ImportedCodingDefaults } from './supplier-defaults-import.js';
import { SupplierPageWriter } from './supplier-page-writer.js';

export type SupplierPageReader = Required<Pick<Connector, 'readSupplierPage'>>;

/** What an import reads: the pages, and the connection's tax mapping where the system has one (supplier taxes). */
export type SupplierImportSource = SupplierPageReader & { label: string } & Partial<
    Pick<PushDelivery, 'mapReference'>
  >;

export interface SupplierImportDeps {
  db: Database;
  emit(event: AppEvent): void;
  log(entry: {
    companyId: string | null;
    connectionId: string | null;
    action: string;
    result: 'success' | 'failure' | 'retry' | 'info';
    message: string;
    detail?: string | null;
  }): void;
}

export const importTask = (connectionId: string) => `suppliers.import:${connectionId}`;

const count = (n: number) => n.toLocaleString('en-US');

/** "3,000 of 20,000 suppliers read in 3 pages". */
export function progressSentence(run: Pick<ImportRun, 'entriesRead' | 'total' | 'pagesDone'>): string {
  const of = run.total !== null ? ` of ${count(run.total)}` : '';
  const pages = `${run.pagesDone} page${run.pagesDone === 1 ? '' : 's'}`;
  return `${count(run.entriesRead)}${of} suppliers read in ${pages}`;
}

function summary(run: ImportRun, system: string): string {
  const parts = [
    `${count(run.added)} new`,
    `${count(run.matched)} paired by name`,
    `${count(run.updated)} updated`,
    `${count(run.unchanged)} already in step`,
  ];
  if (run.skipped > 0) parts.push(`${count(run.skipped)} skipped`);
  return `Imported the supplier list from ${system}: ${parts.join(', ')} — ${progressSentence(run)}.`;
}

/**
 * Imports (or continues importing) the connection's supplier list. Resolves with the finished run; rejects with an
 * AppError whose message says what to do, the run kept as failed at its last written page.
 */
export async function importSupplierList(
  deps: SupplierImportDeps,
  connection: ConnectionT,
  connector: SupplierImportSource,
  cctx: ConnectorContext,
  options: { pageSize?: number } = {},
): Promise<ImportRun> {
  const { db } = deps;
  const system = connection.name || connector.label;
  const task = importTask(connection.id);
  const open = openRun(db, connection.id);
  let run = open
    ? setRunStatus(db, open.id, 'running', null)
    : createRun(db, connection.id, connection.companyId);
  if (open && open.pagesDone > 0) {
    deps.log({
      companyId: connection.companyId,
      connectionId: connection.id,
      action: 'import_suppliers',
      result: 'info',
      message: `Continuing the supplier import from ${system} after page ${open.pagesDone} (${progressSentence(open)} before it stopped).`,
    });
  }
  const emit = (message: string) =>
    deps.emit({ type: 'progress', task, done: run.entriesRead, total: run.total, message });
  emit(run.pagesDone > 0 ? `Continuing: ${progressSentence(run)}` : `Reading suppliers from ${system}…`);
  const requests = requestCounter(cctx);
  const writer = new SupplierPageWriter(
    db,
    connection.id,
    connection.companyId,
    system,
    new ImportedCodingDefaults(db, connection, { connector, ctx: requests.ctx }),
  );
  run = await readPages<ImportRun, ExternalSupplier>({
    db,
    run,
    read: async (cursor) => {
      const page = await connector.readSupplierPage(requests.ctx, cursor as SupplierCursor | null, options);
      await writer.prepare(page.suppliers);
      return { items: page.suppliers, next: page.next, total: page.total };
    },
    write: (current, page, taken) =>
      advanceRun(db, current, {
        cursor: page.next,
        entries: page.items.length,
        total: page.total,
        ...writer.write(page.items, nowIso()),
        requests: taken,
        finished: page.next === null,
        message: null,
      }),
    progress: (current) => {
      run = current;
      emit(`Importing suppliers: ${progressSentence(current)}`);
    },
    stopped: (current, error, taken) => stopped(deps, connection, system, current, error, taken),
    takeRequests: requests.take,
  });
  const message = summary(run, system);
  run = saveRunMessage(db, run, message);
  emit(message);
  deps.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'import_suppliers',
    result: 'success',
    message,
    detail: run.skippedNames.length
      ? `skipped: ${run.skippedNames.map((s) => `${s.name} (${s.reason})`).join('; ')}`
      : null,
  });
  return run;
}

function saveRunMessage(db: Database, run: ImportRun, message: string): ImportRun {
  db.prepare('UPDATE supplier_import_runs SET message = ? WHERE id = ?').run(message, run.id);
  return { ...run, message };
}

/** Records why the import stopped (the run keeps its cursor) and returns the error for the bookkeeper. */
function stopped(
  deps: SupplierImportDeps,
  connection: ConnectionT,
  system: string,
  run: ImportRun,
  error: unknown,
  requests: number,
): Error {
  return importStopped(
    {
      system,
      list: 'supplier list',
      pagesDone: run.pagesDone,
      where:
        run.pagesDone > 0
          ? `The import stopped after page ${run.pagesDone} (${progressSentence(run)}); what was read is kept.`
          : 'Nothing was imported yet.',
      fix: {
        afterReconnect: `Reconnect ${system} in Connections, then choose Continue import to go on from there.`,
        otherwise: 'Choose Continue import (on the connection, in Connections) to go on from there.',
      },
      record: (message, detail) => {
        setRunStatus(deps.db, run.id, 'failed', message, requests);
        deps.log({
          companyId: connection.companyId,
          connectionId: connection.id,
          action: 'import_suppliers',
          result: 'failure',
          message,
          detail,
        });
      },
    },
    error,
  );
}

/**
 * suppliers.import: imports the connection's supplier list, or continues the import a restart or a failure
 * stopped. A second call while one runs waits for the same one. QuickBooks Desktop cannot be called: its vendors
 * are read in the next Web Connector session (null run, queued).
 */
export async function importSuppliers(
  ctx: AccountingContext,
  connectionId: string,
  options: { pageSize?: number } = {},
): Promise<{ run: ImportRun | null; queued: boolean }> {
  const pending = getConnection(ctx.db, connectionId);
  const registered = ctx.connectors.get(pending.system);
  if (registered && isSession(registered)) {
    // The whole vendor list and no other: vendors read before, while the connection only paired them by name, come
    // in now. The other lists are Read QuickBooks lists again's.
    ctx.qbdRequests.requestVendorImport(connectionId);
    ctx.log({
      companyId: pending.companyId,
      connectionId,
      action: 'import_suppliers',
      result: 'info',
      message:
        pending.settings.importVendors === true
          ? `${pending.name} sends its vendors at the next Web Connector session; they appear under Suppliers as each page arrives.`
          : `${pending.name} sends its vendors at the next Web Connector session; those named like a supplier here are paired. To add the others as suppliers, turn on "Add QuickBooks vendors that match none of our suppliers as suppliers" in its settings.`,
    });
    return { run: null, queued: true };
  }
  const { connection, connector } = capable(ctx, connectionId, 'readSupplierPage');
  const reader: SupplierImportSource = {
    readSupplierPage: connector.readSupplierPage.bind(connector),
    label: connector.label,
    ...('mapReference' in connector && connector.mapReference
      ? { mapReference: connector.mapReference.bind(connector) }
      : {}),
  };
  const flight = singleFlight(ctx.db, importTask(connectionId), () =>
    importSupplierList(ctx, connection, reader, ctx.connectorContext(connection), options),
  );
  return { run: await flight, queued: false };
}

/** suppliers.importStatus: the connection's unfinished import, else its latest one, else null. */
export function supplierImportStatus(ctx: AccountingContext, connectionId: string): ImportRun | null {
  getConnection(ctx.db, connectionId);
  return latestRun(ctx.db, connectionId);
}

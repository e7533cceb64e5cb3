// The handlers of preload/contracts/supplier-import.ts: the supplier list imported page by page through the
// connector (main/accounting/supplier-import.ts). One import per connection at a time: a second click while one
// runs waits for the same one. QuickBooks Desktop cannot be called, so its vendors are read in the next Web
// Connector session (the list import with importVendors), and the answer says so.
import type { Database } from 'better-sqlite3';
import type { supplierImportContract } from '../../preload/contracts/supplier-import.js';
import { importSupplierList, type SupplierImportDeps } from '../accounting/supplier-import.js';
import { getConnection } from '../db/repos/connections.js';
import { latestRun, publicRun, type ImportRun } from '../db/repos/supplier-import-runs.js';
import { AppError } from '../domain/errors.js';
import type { ApiContext, AreaHandlers } from './context.js';

/** Imports in flight, per database and connection (tests run several cores in one process). */
const running = new WeakMap<Database, Map<string, Promise<ImportRun>>>();

async function importSuppliers(ctx: ApiContext, connectionId: string, pageSize: number | undefined) {
  const connection = getConnection(ctx.db, connectionId);
  const connector = ctx.connectors.get(connection.system);
  if (connector?.delivery === 'session') {
    ctx.qbdRequests.requestListImport(connectionId);
    ctx.log({
      companyId: connection.companyId,
      connectionId,
      action: 'import_suppliers',
      result: 'info',
      message: `${connection.name} reads its vendors at the next Web Connector session; they appear under Suppliers as each page arrives.`,
    });
    return { run: null, queued: true };
  }
  if (!connector?.readSupplierPage) {
    throw new AppError(
      'not_supported',
      `Ledgerbridge cannot import the supplier list of ${connector?.label ?? connection.system} in this version.`,
    );
  }
  if (connection.status !== 'connected') {
    throw new AppError(
      'conflict',
      `${connection.name} is not connected (${connection.statusMessage ?? connection.status}). Connect it in Connections first, then import suppliers.`,
    );
  }
  const perDb = running.get(ctx.db) ?? new Map<string, Promise<ImportRun>>();
  running.set(ctx.db, perDb);
  let flight = perDb.get(connectionId);
  if (!flight) {
    const deps: SupplierImportDeps = { db: ctx.db, emit: ctx.emit, log: ctx.log };
    const reader = { readSupplierPage: connector.readSupplierPage.bind(connector), label: connector.label };
    flight = importSupplierList(deps, connection, reader, ctx.connectorContext(connection), {
      ...(pageSize ? { pageSize } : {}),
    }).finally(() => perDb.delete(connectionId));
    perDb.set(connectionId, flight);
  }
  const run = await flight;
  return { run: publicRun(run), queued: false };
}

export const supplierImportHandlers: AreaHandlers<typeof supplierImportContract> = {
  'suppliers.import': ({ connectionId, pageSize }, ctx) => importSuppliers(ctx, connectionId, pageSize),
  'suppliers.importStatus': ({ connectionId }, ctx) => {
    getConnection(ctx.db, connectionId);
    const run = latestRun(ctx.db, connectionId);
    return run ? publicRun(run) : null;
  },
};

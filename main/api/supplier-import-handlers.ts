// The handlers of preload/contracts/supplier-import.ts; the work is main/accounting/supplier-import.ts's.
import type { supplierImportContract } from '../../preload/contracts/supplier-import.js';
import { importSuppliers, supplierImportStatus } from '../accounting/index.js';
import { publicRun } from '../db/repos/supplier-import-runs.js';
import type { AreaHandlers } from './context.js';

export const supplierImportHandlers: AreaHandlers<typeof supplierImportContract> = {
  'suppliers.import': async ({ connectionId, pageSize }, ctx) => {
    const { run, queued } = await importSuppliers(ctx, connectionId, pageSize ? { pageSize } : {});
    return { run: run ? publicRun(run) : null, queued };
  },
  'suppliers.importStatus': ({ connectionId }, ctx) => {
    const run = supplierImportStatus(ctx, connectionId);
    return run ? publicRun(run) : null;
  },
};

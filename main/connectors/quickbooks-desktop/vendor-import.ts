// QuickBooks Desktop's side of the supplier import (issue 18): its vendors arrive through the Web Connector, a
// batch of VendorQuery by ListID at a time, during the list import (lists.ts mirrors them). Each batch also advances
// the connection's supplier import run, so the connection's card shows the same progress (vendors read of the total
// to read, pages done) as for the systems we call. Resuming is the list read's own (list-reads.ts): the next session
// fetches the vendors not fetched yet, and a vendor read twice changes nothing.
import type { Database } from 'better-sqlite3';
import type { AppEvent } from '../../../preload/contract.js';
import { advanceRun, createRun, openRun, type ImportRun } from '../../db/repos/supplier-import-runs.js';

/**
 * Records one batch of vendors in the connection's import run (inside the batch's transaction) and says where it is.
 * `total`: the vendors this read fetches; `finished`: none is left to fetch.
 */
export function recordVendorPage(
  db: Database,
  connection: { id: string; companyId: string },
  result: { records: number; vendorsMatched: number; vendorsImported: number },
  progress: { total: number; finished: boolean },
): { run: ImportRun; event: AppEvent } {
  const open = openRun(db, connection.id) ?? createRun(db, connection.id, connection.companyId);
  const { finished } = progress;
  const run = advanceRun(db, open, {
    cursor: finished ? null : { session: 'next' },
    entries: result.records,
    total: progress.total,
    added: result.vendorsImported,
    updated: 0,
    matched: result.vendorsMatched,
    unchanged: Math.max(0, result.records - result.vendorsImported - result.vendorsMatched),
    skipped: [],
    requests: 1,
    finished,
    message: null,
  });
  const of = run.total !== null ? ` of ${run.total.toLocaleString('en-US')}` : '';
  const pages = `${run.pagesDone} page${run.pagesDone === 1 ? '' : 's'}`;
  const read = `${run.entriesRead.toLocaleString('en-US')}${of} suppliers read in ${pages}`;
  const message = finished
    ? `Imported the supplier list from QuickBooks Desktop: ${run.added.toLocaleString('en-US')} new, ${run.matched.toLocaleString('en-US')} paired by name, ${run.unchanged.toLocaleString('en-US')} already in step — ${read}.`
    : `Importing suppliers: ${read}`;
  if (finished) db.prepare('UPDATE supplier_import_runs SET message = ? WHERE id = ?').run(message, run.id);
  return {
    run: { ...run, message: finished ? message : run.message },
    event: {
      type: 'progress',
      task: `suppliers.import:${connection.id}`,
      done: run.entriesRead,
      total: run.total,
      message,
    },
  };
}

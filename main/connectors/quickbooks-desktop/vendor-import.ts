// QuickBooks Desktop's side of the supplier import (issue 18): its vendors arrive through the Web Connector, a
// batch of VendorQuery by ListID at a time, during the list import (lists.ts mirrors them). Each batch also advances
// the connection's supplier import run, so the connection's card shows the same progress (vendors read of the total
// to read, pages done) as for the systems we call. Resuming is the list read's own (list-reads.ts): the next session
// fetches the vendors not fetched yet, and a vendor read twice changes nothing.
import type { Database } from 'better-sqlite3';
import type { AppEvent } from '../../../preload/contract.js';
import { connectionLabel } from '../../domain/text.js';
import { QBD_LABEL } from './connector.js';
import {
  advanceRun,
  createRun,
  getRun,
  openRun,
  type ImportRun,
} from '../../db/repos/supplier-import-runs.js';

/** Where the vendor read stands: vendors read (fetched, or skipped as having nothing new) of those it listed. */
export interface VendorReadProgress {
  read: number;
  listed: number;
  finished: boolean;
}

/** How the finished read went, for its sentence (vendor-import's own words, not the other systems'). */
export interface VendorReadOutcome {
  /** The read listed every vendor (the supplier import), not only those changed since the last read. */
  inFull: boolean;
  /** settings.importVendors: vendors named like none of our suppliers become suppliers. */
  importVendors: boolean;
  /** Vendors the read listed that no supplier here is paired with once it is through. */
  notPaired: number;
}

const count = (n: number) => n.toLocaleString('en-US');
const vendors = (n: number) => `${count(n)} vendor${n === 1 ? '' : 's'}`;
const SETTING = '"Add QuickBooks vendors that match none of our suppliers as suppliers"';

/**
 * What a finished vendor read did, in the bookkeeper's words. `system` is the connection as the bookkeeper named it
 * (the other systems' supplier import says the same: main/accounting/supplier-import.ts).
 */
export function vendorReadSentence(
  run: Pick<ImportRun, 'added' | 'matched' | 'unchanged' | 'pagesDone'>,
  listed: number,
  outcome: VendorReadOutcome,
  system: string,
): string {
  if (listed === 0)
    return outcome.inFull
      ? `${system} has no vendors yet: there was nothing to pair or add. Once vendors are added there, choose Import suppliers again.`
      : `No vendor changed in ${system} since the last read: nothing to pair or add.`;
  const which = outcome.inFull
    ? `${vendors(listed)} from ${system}`
    : `${vendors(listed)} changed in ${system} since the last read`;
  if (outcome.importVendors) {
    const pages = `${run.pagesDone} page${run.pagesDone === 1 ? '' : 's'}`;
    const what = outcome.inFull ? `the supplier list from ${system}` : which;
    return `Imported ${what}: ${count(run.added)} new, ${count(run.matched)} paired by name, ${count(run.unchanged)} already in step — ${count(listed)} of ${count(listed)} suppliers read in ${pages}.`;
  }
  const done: string[] = [];
  if (run.matched > 0) done.push(`${count(run.matched)} paired by name with a supplier here`);
  if (run.unchanged > 0) done.push(`${count(run.unchanged)} paired already`);
  const head =
    done.length > 0
      ? `Read ${which}: ${done.join(', ')}.`
      : `Read ${which}: none is named like a supplier here, so none was paired.`;
  if (outcome.notPaired === 0) return head;
  const rest =
    done.length > 0
      ? outcome.notPaired === 1
        ? 'The other vendor was'
        : `The other ${vendors(outcome.notPaired)} were`
      : outcome.notPaired === 1
        ? 'It was'
        : 'They were';
  return `${head} ${rest} not added to Suppliers, because ${SETTING} is off for this connection. To add ${outcome.notPaired === 1 ? 'it' : 'them'}, turn that on in the connection's settings and choose Import suppliers again.`;
}

/**
 * Records one batch of vendors in the connection's import run (inside the batch's transaction) and says where it is.
 * `progress.read`: vendors read so far (fetched, or skipped as having nothing new) of `progress.listed`; `finished`:
 * none is left to fetch, and then `outcome` says how the read went.
 */
export function recordVendorPage(
  db: Database,
  connection: { id: string; companyId: string; name: string },
  result: { records: number; vendorsMatched: number; vendorsImported: number },
  progress: VendorReadProgress,
  outcome?: VendorReadOutcome,
): { run: ImportRun; event: AppEvent } {
  const open = openRun(db, connection.id) ?? createRun(db, connection.id, connection.companyId);
  const { finished } = progress;
  let run = advanceRun(db, open, {
    cursor: finished ? null : { session: 'next' },
    entries: Math.max(0, progress.read - open.entriesRead),
    total: progress.listed,
    added: result.vendorsImported,
    updated: 0,
    matched: result.vendorsMatched,
    unchanged: Math.max(0, result.records - result.vendorsImported - result.vendorsMatched),
    skipped: [],
    requests: 1,
    finished,
    message: null,
  });
  let message: string;
  if (finished && outcome) {
    // Vendors skipped as having nothing new were paired already: the run counts every paired vendor it listed.
    const unchanged = Math.max(0, progress.listed - outcome.notPaired - run.added - run.matched);
    message = vendorReadSentence(
      { ...run, unchanged },
      progress.listed,
      outcome,
      connectionLabel(connection, QBD_LABEL),
    );
    db.prepare(
      'UPDATE supplier_import_runs SET unchanged = ?, entries_read = ?, total = ?, message = ? WHERE id = ?',
    ).run(unchanged, progress.listed, progress.listed, message, run.id);
    run = getRun(db, run.id);
  } else {
    const of = run.total !== null ? ` of ${count(run.total)}` : '';
    const pages = `${run.pagesDone} page${run.pagesDone === 1 ? '' : 's'}`;
    message = `Importing suppliers: ${count(run.entriesRead)}${of} suppliers read in ${pages}`;
  }
  return {
    run,
    event: {
      type: 'progress',
      task: `suppliers.import:${connection.id}`,
      done: run.entriesRead,
      total: run.total,
      message,
    },
  };
}

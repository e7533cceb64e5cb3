// A list's import history stays bounded: recording a new run removes, in the same transaction, the list's finished
// runs beyond the newest FINISHED_RUNS_KEPT, and never an unfinished run (the next import continues it), another
// list's or another connection's runs, or a run of an import of every list still under way.
import { describe, expect, it } from 'vitest';
import {
  advanceListRun,
  createListRun,
  FINISHED_RUNS_KEPT,
  setListRunStatus,
  type ListRun,
} from '../../../main/db/repos/list-import-runs.js';
import { useCompanyDatabase } from './company-database.js';

const { db, connectionOf, runsIn } = useCompanyDatabase('lb-list-runs-');

function finish(run: ListRun): ListRun {
  return advanceListRun(db(), run, {
    cursor: null,
    entries: 3,
    total: 3,
    added: 1,
    updated: 0,
    deactivated: 0,
    requests: 1,
  });
}

const runs = (connectionId: string, kind: string) => runsIn('list_import_runs', connectionId, kind);

describe('list import runs', () => {
  it('keeps the newest finished runs of each list, and every unfinished one', () => {
    const ledger = connectionOf('Ledger');
    const other = connectionOf('Other ledger');
    const base = { connectionId: ledger, companyId: 'c1', mode: 'new' as const };
    // A run that failed long ago: the next Update existing continues it, however many imports came since.
    const failed = setListRunStatus(
      db(),
      createListRun(db(), { ...base, kind: 'account', mode: 'update' }).id,
      'failed',
      'x',
    );
    const items = [1, 2, 3].map(() => finish(createListRun(db(), { ...base, kind: 'item' })).id);
    const elsewhere = [1, 2].map(
      () => finish(createListRun(db(), { ...base, connectionId: other, kind: 'account' })).id,
    );

    const finished: string[] = [];
    for (let i = 0; i < FINISHED_RUNS_KEPT + 15; i += 1) {
      finished.push(finish(createListRun(db(), { ...base, kind: 'account' })).id);
      // Never more than the kept finished runs (the run just finished comes on top until the next one is recorded).
      expect(runs(ledger, 'account').filter((r) => r.status === 'finished').length).toBeLessThanOrEqual(
        FINISHED_RUNS_KEPT + 1,
      );
    }
    const running = createListRun(db(), { ...base, kind: 'account' });

    expect(runs(ledger, 'account')).toEqual([
      { id: failed.id, status: 'failed' },
      ...finished.slice(-FINISHED_RUNS_KEPT).map((id) => ({ id, status: 'finished' })),
      { id: running.id, status: 'running' },
    ]);
    expect(runs(ledger, 'item').map((r) => r.id)).toEqual(items);
    expect(runs(other, 'account').map((r) => r.id)).toEqual(elsewhere);
  });

  it('keeps the runs of an import of every list while it is under way', () => {
    const ledger = connectionOf('Ledger');
    const base = { connectionId: ledger, companyId: 'c1' };
    // An import of every list: its accounts are read, its items not yet.
    const batchAccounts = finish(createListRun(db(), { ...base, kind: 'account', mode: 'all', batch: 'b1' }));
    createListRun(db(), { ...base, kind: 'item', mode: 'all', batch: 'b1' });
    for (let i = 0; i < FINISHED_RUNS_KEPT + 5; i += 1) {
      finish(createListRun(db(), { ...base, kind: 'account', mode: 'new' }));
    }
    expect(runs(ledger, 'account').map((r) => r.id)).toContain(batchAccounts.id);

    // Once every list of that import is read, its runs are history like the others.
    const batchItems = runs(ledger, 'item')[0]!;
    db().prepare(`UPDATE list_import_runs SET status = 'finished' WHERE id = ?`).run(batchItems.id);
    finish(createListRun(db(), { ...base, kind: 'account', mode: 'new' }));
    expect(runs(ledger, 'account').map((r) => r.id)).not.toContain(batchAccounts.id);
    expect(runs(ledger, 'account')).toHaveLength(FINISHED_RUNS_KEPT + 1);
  });
});

// A connection's supplier import history stays bounded, as its list imports' does: recording a new run removes, in
// the same transaction, the connection's finished runs beyond the newest FINISHED_RUNS_KEPT, and never an
// unfinished run (the next import continues it) or another connection's runs.
import { describe, expect, it } from 'vitest';
import {
  advanceRun,
  createRun,
  FINISHED_RUNS_KEPT,
  latestRun,
  setRunStatus,
  type ImportRun,
} from '../../../main/db/repos/supplier-import-runs.js';
import { useCompanyDatabase } from './company-database.js';

const { db, connectionOf, runsIn } = useCompanyDatabase('lb-supplier-runs-');

function finish(run: ImportRun): ImportRun {
  return advanceRun(db(), run, {
    cursor: null,
    entries: 3,
    total: 3,
    added: 1,
    updated: 0,
    matched: 1,
    unchanged: 1,
    skipped: [],
    requests: 1,
    finished: true,
    message: null,
  });
}

const runs = (connectionId: string) => runsIn('supplier_import_runs', connectionId);

describe('supplier import runs', () => {
  it("keeps the connection's newest finished runs, its unfinished one, and other connections' runs", () => {
    const ledger = connectionOf('Ledger');
    const other = connectionOf('Other ledger');
    const elsewhere = [1, 2].map(() => finish(createRun(db(), other, 'c1')).id);

    const finished: string[] = [];
    for (let i = 0; i < FINISHED_RUNS_KEPT + 15; i += 1) {
      finished.push(finish(createRun(db(), ledger, 'c1')).id);
      expect(runs(ledger).filter((r) => r.status === 'finished').length).toBeLessThanOrEqual(
        FINISHED_RUNS_KEPT + 1,
      );
    }
    // Stopped on an error: the next import continues it, and a new run of another connection prunes nothing here.
    const failed = setRunStatus(
      db(),
      createRun(db(), ledger, 'c1').id,
      'failed',
      'Reconnect, then continue.',
    );
    createRun(db(), other, 'c1');

    expect(runs(ledger)).toEqual([
      ...finished.slice(-FINISHED_RUNS_KEPT).map((id) => ({ id, status: 'finished' })),
      { id: failed.id, status: 'failed' },
    ]);
    expect(
      runs(other)
        .map((r) => r.id)
        .slice(0, 2),
    ).toEqual(elsewhere);
    expect(latestRun(db(), ledger)?.id).toBe(failed.id);
  });
});

// Large import files are decoded and parsed in a worker thread, and their records resolved in slices, so the API
// keeps answering during a big dry run; a file the worker cannot hold is refused with a plain message.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  importWorkersStarted,
  setImportThreadLimits,
  type ImportThreadLimits,
} from '../../../main/api/import-thread.js';
import { AppError } from '../../../main/domain/errors.js';
import { startCore, type TestCore } from '../../fixtures/core.js';

let core: TestCore;
let companyId: string;
let defaults: ImportThreadLimits;

beforeAll(async () => {
  core = await startCore();
  companyId = (await core.call('companies.create', { name: 'Import Co', baseCurrency: 'USD' })).id;
  await core.call('suppliers.create', { companyId, name: 'Acme Supplies', currency: 'USD' });
  await core.call('taxRates.create', { companyId, name: 'GST', percent: '5' });
  defaults = setImportThreadLimits({});
});

afterEach(() => {
  setImportThreadLimits(defaults);
});

afterAll(async () => {
  await core.close();
});

const header = 'number,type,supplier,date,description,quantity,unit_price,tax_rate,discount_percent';

/** A documents CSV of about `mb` megabytes: purchase orders of three lines each. */
function bigCsv(mb: number): { csv: string; documents: number } {
  const rows = [header];
  let size = header.length;
  let documents = 0;
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    documents += 1;
    for (let j = 0; j < 3; j++) {
      const row = `PO-${100000 + i},purchase_order,Acme Supplies,2026-11-01,"Copper pipe, line ${j} of a longer description",${j + 1},4.50,GST,5`;
      rows.push(row);
      size += row.length + 1;
    }
  }
  return { csv: rows.join('\n'), documents };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('large imports off the main thread', () => {
  it('answers app.info and keeps its event loop turning during a 9 MB CSV dry run', async () => {
    const { csv, documents } = bigCsv(9);
    const workers = importWorkersStarted();
    let done = false;
    const dryRun = core
      .call('documents.import', { companyId, kind: 'documents', format: 'csv', content: csv })
      .finally(() => {
        done = true;
      });
    let ticks = 0;
    const interval = setInterval(() => (ticks += 1), 5);
    try {
      const info = await core.call('app.info', {});
      expect(info.dataDir).toBe(core.dataDir);
      await until(() => ticks >= 5 || done);
      expect(done).toBe(false);
      expect(ticks).toBeGreaterThanOrEqual(5);
    } finally {
      clearInterval(interval);
    }
    const preview = await dryRun;
    expect(importWorkersStarted()).toBe(workers + 1);
    expect(preview.dryRun).toBe(true);
    expect(preview.validCount).toBe(documents);
    expect(preview.records[0]).toMatchObject({
      label: expect.stringContaining('PO-100000'),
      rows: [2, 3, 4],
    });
    expect((await core.call('documents.list', { companyId })).total).toBe(0);
  }, 300_000);

  it('imports through the worker as it previews', async () => {
    setImportThreadLimits({ threshold: 0 });
    const workers = importWorkersStarted();
    const csv = [
      header,
      'PO-2001,purchase_order,Acme Supplies,2026-11-01,"Pipe, copper",10,4.50,GST,5',
      'PO-2001,purchase_order,Acme Supplies,2026-11-01,Fittings,20,1.25,GST,5',
      'PO-2002,purchase_order,Acme Supplies,2026-11-02,Gloves,5,3.00,,',
    ].join('\n');
    const result = await core.call('documents.import', {
      companyId,
      kind: 'documents',
      format: 'csv',
      contentBase64: Buffer.from(csv).toString('base64'),
      dryRun: false,
    });
    expect(result.createdIds).toHaveLength(2);
    expect(importWorkersStarted()).toBe(workers + 1);
    const doc = await core.call('documents.get', { id: result.createdIds[0] ?? '' });
    expect(doc.lines.map((l) => l.description)).toEqual(['Pipe, copper', 'Fittings']);
  }, 120_000);

  it('refuses a file the worker cannot hold, with a plain message, and keeps serving', async () => {
    // Too small a heap even for the parser: V8 ends the worker with ERR_WORKER_OUT_OF_MEMORY.
    setImportThreadLimits({ threshold: 0, heapMb: 16 });
    const before = (await core.call('documents.list', { companyId })).total;
    let error: unknown;
    try {
      await core.call('documents.import', {
        companyId,
        kind: 'documents',
        format: 'csv',
        content: bigCsv(1).csv,
        dryRun: false,
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/^The import file is too large to read at once\. Split it/);
    expect((await core.call('documents.list', { companyId })).total).toBe(before);
    expect(await core.call('app.info', {})).toMatchObject({ dataDir: core.dataDir });
  }, 120_000);
});

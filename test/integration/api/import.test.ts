import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type TestCore } from '../../fixtures/core.js';

let core: TestCore;
let companyId: string;
beforeEach(async () => {
  core = await startCore();
  companyId = (await core.call('companies.create', { name: 'Import Co', baseCurrency: 'USD' })).id;
  await core.call('suppliers.create', { companyId, name: 'Acme Supplies', currency: 'USD' });
  await core.call('taxRates.create', { companyId, name: 'GST', percent: '5' });
});
afterEach(async () => {
  await core.close();
});

const header = 'number,type,supplier,date,description,quantity,unit_price,tax_rate,discount_percent';
const goodCsv = [
  header,
  'PO-2001,purchase_order,Acme Supplies,2026-11-01,"Pipe, copper",10,4.50,GST,5',
  'PO-2001,purchase_order,Acme Supplies,2026-11-01,Fittings,20,1.25,GST,5',
  'PO-2001,purchase_order,Acme Supplies,2026-11-01,Solder,1,12.00,,5',
  'PO-2002,purchase_order,Acme Supplies,2026-11-02,Gloves,5,3.00,,',
].join('\r\n');
const mixedCsv = [
  header,
  'PO-3001,purchase_order,Acme Supplies,2026-11-01,Good,1,10.00,,',
  'PO-3002,purchase_order,Nobody Ltd,2026-11-01,Bad supplier,1,10.00,,',
  'PO-3003,purchase_order,Acme Supplies,2026-11-01,Bad number,1,"10,00",,',
].join('\n');

describe('documents.import through the API', () => {
  it('previews without writing, then imports the whole valid file', async () => {
    const preview = await core.call('documents.import', {
      companyId,
      kind: 'documents',
      format: 'csv',
      content: goodCsv,
    });
    expect(preview.dryRun).toBe(true);
    expect(preview.validCount).toBe(2);
    expect(preview.records.map((r) => r.rows)).toEqual([[2, 3, 4], [5]]);
    expect((await core.call('documents.list', { companyId })).total).toBe(0);

    const result = await core.call('documents.import', {
      companyId,
      kind: 'documents',
      format: 'csv',
      contentBase64: Buffer.from(goodCsv, 'utf8').toString('base64'),
      dryRun: false,
    });
    expect(result.createdIds).toHaveLength(2);
    const doc = await core.call('documents.get', { id: result.createdIds[0]! });
    expect(doc.number).toBe('PO-2001');
    expect(doc.lines.map((l) => l.description)).toEqual(['Pipe, copper', 'Fittings', 'Solder']);
    // 45.00 + 25.00 + 12.00 = 82.00, 5 % off = 4.10 → 77.90
    expect(doc.totals).toMatchObject({ subtotal: '82.00', discount: '4.10', net: '77.90' });
  });

  it('refuses a file with problems as a whole, or imports only the valid records when asked', async () => {
    const preview = await core.call('documents.import', {
      companyId,
      kind: 'documents',
      format: 'csv',
      content: mixedCsv,
    });
    expect(preview.validCount).toBe(1);
    expect(preview.invalidCount).toBe(2);
    const problems = preview.records.flatMap((r) => r.problems);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: 'supplier' }),
        expect.objectContaining({ row: 4, column: 'unit_price' }),
      ]),
    );
    await expect(
      core.call('documents.import', {
        companyId,
        kind: 'documents',
        format: 'csv',
        content: mixedCsv,
        dryRun: false,
      }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      userMessage: expect.stringContaining('Nothing was imported'),
    });
    expect((await core.call('documents.list', { companyId })).total).toBe(0);

    const partial = await core.call('documents.import', {
      companyId,
      kind: 'documents',
      format: 'csv',
      content: mixedCsv,
      dryRun: false,
      onlyValid: true,
    });
    expect(partial.createdIds).toHaveLength(1);
    const list = await core.call('documents.list', { companyId });
    expect(list.items.map((d) => d.number)).toEqual(['PO-3001']);
  });

  it('gives a clear file problem for a file that is not UTF-8, and never crashes on garbage', async () => {
    const latin1 = Buffer.concat([
      Buffer.from(`${header}\n`),
      Buffer.from('PO-1,purchase_order,Caf\xe9,2026-11-01,x,1,1,,\n', 'latin1'),
    ]);
    const result = await core.call('documents.import', {
      companyId,
      kind: 'documents',
      format: 'csv',
      contentBase64: latin1.toString('base64'),
    });
    expect(result.fileProblems[0]?.message).toMatch(/not UTF-8.*CSV UTF-8/s);
    const garbage = await core.call('documents.import', {
      companyId,
      kind: 'documents',
      format: 'json',
      content: '{"documents": [1, 2',
    });
    expect(garbage.fileProblems).toHaveLength(1);
  });

  it('imports suppliers and refuses names that already exist', async () => {
    const csv = 'name,email,city\nBolt Co,ap@bolt.example,Denver\nacme supplies,x@y.z,Austin\n';
    const preview = await core.call('documents.import', {
      companyId,
      kind: 'suppliers',
      format: 'csv',
      content: csv,
    });
    expect(preview.validCount).toBe(1);
    expect(preview.records[1]?.problems[0]?.message).toMatch(/already exists/i);
    const result = await core.call('documents.import', {
      companyId,
      kind: 'suppliers',
      format: 'csv',
      content: csv,
      dryRun: false,
      onlyValid: true,
    });
    expect(result.createdIds).toHaveLength(1);
    const suppliers = await core.call('suppliers.list', { companyId, search: 'bolt' });
    expect(suppliers.items[0]).toMatchObject({ name: 'Bolt Co', city: 'Denver' });
  });
});

// The company's tax rates through the API, as the Company page manages them: added, renamed and given another
// percent (checked as a new one is, names unique per company), and removed — unless a document's lines carry the
// rate, which keep it; a supplier's default tax rate is cleared with it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedCompany, startCore, type TestCore } from '../../fixtures/core.js';

let core: TestCore;
beforeEach(async () => {
  core = await startCore();
});
afterEach(async () => {
  await core.close();
});

describe('taxRates.update / taxRates.delete', () => {
  it('renames a rate and changes its percent, with the checks of a new one', async () => {
    const { company, vat } = await seedCompany(core);
    const reduced = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'Reduced',
      percent: '5',
    });

    const renamed = await core.call('taxRates.update', {
      id: vat.id,
      name: ' Sales tax 8.5% ',
      percent: '8.5',
    });
    expect(renamed).toEqual({ id: vat.id, companyId: company.id, name: 'Sales tax 8.5%', percent: '8.5' });
    expect(await core.call('taxRates.list', { companyId: company.id })).toEqual([reduced, renamed]);

    // Another rate's name, in any case.
    await expect(
      core.call('taxRates.update', { id: vat.id, name: 'REDUCED', percent: '8.5' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: "A tax rate named 'REDUCED' already exists. Choose another name.",
      problems: [{ field: 'name', message: 'already exists: choose another name' }],
    });
    await expect(
      core.call('taxRates.update', { id: vat.id, name: '', percent: '150' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(core.call('taxRates.update', { id: 'nope', name: 'X', percent: '1' })).rejects.toMatchObject(
      {
        code: 'not_found',
      },
    );
    expect(await core.call('taxRates.list', { companyId: company.id })).toEqual([reduced, renamed]);
  });

  it('removes a rate no line carries, clearing a supplier default; refuses one that lines carry', async () => {
    const { company, supplier, vat } = await seedCompany(core);
    const unused = await core.call('taxRates.create', { companyId: company.id, name: 'Zero', percent: '0' });
    await core.call('suppliers.setCodingDefaults', { supplierId: supplier.id, taxRateId: unused.id });
    const order = await core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      supplierId: supplier.id,
      date: '2026-11-20',
      lines: [{ description: 'Valve kit', quantity: '3', unitPrice: '19.99', taxRateId: vat.id }],
    });

    expect(await core.call('taxRates.delete', { id: unused.id })).toEqual({ id: unused.id });
    expect(await core.call('taxRates.list', { companyId: company.id })).toEqual([vat]);
    expect((await core.call('suppliers.codingDefaults', { supplierId: supplier.id })).taxRateId).toBeNull();

    await expect(core.call('taxRates.delete', { id: vat.id })).rejects.toMatchObject({
      code: 'conflict',
      message: `“Sales tax 8.25%” is on the lines of one document (${order.number}), which keep it, so it cannot be removed. Rename it instead if its name is wrong, or leave it.`,
    });
    expect(await core.call('taxRates.list', { companyId: company.id })).toEqual([vat]);
    await expect(core.call('taxRates.delete', { id: unused.id })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

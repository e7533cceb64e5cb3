// The company's tax rates through the API, as the Company page manages them: added, renamed and given another
// percent (checked as a new one is, names unique per company), and removed — unless a document's lines carry the
// rate, which keep it; a supplier's default tax rate is cleared with it, and so are its entries in the connections'
// tax maps.
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

  it("drops a removed rate from each connection's tax map and leaves the other rates' entries", async () => {
    // One company per system (a company sends to one accounting system), each mapping two of its rates.
    const maps = { quickbooks_online: 'taxCodeMap', xero: 'taxRateMap', netsuite: 'taxCodeMap' } as const;
    const setUps = [];
    for (const [system, key] of Object.entries(maps)) {
      const company = await core.call('companies.create', { name: `Harbour ${system}`, baseCurrency: 'USD' });
      const kept = await core.call('taxRates.create', {
        companyId: company.id,
        name: 'Standard',
        percent: '15',
      });
      const removed = await core.call('taxRates.create', {
        companyId: company.id,
        name: 'Zero',
        percent: '0',
      });
      const theirs = system === 'xero' ? ['INPUT2', 'NONE'] : ['11', '12'];
      const connection = await core.call('connections.create', {
        companyId: company.id,
        system,
        settings: {
          ...(system === 'netsuite' ? { accountId: '1234567' } : {}),
          [key]: { [kept.id]: theirs[0], [removed.id]: theirs[1] },
        },
      });
      setUps.push({ company, connection, key, kept, removed, theirs });
    }

    for (const { removed } of setUps) await core.call('taxRates.delete', { id: removed.id });

    for (const { company, connection, key, kept, theirs } of setUps) {
      const [after] = await core.call('connections.list', { companyId: company.id });
      expect(after?.id).toBe(connection.id);
      // Every entry of the map names a rate the company still has.
      expect(after?.settings[key]).toEqual({ [kept.id]: theirs[0] });
      const rates = (await core.call('taxRates.list', { companyId: company.id })).map((r) => r.id);
      expect(Object.keys(after?.settings[key] as object).every((id) => rates.includes(id))).toBe(true);
      // The rest of the settings is as it was.
      expect({ ...after?.settings, [key]: null }).toEqual({ ...connection.settings, [key]: null });
    }
  });
});

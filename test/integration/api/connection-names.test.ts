// A connection's name tells a bookkeeper's QuickBooks Desktop company files (or Xero organisations) apart in every
// message, so it is set when the connection is added, can be changed later, and no two of a company's connections
// share one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quickBooksDesktopConnector } from '../../../main/connectors/quickbooks-desktop/connector.js';
import { servicetradeConnector } from '../../../main/connectors/servicetrade/connector.js';
import { startCore, type TestCore } from '../../fixtures/core.js';

describe('connection names', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await startCore({
      connectors: [quickBooksDesktopConnector, servicetradeConnector],
      startSync: false,
    });
  });
  afterEach(async () => {
    await core.close();
  });

  it('is the system’s name unless one is given, and can be changed', async () => {
    const company = await core.call('companies.create', { name: 'Northwind Facilities' });
    const plain = await core.call('connections.create', {
      companyId: company.id,
      system: 'quickbooks_desktop',
    });
    expect(plain.name).toBe('QuickBooks Desktop');
    const renamed = await core.call('connections.update', { id: plain.id, name: '  Northwind – 2026 file ' });
    expect(renamed.name).toBe('Northwind – 2026 file');
    // Its own name again, in other letters: not a clash with itself.
    expect(
      (await core.call('connections.update', { id: plain.id, name: 'NORTHWIND – 2026 FILE' })).name,
    ).toBe('NORTHWIND – 2026 FILE');

    const other = await core.call('companies.create', { name: 'Southwind Facilities' });
    const named = await core.call('connections.create', {
      companyId: other.id,
      system: 'quickbooks_desktop',
      name: 'Southwind – 2026 file',
    });
    expect(named.name).toBe('Southwind – 2026 file');
  });

  it('refuses an empty name and one another connection of the company has, saying how to fix it', async () => {
    const company = await core.call('companies.create', { name: 'Northwind Facilities' });
    const qbd = await core.call('connections.create', {
      companyId: company.id,
      system: 'quickbooks_desktop',
      name: 'Northwind file',
    });
    await expect(
      core.call('connections.create', {
        companyId: company.id,
        system: 'servicetrade',
        name: 'northwind FILE',
      }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message:
        "This company already has a connection named 'Northwind file'. Choose another name for this one, say the company file or organisation it reaches.",
      problems: [{ field: 'name', message: 'is already the name of another connection of this company' }],
    });
    const st = await core.call('connections.create', {
      companyId: company.id,
      system: 'servicetrade',
      name: 'Field jobs',
    });
    await expect(
      core.call('connections.update', { id: st.id, name: 'Northwind file' }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(core.call('connections.update', { id: qbd.id, name: '   ' })).rejects.toMatchObject({
      code: 'invalid_input',
      problems: [
        {
          field: 'name',
          message: 'name is empty: type a name, say the company file or organisation the connection reaches',
        },
      ],
    });
    await expect(
      core.call('connections.update', { id: qbd.id, name: 'x'.repeat(101) }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(
      (await core.call('connections.list', { companyId: company.id })).map((c) => c.name).sort(),
    ).toEqual(['Field jobs', 'Northwind file']);
  });
});

// The company's own identity through the API: saved normalised and read back, replaced whole, refused with a
// problem on each field that is wrong (nothing of it saved), and renaming the company.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type TestCore } from '../../fixtures/core.js';

let core: TestCore;
beforeEach(async () => {
  core = await startCore();
});
afterEach(async () => {
  await core.close();
});

describe('companies.get / companies.update', () => {
  it('keeps the identity normalised, replaces it whole, and refuses mistakes field by field', async () => {
    const company = await core.call('companies.create', {
      name: 'Northwind Facilities',
      baseCurrency: 'EUR',
    });
    expect(await core.call('companies.get', { id: company.id })).toEqual({
      ...company,
      identity: {
        legalName: null,
        tradingNames: [],
        addresses: [],
        taxIds: [],
        ibans: [],
        emailDomains: [],
        website: null,
      },
    });

    const saved = await core.call('companies.update', {
      id: company.id,
      identity: {
        legalName: 'Northwind Facilities GmbH',
        tradingNames: ['Northwind FM'],
        addresses: [
          { lines: ['Hafenstraße 12', '2. OG'], postalCode: '20457', city: 'Hamburg', country: 'DE' },
          {
            lines: ['Lager Nord', 'Industrieweg 4'],
            postalCode: '22113',
            city: 'Hamburg',
            country: 'DE',
          },
        ],
        taxIds: ['DE 123 456 789', 'DE 123.456.789'],
        ibans: ['de89 3704 0044 0532 0130 00'],
        emailDomains: ['buchhaltung@northwind-fm.de'],
        website: 'https://www.northwind-fm.de',
      },
    });
    expect(saved.identity).toEqual({
      legalName: 'Northwind Facilities GmbH',
      tradingNames: ['Northwind FM'],
      addresses: [
        {
          lines: ['Hafenstraße 12', '2. OG'],
          postalCode: '20457',
          city: 'Hamburg',
          region: null,
          country: 'DE',
        },
        {
          lines: ['Lager Nord', 'Industrieweg 4'],
          postalCode: '22113',
          city: 'Hamburg',
          region: null,
          country: 'DE',
        },
      ],
      taxIds: ['DE123456789'],
      ibans: ['DE89370400440532013000'],
      emailDomains: ['northwind-fm.de'],
      website: 'northwind-fm.de',
    });
    expect(await core.call('companies.get', { id: company.id })).toEqual(saved);

    // Wrong values: every problem on its field, and nothing saved (not even the new name sent with them).
    const refused = core.call('companies.update', {
      id: company.id,
      name: 'Northwind Facilities Hamburg',
      identity: {
        taxIds: ['DE12345678'],
        ibans: ['DE89 3704 0044 0532 0130 01'],
        emailDomains: ['northwind'],
      },
    });
    await expect(refused).rejects.toMatchObject({
      code: 'validation_failed',
      problems: [
        { field: 'identity.taxIds.0', message: expect.stringMatching(/DE followed by 9 digits/) },
        { field: 'identity.ibans.0', message: expect.stringMatching(/check digits .* Copy the IBAN again/) },
        { field: 'identity.emailDomains.0', message: expect.stringMatching(/is not a mail domain/) },
      ],
    });
    expect(await core.call('companies.get', { id: company.id })).toEqual(saved);

    // A shape the contract refuses: too many entries.
    await expect(
      core.call('companies.update', {
        id: company.id,
        identity: { taxIds: Array.from({ length: 11 }, (_, i) => `DE12345678${i % 10}`) },
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    // A country written out rather than chosen from the list: the contract takes ISO 3166 codes only.
    const typedCountry = core.call('companies.update', {
      id: company.id,
      identity: { addresses: [{ lines: ['Hafenstraße 12'], city: 'Hamburg', country: 'Germany' }] },
    });
    await expect(typedCountry).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(typedCountry).rejects.toThrow(/choose the country from the list/);

    // Replaced whole: what is left out is gone; the name changes on its own.
    const renamed = await core.call('companies.update', {
      id: company.id,
      name: 'Northwind Facilities Hamburg',
      identity: { taxIds: ['DE123456789'] },
    });
    expect(renamed.name).toBe('Northwind Facilities Hamburg');
    expect(renamed.identity).toMatchObject({
      taxIds: ['DE123456789'],
      addresses: [],
      ibans: [],
      website: null,
    });
    expect((await core.call('companies.list', {})).map((c) => c.name)).toEqual([
      'Northwind Facilities Hamburg',
    ]);

    await expect(core.call('companies.get', { id: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

// The QuickBooks Desktop connection's job-naming settings are checked when they are saved: connections.create and
// connections.update refuse an unknown placeholder, an empty level or a template without a field, on the field
// itself; defaults fill what is missing; and a stored value a newer rule refuses falls back to its default alone.
import { afterEach, describe, expect, it } from 'vitest';
import {
  qbdSettings,
  QBD_DEFAULT_SETTINGS,
  QbdSettingsSchema,
} from '../../../main/connectors/quickbooks-desktop/settings.js';
import { startCore, type TestCore } from '../../fixtures/core.js';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function companyWithQbd() {
  core = await startCore({ startSync: false });
  const company = await core.call('companies.create', { name: 'Northwind Facilities', baseCurrency: 'USD' });
  return { core, companyId: company.id };
}

describe('QuickBooks Desktop job-naming settings', () => {
  it('fills the templates and the overflow rule with their defaults on create', async () => {
    const { core, companyId } = await companyWithQbd();
    const created = await core.call('connections.create', {
      companyId,
      system: 'quickbooks_desktop',
      settings: { username: 'northwind', nameTemplates: { job: '{jobNumber}' } },
    });
    expect(created.settings['nameTemplates']).toEqual({
      customer: '{customer}',
      location: '{location}',
      job: '{jobNumber}',
    });
    expect(created.settings['nameOverflow']).toBe('truncate');
  });

  it('refuses a bad template on save, naming the field', async () => {
    const { core, companyId } = await companyWithQbd();
    await expect(
      core.call('connections.create', {
        companyId,
        system: 'quickbooks_desktop',
        settings: { username: 'northwind', nameTemplates: { customer: '{custmer}' } },
      }),
    ).rejects.toMatchObject({
      problems: [
        expect.objectContaining({
          field: 'nameTemplates.customer',
          message: expect.stringMatching(/\{custmer\}, which is not a known field/),
        }),
      ],
    });
    const created = await core.call('connections.create', {
      companyId,
      system: 'quickbooks_desktop',
      settings: { username: 'northwind' },
    });
    for (const [template, message] of [
      ['  ', /is required/],
      ['Job', /no field in braces/],
      ['{jobNumber} {nope}', /\{nope\}/],
    ] as const) {
      await expect(
        core.call('connections.update', {
          id: created.id,
          settings: { nameTemplates: { ...QBD_DEFAULT_SETTINGS.nameTemplates, job: template } },
        }),
      ).rejects.toMatchObject({
        problems: [
          expect.objectContaining({ field: 'nameTemplates.job', message: expect.stringMatching(message) }),
        ],
      });
    }
    await expect(
      core.call('connections.update', { id: created.id, settings: { nameOverflow: 'shorten' } }),
    ).rejects.toMatchObject({ problems: [expect.objectContaining({ field: 'nameOverflow' })] });
    // Nothing refused was stored; a good change is.
    const updated = await core.call('connections.update', {
      id: created.id,
      settings: {
        nameTemplates: { customer: '{customer}', location: '{storeNumber} {city}', job: '{jobNumber}' },
        nameOverflow: 'error',
      },
    });
    expect(updated.settings).toMatchObject({
      nameTemplates: { customer: '{customer}', location: '{storeNumber} {city}', job: '{jobNumber}' },
      nameOverflow: 'error',
    });
  });

  it('reads each stored setting on its own: one no longer valid falls back without the others', () => {
    const settings = qbdSettings({
      settings: {
        username: 'northwind',
        nameTemplates: { customer: '{customer}', location: '{location}', job: 'fixed text' },
        billCancel: 'void',
      },
    });
    expect(settings.username).toBe('northwind');
    expect(settings.billCancel).toBe('void');
    expect(settings.nameTemplates).toEqual(QBD_DEFAULT_SETTINGS.nameTemplates);
    expect(QbdSettingsSchema.safeParse(QBD_DEFAULT_SETTINGS).success).toBe(true);
  });
});

// The QuickBooks Desktop settings panel's job-naming logic: it offers exactly the placeholders the server accepts,
// shows the templates of the mapped levels only, reads stored settings back with per-level defaults, and shows a
// field's problems without repeating the field's path.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES as SERVER_DEFAULTS, NAME_FIELDS } from '../../../main/domain/job-names.js';
import {
  DEFAULT_TEMPLATES,
  levelsOf,
  MAPPINGS,
  PLACEHOLDERS,
  problemsOn,
  storedMapping,
  storedTemplates,
} from '../../../renderer/src/features/connections/quickbooks-desktop-naming';

describe('QuickBooks Desktop job naming in the settings panel', () => {
  it('offers the placeholders and defaults the server uses', () => {
    expect(PLACEHOLDERS.map(([field]) => field)).toEqual([...NAME_FIELDS]);
    expect(DEFAULT_TEMPLATES).toEqual(SERVER_DEFAULTS);
  });

  it('shows a template per level of the mapping', () => {
    expect(MAPPINGS.map((m) => levelsOf(m.value))).toEqual([
      ['customer'],
      ['customer', 'job'],
      ['customer', 'location', 'job'],
    ]);
  });

  it('reads stored settings back, each level defaulted on its own', () => {
    expect(storedTemplates({ nameTemplates: { job: '{jobNumber}', location: 7 } })).toEqual({
      customer: '{customer}',
      location: '{location}',
      job: '{jobNumber}',
    });
    expect(storedTemplates({})).toEqual(DEFAULT_TEMPLATES);
    expect(storedMapping({ customerMapping: 'customer:location:job' })).toBe('customer:location:job');
    expect(storedMapping({ customerMapping: 'job' })).toBe('customer:job');
  });

  it("shows a field's problems without its path", () => {
    const problems = [
      {
        field: 'nameTemplates.job',
        message: 'nameTemplates.job uses {jobNumbr}, which is not a known field',
      },
      { field: 'nameTemplates.customer', message: 'is required' },
      { field: 'username', message: 'username is required' },
    ];
    expect(problemsOn(problems, 'nameTemplates.job')).toEqual([
      'uses {jobNumbr}, which is not a known field',
    ]);
    expect(problemsOn(problems, 'nameTemplates.customer')).toEqual(['is required']);
    expect(problemsOn(problems, 'nameTemplates.location')).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cleanNameText,
  isWindows1252,
  jobNames,
  JobNamingSettings,
  NameRegistry,
  QB_NAME_MAX,
  type JobNameSource,
} from '../../../main/domain/job-names.js';

const job = (overrides: Partial<JobNameSource> = {}): JobNameSource => ({
  jobId: '5001',
  jobNumber: 'J-1042',
  jobType: 'repair',
  jobName: null,
  customer: { id: '10', name: 'Acme Corp' },
  location: {
    id: '20',
    name: 'Main St Store',
    ref: 'L-7',
    storeNumber: '7',
    street: '1 Main St',
    city: 'Austin',
  },
  ...overrides,
});

const settings = (input: unknown = {}) => JobNamingSettings.parse(input);

describe('jobNames under each mapping', () => {
  it('Customer:Location:Job gives three levels with the default templates', () => {
    const result = jobNames(job(), settings({ customerMapping: 'customer:location:job' }));
    expect(result.ok).toBe(true);
    expect(result.fullName).toBe('Acme Corp:Main St Store:J-1042 Repair');
    expect(result.levels.map((l) => l.fullName)).toEqual([
      'Acme Corp',
      'Acme Corp:Main St Store',
      'Acme Corp:Main St Store:J-1042 Repair',
    ]);
    expect(result.levels.map((l) => l.key)).toEqual(['customer:10', 'location:20', 'job:5001']);
  });

  it('Customer:Job skips the location; Customer names the customer only', () => {
    expect(jobNames(job(), settings({ customerMapping: 'customer:job' })).fullName).toBe(
      'Acme Corp:J-1042 Repair',
    );
    expect(jobNames(job(), settings({ customerMapping: 'customer' })).fullName).toBe('Acme Corp');
  });

  it('uses the templates per level', () => {
    const result = jobNames(
      job({ jobType: 'preventative_maintenance' }),
      settings({
        customerMapping: 'customer:location:job',
        nameTemplates: {
          customer: '{customer} ({customerId})',
          location: '#{storeNumber} {city}',
          job: '{jobType} {jobNumber}',
        },
      }),
    );
    expect(result.fullName).toBe('Acme Corp (10):#7 Austin:Preventative Maintenance J-1042');
  });

  it('refuses an unknown template field when the settings are read', () => {
    const parsed = JobNamingSettings.safeParse({ nameTemplates: { job: '{jobNumbr}' } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('{jobNumbr}');
  });

  it('a job without a location cannot use Customer:Location:Job, and says so', () => {
    const result = jobNames(job({ location: null }), settings({ customerMapping: 'customer:location:job' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/no location.*Customer:Job/);
  });
});

describe('names made to fit QuickBooks', () => {
  it('turns colons into hyphens and drops what Windows-1252 cannot hold', () => {
    const result = jobNames(
      job({ customer: { id: '1', name: 'Smith: Heating 🔥 & Air' }, jobNumber: '7', jobType: null }),
      settings({ customerMapping: 'customer:job' }),
    );
    expect(result.fullName).toBe('Smith- Heating & Air:7');
  });

  it('folds accents that Windows-1252 lacks and keeps those it has', () => {
    expect(cleanNameText('Łódź Café — Őrség')).toBe('Lódz Café — Orség');
  });

  it('shortens the longest field first, never the template text', () => {
    const longName = 'The Extraordinarily Long Facilities Management Company of Texas';
    const result = jobNames(
      job({ customer: { id: '1', name: longName } }),
      settings({ customerMapping: 'customer:job' }),
    );
    expect(result.ok).toBe(true);
    const customer = result.levels[0]?.name ?? '';
    expect(customer.length).toBeLessThanOrEqual(QB_NAME_MAX);
    expect(longName.startsWith(customer)).toBe(true);
    expect(result.notes[0]).toContain('shortened');
  });

  it("with nameOverflow 'error' a long name is an error that says how long it is", () => {
    const result = jobNames(
      job({ customer: { id: '1', name: 'A'.repeat(50) } }),
      settings({ customerMapping: 'customer:job', nameOverflow: 'error' }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/50 characters; QuickBooks allows 41/);
  });

  it('a template whose own text is over 41 characters cannot be made to fit', () => {
    const result = jobNames(
      job(),
      settings({
        customerMapping: 'customer:job',
        nameTemplates: { job: `${'Job number '.repeat(4)}{jobNumber}` },
      }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/even with its fields empty/);
  });

  it('an empty name is an error', () => {
    const result = jobNames(
      job({ customer: { id: '1', name: '  ::  ' }, jobNumber: '1' }),
      settings({ customerMapping: 'customer' }),
    );
    // colons become hyphens, so this one is not empty; a name of emoji only is
    expect(result.fullName).toBe('--');
    const empty = jobNames(
      job({ customer: { id: '1', name: '🔥🔥' } }),
      settings({ customerMapping: 'customer' }),
    );
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.errors[0]).toMatch(/customer name is empty/);
  });
});

describe('unique among siblings', () => {
  it('two ServiceTrade customers with the same name collide; the same customer twice does not', () => {
    const registry = new NameRegistry();
    const mapping = settings({ customerMapping: 'customer:job' });
    expect(jobNames(job({ jobId: '1', jobNumber: '1' }), mapping, registry).ok).toBe(true);
    expect(jobNames(job({ jobId: '2', jobNumber: '2' }), mapping, registry).ok).toBe(true);
    const other = jobNames(
      job({ jobId: '3', jobNumber: '3', customer: { id: '99', name: 'ACME CORP' } }),
      mapping,
      registry,
    );
    expect(other.ok).toBe(false);
    if (!other.ok)
      expect(other.errors[0]).toMatch(
        /would name both ServiceTrade customer 99 and ServiceTrade customer 10/,
      );
  });

  it('two jobs that give the same job name collide, and the message suggests {jobId}', () => {
    const registry = new NameRegistry();
    const mapping = settings({ customerMapping: 'customer:job', nameTemplates: { job: '{jobType}' } });
    expect(jobNames(job({ jobId: '1' }), mapping, registry).ok).toBe(true);
    const second = jobNames(job({ jobId: '2' }), mapping, registry);
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.errors[0]).toContain('{jobId}');
  });
});

const anyText = fc.string({ unit: 'grapheme', maxLength: 80 });
const anySource = fc.record({
  jobId: fc.stringMatching(/^[0-9]{1,8}$/),
  jobNumber: anyText,
  jobType: fc.option(anyText, { nil: null }),
  jobName: fc.option(anyText, { nil: null }),
  customer: fc.record({ id: fc.stringMatching(/^[0-9]{1,8}$/), name: anyText }),
  location: fc.option(
    fc.record({
      id: fc.stringMatching(/^[0-9]{1,8}$/),
      name: anyText,
      ref: fc.option(anyText, { nil: null }),
      storeNumber: fc.option(anyText, { nil: null }),
      street: fc.option(anyText, { nil: null }),
      city: fc.option(anyText, { nil: null }),
    }),
    { nil: null },
  ),
});
const anySettings = fc
  .record({
    customerMapping: fc.constantFrom('customer', 'customer:job', 'customer:location:job'),
    nameTemplates: fc.record({
      customer: fc.constantFrom('{customer}', '{customer} {customerId}', 'C: {customer}'),
      location: fc.constantFrom('{location}', '{storeNumber} - {city}', '{street}, {city} [{locationRef}]'),
      job: fc.constantFrom('{jobNumber} {jobType}', '{jobName}', 'Job #{jobNumber}: {jobType} {jobId}'),
    }),
  })
  .map((s) => JobNamingSettings.parse(s));

describe('properties', () => {
  it('every level is 1–41 Windows-1252 characters without a colon', () => {
    fc.assert(
      fc.property(anySource, anySettings, (source, s) => {
        const result = jobNames(source, s);
        for (const level of result.levels) {
          expect(level.name.length).toBeGreaterThan(0);
          expect(level.name.length).toBeLessThanOrEqual(QB_NAME_MAX);
          expect(level.name).not.toContain(':');
          expect([...level.name].every(isWindows1252)).toBe(true);
          expect(level.name).toBe(level.name.trim());
        }
        if (result.ok) expect(result.fullName.split(':')).toEqual(result.levels.map((l) => l.name));
        else expect(result.errors.length).toBeGreaterThan(0);
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(anySource, anySettings, (source, s) => {
        expect(jobNames(source, s)).toEqual(jobNames(structuredClone(source), s));
      }),
    );
  });

  it('a registry never lets two records hold one name', () => {
    fc.assert(
      fc.property(fc.array(anySource, { maxLength: 12 }), anySettings, (sources, s) => {
        const registry = new NameRegistry();
        const owner = new Map<string, string>();
        for (const source of sources) {
          const result = jobNames(source, s, registry);
          if (!result.ok) continue;
          for (const level of result.levels) {
            const k = level.fullName.toUpperCase();
            const held = owner.get(k);
            if (held !== undefined) expect(held).toBe(level.key);
            owner.set(k, level.key);
          }
        }
      }),
    );
  });
});

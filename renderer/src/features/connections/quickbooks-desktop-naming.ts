// The QuickBooks Desktop panel's job-naming logic, apart from React so it can be tested on its own: the customer
// mappings and placeholders it offers, the stored settings read back with defaults, and the server's field problems
// shown in place.
import type { FieldProblem } from '../../api/errors';

export type Mapping = 'customer' | 'customer:job' | 'customer:location:job';
export type Level = 'customer' | 'location' | 'job';
export type Templates = Record<Level, string>;

export const MAPPINGS: { value: Mapping; text: string; hint: string }[] = [
  { value: 'customer', text: 'Customer', hint: 'Costs go to the ServiceTrade customer itself.' },
  { value: 'customer:job', text: 'Customer:Job', hint: 'A job under each customer.' },
  {
    value: 'customer:location:job',
    text: 'Customer:Location:Job',
    hint: 'The location as a sub-customer, the job under it.',
  },
];

/** The placeholders a template may use (main/domain/job-names.ts NAME_FIELDS), with what each holds. */
export const PLACEHOLDERS: [string, string][] = [
  ['customer', 'customer name'],
  ['customerId', 'ServiceTrade customer id'],
  ['location', 'location name'],
  ['locationRef', 'location reference number'],
  ['storeNumber', 'store number'],
  ['street', 'street'],
  ['city', 'city'],
  ['jobNumber', 'job number'],
  ['jobType', 'job type'],
  ['jobName', 'job name'],
  ['jobId', 'ServiceTrade job id'],
];

export const DEFAULT_TEMPLATES: Templates = {
  customer: '{customer}',
  location: '{location}',
  job: '{jobNumber} {jobType}',
};

/** The levels a mapping names, in order: the templates the panel shows. */
export function levelsOf(mapping: Mapping): Level[] {
  if (mapping === 'customer') return ['customer'];
  if (mapping === 'customer:job') return ['customer', 'job'];
  return ['customer', 'location', 'job'];
}

/** The stored templates, each level defaulted on its own. */
export function storedTemplates(settings: Record<string, unknown>): Templates {
  const stored = (settings.nameTemplates ?? {}) as Partial<Record<Level, unknown>>;
  const pick = (level: Level) =>
    typeof stored[level] === 'string' ? (stored[level] as string) : DEFAULT_TEMPLATES[level];
  return { customer: pick('customer'), location: pick('location'), job: pick('job') };
}

export function storedMapping(settings: Record<string, unknown>): Mapping {
  const value = settings.customerMapping;
  return MAPPINGS.some((m) => m.value === value) ? (value as Mapping) : 'customer:job';
}

/** The messages of the problems on one field (the server's answer to a save), without the field's own path. */
export function problemsOn(problems: readonly FieldProblem[], field: string): string[] {
  return problems
    .filter((p) => p.field === field)
    .map((p) => (p.message.startsWith(`${field} `) ? p.message.slice(field.length + 1) : p.message));
}

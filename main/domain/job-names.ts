// How a ServiceTrade job is named in QuickBooks Desktop for job costing. The QuickBooks Desktop connection's
// customer mapping says how many levels the job's full name has — Customer, Customer:Job or
// Customer:Location:Job — and a template per level says what each name holds. Every level is made to fit
// QuickBooks: at most 41 characters, no colon (QuickBooks' level separator), Windows-1252 text only (qbXML is sent
// in that encoding), and unique among its siblings — two different ServiceTrade records that would get the same
// QuickBooks name are an error rather than silently becoming one customer or job.
//
// Pure: no database, no clock. The same input always gives the same names.
import { z } from 'zod';

export const QB_NAME_MAX = 41;

export const CustomerMapping = z.enum(['customer', 'customer:job', 'customer:location:job']);
export type CustomerMapping = z.infer<typeof CustomerMapping>;

export const NAME_FIELDS = [
  'customer',
  'customerId',
  'location',
  'locationRef',
  'storeNumber',
  'street',
  'city',
  'jobNumber',
  'jobType',
  'jobName',
  'jobId',
] as const;
export type NameField = (typeof NAME_FIELDS)[number];

const TEMPLATE_FIELD = /\{([A-Za-z]+)\}/g;

export const DEFAULT_TEMPLATES = {
  customer: '{customer}',
  location: '{location}',
  job: '{jobNumber} {jobType}',
} as const;

/**
 * One level's template: text with {field} placeholders. At least one placeholder: a fixed text would give every
 * customer (or every job of a customer) the same QuickBooks name.
 */
export const NameTemplate = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(200)
  .superRefine((value, ctx) => {
    if (value === '') return; // 'is required' says it already
    let fields = 0;
    for (const match of value.matchAll(TEMPLATE_FIELD)) {
      const field = match[1] ?? '';
      fields += 1;
      if (!(NAME_FIELDS as readonly string[]).includes(field)) {
        ctx.addIssue({
          code: 'custom',
          message: `uses {${field}}, which is not a known field. Use one of ${NAME_FIELDS.map((f) => `{${f}}`).join(', ')}`,
        });
      }
    }
    if (fields === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `has no field in braces, so every record would get the same name. Use one or more of ${NAME_FIELDS.map((f) => `{${f}}`).join(', ')}`,
      });
    }
  });
const Template = NameTemplate;

/** The three levels' templates, each defaulted on its own. */
export const NameTemplates = z
  .object({
    customer: Template.default(DEFAULT_TEMPLATES.customer),
    location: Template.default(DEFAULT_TEMPLATES.location),
    job: Template.default(DEFAULT_TEMPLATES.job),
  })
  .default({ ...DEFAULT_TEMPLATES });

export const NameOverflow = z.enum(['truncate', 'error']).default('truncate');

/**
 * The job-costing settings of a QuickBooks Desktop connection (connection.settings). `nameOverflow`: 'truncate'
 * shortens the longest field values until the name fits (the rule ServiceTrade's own integration follows);
 * 'error' refuses a name over 41 characters so the user changes the template or the record.
 */
export const JobNamingSettings = z.object({
  customerMapping: CustomerMapping.default('customer:job'),
  nameTemplates: NameTemplates,
  nameOverflow: NameOverflow,
});
export type JobNamingSettings = z.infer<typeof JobNamingSettings>;

/** What a job's names are made from: the ServiceTrade job with its customer and location. */
export interface JobNameSource {
  jobId: string;
  jobNumber: string;
  jobType: string | null;
  jobName: string | null;
  customer: { id: string; name: string };
  location: {
    id: string;
    name: string;
    ref: string | null;
    storeNumber: string | null;
    street: string | null;
    city: string | null;
  } | null;
}

export type NameLevel = 'customer' | 'location' | 'job';

/** One level of a full name: which ServiceTrade record it stands for, and its QuickBooks name. */
export interface NamedLevel {
  level: NameLevel;
  /** The record the level stands for: 'customer:<id>', 'location:<id>' or 'job:<id>'. */
  key: string;
  name: string;
  /** The whole path down to this level, joined by ':'. */
  fullName: string;
}

export type JobNameResult =
  | { ok: true; fullName: string; levels: NamedLevel[]; notes: string[] }
  | { ok: false; fullName: string | null; levels: NamedLevel[]; errors: string[]; notes: string[] };

// ---------- text that QuickBooks accepts ----------

/** The characters of Windows-1252's 0x80–0x9F block; 0x20–0x7E and 0xA0–0xFF map to the same code points. */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

export function isWindows1252(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(ch);
}

/**
 * Text QuickBooks can hold in a name: NFC, accents that Windows-1252 lacks folded to their base letter
 * (ő → o), anything else it cannot encode dropped, colons turned into hyphens, whitespace collapsed.
 */
export function cleanNameText(value: string): string {
  return cleanChars(value).replace(/ {2,}/g, ' ').trim();
}

/** Letters with a stroke that Unicode does not decompose into base letter + mark. */
const NO_DECOMPOSITION: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i' };

/** cleanNameText without the trimming: a template's own text keeps its spaces. */
function cleanChars(value: string): string {
  let out = '';
  for (const ch of value.normalize('NFC')) {
    if (ch === ':') out += '-';
    else if (/\s/u.test(ch)) out += ' ';
    else if (isWindows1252(ch)) out += ch;
    else {
      const folded = (NO_DECOMPOSITION[ch] ?? ch).normalize('NFKD').replace(/\p{M}/gu, '');
      for (const part of folded) if (isWindows1252(part) && part !== ':') out += part;
    }
  }
  return out;
}

/** 'preventative_maintenance' → 'Preventative Maintenance'. */
export function jobTypeLabel(type: string | null): string {
  if (!type) return '';
  return type
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

function fieldValues(source: JobNameSource): Record<NameField, string> {
  return {
    customer: source.customer.name,
    customerId: source.customer.id,
    location: source.location?.name ?? '',
    locationRef: source.location?.ref ?? '',
    storeNumber: source.location?.storeNumber ?? '',
    street: source.location?.street ?? '',
    city: source.location?.city ?? '',
    jobNumber: source.jobNumber,
    jobType: jobTypeLabel(source.jobType),
    jobName: source.jobName ?? '',
    jobId: source.jobId,
  };
}

type Piece = { literal: string } | { field: NameField; value: string };

function render(pieces: Piece[]): string {
  return pieces
    .map((p) => ('literal' in p ? p.literal : p.value))
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
}

const LEVEL_NOUN: Record<NameLevel, string> = {
  customer: 'customer name',
  location: 'location name',
  job: 'job name',
};

/**
 * Fills one level's template and makes the result fit. Field values are cleaned first; when the name is too long
 * and overflow is 'truncate', the longest field value loses one character at a time (so a long customer name
 * shrinks before a short job number does). The template's own text is never cut: if it alone is too long, the
 * name cannot be made to fit.
 */
export function fitName(
  template: string,
  values: Record<NameField, string>,
  level: NameLevel,
  overflow: JobNamingSettings['nameOverflow'],
): { ok: true; name: string; truncated: boolean } | { ok: false; error: string } {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of template.matchAll(TEMPLATE_FIELD)) {
    const index = match.index;
    if (index > last) pieces.push({ literal: cleanChars(template.slice(last, index)) });
    const field = match[1] as NameField;
    pieces.push({ field, value: cleanNameText(values[field] ?? '') });
    last = index + match[0].length;
  }
  if (last < template.length) pieces.push({ literal: cleanChars(template.slice(last)) });

  let name = render(pieces);
  if (name === '') {
    return {
      ok: false,
      error: `The ${LEVEL_NOUN[level]} is empty: the template "${template}" gives no text for this record. Fill in the record in ServiceTrade or change the template.`,
    };
  }
  if (name.length <= QB_NAME_MAX) return { ok: true, name, truncated: false };
  if (overflow === 'error') {
    return {
      ok: false,
      error: `The ${LEVEL_NOUN[level]} "${name}" has ${name.length} characters; QuickBooks allows ${QB_NAME_MAX}. Shorten it in ServiceTrade, change the template, or let Ledgerbridge shorten long names.`,
    };
  }
  const fields = pieces.filter((p): p is { field: NameField; value: string } => 'field' in p);
  while (name.length > QB_NAME_MAX) {
    let longest: { field: NameField; value: string } | undefined;
    for (const piece of fields) if (!longest || piece.value.length > longest.value.length) longest = piece;
    if (!longest || longest.value.length === 0) {
      return {
        ok: false,
        error: `The ${LEVEL_NOUN[level]} template "${template}" is longer than QuickBooks' ${QB_NAME_MAX} characters even with its fields empty. Shorten the template.`,
      };
    }
    longest.value = longest.value.slice(0, -1).trimEnd();
    name = render(pieces);
  }
  if (name === '') {
    return {
      ok: false,
      error: `The ${LEVEL_NOUN[level]} cannot be made to fit QuickBooks' ${QB_NAME_MAX} characters.`,
    };
  }
  return { ok: true, name, truncated: true };
}

/** QuickBooks compares names without regard to case. */
const nameKey = (fullName: string) => fullName.toLocaleUpperCase('en-US');

/**
 * The names already given out: full name (any case) → the record key that holds it. Seed it with the names of
 * jobs sent or queued before, then pass it to jobNames() for each job of a batch so that the batch's own names
 * are checked against each other too.
 */
export class NameRegistry {
  private readonly owners = new Map<string, { key: string; fullName: string }>();

  claim(level: NamedLevel): { ok: true } | { ok: false; heldBy: string; fullName: string } {
    const k = nameKey(level.fullName);
    const held = this.owners.get(k);
    if (held && held.key !== level.key) return { ok: false, heldBy: held.key, fullName: held.fullName };
    this.owners.set(k, { key: level.key, fullName: level.fullName });
    return { ok: true };
  }

  /** Whether every level could be claimed, without claiming any. */
  check(levels: NamedLevel[]): { level: NamedLevel; heldBy: string }[] {
    const clashes: { level: NamedLevel; heldBy: string }[] = [];
    for (const level of levels) {
      const held = this.owners.get(nameKey(level.fullName));
      if (held && held.key !== level.key) clashes.push({ level, heldBy: held.key });
    }
    return clashes;
  }
}

function describeKey(key: string): string {
  const [kind, id] = key.split(':');
  if (kind === 'customer') return `ServiceTrade customer ${id}`;
  if (kind === 'location') return `ServiceTrade location ${id}`;
  return `ServiceTrade job ${id}`;
}

const LEVELS_OF: Record<CustomerMapping, NameLevel[]> = {
  customer: ['customer'],
  'customer:job': ['customer', 'job'],
  'customer:location:job': ['customer', 'location', 'job'],
};

/**
 * The QuickBooks full name of one job under the mapping and templates, with the reason when it cannot be made.
 * With 'customer' the job lands on the customer itself (no job level). With a registry, every level must be free
 * or already held by the same ServiceTrade record; the levels are then claimed.
 */
export function jobNames(
  source: JobNameSource,
  settings: JobNamingSettings,
  registry?: NameRegistry,
): JobNameResult {
  const values = fieldValues(source);
  const errors: string[] = [];
  const notes: string[] = [];
  const levels: NamedLevel[] = [];
  let parent = '';
  for (const level of LEVELS_OF[settings.customerMapping]) {
    if (level === 'location' && !source.location) {
      errors.push(
        `Job ${source.jobNumber} has no location in ServiceTrade, but the mapping Customer:Location:Job needs one. Add the location in ServiceTrade or choose the Customer:Job mapping.`,
      );
      break;
    }
    const fitted = fitName(settings.nameTemplates[level], values, level, settings.nameOverflow);
    if (!fitted.ok) {
      errors.push(fitted.error);
      break;
    }
    if (fitted.truncated)
      notes.push(`The ${LEVEL_NOUN[level]} was shortened to "${fitted.name}" to fit QuickBooks.`);
    const key =
      level === 'customer'
        ? `customer:${source.customer.id}`
        : level === 'location'
          ? `location:${source.location?.id ?? ''}`
          : `job:${source.jobId}`;
    const fullName = parent === '' ? fitted.name : `${parent}:${fitted.name}`;
    levels.push({ level, key, name: fitted.name, fullName });
    parent = fullName;
  }
  if (errors.length > 0) return { ok: false, fullName: null, levels, errors, notes };

  if (registry) {
    const clashes = registry.check(levels);
    for (const clash of clashes) {
      errors.push(
        `"${clash.level.fullName}" would name both ${describeKey(clash.level.key)} and ${describeKey(clash.heldBy)} in QuickBooks. Change the ${LEVEL_NOUN[clash.level.level]} template (for example add {${clash.level.level === 'job' ? 'jobId' : clash.level.level === 'location' ? 'locationRef' : 'customerId'}}) or rename one of them in ServiceTrade.`,
      );
    }
    if (errors.length > 0) return { ok: false, fullName: parent, levels, errors, notes };
    for (const level of levels) registry.claim(level);
  }
  return { ok: true, fullName: parent, levels, notes };
}

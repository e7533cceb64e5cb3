// Xero answers written from Xero's own OpenAPI descriptions (../shared/oracles/xero, read in place): a full record
// of a component schema carries every property it lists (nested schemas one level deep, lists only where the test
// gives their items), in the wire's PascalCase, with Xero's "/Date(ms+0000)/" dates, and the test's own values
// where meaning matters. Its variants leave out each property the schema does not list as required, set each
// nullable one to null, answer an enumeration with a value it does not list, give each MS-format date as ISO 8601
// instead (Xero answers both), and add a property the schema does not know.
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { variantsOf, type Json, type JsonObject, type Variant } from '../answer-variants.js';
import { IDENTITY_SPEC_FILE, XERO_ORACLE_DIR, xeroOracleAvailable } from './oracle.js';

export { xeroOracleAvailable };

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: string[];
  nullable?: boolean;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  'x-is-msdate'?: boolean;
  'x-is-msdate-time'?: boolean;
}

let cached: Record<string, Schema> | null = null;
function schemas(): Record<string, Schema> {
  if (!cached) {
    const read = (file: string) =>
      (yaml.load(fs.readFileSync(file, 'utf8')) as { components: { schemas: Record<string, Schema> } })
        .components.schemas;
    cached = { ...read(IDENTITY_SPEC_FILE), ...read(path.join(XERO_ORACLE_DIR, 'xero_accounting.yaml')) };
  }
  return cached;
}

const resolve = (s: Schema): Schema => (s.$ref ? schemas()[s.$ref.split('/').pop()!]! : s);

/** 2 November 2026, as Xero writes dates. */
export const MS_DATE = '/Date(1793577600000+0000)/';
const ISO_DATE = '2026-11-02T00:00:00';

function primitive(s: Schema, name: string): Json | undefined {
  if (s.enum?.length) return s.enum[0]!;
  if (s['x-is-msdate'] || s['x-is-msdate-time']) return MS_DATE;
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000017';
      if (s.format === 'date-time') return '2026-11-02T10:00:00.0000000';
      if (s.format === 'date') return '2026-11-02';
      return `${name} text`;
    case 'number':
      return 12.5;
    case 'integer':
      return 3;
    case 'boolean':
      return false;
    default:
      return undefined;
  }
}

function write(schema: Schema, overrides: JsonObject, depth: number): JsonObject {
  const s = resolve(schema);
  const out: JsonObject = {};
  for (const [name, raw] of Object.entries(s.properties ?? {})) {
    const prop = resolve(raw);
    const given = overrides[name];
    const itemSchema = prop.type === 'array' && prop.items ? resolve(prop.items) : null;
    if (given !== undefined) {
      if (itemSchema?.properties && Array.isArray(given))
        out[name] = given.map((g) =>
          g && typeof g === 'object' && !Array.isArray(g) ? write(itemSchema, g, depth + 1) : g,
        );
      else if (prop.properties && given && typeof given === 'object' && !Array.isArray(given))
        out[name] = write(prop, given, depth + 1);
      else out[name] = given;
      continue;
    }
    if (prop.type === 'array') continue; // lists only where the test gives their items
    if (prop.properties) {
      if (depth < 1) out[name] = write(prop, {}, depth + 1);
      continue;
    }
    const value = primitive(prop, name);
    if (value !== undefined) out[name] = value;
  }
  for (const [name, value] of Object.entries(overrides)) if (!(name in out)) out[name] = value;
  return out;
}

/** A full `component` (e.g. 'Invoice', or the identity API's 'Connection') with `values` where they matter. */
export function xeroRecord(component: string, values: JsonObject): JsonObject {
  const schema = schemas()[component];
  if (!schema) throw new Error(`${component} is not a schema of Xero's API descriptions`);
  return write(schema, values, 0);
}

/** The schema of the object at `path` in a record of `component` ("LineItems[0].Tracking[0]"). */
function schemaAt(component: string, path: string): Schema | null {
  let s: Schema | null = schemas()[component] ?? null;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (!s) return null;
    if (/^\d+$/.test(part)) {
      s = s.items ? resolve(s.items) : null;
      continue;
    }
    const next: Schema | undefined = resolve(s).properties?.[part];
    s = next ? resolve(next) : null;
  }
  return s ? resolve(s) : null;
}

/** Every shape of `full` (a record of `component`) the schema allows. */
export function xeroVariants(component: string, full: JsonObject): Variant[] {
  const property = (path: string, key: string) => {
    const raw = schemaAt(component, path)?.properties?.[key];
    return raw ? resolve(raw) : null;
  };
  const variants = variantsOf(full, {
    optional: (path, key) =>
      property(path, key) !== null && !(schemaAt(component, path)?.required ?? []).includes(key),
    nullable: (path, key) => property(path, key)?.nullable === true,
    enumerated: (path, key) => (property(path, key)?.enum?.length ?? 0) > 0,
  });
  // Dates as ISO 8601 instead of Xero's MS format (top level and first line).
  for (const [key, value] of Object.entries(full)) {
    const p = property('', key);
    if (value === MS_DATE && (p?.['x-is-msdate'] || p?.['x-is-msdate-time'])) {
      variants.push({
        label: `${key} as ISO 8601`,
        path: key,
        kind: 'other',
        record: { ...structuredClone(full), [key]: ISO_DATE },
      });
    }
  }
  return variants;
}

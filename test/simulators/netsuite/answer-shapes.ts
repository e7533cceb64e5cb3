// NetSuite answers written from the REST Record API's OpenAPI description as one real account generated it
// (../shared/oracles/netsuite/netsuite-oas-subset.json, read in place): a full record of a schema carries the
// properties the test names (a NetSuite record has hundreds, most of them the account's custom fields) plus every
// standard property the schema lists on the record itself, and the sublists the test gives. Its variants leave out
// each property the schema does not require (it requires none), set each nullable one to null, and add an unknown
// one. purchaseOrder and itemReceipt are not in the subset; they follow vendorBill's conventions
// (reference/xero_netsuite.md), so their answers are written from vendorBill's schema.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { variantsOf, type Json, type JsonObject, type Variant } from '../answer-variants.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SPEC_FILE = path.resolve(here, '../../../../shared/oracles/netsuite/netsuite-oas-subset.json');

export function netSuiteOracleAvailable(): boolean {
  return fs.existsSync(SPEC_FILE);
}

interface Schema {
  $ref?: string;
  oneOf?: Schema[];
  type?: string;
  format?: string;
  enum?: string[];
  nullable?: boolean;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
}

let cached: Record<string, Schema> | null = null;
function schemas(): Record<string, Schema> {
  cached ??= (
    JSON.parse(fs.readFileSync(SPEC_FILE, 'utf8')) as { components: { schemas: Record<string, Schema> } }
  ).components.schemas;
  return cached;
}

/** A schema with references and the first of a oneOf (nsResource, before salesTaxItem) resolved. */
function resolve(s: Schema): Schema {
  if (s.$ref) return resolve(schemas()[s.$ref.split('/').pop()!]!);
  if (s.oneOf?.[0]) return resolve(s.oneOf[0]);
  return s;
}

/** Custom fields (custbody_, custcol_, custentity_, cseg_) are the account's own: never written from the schema. */
const CUSTOM = /^(cust|cseg_)/;

function primitive(s: Schema, name: string): Json | undefined {
  if (s.enum?.length) return s.enum[0]!;
  switch (s.type) {
    case 'string':
      if (s.format === 'date-time') return '2026-11-02T10:00:00Z';
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
    if (given !== undefined) {
      if (prop.properties && given && typeof given === 'object' && !Array.isArray(given)) {
        out[name] = write(prop, given, depth + 1);
      } else if (prop.type === 'array' && prop.items && Array.isArray(given)) {
        const item = resolve(prop.items);
        out[name] = given.map((g) =>
          g && typeof g === 'object' && !Array.isArray(g) && item.properties ? write(item, g, depth + 1) : g,
        );
      } else out[name] = given;
      continue;
    }
    if (CUSTOM.test(name) || prop.type === 'array' || depth > 0) continue;
    if (prop.properties) continue; // sublists and records only where the test gives them
    const value = primitive(prop, name);
    if (value !== undefined) out[name] = value;
  }
  for (const [name, value] of Object.entries(overrides)) if (!(name in out)) out[name] = value;
  return out;
}

/** A full record of `component` (e.g. 'vendorBill'), with `values` where they matter. */
export function netSuiteRecord(component: string, values: JsonObject): JsonObject {
  const schema = schemas()[component];
  if (!schema) throw new Error(`${component} is not a schema of the NetSuite OpenAPI subset`);
  return write(schema, values, 0);
}

function schemaAt(component: string, at: string): Schema | null {
  let s: Schema | null = schemas()[component] ?? null;
  for (const part of at.match(/[^.[\]]+/g) ?? []) {
    if (!s) return null;
    s = resolve(s);
    if (/^\d+$/.test(part)) s = s.items ? resolve(s.items) : null;
    else s = s.properties?.[part] ? resolve(s.properties[part]!) : null;
  }
  return s ? resolve(s) : null;
}

/** Every shape of `full` (a record of `component`) the schema allows, sublist lines included. */
export function netSuiteVariants(component: string, full: JsonObject): Variant[] {
  const property = (at: string, key: string) => {
    const raw = schemaAt(component, at)?.properties?.[key];
    return raw ?? null;
  };
  return variantsOf(
    full,
    {
      optional: (at, key) =>
        property(at, key) !== null && !(schemaAt(component, at)?.required ?? []).includes(key),
      nullable: (at, key) => {
        const p = property(at, key);
        return p !== null && (p.nullable === true || resolve(p).nullable === true);
      },
      enumerated: (at, key) => (resolve(property(at, key) ?? {}).enum?.length ?? 0) > 0,
    },
    3,
  );
}

/** NetSuite's error answer (nsError) with `values`, and its shapes. */
export const netSuiteError = (values: JsonObject) => netSuiteRecord('nsError', values);

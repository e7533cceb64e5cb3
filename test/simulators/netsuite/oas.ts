// Judges a NetSuite request body against the account's generated OpenAPI subset
// (../shared/oracles/netsuite/netsuite-oas-subset.json, read in place, never copied) for the record types it covers
// (vendorBill, vendor, ...): unknown property names (our client asks for X-NetSuite-PropertyNameValidation: Error),
// wrong scalar types, values outside an enum, malformed dates. oneOf is read as "any of": NetSuite's references
// ({id}) match several of the alternatives it lists.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const here = path.dirname(fileURLToPath(import.meta.url));
export const NETSUITE_OAS_FILE = path.resolve(
  here,
  '../../../../shared/oracles/netsuite/netsuite-oas-subset.json',
);

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  nullable?: boolean;
  format?: string;
  pattern?: string;
}
const SchemaShape: z.ZodType<Schema> = z.lazy(() =>
  z
    .object({
      $ref: z.string().optional(),
      type: z.string().optional(),
      properties: z.record(z.string(), SchemaShape).optional(),
      items: SchemaShape.optional(),
      oneOf: z.array(SchemaShape).optional(),
      anyOf: z.array(SchemaShape).optional(),
      allOf: z.array(SchemaShape).optional(),
      enum: z.array(z.unknown()).optional(),
      nullable: z.boolean().optional(),
      format: z.string().optional(),
      pattern: z.string().optional(),
    })
    .passthrough(),
);
const Oas = z.object({ components: z.object({ schemas: z.record(z.string(), SchemaShape) }) });

export function netsuiteOracleAvailable(): boolean {
  return fs.existsSync(NETSUITE_OAS_FILE);
}

let cached: Record<string, Schema> | null = null;
function schemas(): Record<string, Schema> {
  cached ??= Oas.parse(JSON.parse(fs.readFileSync(NETSUITE_OAS_FILE, 'utf8'))).components.schemas;
  return cached;
}

export function coversRecord(type: string): boolean {
  return netsuiteOracleAvailable() && schemas()[type] !== undefined;
}

export interface OasProblem {
  path: string;
  message: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function resolve(schema: Schema): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 20; i++) {
    const name = s.$ref.replace('#/components/schemas/', '');
    const target = schemas()[name];
    if (!target) throw new Error(`OAS subset: unknown $ref ${s.$ref}`);
    s = target;
  }
  return s;
}

function check(value: unknown, raw: Schema, at: string, out: OasProblem[]): void {
  const schema = resolve(raw);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    const tries = alternatives.map((alt) => {
      const problems: OasProblem[] = [];
      check(value, alt, at, problems);
      return problems;
    });
    if (!tries.some((p) => p.length === 0)) out.push(...(tries[0] ?? []));
    return;
  }
  for (const part of schema.allOf ?? []) check(value, part, at, out);
  if (value === null) {
    if (!schema.nullable && schema.type) out.push({ path: at, message: 'may not be null' });
    return;
  }
  const bad = (what: string): void => {
    out.push({ path: at, message: `expected ${what}, got ${JSON.stringify(value)}` });
  };
  switch (schema.type) {
    case 'object':
    case undefined:
      if (schema.type === undefined && !schema.properties) return;
      if (typeof value !== 'object' || Array.isArray(value)) return bad('an object');
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        const property = schema.properties?.[key];
        if (!property)
          out.push({ path: at ? `${at}.${key}` : key, message: 'is not a property of this record' });
        else check(v, property, at ? `${at}.${key}` : key, out);
      }
      return;
    case 'array':
      if (!Array.isArray(value)) return bad('an array');
      value.forEach((v, i) => schema.items && check(v, schema.items, `${at}[${i}]`, out));
      return;
    case 'string':
      if (typeof value !== 'string') return bad('a string');
      if (schema.format === 'date' && !DATE.test(value)) bad('a date (YYYY-MM-DD)');
      if (schema.enum && !schema.enum.includes(value)) bad(`one of ${schema.enum.slice(0, 8).join(', ')}`);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) bad('a number');
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) bad('an integer');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') bad('true or false');
      return;
  }
}

/** What NetSuite would refuse in a body of this record type (empty when it passes). */
export function validateRecord(type: string, body: unknown): OasProblem[] {
  const schema = schemas()[type];
  if (!schema) return [];
  const out: OasProblem[] = [];
  check(body, schema, '', out);
  return out;
}

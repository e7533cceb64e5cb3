// Judges a QuickBooks Online JSON body against Intuit's own v3 schema, flattened to
// ../shared/oracles/qbo/qbo-xsd-shapes.json (read in place, never copied). It reports what QuickBooks rejects
// before business rules: unknown keys, wrong scalar types, values outside an enum, and a Line whose DetailType
// does not match the one detail object it carries. Almost every XSD element is optional, so required fields are
// the simulator's business, not this file's.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';

const here = path.dirname(fileURLToPath(import.meta.url));
export const QBO_ORACLE_DIR = path.resolve(here, '../../../../shared/oracles/qbo');
const SHAPES_FILE = path.join(QBO_ORACLE_DIR, 'qbo-xsd-shapes.json');

const ElementShape = z.object({
  choice: z.boolean(),
  max: z.string(),
  min: z.number(),
  type: z.string().nullable(),
});
const ComplexShape = z.object({
  abstract: z.boolean(),
  attributes: z.record(z.string(), z.string()),
  base: z.string().nullable(),
  elements: z.record(z.string(), ElementShape),
});
const SimpleShape = z.object({ base: z.string(), enum: z.array(z.string()) });
const Shapes = z.object({
  complexTypes: z.record(z.string(), ComplexShape),
  simpleTypes: z.record(z.string(), SimpleShape),
  entities: z.record(z.string(), z.string()),
});
type Shapes = z.infer<typeof Shapes>;

export function qboOracleAvailable(): boolean {
  return fs.existsSync(SHAPES_FILE);
}

let cached: Shapes | null = null;
function shapes(): Shapes {
  if (!cached) {
    const parsed = Shapes.parse(JSON.parse(fs.readFileSync(SHAPES_FILE, 'utf8')));
    cached = withSalesTaxXsd(parsed);
  }
  return cached;
}

const SALES_TAX_XSD = path.join(QBO_ORACLE_DIR, 'xsd', 'SalesTax.xsd');

/**
 * The flattened shapes leave out SalesTax.xsd, which describes the TaxService entity (POST taxservice/taxcode):
 * read it in place and add its types, so a TaxService body is judged by the same rules as every other body.
 */
function withSalesTaxXsd(base: Shapes): Shapes {
  if (!fs.existsSync(SALES_TAX_XSD)) return base;
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    isArray: (name) => ['complexType', 'simpleType', 'element', 'enumeration'].includes(name),
  });
  const xsd = XsdFile.parse(parser.parse(fs.readFileSync(SALES_TAX_XSD, 'utf8')));
  const local = (type: string) => type.replace(/^xs:/, '');
  const complexTypes = { ...base.complexTypes };
  for (const t of xsd.schema.complexType ?? []) {
    const extension = t.complexContent?.extension;
    const sequence = extension?.sequence ?? t.sequence;
    const elements: Shapes['complexTypes'][string]['elements'] = {};
    for (const e of sequence?.element ?? []) {
      elements[e.name] = {
        choice: false,
        max: e.maxOccurs ?? '1',
        min: Number(e.minOccurs ?? '1'),
        type: local(e.type),
      };
    }
    complexTypes[t.name] = {
      abstract: false,
      attributes: {},
      base: extension ? local(extension.base) : null,
      elements,
    };
  }
  const simpleTypes = { ...base.simpleTypes };
  for (const t of xsd.schema.simpleType ?? []) {
    simpleTypes[t.name] = {
      base: local(t.restriction.base),
      enum: (t.restriction.enumeration ?? []).map((e) => e.value),
    };
  }
  const entities = { ...base.entities };
  for (const e of xsd.schema.element ?? []) entities[e.name] = local(e.type);
  return { complexTypes, simpleTypes, entities };
}

const XsdElement = z.object({
  name: z.string(),
  type: z.string(),
  minOccurs: z.string().optional(),
  maxOccurs: z.string().optional(),
});
const XsdSequence = z.object({ element: z.array(XsdElement).optional() });
const XsdFile = z.object({
  schema: z.object({
    element: z.array(XsdElement).optional(),
    complexType: z
      .array(
        z.object({
          name: z.string(),
          sequence: XsdSequence.optional(),
          complexContent: z
            .object({ extension: z.object({ base: z.string(), sequence: XsdSequence.optional() }) })
            .optional(),
        }),
      )
      .optional(),
    simpleType: z
      .array(
        z.object({
          name: z.string(),
          restriction: z.object({
            base: z.string(),
            enumeration: z.array(z.object({ value: z.string() })).optional(),
          }),
        }),
      )
      .optional(),
  }),
});

export interface SchemaProblem {
  path: string;
  message: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}([+-]\d{2}:\d{2}|Z)?$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)?$/;

function checkPrimitive(type: string, value: unknown, at: string, out: SchemaProblem[]): boolean {
  const bad = (what: string) =>
    out.push({ path: at, message: `expected ${what}, got ${JSON.stringify(value)}` });
  switch (type) {
    case 'string':
    case 'anyURI':
      if (typeof value !== 'string') bad('a string');
      return true;
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) bad('a number');
      return true;
    case 'int':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) bad('an integer');
      return true;
    case 'positiveInteger':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) bad('a positive integer');
      return true;
    case 'boolean':
      if (typeof value !== 'boolean') bad('true or false');
      return true;
    case 'date':
      if (typeof value !== 'string' || !DATE.test(value)) bad('a date YYYY-MM-DD');
      return true;
    case 'dateTime':
      if (typeof value !== 'string' || !DATETIME.test(value)) bad('a date-time');
      return true;
    default:
      return false;
  }
}

/** The elements and attributes of a complex type, its bases included. */
function flatten(typeName: string): {
  elements: Record<string, z.infer<typeof ElementShape>>;
  attributes: Record<string, string>;
  simpleBase: string | null;
} {
  const { complexTypes } = shapes();
  const elements: Record<string, z.infer<typeof ElementShape>> = {};
  const attributes: Record<string, string> = {};
  let simpleBase: string | null = null;
  let current: string | null = typeName;
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    seen.add(current);
    const shape: z.infer<typeof ComplexShape> | undefined = complexTypes[current];
    if (!shape) {
      simpleBase = current; // a complex type with simple content (ReferenceType → id): JSON carries it as "value"
      break;
    }
    Object.assign(elements, { ...shape.elements, ...elements });
    Object.assign(attributes, { ...shape.attributes, ...attributes });
    current = shape.base;
  }
  return { elements, attributes, simpleBase };
}

function checkValue(type: string, value: unknown, at: string, out: SchemaProblem[]): void {
  const { complexTypes, simpleTypes } = shapes();
  if (value === null) return; // QuickBooks treats null as absent
  if (checkPrimitive(type, value, at, out)) return;
  const simple = simpleTypes[type];
  if (simple) {
    checkPrimitive(simple.base, value, at, out);
    if (simple.enum.length > 0 && typeof value === 'string' && !simple.enum.includes(value)) {
      out.push({ path: at, message: `'${value}' is not one of ${simple.enum.join(', ')}` });
    }
    return;
  }
  if (type === 'IntuitAnyType' || type === 'ref:IntuitObject') return;
  if (!complexTypes[type]) return; // a type the flattened schema does not describe: nothing to judge
  checkObject(type, value, at, out);
}

function checkObject(type: string, value: unknown, at: string, out: SchemaProblem[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    out.push({ path: at, message: `expected an object (${type})` });
    return;
  }
  const { elements, attributes, simpleBase } = flatten(type);
  const record = value as Record<string, unknown>;
  for (const [key, child] of Object.entries(record)) {
    const childAt = at ? `${at}.${key}` : key;
    const element = elements[key];
    if (element) {
      if (!element.type) continue;
      if (Array.isArray(child)) {
        if (element.max !== 'unbounded') {
          out.push({ path: childAt, message: 'is a single value, not a list' });
          continue;
        }
        child.forEach((item, i) => checkValue(element.type!, item, `${childAt}[${i}]`, out));
      } else {
        checkValue(element.type, child, childAt, out);
      }
      continue;
    }
    if (key in attributes) {
      checkValue(attributes[key]!, child, childAt, out);
      continue;
    }
    if (key === 'value' && simpleBase) {
      checkValue(simpleBase, child, childAt, out);
      continue;
    }
    out.push({ path: childAt, message: `unknown property '${key}' on ${type}` });
  }
  if (type === 'Line' || flatten(type).elements['DetailType']) checkLineDetail(record, at, out);
}

/** A Line names its detail in DetailType and carries exactly that detail object. */
function checkLineDetail(line: Record<string, unknown>, at: string, out: SchemaProblem[]): void {
  const detailType = line['DetailType'];
  if (typeof detailType !== 'string') return;
  const details = Object.keys(line).filter((k) => k.endsWith('LineDetail'));
  if (detailType === 'DescriptionOnly') {
    if (details.length > 0)
      out.push({ path: at, message: `DescriptionOnly line carries ${details.join(', ')}` });
    return;
  }
  if (!(detailType in line)) {
    out.push({ path: at, message: `DetailType ${detailType} without a ${detailType} object` });
  }
  const others = details.filter((d) => d !== detailType);
  if (others.length > 0) {
    out.push({ path: at, message: `DetailType ${detailType} with another detail: ${others.join(', ')}` });
  }
}

/** Problems with `body` as the `entity` (e.g. 'Bill') QuickBooks would parse; empty when it is valid. */
export function validateEntity(entity: string, body: unknown): SchemaProblem[] {
  const type = shapes().entities[entity];
  if (!type) return [{ path: '', message: `unknown entity ${entity}` }];
  const out: SchemaProblem[] = [];
  checkObject(type, body, '', out);
  return out;
}

/** A type's elements (its bases' included) and attributes, for tests that write answers from the schema. */
export function shapeOf(type: string): {
  elements: Record<string, { choice: boolean; max: string; min: number; type: string | null }>;
  attributes: Record<string, string>;
  simple: { base: string; enum: string[] } | null;
  complex: boolean;
} {
  const { elements, attributes } = flatten(type);
  return {
    elements,
    attributes,
    simple: shapes().simpleTypes[type] ?? null,
    complex: type in shapes().complexTypes,
  };
}

/** The complex type an entity (e.g. 'Bill') is. */
export function entityType(entity: string): string | undefined {
  return shapes().entities[entity];
}

/** Enum values of a simple type, for tests. */
export function enumOf(simpleType: string): string[] {
  return shapes().simpleTypes[simpleType]?.enum ?? [];
}

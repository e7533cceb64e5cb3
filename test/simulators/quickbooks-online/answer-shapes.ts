// QuickBooks Online answers written from Intuit's own schema (../shared/oracles/qbo, through oracle.ts): a full
// record of an entity carries every element the XSD gives it (complex ones two levels deep, lists only where the
// test gives their items), with the test's own values where meaning matters (ids, links, amounts). Its variants
// leave out, in turn, every element the XSD marks minOccurs="0" and every attribute (all optional), nested ones
// included, and add an element the schema does not know. The XSD has no nillable elements, so nothing is null.
import { variantsOf, type Json, type JsonObject, type Variant } from '../answer-variants.js';
import { entityType, shapeOf } from './oracle.js';

export { qboOracleAvailable } from './oracle.js';

/** Elements never written from the schema alone: extension points, lists of custom things, a refusal (Fault). */
const SKIPPED = /(Ex|CustomField|CustomExtensions|AttachableRef|Tag|RecurringInfo|^Fault)$/;

function primitive(type: string, name: string): Json | undefined {
  const simple = shapeOf(type).simple;
  if (simple?.enum.length) return simple.enum[0]!;
  switch (simple?.base ?? type) {
    case 'string':
    case 'anyURI':
      return `${name} text`;
    case 'id':
      return '17';
    case 'decimal':
      return 12.5;
    case 'int':
    case 'long':
    case 'positiveInteger':
      return 3;
    case 'boolean':
      return true;
    case 'date':
      return '2026-11-02';
    case 'dateTime':
      return '2026-11-02T10:00:00-08:00';
    default:
      return undefined;
  }
}

/** A reference (ReferenceType, simple content with name and type attributes): JSON carries the id as "value". */
const isReference = (type: string) => {
  const s = shapeOf(type);
  return s.complex && Object.keys(s.elements).length === 0 && 'name' in s.attributes;
};

function write(type: string, overrides: JsonObject, depth: number): JsonObject {
  if (isReference(type)) return { value: '17', name: 'Referenced', ...overrides };
  const { elements } = shapeOf(type);
  const out: JsonObject = {};
  for (const [name, element] of Object.entries(elements).sort(([a], [b]) => a.localeCompare(b))) {
    const given = overrides[name];
    const childType = element.type;
    if (given !== undefined) {
      if (childType && shapeOf(childType).complex && given !== null) {
        out[name] = Array.isArray(given)
          ? given.map((g) =>
              typeof g === 'object' && g && !Array.isArray(g) ? write(childType, g, depth + 1) : g,
            )
          : typeof given === 'object' && !Array.isArray(given)
            ? write(childType, given, depth + 1)
            : given;
      } else out[name] = given;
      continue;
    }
    if (!childType || element.choice || SKIPPED.test(name) || childType.includes(':')) continue;
    if (childType === 'IntuitAnyType') continue;
    if (shapeOf(childType).complex) {
      if (element.max === 'unbounded' || depth >= 1) continue;
      out[name] = write(childType, {}, depth + 1);
      continue;
    }
    const value = primitive(childType, name);
    if (value !== undefined) out[name] = element.max === 'unbounded' ? [value] : value;
  }
  // Attributes and anything else the test gives (status, domain, sparse) are kept as given.
  for (const [name, value] of Object.entries(overrides)) if (!(name in out)) out[name] = value;
  return out;
}

/** An entity's type, or the type itself for the answer wrappers (QueryResponse, Fault). */
const typeOf = (entity: string) => entityType(entity) ?? (shapeOf(entity).complex ? entity : undefined);

/** A full `entity` (e.g. 'Bill', or a wrapper such as 'Fault') as QuickBooks could answer it, with `values`. */
export function qboRecord(entity: string, values: JsonObject): JsonObject {
  const type = typeOf(entity);
  if (!type) throw new Error(`${entity} is not an entity of the QuickBooks Online schema`);
  return write(type, values, 0);
}

/** The type of the object at `path` in a record of `entity` ("Line[0].LinkedTxn[0]" → LinkedTxn). */
function typeAt(entity: string, path: string): string | null {
  let type: string | null = typeOf(entity) ?? null;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (/^\d+$/.test(part) || !type) continue;
    type = shapeOf(type).elements[part]?.type ?? null;
  }
  return type;
}

/** Every shape of `full` (a record of `entity`) the schema allows, as the shared variants. */
export function qboVariants(entity: string, full: JsonObject): Variant[] {
  return variantsOf(full, {
    optional(path, key) {
      const type = typeAt(entity, path);
      if (!type) return false;
      const { elements, attributes } = shapeOf(type);
      if (key in attributes) return true;
      const element = elements[key];
      return element ? element.min === 0 : false;
    },
    nullable: () => false,
    enumerated(path, key) {
      const type = typeAt(entity, path);
      const child = type ? shapeOf(type).elements[key]?.type : undefined;
      return !!child && (shapeOf(child).simple?.enum.length ?? 0) > 0;
    },
  });
}

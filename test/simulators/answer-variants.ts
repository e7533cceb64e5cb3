// The shapes of one answer that a vendor's own specification allows, written from a full record: each optional
// property left out in turn (nested records included, where the schema walk says which are optional), each
// nullable one set to null, and one unknown extra property. Shared by the per-system answer-shapes modules, which
// know their specification's notion of "optional" and "nullable".

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Variant {
  /** What changed, as a path: "Vendor/DisplayName dropped", "Line[0]/Amount null". */
  label: string;
  /** The property path the change is at ("DisplayName", "Line[0].Amount"). */
  path: string;
  kind: 'dropped' | 'null' | 'extra' | 'full' | 'other';
  record: JsonObject;
}

/** Tells, for the object at `path` in the full record, which of its keys may be left out and which may be null. */
export interface Optionality {
  optional(path: string, key: string): boolean;
  nullable(path: string, key: string): boolean;
  /** Whether the value is one of an enumeration (a newer version of the API may answer a value not listed). */
  enumerated?(path: string, key: string): boolean;
}

/** A value no enumeration of any of the specifications lists. */
export const UNLISTED = 'LedgerbridgeUnlistedValue';

function clone<T extends Json>(value: T): T {
  return structuredClone(value);
}

/** The object at a path like "Line[0].LinkedTxn[0]" ("" is the record). */
function at(record: JsonObject, path: string): JsonObject {
  let node: Json = record;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    node = Array.isArray(node) ? node[Number(part)]! : (node as JsonObject)[part]!;
  }
  return node as JsonObject;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Every variant of `full`: objects nested at most `depth` levels (first item of each list) are walked too. */
export function variantsOf(full: JsonObject, rules: Optionality, depth = 2): Variant[] {
  const out: Variant[] = [{ label: 'all properties present', path: '', kind: 'full', record: clone(full) }];
  const walk = (path: string, level: number) => {
    const node = at(full, path);
    for (const [key, value] of Object.entries(node)) {
      const here = join(path, key);
      if (rules.optional(path, key)) {
        const record = clone(full);
        delete at(record, path)[key];
        out.push({ label: `${here} left out`, path: here, kind: 'dropped', record });
      }
      if (value !== null && rules.nullable(path, key)) {
        const record = clone(full);
        at(record, path)[key] = null;
        out.push({ label: `${here} null`, path: here, kind: 'null', record });
      }
      if (typeof value === 'string' && rules.enumerated?.(path, key)) {
        const record = clone(full);
        at(record, path)[key] = UNLISTED;
        out.push({ label: `${here} not one of its enumeration`, path: here, kind: 'other', record });
      }
      if (level >= depth) continue;
      if (Array.isArray(value) && value[0] && typeof value[0] === 'object' && !Array.isArray(value[0])) {
        walk(`${here}[0]`, level + 1);
      } else if (value && typeof value === 'object' && !Array.isArray(value)) {
        walk(here, level + 1);
      }
    }
  };
  walk('', 0);
  const extra = clone(full);
  extra['LedgerbridgeUnknownProperty'] = { added: 'by a newer version of the API' };
  out.push({
    label: 'an unknown extra property',
    path: 'LedgerbridgeUnknownProperty',
    kind: 'extra',
    record: extra,
  });
  return out;
}

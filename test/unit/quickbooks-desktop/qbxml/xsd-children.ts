// The children Intuit's qbXML 13.0 schema allows in an element, in schema order, with whether each may be left out
// (minOccurs="0", or inside an optional xsd:choice or group). Read from ../shared/oracles/qbxml/ in place, so the
// tests that use it check the parser against what QuickBooks may really leave out of an answer.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { QBXML_XSD } from '../../../simulators/quickbooks-desktop/xsd-validate.js';

export interface XsdChild {
  name: string;
  /** minOccurs="0" on the element or on an enclosing choice, sequence or group. */
  optional: boolean;
  /** An alternative of an xsd:choice (its siblings in the choice may stand in for it). */
  choice: boolean;
}

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const FILES = ['qbxmltypes130.xsd', 'qbxml130.xsd'];

export function xsdAvailable(): boolean {
  return existsSync(QBXML_XSD) && FILES.every((f) => existsSync(path.join(path.dirname(QBXML_XSD), f)));
}

let model: { elements: Map<string, Node[]>; groups: Map<string, Node[]>; types: Map<string, Node[]> } | null =
  null;

function load() {
  if (model) return model;
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    preserveOrder: true,
    removeNSPrefix: true,
  });
  const elements = new Map<string, Node[]>();
  const groups = new Map<string, Node[]>();
  const types = new Map<string, Node[]>();
  for (const file of FILES) {
    const doc = parser.parse(readFileSync(path.join(path.dirname(QBXML_XSD), file), 'utf8')) as Node[];
    const schema = doc.find((n) => 'schema' in n);
    for (const node of (schema?.['schema'] as Node[] | undefined) ?? []) {
      const name = node[':@']?.['name'];
      if (!name) continue;
      if ('element' in node) elements.set(name, node['element'] as Node[]);
      else if ('group' in node) groups.set(name, node['group'] as Node[]);
      else if ('complexType' in node) types.set(name, node['complexType'] as Node[]);
    }
  }
  model = { elements, groups, types };
  return model;
}

function tagOf(node: Node): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text');
}

function walk(nodes: Node[], optional: boolean, choice: boolean, out: XsdChild[]): void {
  const m = load();
  for (const node of nodes) {
    const tag = tagOf(node);
    const attrs = node[':@'] ?? {};
    const opt = optional || attrs['minOccurs'] === '0';
    const inner = (node[tag ?? ''] as Node[] | undefined) ?? [];
    switch (tag) {
      case 'element':
        out.push({ name: attrs['ref'] ?? attrs['name'] ?? '?', optional: opt, choice });
        break;
      case 'sequence':
        walk(inner, opt, choice, out);
        break;
      case 'choice':
        walk(inner, opt, true, out);
        break;
      case 'group':
        if (attrs['ref']) walk(m.groups.get(attrs['ref']) ?? [], opt, choice, out);
        else walk(inner, opt, choice, out);
        break;
      case 'complexType':
      case 'complexContent':
        walk(inner, opt, choice, out);
        break;
      case 'extension':
        if (attrs['base']) walk(m.types.get(attrs['base']) ?? [], opt, choice, out);
        walk(inner, opt, choice, out);
        break;
      default:
        break;
    }
  }
}

/** The children of a top-level element (e.g. "BillRet"), in schema order; null when the schema has no such element. */
export function xsdChildren(element: string): XsdChild[] | null {
  const m = load();
  const def = m.elements.get(element);
  if (!def) return null;
  const out: XsdChild[] = [];
  const type = (def as unknown as { ':@'?: Record<string, string> })[':@']?.['type'];
  walk(def, false, false, out);
  if (out.length === 0 && type && m.types.has(type)) walk(m.types.get(type) ?? [], false, false, out);
  return out;
}

// One ESLint rule for the layers of main/: which folder may import which (eslint.config.js lists the zones,
// docs/architecture.md says why). no-restricted-imports sees an import only as written ("../../sync/references"
// means one thing from a connector's top folder and another from quickbooks-desktop/units/); this rule resolves a
// relative import against the importing file first, so one zone covers every depth.
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** The repository path an import points to, without its extension or a trailing /index; bare names as written. */
function target(filename, specifier) {
  if (!specifier.startsWith('.')) return specifier;
  const resolved = path
    .relative(root, path.resolve(path.dirname(filename), specifier))
    .split(path.sep)
    .join('/');
  return resolved.replace(/\.(js|ts|tsx|mjs|cjs)$/, '').replace(/\/index$/, '');
}

/** Whether the import brings in types only (import type, export type, or every specifier marked type). */
function typeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @type {import('eslint').Rule.RuleModule} */
const importZones = {
  meta: {
    type: 'problem',
    docs: { description: 'Which folders of main/ may import which (resolved paths, any depth).' },
    schema: [
      {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            // A regular expression on the importing file's repository path; its groups may be used in `forbid`
            // as $1, $2 ("another connector than this one").
            from: { type: 'string' },
            // Regular expressions on the imported module's repository path (or bare package name).
            forbid: { type: 'array', items: { type: 'string' } },
            // When true, `import type` of a forbidden module is allowed (types carry no behaviour).
            allowTypes: { type: 'boolean' },
            message: { type: 'string' },
          },
          required: ['from', 'forbid', 'message'],
          additionalProperties: false,
        },
      },
    ],
  },
  create(context) {
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const zones = [];
    for (const zone of context.options[0] ?? []) {
      const match = new RegExp(zone.from).exec(file);
      if (!match) continue;
      const forbid = zone.forbid.map(
        (pattern) => new RegExp(pattern.replace(/\$(\d)/g, (_, n) => escape(match[Number(n)] ?? ''))),
      );
      zones.push({ forbid, allowTypes: zone.allowTypes === true, message: zone.message });
    }
    if (zones.length === 0) return {};

    function check(node, source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const resolved = target(context.filename, source.value);
      for (const zone of zones) {
        if (zone.allowTypes && typeOnly(node)) continue;
        if (zone.forbid.some((pattern) => pattern.test(resolved))) {
          context.report({ node: source, message: `${zone.message} ('${source.value}')` });
          return;
        }
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export default { rules: { 'import-zones': importZones } };

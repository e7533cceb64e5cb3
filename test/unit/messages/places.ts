// What places.test.ts checks with: the renderer read as pages (the files each page is made of, and the labels each
// file shows), and the user-facing messages of main/ and renderer/ read as templates whose `${…}` placeholders are
// expanded over the values they can take. Kept apart from the test so that the test can feed it planted messages.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

export const ACCOUNTING = ['QuickBooks Online', 'QuickBooks Desktop', 'Xero', 'NetSuite'] as const;
const SYSTEM_OF_FOLDER: Record<string, string> = {
  'quickbooks-online': 'QuickBooks Online',
  'quickbooks-desktop': 'QuickBooks Desktop',
  xero: 'Xero',
  netsuite: 'NetSuite',
  servicetrade: 'ServiceTrade',
};
const SYSTEM_NAMES = [...ACCOUNTING, 'ServiceTrade'];

/**
 * Code that can speak of a ServiceTrade connection as well as of an accounting one: the job ledger runs ServiceTrade
 * jobs, and job costing and the ServiceTrade handlers are about it. Elsewhere a system's name is an accounting
 * system's (the reference engine, pairing, lists and sending serve only those).
 */
const SERVICETRADE_TOO = [/^main\/sync\/jobs\.ts$/, /servicetrade/, /job-costing/];

export function sourceFiles(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel, ext));
    else if (ext.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name)) out.push(rel);
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------------------------------------------
// The renderer

interface Label {
  file: string;
  /** As written, a `{…}` standing for what the component is given ("Create missing … in {system}"). */
  text: string;
  /** The component it is drawn by (null: outside any): it is on a page only if the page renders that component. */
  component: string | null;
}

export interface Renderer {
  /** A page's name as the sidebar or the Connections tabs show it → the files that make it. */
  pages: Map<string, Set<string>>;
  all: Set<string>;
  closure(file: string): Set<string>;
  labels: Label[];
  sources: Map<string, string>;
  /** The components the routes draw: on their page by being its root. */
  roots: Set<string>;
}

function resolveImport(from: string, spec: string, sources: Map<string, string>): string | null {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const candidate of [`${base}.tsx`, `${base}.ts`, `${base}/index.ts`, `${base}/index.tsx`, base]) {
    if (sources.has(candidate)) return candidate;
  }
  return null;
}

function componentDeclarations(source: string): { name: string; at: number }[] {
  return [
    ...source.matchAll(
      /^(?:export )?(?:default )?(?:function ([A-Z]\w*)|const ([A-Z]\w*)\s*=\s*(?:\(|function|memo))/gm,
    ),
  ].map((m) => ({ name: (m[1] ?? m[2])!, at: m.index }));
}

function fileLabels(file: string, source: string): Label[] {
  const declarations = componentDeclarations(source);
  const componentAt = (at: number) => declarations.filter((d) => d.at < at).pop()?.name ?? null;
  const out: Label[] = [];
  const add = (text: string, at: number) => {
    const clean = squash(text);
    if (!clean) return;
    out.push({ file, text: clean, component: componentAt(at) });
    // A label's trailing hint in parentheses is not part of its name: "… as suppliers (when the lists are read)".
    const bare = clean.replace(/\s*\([^()]*\)$/, '');
    if (bare !== clean) out.push({ file, text: bare, component: componentAt(at) });
  };
  for (const m of source.matchAll(/>([^<>]*?)<\/?[A-Za-z]/g)) {
    const text = (m[1] ?? '').replace(/\{' '\}/g, ' ');
    if (/[A-Za-z]/.test(text) && !/[;=]|=>/.test(text)) add(text, m.index);
  }
  // Texts chosen in an expression: {busy ? 'Connecting…' : 'Reconnect'}.
  if (file.endsWith('.tsx')) {
    for (const m of source.matchAll(/(?:\?|:|\{|\|\||\?\?)\s*'([A-Z][^'{}]*)'\s*(?=\}|:|\))/g))
      add(m[1] ?? '', m.index);
  }
  // Label maps: { revise: 'Revise', cancel: 'Cancel…' } (a button drawn from its action's name).
  for (const m of source.matchAll(/^\s*[a-z_]\w*: '([A-Z][^'{}\n]{0,48})',?$/gm)) add(m[1] ?? '', m.index);
  for (const m of source.matchAll(
    /\b(?:label|title|text|legend|summary|aria-label)[=:]\s*(?:\{\s*)?(['"`])((?:(?!\1).)+)\1/g,
  )) {
    add((m[2] ?? '').replace(/\$\{/g, '{'), m.index);
  }
  // A label that is mostly a `{…}` would match any name: it must keep a literal word of its own.
  return out.filter((l) => l.text.replace(/\{[^}]*\}/g, '').replace(/[^A-Za-z]/g, '').length >= 3);
}

export function readRenderer(): Renderer {
  const sources = new Map<string, string>();
  for (const file of sourceFiles('renderer/src', /\.tsx?$/))
    sources.set(file, fs.readFileSync(path.join(ROOT, file), 'utf8'));

  const imports = new Map<string, string[]>();
  for (const [file, source] of sources) {
    imports.set(
      file,
      [...source.matchAll(/\bfrom '(\.{1,2}\/[^']+)'/g)]
        .map((m) => resolveImport(file, m[1]!, sources))
        .filter((f): f is string => f !== null),
    );
  }
  const closure = (file: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [file];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(imports.get(next) ?? []));
    }
    return seen;
  };

  // Pages: the sidebar (App.tsx's NAV) and the tabs under Connections, each to the component its route draws.
  const app = sources.get('renderer/src/App.tsx') ?? '';
  const tabs = sources.get('renderer/src/components/ConnectionsTabs.tsx') ?? '';
  const named = [
    ...app.matchAll(/\{ id: '([\w-]+)', label: '([^']+)' \}/g),
    ...tabs.matchAll(/id: '([\w-]+)'(?: as const)?,\s*label: '([^']+)'/g),
  ].map((m) => ({ id: m[1]!, name: m[2]! }));
  const pages = new Map<string, Set<string>>();
  const roots = new Set<string>();
  for (const { id, name } of named) {
    const drawn = new RegExp(`route\\.page === '${escape(id)}' &&\\s*\\(?\\s*<(\\w+)`).exec(app)?.[1];
    if (!drawn) continue;
    const file = [...sources].find(([, s]) => new RegExp(`export function ${drawn}\\b`).test(s))?.[0];
    if (file) pages.set(name, closure(file));
    roots.add(drawn);
  }

  const labels = [...sources].flatMap(([file, source]) => fileLabels(file, source));
  return { pages, all: new Set(sources.keys()), closure, labels, sources, roots };
}

/** Lines that only import or re-export a name do not draw it. */
const drawingCode = (source: string) => source.replace(/^(?:import|export) [^;]*? from '[^']+';$/gms, '');

/** Per scope (a set of files, kept as is while the test runs): what has been worked out about it. */
const scopeCache = new WeakMap<Set<string>, Map<string, RegExp[]>>();
const drawingCache = new Map<string, string>();

function drawing(renderer: Renderer, file: string): string {
  let code = drawingCache.get(file);
  if (code === undefined) {
    code = drawingCode(renderer.sources.get(file) ?? '');
    drawingCache.set(file, code);
  }
  return code;
}

/**
 * The ways `label` can read in `scope`: none when its component is drawn by no file of the scope; its `{prop}`s
 * replaced by the literal values the scope passes (`<CreateMissingField system="Xero" …>`), or by any words.
 */
function labelPatterns(renderer: Renderer, label: Label, scope: Set<string>): RegExp[] {
  let cache = scopeCache.get(scope);
  if (!cache) scopeCache.set(scope, (cache = new Map()));
  const key = `${label.file}\u0000${label.component ?? ''}\u0000${label.text}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const patterns = computePatterns(renderer, label, scope);
  cache.set(key, patterns);
  return patterns;
}

function computePatterns(renderer: Renderer, label: Label, scope: Set<string>): RegExp[] {
  const users: string[] = [];
  if (label.component && !renderer.roots.has(label.component)) {
    const reference = new RegExp(`\\b${label.component}\\b`, 'g');
    for (const file of scope) {
      const code = drawing(renderer, file);
      const count = [...code.matchAll(reference)].length;
      const declared = file === label.file ? 1 : 0;
      if (count > declared) users.push(code);
    }
    if (users.length === 0) return [];
  }
  const holes = [...label.text.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!.trim());
  let texts = [label.text];
  for (const hole of holes) {
    const given = new Set<string>();
    if (/^\w+$/.test(hole) && label.component) {
      for (const code of users) {
        for (const use of code.matchAll(new RegExp(`<${label.component}\\b((?:[^<>]|=>)*?)/?>`, 'g'))) {
          const value = new RegExp(`\\b${hole}="([^"]*)"`).exec(use[1] ?? '')?.[1];
          if (value !== undefined) given.add(value);
        }
      }
    }
    texts = texts.flatMap((t) => (given.size > 0 ? [...given].map((v) => t.replace(`{${hole}}`, v)) : [t]));
  }
  return texts.map(
    (text) =>
      new RegExp(
        `^${text
          .split(/\$?\{[^}]*\}/)
          .map((part) => escape(part.trim()))
          .join('\\s*.+?\\s*')}$`,
        'i',
      ),
  );
}

/** The files of `scope` that show a label reading `name`. */
export function filesShowing(renderer: Renderer, name: string, scope: Set<string>): Set<string> {
  const found = new Set<string>();
  for (const label of renderer.labels) {
    if (!scope.has(label.file) || found.has(label.file)) continue;
    if (labelPatterns(renderer, label, scope).some((p) => p.test(name))) found.add(label.file);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Messages

type Part = string | { expr: string; values: string[] | null };

export interface Message {
  file: string;
  /** One reading of the message, its placeholders replaced by one of their values (or by OPAQUE). */
  text: string;
}

/** What a placeholder of unknown value reads as: a place named through it cannot be checked, and fails. */
export const OPAQUE = '‹…›';

function systemsOf(file: string): string[] {
  const folder = /^main\/connectors\/([\w-]+)\//.exec(file)?.[1];
  if (folder && SYSTEM_OF_FOLDER[folder]) return [SYSTEM_OF_FOLDER[folder]];
  return SERVICETRADE_TOO.some((r) => r.test(file)) ? SYSTEM_NAMES : [...ACCOUNTING];
}

/** Expressions that hold a system's name: `connector.label`, `system`, `QBD_LABEL`, `connection.system`. */
const isSystemName = (expr: string) =>
  expr
    .split(/\?\?|\|\|/)
    .map((e) => e.trim().replace(/\?\./g, '.'))
    .some((e) => /(?:^|\.)(?:label|system|systemLabel|systemName)$|^[A-Z_]*LABEL$/.test(e));

function literalValues(node: ts.Expression): string[] | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node)) return literalValues(node.expression);
  if (ts.isConditionalExpression(node)) {
    const a = literalValues(node.whenTrue);
    const b = literalValues(node.whenFalse);
    return a && b ? [...a, ...b] : null;
  }
  return null;
}

function placeholder(node: ts.Expression, file: string, source: string): Part {
  const expr = node.getText();
  const literal = literalValues(node);
  if (literal) return { expr, values: literal };
  if (isSystemName(expr)) return { expr, values: systemsOf(file) };
  // `noun.pairIn`: the values the file's object literals give that property.
  const property = /\.(\w+)$/.exec(expr)?.[1];
  if (property) {
    const values = [...source.matchAll(new RegExp(`\\b${property}: '([^']*)'`, 'g'))].map((m) => m[1]!);
    if (values.length > 0) return { expr, values: [...new Set(values)] };
  }
  return { expr, values: null };
}

function expand(parts: Part[]): string[] {
  const keys = [
    ...new Set(parts.flatMap((p) => (typeof p === 'string' || p.values === null ? [] : [p.expr]))),
  ];
  let choices: Map<string, string>[] = [new Map()];
  for (const key of keys) {
    const values = (parts.find((p) => typeof p !== 'string' && p.expr === key) as { values: string[] })
      .values;
    choices = choices.flatMap((c) => values.map((v) => new Map(c).set(key, v)));
    if (choices.length > 256) throw new Error(`Too many readings of a message: ${parts.join('')}`);
  }
  return choices.map((choice) =>
    squash(parts.map((p) => (typeof p === 'string' ? p : p.values ? choice.get(p.expr)! : OPAQUE)).join('')),
  );
}

/** Every reading of every string, template and JSX text of a source file. */
export function messagesOf(file: string, source: string): Message[] {
  const sf = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const templates: Part[][] = [];
  const partsOf = (node: ts.Expression): Part[] | null => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
    if (ts.isTemplateExpression(node)) {
      const parts: Part[] = [node.head.text];
      for (const span of node.templateSpans) {
        parts.push(placeholder(span.expression, file, source), span.literal.text);
      }
      return parts;
    }
    if (ts.isParenthesizedExpression(node)) return partsOf(node.expression);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = partsOf(node.left) ?? [placeholder(node.left, file, source)];
      const right = partsOf(node.right) ?? [placeholder(node.right, file, source)];
      return [...left, ...right];
    }
    return null;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isJsxText(node)) {
      if (node.text.trim()) templates.push([node.text]);
      return;
    }
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateExpression(node) ||
      (ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.PlusToken &&
        [node.left, node.right].some((n) => ts.isStringLiteralLike(n) || ts.isTemplateExpression(n)))
    ) {
      const parts = partsOf(node as ts.Expression);
      if (parts) templates.push(parts);
    }
    // Templates nested in a placeholder (`${x ? `…` : '…'}`) are messages of their own too.
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return templates.flatMap((parts) => expand(parts).map((text) => ({ file, text })));
}

// ---------------------------------------------------------------------------------------------------------------
// Places named in a message, and what they name on them

/** A place: a page, or a path from the Connections page down ("Connections → Xero settings → Tax rates"). */
interface Place {
  at: number;
  end: number;
  steps: string[];
}

/** A label named on a place: "turn on '…'", "the … setting", "the … button", "choose …". */
interface Mention {
  at: number;
  end: number;
  kind: 'setting' | 'button' | 'field';
  /** Readings of the name, longest first ("Connect again" then "Connect"): any one must be shown. */
  names: string[];
  /** Not checked when its sentence names no place: a sentence that speaks of QuickBooks, Xero or the Web Connector. */
  needsPlace: boolean;
}

function placesIn(sentence: string, pageNames: Set<string>): { places: Place[]; mentions: Mention[] } {
  const places: Place[] = [];
  const mentions: Mention[] = [];
  const place = (at: number, text: string, steps: string[]) =>
    places.push({ at, end: at + text.length, steps: steps.map((s) => squash(s.replace(/^the /, ''))) });

  for (const m of sentence.matchAll(
    /Connections → ([^.,;:()]+?)(?=$|[.,;:()]| so | to | then | and | or | first)/g,
  )) {
    place(m.index, m[0], ['Connections', ...(m[1] ?? '').split(' → ')]);
  }
  for (const m of sentence.matchAll(/\bin Connections\b(?! →)/g)) place(m.index, m[0], ['Connections']);
  for (const m of sentence.matchAll(
    /(?<!→ )\b(QuickBooks Online|QuickBooks Desktop|Xero|NetSuite|ServiceTrade) settings\b/g,
  )) {
    place(m.index, m[0], ['Connections', `${m[1]} settings`]);
  }
  for (const m of sentence.matchAll(
    /\b(?:the connection settings|the connection's settings|its settings|in the connection\b)/g,
  )) {
    place(m.index, m[0], ['Connections']);
  }
  for (const m of sentence.matchAll(
    /\b(?:the|on|to|from|Ledgerbridge's) ([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)*) page\b/g,
  )) {
    const name = m[1]!;
    // "the Relay page" of a connection's settings is a field, not a page of the app.
    if (pageNames.has(name)) place(m.index, m[0], [name]);
    else
      mentions.push({
        at: m.index,
        end: m.index + m[0].length,
        kind: 'field',
        names: [`${name} page`],
        needsPlace: false,
      });
  }
  for (const m of sentence.matchAll(
    /\b(?:[Pp]air (?:it|them|the [a-z ]+?) (?:by hand )?in|[Cc]heck the pairing in) ([A-Z][A-Za-z]*(?: (?!(?:or|and|so|then|to|first)\b)[A-Za-z]+)*)/g,
  )) {
    const name = m[1]!;
    if (name !== 'Connections' && !SYSTEM_NAMES.includes(name)) place(m.index, m[0], [name]);
  }

  const mention = (m: RegExpMatchArray, kind: Mention['kind'], name: string, needsPlace: boolean) => {
    mentions.push({ at: m.index!, end: m.index! + m[0].length, kind, names: [squash(name)], needsPlace });
  };
  for (const m of sentence.matchAll(/turn (?:on|off) ['‘"“]([^'’"”]+)['’"”]/gi))
    mention(m, 'setting', m[1]!, false);
  for (const m of sentence.matchAll(/the ['‘"“]([^'’"”]+)['’"”] (setting|button|checkbox)/gi))
    mention(m, m[2] === 'button' ? 'button' : 'setting', m[1]!, false);
  for (const m of sentence.matchAll(/\bthe ([A-Z][\w…]*(?: [\w…]+)*?) button\b/g))
    mention(m, 'button', m[1]!, false);
  // "choose Connect again and allow access": the button is some first words, up to a word that ends its name.
  for (const m of sentence.matchAll(
    /\b(?:[Cc]hoose|[Cc]lick) ([A-Z][\w…]*(?: (?!(?:on|from|to|again|and|then|next|first|so|or|in (?:Connections|the))\b)[\w…]+)*)/g,
  )) {
    const words = m[1]!.split(' ');
    const names = words.map((_, i) => words.slice(0, words.length - i).join(' '));
    // A button of another program ("click Update Selected in the Web Connector") is not ours to check.
    const elsewhere =
      /\b(?:in|on) (?:the )?(?:QuickBooks|Web Connector|Xero|NetSuite|ServiceTrade|Excel)\b(?! page)/i;
    mentions.push({
      at: m.index,
      end: m.index + m[0].length,
      kind: 'button',
      names,
      needsPlace: elsewhere.test(sentence),
    });
  }
  return { places, mentions };
}

/**
 * The place a mention is on: the one it is said to be in or on ("turn on '…' in Connections → …"), else the one
 * named before it in the sentence ("Connections → Lists: the Import new button"), else the one after it.
 */
function placeOf(sentence: string, mention: Mention, places: Place[]): Place | null {
  const after = places.filter((p) => p.at >= mention.end).sort((a, b) => a.at - b.at)[0];
  if (
    after &&
    /^[\s'’"”]*(?:\([^)]*\))?\s*(?:in|on|from)\b/.test(sentence.slice(mention.end, after.at)) &&
    after.at - mention.end < 48
  ) {
    return after;
  }
  const before = places.filter((p) => p.end <= mention.at).sort((a, b) => b.at - a.at)[0];
  return before ?? after ?? null;
}

const scopes = new Map<string, Set<string> | string>();

/** The files a place is drawn by, or why it is nowhere. */
function scopeOf(renderer: Renderer, place: Place): Set<string> | string {
  const key = place.steps.join(' → ');
  let scope = scopes.get(key);
  if (scope === undefined) scopes.set(key, (scope = findScope(renderer, place)));
  return scope;
}

function findScope(renderer: Renderer, place: Place): Set<string> | string {
  let scope: Set<string> | undefined;
  let where = 'the renderer';
  for (const step of place.steps) {
    if (step.includes(OPAQUE))
      return `'${step}' cannot be checked: its placeholder takes values the test cannot list`;
    const page = renderer.pages.get(step);
    if (page) {
      scope = page;
    } else if (!scope) {
      return `no page '${step}' in the sidebar or the Connections tabs`;
    } else {
      const files = filesShowing(renderer, step, scope);
      if (files.size === 0) return `'${step}' is not on ${where}`;
      scope = new Set([...files].flatMap((f) => [...renderer.closure(f)]));
    }
    where = `'${place.steps.slice(0, place.steps.indexOf(step) + 1).join(' → ')}'`;
  }
  return scope ?? renderer.all;
}

/** What in a message names a place that is not there: one line per fault. */
export function faultsOf(renderer: Renderer, message: Message): string[] {
  const faults: string[] = [];
  const pageNames = new Set(renderer.pages.keys());
  for (const sentence of message.text.split(/(?<=[.;!?])\s+/)) {
    const { places, mentions } = placesIn(sentence, pageNames);
    for (const place of places) {
      const scope = scopeOf(renderer, place);
      if (typeof scope === 'string') faults.push(`${place.steps.join(' → ')}: ${scope}`);
    }
    for (const mention of mentions) {
      const on = placeOf(sentence, mention, places);
      if (!on && mention.needsPlace) continue;
      const scope = on ? scopeOf(renderer, on) : renderer.all;
      if (typeof scope === 'string') continue; // said above
      if (mention.names.some((n) => n.includes(OPAQUE))) {
        faults.push(
          `the ${mention.kind} '${mention.names[0]}' cannot be checked: its placeholder is unknown`,
        );
      } else if (!mention.names.some((n) => filesShowing(renderer, n, scope).size > 0)) {
        const where = on ? `'${on.steps.join(' → ')}'` : 'any page';
        faults.push(
          mention.kind === 'field'
            ? `no page '${mention.names[0]!.replace(/ page$/, '')}', nor a field '${mention.names[0]}' on ${where}`
            : `the ${mention.kind} '${mention.names[0]}' is not on ${where}`,
        );
      }
    }
  }
  return faults.map((f) => `${message.file}: ${f} — in "${message.text.slice(0, 200)}"`);
}

/** Whether a message names any place at all (for the test that the collection sees the known kinds). */
export function namesAPlace(renderer: Renderer, text: string): boolean {
  const { places, mentions } = placesIn(text, new Set(renderer.pages.keys()));
  return places.length > 0 || mentions.length > 0;
}

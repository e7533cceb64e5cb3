// Messages that send the bookkeeper somewhere (issue 16): every user-facing string in main/ and renderer/ that
// names a place in the app — "Connections → …", "the … setting", "turn on '…'", "the … button", "the … page" — is
// checked against what the renderer shows: its navigation, tabs, headings, summaries, button and field labels, read
// from the renderer source. A page or label renamed without its messages fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(rel, ext));
    else if (ext.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name)) out.push(rel);
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * What the renderer shows that a message can name: JSX text (a `{…}` inside it stands for any words, as the
 * system's name in "Create missing suppliers and records in {system}"), and label-like attributes and properties.
 */
function rendererLabels(): RegExp[] {
  const labels = new Set<string>();
  for (const file of files('renderer/src', /\.tsx?$/)) {
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of source.matchAll(/>([^<>]*?)<\/?[A-Za-z]/g)) {
      const text = squash((m[1] ?? '').replace(/\{' '\}/g, ' '));
      if (/[A-Za-z]/.test(text) && !/[;=]|=>/.test(text)) labels.add(text);
    }
    // Texts chosen in an expression: {busy ? 'Connecting…' : 'Reconnect'}.
    if (file.endsWith('.tsx')) {
      for (const m of source.matchAll(/(?:\?|:|\{|\|\||\?\?)\s*'([A-Z][^'{}]*)'\s*(?=\}|:|\))/g))
        labels.add(squash(m[1] ?? ''));
    }
    for (const m of source.matchAll(
      /\b(?:label|title|text|legend|summary|aria-label)[=:]\s*(?:\{\s*)?(['"`])((?:(?!\1).)+)\1/g,
    )) {
      labels.add(squash(m[2] ?? ''));
    }
  }
  // A label that is mostly a `{…}` would match any name: it must keep a literal word of its own.
  // A label's trailing hint in parentheses is not part of its name: "… as suppliers (when the lists are read)".
  for (const label of [...labels]) labels.add(label.replace(/\s*\([^()]*\)$/, ''));
  const literal = (label: string) => label.replace(/\$?\{[^}]*\}/g, '').replace(/[^A-Za-z]/g, '').length >= 3;
  return [...labels].filter(literal).map(
    (label) =>
      new RegExp(
        `^${label
          .split(/\$?\{[^}]*\}/)
          .map((part) => escape(part.trim()))
          .join('\\s*.+?\\s*')}$`,
        'i',
      ),
  );
}

interface Place {
  file: string;
  kind: string;
  name: string;
  message: string;
}

/** A system's name stands in for `${…}` in a message: the places name a connection's settings by its system. */
const SAMPLE = 'Xero';

/** The places named in the string and template literals of main/ and renderer/ (user-facing messages). */
function namedPlaces(): Place[] {
  const places: Place[] = [];
  const sources = [...files('main', /\.ts$/), ...files('renderer/src', /\.tsx?$/)];
  for (const file of sources) {
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const code = source.replace(/^\s*(\/\/|\*|\/\*).*$/gm, '');
    for (const m of code.matchAll(/(['"`])((?:\\.|(?!\1)[^\\])*?)\1/gs)) {
      const message = squash((m[2] ?? '').replace(/\$\{[^}]*\}/g, SAMPLE).replace(/\\'/g, "'"));
      const add = (kind: string, name: string | undefined) => {
        if (name) places.push({ file, kind, name: squash(name), message });
      };
      for (const p of message.matchAll(
        /Connections → ([^.,;:()]+?)(?=$|[.,;:()]| so | to | then | and | or )/g,
      )) {
        for (const step of (p[1] ?? '').split(' → ')) add('Connections →', step.replace(/^the /, ''));
      }
      for (const p of message.matchAll(
        /\b[Pp]air (?:it|them) (?:by hand )?in ([A-Z][A-Za-z]*(?: [a-z]+)?)\b/g,
      )) {
        if (p[1] !== 'Connections') add('pair in', p[1]);
      }
      for (const p of message.matchAll(/turn (?:on|off) ['‘"“]([^'’"”]+)['’"”]/gi)) add('setting', p[1]);
      for (const p of message.matchAll(/the ['‘"“]([^'’"”]+)['’"”] (setting|button|checkbox)/gi))
        add(p[2]!, p[1]);
      for (const p of message.matchAll(/\b(?:the|on|to) ([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)*) page\b/g)) {
        add('page', p[1]);
      }
    }
  }
  return places;
}

describe('messages that send the bookkeeper somewhere', () => {
  const labels = rendererLabels();
  const places = namedPlaces();

  it('finds the places messages name', () => {
    // The check below is only as good as the collection: it must see the known kinds of place.
    expect(places.some((p) => p.kind === 'Connections →')).toBe(true);
    expect(places.some((p) => p.kind === 'setting')).toBe(true);
    expect(places.some((p) => p.kind === 'page')).toBe(true);
    expect(labels.some((l) => l.test('Connections'))).toBe(true);
    expect(labels.some((l) => l.test('Lists'))).toBe(true);
  });

  it('names only places the renderer shows', () => {
    const nowhere = places
      // "the Relay page" may be a field labelled "Relay page" as well as a page named "Relay".
      .filter(
        (p) =>
          !labels.some((label) => label.test(p.name) || (p.kind === 'page' && label.test(`${p.name} page`))),
      )
      .map((p) => `${p.file}: ${p.kind} '${p.name}' in "${p.message.slice(0, 160)}"`);
    expect([...new Set(nowhere)]).toEqual([]);
  });
});

// docs/quickbooks-desktop.md's troubleshooting tables say what the code says: every code of the qbXML layer's
// error table with the same title and fix, and the service's own problems (nvu, busy) in its own words.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_TABLE } from '../../../main/connectors/quickbooks-desktop/qbxml/errors.js';
import { describeServiceProblem } from '../../../main/connectors/quickbooks-desktop/qbwc/problems.js';

const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/quickbooks-desktop.md'), 'utf8');

/** Table rows by their first cell: the remaining cells, unescaped. */
function rows(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of doc.split('\n')) {
    if (
      !line.startsWith('| ') ||
      line.startsWith('| ---') ||
      line.startsWith('| Code') ||
      line.startsWith('| Mode')
    ) {
      continue;
    }
    const cells = line
      .slice(2, -2)
      .split(/ (?<!\\)\| /)
      .map((c) => c.replace(/\\\|/g, '|'));
    const [code, ...rest] = cells;
    if (code) map.set(code, rest);
  }
  return map;
}

const shown = (text: string) => text.replace(/\{detail\}/g, '[details]').replace(/\{name\}/g, '[name]');

describe('docs/quickbooks-desktop.md', () => {
  const table = rows();

  it('lists every code of the error table with its title and fix', () => {
    const missing: string[] = [];
    for (const entry of ERROR_TABLE) {
      const row = table.get(entry.code);
      if (!row) {
        missing.push(entry.code);
        continue;
      }
      expect(row[0], entry.code).toBe(shown(entry.title));
      expect(row.at(-1), entry.code).toBe(shown(entry.fix));
    }
    expect(missing).toEqual([]);
  });

  it('covers the errors users meet most', () => {
    for (const code of [
      'QBWC1012',
      'QBWC1039',
      'QBWC1042',
      'QBWC1048',
      '0x80040400',
      '0x80040408',
      '0x80040420',
      '3100',
      '3200',
    ]) {
      expect(table.has(code), code).toBe(true);
    }
  });

  it("states the service's own problems in the words the Web Connector page shows", () => {
    for (const kind of ['nvu', 'busy'] as const) {
      const problem = describeServiceProblem(kind);
      expect(table.get(kind)).toEqual([problem.message, problem.fix]);
    }
  });

  it('gives the authorization answer and the endpoint rules', () => {
    expect(doc).toContain('Yes, always; allow access even if QuickBooks is not running');
    expect(doc).toContain('http://localhost:8090/qbwc');
    expect(doc).toContain('--tls-cert');
  });
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  classifyHresult,
  classifyStatus,
  ERROR_TABLE,
  normalizeHresult,
} from '../../../../main/connectors/quickbooks-desktop/qbxml/errors.js';
import { isCI } from '../../../simulators/quickbooks-desktop/xsd-validate.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const REFERENCE = path.resolve(repoRoot, '../shared/reference/qbwc.md');
const referencePresent = existsSync(REFERENCE);
if (!referencePresent) {
  if (isCI) throw new Error(`The QBWC reference ${REFERENCE} is required in CI`);
  console.warn(`Skipping the error-table coverage test: ${REFERENCE} not found`);
}

/** Every code the reference names: QBWCnnnn, 0x8004xxxx HRESULTs and the status codes of its §2.3 table. */
function referenceCodes(text: string): string[] {
  const codes = new Set<string>();
  for (const m of text.matchAll(/QBWC\d{4}/g)) codes.add(m[0]);
  for (const m of text.matchAll(/0x8004[0-9A-Fa-f]{4}/g)) codes.add(`0x${m[0].slice(2).toUpperCase()}`);
  const table = text.slice(text.indexOf('### 2.3'), text.indexOf('### 2.4'));
  for (const line of table.split('\n')) {
    const first = /^\|\s*([\d /]+?)\s*\|/.exec(line)?.[1];
    if (first) for (const c of first.split('/')) if (c.trim()) codes.add(c.trim());
  }
  return [...codes];
}

describe.runIf(referencePresent || isCI)('the error table covers the reference', () => {
  it('has an entry for every status code, HRESULT and QBWC code in qbwc.md', () => {
    const codes = referenceCodes(readFileSync(REFERENCE, 'utf8'));
    expect(codes.length).toBeGreaterThan(40);
    const known = new Set(ERROR_TABLE.map((x) => x.code.toUpperCase()));
    const missing = codes.filter((c) => !known.has(c.toUpperCase()));
    expect(missing).toEqual([]);
  });
});

describe('the error table', () => {
  it('has unique codes, a kind, a title and a fix that says what to do for each', () => {
    const codes = ERROR_TABLE.map((x) => x.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const x of ERROR_TABLE) {
      expect(['transient', 'needs_user', 'auth', 'mapping']).toContain(x.kind);
      expect(x.title.length).toBeGreaterThan(3);
      expect(x.fix.length).toBeGreaterThan(10);
    }
  });
});

describe('classifyStatus', () => {
  it('3100 names the name and says rename or pair', () => {
    const c = classifyStatus(3100, 'The name "Acme Supply" of the list element is already in use.');
    expect(c.kind).toBe('mapping');
    expect(c.userMessage).toBe(
      'The name "Acme Supply" is already used by another customer, vendor, employee or other name in QuickBooks. Rename it here, or pair it with the existing record.',
    );
  });
  it('3200 is transient (re-query the EditSequence)', () => {
    const c = classifyStatus(3200, 'The provided edit sequence "1234" is out-of-date.');
    expect(c.kind).toBe('transient');
    expect(c.userMessage).toMatch(/reads it again/);
  });
  it('3140 quotes the missing reference and asks for a mapping', () => {
    const c = classifyStatus(
      3140,
      'There is an invalid reference to QuickBooks Account "Freight" in the Bill. QuickBooks error message: Invalid argument.',
    );
    expect(c.kind).toBe('mapping');
    expect(c.userMessage).toContain('Account "Freight"');
  });
  it('lock and in-use messages on 3170–3180 are transient; closing-date ones need the user', () => {
    expect(
      classifyStatus(
        3175,
        'There was an error when modifying a Vendor. The record is in use by another user.',
      ).kind,
    ).toBe('transient');
    const closed = classifyStatus(
      3180,
      'There was an error when saving a Bills. QuickBooks error message: The transaction date is on or before the closing date.',
    );
    expect(closed.kind).toBe('needs_user');
    expect(closed.userMessage).toMatch(/closing date/);
  });
  it('3070 and unknown codes still tell what to do', () => {
    expect(
      classifyStatus(3070, 'The string "xxxx" in the field "AccountNumber" is too long.').userMessage,
    ).toContain('AccountNumber');
    expect(classifyStatus(9150, 'macro').kind).toBe('needs_user');
    expect(classifyStatus(3999, 'Something else').userMessage).toContain('status 3999');
  });
});

describe('classifyHresult', () => {
  it('maps the request-processor HRESULTs in any notation', () => {
    expect(normalizeHresult('-2147220480')).toBe('0x80040400');
    expect(normalizeHresult('0x80040408')).toBe('0x80040408');
    expect(classifyHresult('0x80040408', 'Could not start QuickBooks.').kind).toBe('transient');
    expect(classifyHresult('0x80040420', 'The QuickBooks user has denied access.').kind).toBe('auth');
    expect(classifyHresult('0x80040420', '').userMessage).toContain('Yes, always');
    expect(classifyHresult('-2147220480', '').userMessage).toMatch(/parsing/);
  });
  it('recognises QBWC codes in the message', () => {
    expect(
      classifyHresult('', 'QBWC1048: QuickBooks Web Connector could not verify the certificate').userMessage,
    ).toMatch(/certificate/);
    expect(classifyHresult('0x8004FFFF', 'odd').kind).toBe('transient');
  });
});

// Validates qbXML against Intuit's own qbXML 13.0 schema with the system xmllint (libxml2), so a request that
// QuickBooks would refuse with 0x80040400 fails the test that produced it. The schema is read in place from
// ../shared/oracles/qbxml/ (never copied into the repo); the files are CRLF, which libxml2 reads fine.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const isCI = process.env.CI === 'true';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const QBXML_XSD = path.resolve(repoRoot, '../shared/oracles/qbxml/qbxmlops130.xsd');

export interface XsdAvailability {
  available: boolean;
  /** Why validation cannot run (missing schema or xmllint). */
  reason: string;
}

let cachedAvailability: XsdAvailability | null = null;

/** Whether the schema and xmllint are present. */
export function qbxmlXsdAvailability(): XsdAvailability {
  if (cachedAvailability) return cachedAvailability;
  if (!existsSync(QBXML_XSD)) {
    cachedAvailability = { available: false, reason: `qbXML schema oracle not found at ${QBXML_XSD}` };
  } else {
    const which = spawnSync('sh', ['-c', 'command -v xmllint'], { encoding: 'utf8' });
    cachedAvailability =
      which.status === 0 && which.stdout.trim() !== ''
        ? { available: true, reason: '' }
        : { available: false, reason: 'xmllint is not installed (Debian: apt-get install libxml2-utils)' };
  }
  return cachedAvailability;
}

/**
 * For tests: true when validation can run; when it cannot, prints why and returns false — except in CI
 * (CI=true), where a missing oracle is an error.
 */
let warned = false;
export function requireQbxmlXsd(): boolean {
  const a = qbxmlXsdAvailability();
  if (a.available) return true;
  if (isCI) throw new Error(`qbXML schema validation is required in CI: ${a.reason}`);
  if (!warned) console.warn(`Skipping qbXML schema validation: ${a.reason}`);
  warned = true;
  return false;
}

export interface XsdResult {
  valid: boolean;
  /** xmllint's messages for this document ("" when valid). */
  errors: string;
}

/** Validates one document (through stdin). */
export function validateQbxml(xml: string): XsdResult {
  const r = spawnSync('xmllint', ['--noout', '--schema', QBXML_XSD, '-'], {
    input: xml,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  // 0 valid; 3 schema validation failed; 1 not well-formed (also a failure); others: xmllint could not run.
  if (r.status === 0) return { valid: true, errors: '' };
  if (r.status === 1 || r.status === 3 || r.status === 4) {
    return { valid: false, errors: r.stderr.replace(/^- fails to validate\s*$/m, '').trim() };
  }
  throw new Error(`xmllint failed (status ${String(r.status)}): ${r.stderr}`);
}

/** Validates many documents with one xmllint run (the schema is compiled once). Results in input order. */
export function validateQbxmlBatch(xmls: readonly string[]): XsdResult[] {
  if (xmls.length === 0) return [];
  const dir = mkdtempSync(path.join(tmpdir(), 'qbxml-xsd-'));
  try {
    const files = xmls.map((xml, i) => {
      const f = path.join(dir, `m${i}.xml`);
      writeFileSync(f, xml, 'utf8');
      return f;
    });
    const r = spawnSync('xmllint', ['--noout', '--schema', QBXML_XSD, ...files], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw r.error;
    if (r.status !== 0 && r.status !== 1 && r.status !== 3 && r.status !== 4) {
      throw new Error(`xmllint failed (status ${String(r.status)}): ${r.stderr}`);
    }
    const lines = r.stderr.split('\n');
    return files.map((f) => {
      const valid = lines.includes(`${f} validates`);
      const errors = lines
        .filter((l) => l.startsWith(`${f}:`) || l === `${f} fails to validate`)
        .map((l) => l.replace(`${f}:`, 'line '))
        .join('\n');
      return { valid, errors: valid ? '' : errors || r.stderr };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Throws with xmllint's messages (and the document) when `xml` is not valid qbXML 13.0. */
export function assertValidQbxml(xml: string, label = 'qbXML message'): void {
  const r = validateQbxml(xml);
  if (!r.valid) {
    throw new Error(`${label} is not valid against qbxmlops130.xsd:\n${r.errors}\n--- document ---\n${xml}`);
  }
}

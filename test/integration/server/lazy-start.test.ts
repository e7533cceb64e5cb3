// A start of the bundled server loads none of the modules it does not need yet: the file readers (pdf.js, canvas,
// tesseract.js) and the cloud systems' SDKs load on first use. A preload hook records every package the process
// requires up to its "listening" line.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ensureServerBundle } from '../../fixtures/server-bundle.js';

const LAZY = ['pdfjs-dist', '@napi-rs/canvas', 'tesseract.js', 'xero-node', 'intuit-oauth'];

it('starts the bundle without loading the file readers or the cloud SDKs', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerbridge-lazy-'));
  const hook = path.join(dir, 'hook.cjs');
  const record = path.join(dir, 'required.txt');
  fs.writeFileSync(
    hook,
    `const Module = require('node:module');
const fs = require('node:fs');
const load = Module._load;
Module._load = function (request, ...rest) {
  fs.appendFileSync(${JSON.stringify(record)}, request + '\\n');
  return load.call(this, request, ...rest);
};`,
  );
  const bundle = ensureServerBundle();
  const child = spawn(
    process.execPath,
    ['--require', hook, bundle, '--data-dir', path.join(dir, 'data'), '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('Ledgerbridge listening on')) resolve();
      });
      child.on('exit', () => reject(new Error(`the server exited:\n${output}`)));
    });
    const required = fs.readFileSync(record, 'utf8').split('\n');
    expect(required).toContain('better-sqlite3'); // the hook saw the start's own packages
    for (const name of LAZY) {
      expect(required.filter((r) => r === name || r.startsWith(`${name}/`))).toEqual([]);
    }
  } finally {
    await new Promise((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', resolve);
      child.kill('SIGTERM');
    });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

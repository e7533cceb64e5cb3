// A start of the bundled server loads none of the modules it does not need yet: the file readers (pdf.js, canvas,
// tesseract.js) and the cloud systems' SDKs load on first use. A preload hook records every package the process
// requires up to its "listening" line. Our own modules are all in the bundle, so for them the static import graph
// from main/server-cli.ts is checked instead: what only a dynamic import() reaches runs on first use.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
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

/** Our modules a start runs: the static imports from main/server-cli.ts (packages left aside). */
async function startGraph(): Promise<Set<string>> {
  const root = path.resolve(import.meta.dirname, '../../..');
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['main/server-cli.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    write: false,
    metafile: true,
    outfile: path.join(os.tmpdir(), 'ledgerbridge-start-graph.cjs'),
    logLevel: 'silent',
  });
  const reached = new Set(['main/server-cli.ts']);
  const queue = ['main/server-cli.ts'];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const edge of result.metafile.inputs[file]?.imports ?? []) {
      if (edge.external || edge.kind === 'dynamic-import' || reached.has(edge.path)) continue;
      reached.add(edge.path);
      queue.push(edge.path);
    }
  }
  return reached;
}

it("runs none of invoice capture's reading and the cloud connectors at start", async () => {
  const reached = await startGraph();
  expect(reached.has('main/app.ts')).toBe(true); // the graph is the start's
  const lazy = [
    // Capture: the label vocabulary compiles hundreds of regexes when its module loads.
    'main/domain/capture/vocabulary.ts',
    'main/domain/capture/labels.ts',
    'main/domain/capture/extract.ts',
    'main/capture/learning.ts',
    'main/capture/propose.ts',
    'main/capture/read-file.ts',
    'main/capture/decode.ts',
    // The cloud systems: a data folder without them never loads their code (main/connectors/lazy.ts).
    'main/connectors/quickbooks-online/connector.ts',
    'main/connectors/xero/connector.ts',
    'main/connectors/netsuite/connector.ts',
  ];
  expect(lazy.filter((file) => reached.has(file))).toEqual([]);
}, 60_000);

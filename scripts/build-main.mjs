// Bundles the Electron main process, the headless server (`npm run serve`) and the preload with esbuild, and
// copies what they read from disk at run time (SQL migrations, tray and window icons). Run after the UI's build
// (see package.json "build"). With --if-changed (npm start, npm run serve) it bundles only when the sources
// changed since the last bundle (scripts/build-lib.mjs keeps the stamp).
import { cp, mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { buildIfChanged, dist, root } from './build-lib.mjs';

// Native addons cannot be bundled: they are loaded from node_modules (unpacked from the asar, see
// electron-builder.yml). 'electron' is provided by the runtime. The invoice-capture libraries stay outside the
// bundle too: @napi-rs/canvas is a native addon behind a per-platform package, and pdf.js and tesseract.js load
// their worker scripts, WebAssembly cores and language data from their own folders at run time.
const external = [
  'electron',
  'better-sqlite3',
  'keytar',
  '@napi-rs/canvas',
  'pdfjs-dist',
  'tesseract.js',
  'tesseract.js-core',
  '@tesseract.js-data/*',
  // The cloud systems' SDKs load with their connector, on first use (main/connectors/lazy.ts): left outside the
  // bundle, a start neither reads nor compiles their megabytes.
  'xero-node',
  'intuit-oauth',
  'bufferutil',
  'utf-8-validate',
  'fsevents',
  '*.node',
];

async function exists(target) {
  try {
    await stat(target);
    return true;
  } catch {
    return false;
  }
}

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
};

async function buildMain() {
  await build({
    ...common,
    // The headless server sits under dist/main/ like the Electron main, so both find dist/main/db/migrations.
    // Worker threads' entries are files of their own (main/threads/worker-file.ts finds them as
    // dist/main/<folder>/<name>.cjs): capture (decoding, OCR) and import (parsing large files).
    entryPoints: {
      'main/electron/main': 'main/electron/main.ts',
      'main/server/server-cli': 'main/server-cli.ts',
      'main/capture/capture-worker': 'main/capture/capture-worker.ts',
      'main/api/import-worker': 'main/api/import-worker.ts',
    },
    outdir: dist,
    outExtension: { '.js': '.cjs' },
    external,
    // The core is written as ES modules; in the CommonJS bundle import.meta.url is the bundle's own URL, so
    // a module under main/<folder>/ that resolves `../db/migrations/` finds dist/main/db/migrations/.
    define: { 'import.meta.url': '__ledgerbridgeImportMetaUrl' },
    banner: { js: "const __ledgerbridgeImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
}

async function buildPreload() {
  // A sandboxed preload can require only 'electron' (and a few polyfills), so everything else is bundled;
  // platform 'browser' makes an accidental Node import fail the build instead of failing at run time.
  await build({
    ...common,
    platform: 'browser',
    entryPoints: { 'preload/index': 'preload/index.ts' },
    outdir: dist,
    outExtension: { '.js': '.cjs' },
    external: ['electron'],
    target: 'chrome140',
  });
}

async function copyMigrations() {
  const from = path.join(root, 'main', 'db', 'migrations');
  const to = path.join(dist, 'main', 'db', 'migrations');
  if (!(await exists(from))) return 0;
  await rm(to, { recursive: true, force: true });
  await mkdir(to, { recursive: true });
  const files = (await readdir(from)).filter((name) => name.endsWith('.sql'));
  for (const name of files) await cp(path.join(from, name), path.join(to, name));
  return files.length;
}

async function copyAssets() {
  const to = path.join(dist, 'assets');
  await mkdir(to, { recursive: true });
  const names = ['icon.png', 'tray-16.png', 'tray-32.png'];
  for (const name of names) {
    const from = path.join(root, 'build', name);
    if (await exists(from)) await cp(from, path.join(to, name));
    else console.warn(`build-main: build/${name} is missing (run node build/make-icons.mjs)`);
  }
}

const ifChanged = process.argv.includes('--if-changed');
let migrations = 0;
try {
  const built = await buildIfChanged('main', ifChanged, async () => {
    await Promise.all([buildMain(), buildPreload()]);
    migrations = await copyMigrations();
    await copyAssets();
  });
  if (built) {
    console.log(
      `build-main: dist/main/electron/main.cjs, dist/main/server/server-cli.cjs, dist/main/capture/capture-worker.cjs, dist/main/api/import-worker.cjs, dist/preload/index.cjs, ${migrations} migration(s), icons`,
    );
  }
} catch (error) {
  // esbuild has already printed its errors with their locations; anything else is printed here.
  if (!Array.isArray(error?.errors)) console.error(error);
  console.error('build-main: bundling failed');
  process.exit(1);
}

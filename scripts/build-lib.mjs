// What the build scripts share: a stamp of the sources a build reads (so `npm run serve` and `npm start` rebuild
// only what changed) and a lock (so two starts, or two test files, never write the same output at once).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const dist = path.join(root, 'dist');

/** The sources of each build, relative to the root: folders are read whole (node_modules and dot-files aside). */
export const SOURCES = {
  renderer: ['renderer', 'preload', 'vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'],
  main: [
    'main',
    'preload',
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'scripts/build-main.mjs',
    'scripts/build-lib.mjs',
  ],
};

/** Where each build keeps the stamp of the sources it was made from. */
export const STAMP_FILES = {
  renderer: path.join(dist, 'renderer', '.source-stamp'),
  main: path.join(dist, 'main', '.source-stamp'),
};

function listFiles(target, out) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return; // a source that does not exist (yet) simply adds nothing
  }
  if (stat.isFile()) {
    out.push(target);
    return;
  }
  if (!stat.isDirectory()) return;
  for (const name of fs.readdirSync(target).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    listFiles(path.join(target, name), out);
  }
}

/** A hash of the names and contents of a build's sources: equal stamps mean the output is current. */
export function sourceStamp(build) {
  const files = [];
  for (const entry of SOURCES[build]) listFiles(path.join(root, entry), files);
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(root, file).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function readStamp(build) {
  try {
    return fs.readFileSync(STAMP_FILES[build], 'utf8').trim();
  } catch {
    return null;
  }
}

export function writeStamp(build, stamp) {
  fs.mkdirSync(path.dirname(STAMP_FILES[build]), { recursive: true });
  fs.writeFileSync(STAMP_FILES[build], `${stamp}\n`);
}

/** Whether the output of a build was made from the sources as they are now. */
export function isCurrent(build) {
  return readStamp(build) === sourceStamp(build);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const STALE_LOCK_MS = 5 * 60_000;

/** Runs `work` holding dist/.build-NAME.lock; waits while another process holds it. */
export async function withBuildLock(build, work) {
  fs.mkdirSync(dist, { recursive: true });
  const lock = path.join(dist, `.build-${build}.lock`);
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if (error?.code !== 'EEXIST') throw error;
      try {
        // A lock left by a build that was killed is taken over after a while.
        if (Date.now() - fs.statSync(lock).mtimeMs > STALE_LOCK_MS)
          fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        // it went away between the two calls: try again
      }
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Runs a build unless its output is current (`ifChanged`), under its lock. The stamp is taken before building,
 * so a source edited during the build makes the next start build again.
 */
export async function buildIfChanged(build, ifChanged, work) {
  return withBuildLock(build, async () => {
    const stamp = sourceStamp(build);
    if (ifChanged && readStamp(build) === stamp) return false;
    await work();
    writeStamp(build, stamp);
    return true;
  });
}

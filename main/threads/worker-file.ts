// Where a worker thread's entry file is, from sources and from the bundle. From sources (vitest, tsx, the
// headless server run with tsx) the entry is the .ts file beside the module that starts it, run with tsx's loader.
// In the bundles (dist/main/electron/main.cjs, dist/main/server/server-cli.cjs, whose import.meta.url is the
// bundle's own) it is dist/main/<folder>/<name>.cjs, built as an entry of its own by scripts/build-main.mjs.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AppError } from '../domain/errors.js';

const require = createRequire(import.meta.url);

export interface WorkerFile {
  file: string;
  /** Set from sources: the loader that runs TypeScript. In the bundle the worker inherits the process's flags. */
  execArgv?: string[];
}

/**
 * @param callerUrl the import.meta.url of the module that starts the worker (main/<folder>/x.ts in sources)
 * @param folder the entry's folder under main/ ('capture', 'api')
 * @param name the entry's name without extension ('capture-worker')
 */
export function workerFile(callerUrl: string, folder: string, name: string): WorkerFile {
  const here = fileURLToPath(callerUrl);
  const dir = path.dirname(here);
  if (here.endsWith('.ts')) {
    return {
      file: path.join(dir, '..', folder, `${name}.ts`),
      execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href],
    };
  }
  const candidates = [path.join(dir, '..', folder, `${name}.cjs`), path.join(dir, `${name}.cjs`)];
  const found = candidates.find((file) => existsSync(file));
  if (!found) {
    throw new AppError(
      'internal',
      'Part of Ledgerbridge is missing, so this cannot be done. Reinstall Ledgerbridge.',
      { detail: `${name}.cjs not found near ${here}` },
    );
  }
  return { file: found };
}

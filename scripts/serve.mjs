// `npm run serve -- --data-dir DIR --port PORT`: builds the UI and the server bundle only if their sources changed
// since the last build, then runs the bundled headless server (dist/main/server/server-cli.cjs) in this process.
// The arguments go to the server as they are (see main/server-cli.ts, or --help).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isCurrent, root } from './build-lib.mjs';

for (const [build, script] of [
  ['renderer', 'build-renderer.mjs'],
  ['main', 'build-main.mjs'],
]) {
  if (isCurrent(build)) continue;
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts', script), '--if-changed'], {
      cwd: root,
      stdio: 'inherit',
    });
  } catch {
    console.error(`npm run serve: the build (scripts/${script}) failed; see the errors above.`);
    process.exit(1);
  }
}

createRequire(import.meta.url)(path.join(root, 'dist', 'main', 'server', 'server-cli.cjs'));

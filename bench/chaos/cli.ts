// npm run chaos -- [--runs 50] [--system qbo|xero|netsuite|qbd|all] [--seed S] [--finish-timeout-s 120]
//
// Kills the headless server with SIGKILL at random moments while documents go to each accounting system's
// simulator (with lost answers), restarts it on the same data, lets it finish, and counts duplicates and lost
// documents (see run.ts). The systems run side by side, each its runs one after another. Prints per system: runs,
// kills, lost answers, documents, duplicates, lost, and the seed of every failing run (replay one with --seed S
// --runs 1 --system X). Exits 1 on any duplicate or loss.
//
// The server keeps secrets in the keychain. On Linux, unless LEDGERBRIDGE_KEYRING_READY says a private keyring is
// already there (scripts/test.sh sets it), this script starts itself again inside a private D-Bus session with
// its own gnome-keyring in a temporary folder, as scripts/test.sh does: your own keyring is never touched.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runChaos, type SystemResult } from './run.js';
import { SYSTEMS, type SystemName } from './systems.js';

function inPrivateKeyring(): never {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerbridge-chaos-keyring-'));
  fs.chmodSync(tmp, 0o700);
  fs.mkdirSync(path.join(tmp, 'data'), { mode: 0o700 });
  fs.mkdirSync(path.join(tmp, 'runtime'), { mode: 0o700 });
  const result = spawnSync(
    'dbus-run-session',
    [
      '--',
      'bash',
      '-c',
      'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null || ' +
        'echo "bench/chaos: gnome-keyring-daemon did not start" >&2; exec "$@"',
      'bash',
      process.execPath,
      ...process.execArgv,
      ...process.argv.slice(1),
    ],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        XDG_DATA_HOME: path.join(tmp, 'data'),
        XDG_RUNTIME_DIR: path.join(tmp, 'runtime'),
        LEDGERBRIDGE_KEYRING_READY: '1',
      },
    },
  );
  fs.rmSync(tmp, { recursive: true, force: true });
  if (result.error) {
    console.error(
      `bench/chaos: could not start a private keyring (${result.error.message}). ` +
        'Install dbus and gnome-keyring: sudo apt-get install dbus gnome-keyring',
    );
    process.exit(2);
  }
  process.exit(result.status ?? 1);
}

if (process.platform === 'linux' && !process.env.LEDGERBRIDGE_KEYRING_READY) inPrivateKeyring();

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '50' },
    system: { type: 'string', default: 'all' },
    seed: { type: 'string' },
    'finish-timeout-s': { type: 'string', default: '120' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(
    'Usage: npm run chaos -- [--runs 50] [--system qbo|xero|netsuite|qbd|all] [--seed S] [--finish-timeout-s 120]',
  );
  process.exit(0);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number of at least 1, not '${values.runs}'.`);
  process.exit(2);
}
const systems: SystemName[] = values.system === 'all' ? SYSTEMS : SYSTEMS.filter((s) => s === values.system);
if (systems.length === 0) {
  console.error(`--system must be one of ${SYSTEMS.join(', ')} or all, not '${values.system}'.`);
  process.exit(2);
}
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 1_000_000_000);
if (!Number.isInteger(seed) || seed < 0) {
  console.error(`--seed must be a whole number, not '${values.seed}'.`);
  process.exit(2);
}
const finishTimeoutMs = Number(values['finish-timeout-s']) * 1000;

console.log(
  `bench/chaos: ${runs} run(s) per system, seed ${seed} (run r uses seed ${seed} + r); ` +
    `the systems run side by side, each its runs one after another`,
);
const started = Date.now();
const results: SystemResult[] = await Promise.all(
  systems.map((system) =>
    runChaos({ system, runs, seed, finishTimeoutMs, log: (line) => console.log(line) }),
  ),
);
console.log(`\nbench/chaos: seed ${seed}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const result of results) {
  console.log(
    `${result.label}: runs ${result.runs}, kills ${result.kills} (${result.killsWhileSending} while sending), ` +
      `lost answers ${result.lostAnswers}, documents ${result.documents}, ` +
      `duplicates ${result.duplicates} (suppliers ${result.duplicateSuppliers}), lost ${result.lost}` +
      (result.failingSeeds.length > 0 ? `; failing seeds: ${result.failingSeeds.join(', ')}` : ''),
  );
  for (const problem of result.problems) console.log(`    ${problem}`);
}
const bad = results.some((r) => r.duplicates + r.duplicateSuppliers + r.lost > 0);
process.exit(bad ? 1 : 0);

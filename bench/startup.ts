// Launch to ready of the headless server: a new process each time, timed from spawn to its "Ledgerbridge listening
// on" line. Median of 10 starts of the bundle (dist/main/server/server-cli.cjs) on a data folder that exists (the
// first start, which creates the database, is printed apart), then `npm run serve` (which first checks the build
// stamps) and the sources through tsx, for comparison under the same machine load.
//
//   npx tsx bench/startup.ts [--runs 10] [--tsx-runs 5]
//
// Each figure is wall time; "cpu" is the process's own CPU time at ready (user + system, from /proc on Linux),
// which a busy machine inflates less than wall time. The figures before are printed beside the new ones. The
// Electron window's first paint is not measured: it needs the Electron binary, which CI and this machine lack.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '10' }, 'tsx-runs': { type: 'string', default: '5' } },
});
const runs = Number(values.runs);
const tsxRuns = Number(values['tsx-runs']);

// Before: the sources through tsx and `npm run serve` rebuilding the UI (issue 18), then the first bundle (its
// start still compiled invoice capture's label vocabulary), measured on a machine at load 28.
const PREVIOUS = { tsx: 2000, npmServe: 2500, bundle: { wallMs: 1288, cpuMs: 335, load: 28 } };
const TARGET_MS = 600;

interface Start {
  wallMs: number;
  cpuMs: number | null;
}

/** CPU time (user + system) a running process has used so far, or null where /proc is not there. */
function cpuMsOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 (utime, stime) of proc(5), counted from the state field (3) here, in clock ticks.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100;
  } catch {
    return null;
  }
}

async function start(command: string, args: string[], dataDir: string): Promise<Start> {
  const began = performance.now();
  const child = spawn(command, [...args, '--data-dir', dataDir, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    // npm runs the server in a child of its own: a process group lets the whole tree be stopped.
    detached: true,
  });
  let output = '';
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const wallMs = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('Ledgerbridge listening on')) resolve(performance.now() - began);
    });
    child.on('exit', (code) =>
      reject(new Error(`the server exited (${code}) before it was ready:\n${output}`)),
    );
  });
  const cpuMs = command === process.execPath ? cpuMsOf(child.pid!) : null;
  await new Promise<void>((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    process.kill(-child.pid!, 'SIGTERM');
  });
  return { wallMs, cpuMs };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number) => `${Math.round(value)} ms`;

async function series(
  label: string,
  command: string,
  args: string[],
  count: number,
  dataDir: string,
): Promise<{ wall: number; cpu: number | null }> {
  const starts: Start[] = [];
  for (let i = 0; i < count; i += 1) starts.push(await start(command, args, dataDir));
  const wall = median(starts.map((s) => s.wallMs));
  const cpus = starts.flatMap((s) => (s.cpuMs === null ? [] : [s.cpuMs]));
  const cpuMs = cpus.length ? median(cpus) : null;
  const cpu = cpuMs === null ? '' : `, cpu ${ms(cpuMs)}`;
  console.log(
    `${label.padEnd(34)} median ${ms(wall).padStart(8)} of ${count}${cpu}  (min ${ms(Math.min(...starts.map((s) => s.wallMs)))}, max ${ms(Math.max(...starts.map((s) => s.wallMs)))})`,
  );
  return { wall, cpu: cpuMs };
}

// The bundle and the UI as `npm run serve` would build them (nothing happens when they are current).
for (const script of ['build-renderer.mjs', 'build-main.mjs']) {
  execFileSync(process.execPath, [path.join(root, 'scripts', script), '--if-changed'], { stdio: 'inherit' });
}
const bundle = path.join(root, 'dist', 'main', 'server', 'server-cli.cjs');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerbridge-startup-'));
try {
  console.log(`Launch to ready, headless (${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}):`);
  const first = await start(process.execPath, [bundle], dataDir);
  console.log(`${'bundle, new data folder (1 start)'.padEnd(34)}        ${ms(first.wallMs).padStart(8)}`);
  const bundled = await series('bundle (node dist/main/server/…)', process.execPath, [bundle], runs, dataDir);
  const npmServe = await series('npm run serve', 'npm', ['run', '--silent', 'serve', '--'], runs, dataDir);
  const tsx = await series(
    'sources via tsx (before)',
    process.execPath,
    ['--import', 'tsx', 'main/server-cli.ts'],
    tsxRuns,
    dataDir,
  );
  const load = os.loadavg()[0]!.toFixed(1);
  console.log('');
  console.log(
    `bundle:        ${ms(bundled.wall)}${bundled.cpu === null ? '' : ` (cpu ${ms(bundled.cpu)})`} at load ${load}  target < ${TARGET_MS} ms  ${bundled.wall < TARGET_MS ? 'met' : 'NOT met'}`,
  );
  console.log(
    `  before:      ${ms(PREVIOUS.bundle.wallMs)} (cpu ${ms(PREVIOUS.bundle.cpuMs)}) at load ${PREVIOUS.bundle.load}, the first bundle; ${ms(PREVIOUS.tsx)} via tsx (now ${ms(tsx.wall)} via tsx at this load)`,
  );
  console.log(
    `npm run serve: ${ms(npmServe.wall)}  (before: ${ms(PREVIOUS.npmServe)}, which rebuilt the UI every time)`,
  );
  if (os.loadavg()[0]! > os.cpus().length) {
    console.log(
      `The machine is loaded (load ${load} on ${os.cpus().length} cores): wall times are inflated; cpu is the steadier figure.`,
    );
  }
  const electron = path.join(root, 'node_modules', 'electron', 'dist');
  console.log(
    fs.existsSync(electron)
      ? 'Electron first paint: not measured by this bench (start the app with `npm start`).'
      : "Electron: the documents list's first paint (target < 1.5 s) cannot be measured here — there is no Electron binary (node_modules/electron/dist is missing); the Electron main starts the same bundled, lazy-loading way.",
  );
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

// A picker over 10,000 accounts (DESIGN §11: under 50 ms per keystroke). Builds a chart of accounts three levels
// deep, turns it into picker options once (as the editor does when the list arrives), then types queries a key at
// a time and times each filter. Prints ms per keystroke (p50, p95, max); it reports, it never fails.
//
//   npx tsx bench/picker-filter.ts                  10,000 accounts
//   npx tsx bench/picker-filter.ts --entries 50000
import { performance } from 'node:perf_hooks';
import { filterOptions, optionsOf } from '../renderer/src/components/Combobox/match.js';
import { chartOfAccounts } from './support/chart.js';

const TARGET_MS = 50;
const arg = process.argv.indexOf('--entries');
const ENTRIES = arg > 0 ? Number(process.argv[arg + 1]) : 10_000;
if (!Number.isInteger(ENTRIES) || ENTRIES < 1) throw new Error('--entries needs a positive whole number');

const sources = chartOfAccounts(ENTRIES);

const t0 = performance.now();
const options = optionsOf(sources);
const buildMs = performance.now() - t0;

const QUERIES = [
  'utilities gas',
  'fuel site 3',
  'ities:gas',
  '5012',
  'cafe',
  'zzz no match',
  'repairs 4:parts',
];
const times: number[] = [];
let shown = 0;
for (let round = 0; round < 5; round++) {
  for (const query of QUERIES) {
    for (let n = 1; n <= query.length; n++) {
      const start = performance.now();
      shown += filterOptions(options, query.slice(0, n)).length;
      times.push(performance.now() - start);
    }
  }
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
console.log(`picker filter: ${sources.length} entries, options built in ${buildMs.toFixed(1)} ms`);
console.log(
  `per keystroke (${times.length} keystrokes): p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms (target < ${TARGET_MS} ms)`,
);
console.log(`${at(0.95) < TARGET_MS ? 'within' : 'OVER'} the budget; ${shown} matches offered in all`);

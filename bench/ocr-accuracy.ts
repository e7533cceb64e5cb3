// Capture accuracy and speed on a generated corpus: text PDFs from the four templates, and scans of them (PNG,
// TIFF, image-only PDF, JPEG; 150–200 dpi, turned 1–2°, speckled, softened). Prints accuracy per field and seconds
// per page for each kind. Targets (issue 8): ≥ 98 % of fields right on text PDFs, ≥ 90 % on scans; < 1 s per text
// page, < 8 s per scanned page.
//
//   npx tsx bench/ocr-accuracy.ts [textCount=40] [scanCount=12]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stopOcr } from '../main/capture/ocr.js';
import { extractWithSupplier } from '../main/capture/propose.js';
import { readFile } from '../main/capture/read-file.js';
import { generateCorpus, type CorpusFile } from '../test/fixtures/capture/corpus.js';
import { CORPUS_SUPPLIERS } from '../test/fixtures/capture/invoices.js';
import { SCORED_FIELDS, scoreProposal, type ScoredField } from '../test/fixtures/capture/score.js';

const textCount = Number(process.argv[2] ?? 40);
const scanCount = Number(process.argv[3] ?? 12);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerbridge-ocr-bench-'));
const suppliers = CORPUS_SUPPLIERS.map((s, i) => ({
  id: `s${i}`,
  name: s.name,
  email: s.email,
  taxId: s.taxId,
  accountNumber: null,
  country: null,
  currency: null,
}));

interface Outcome {
  file: CorpusFile;
  seconds: number;
  pages: number;
  right: Record<ScoredField, boolean>;
}

async function run(file: CorpusFile): Promise<Outcome> {
  const bytes = fs.readFileSync(file.file);
  const started = performance.now();
  const read = await readFile(bytes, path.basename(file.file));
  const { x, match } = extractWithSupplier(read, suppliers, 'USD');
  const seconds = (performance.now() - started) / 1000;
  const right = scoreProposal(file.truth, {
    supplierName: x.supplierName?.value ?? null,
    supplierMatched: match?.supplier.name === file.truth.supplier.name,
    invoiceNumber: x.invoiceNumber?.value ?? null,
    date: x.date?.value ?? null,
    dueDate: x.dueDate?.value ?? null,
    currency: x.currency?.value ?? null,
    orderNumber: x.orderNumber?.value ?? null,
    subtotal: x.subtotal?.value ?? null,
    tax: x.tax?.value ?? null,
    total: x.total?.value ?? null,
    lines: x.lines,
  });
  // A wrong supplier match counts as wrong even if the printed name was read.
  if (match && match.supplier.name !== file.truth.supplier.name) right.supplier = false;
  return { file, seconds, pages: read.pages.length, right };
}

function report(kind: 'text' | 'scan', outcomes: Outcome[]): void {
  if (outcomes.length === 0) return;
  const pages = outcomes.reduce((n, o) => n + o.pages, 0);
  const seconds = outcomes.map((o) => o.seconds / o.pages).sort((a, b) => a - b);
  const mean = seconds.reduce((a, b) => a + b, 0) / seconds.length;
  const p95 = seconds[Math.min(seconds.length - 1, Math.floor(seconds.length * 0.95))] ?? 0;
  console.log(`\n${kind === 'text' ? 'Text PDFs' : 'Scans'}: ${outcomes.length} invoices, ${pages} pages`);
  let rightTotal = 0;
  for (const field of SCORED_FIELDS) {
    const right = outcomes.filter((o) => o.right[field]).length;
    rightTotal += right;
    console.log(`  ${field.padEnd(14)} ${((100 * right) / outcomes.length).toFixed(1).padStart(6)} %`);
  }
  const all = (100 * rightTotal) / (outcomes.length * SCORED_FIELDS.length);
  const target = kind === 'text' ? [98, 1] : [90, 8];
  console.log(`  ${'all fields'.padEnd(14)} ${all.toFixed(1).padStart(6)} %   (target ≥ ${target[0]} %)`);
  console.log(`  seconds/page   mean ${mean.toFixed(2)}  p95 ${p95.toFixed(2)}   (target < ${target[1]} s)`);
  const wrong = outcomes.filter((o) => SCORED_FIELDS.some((f) => !o.right[f]));
  for (const o of wrong.slice(0, 12)) {
    const fields = SCORED_FIELDS.filter((f) => !o.right[f]).join(', ');
    console.log(`    wrong in ${path.basename(o.file.file)}: ${fields}`);
  }
}

const started = performance.now();
const corpus = await generateCorpus(dir, { count: textCount, scans: scanCount, firstSeed: 1000 });
console.log(
  `Corpus: ${corpus.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s (${dir}); ${os.cpus().length} CPUs`,
);
// Warm-up, so module loading and the OCR worker's start are not counted against the first page.
await run(corpus[0]!);
const scan = corpus.find((f) => f.kind === 'scan');
if (scan) await run(scan);

const outcomes: Outcome[] = [];
for (const file of corpus) outcomes.push(await run(file));
report(
  'text',
  outcomes.filter((o) => o.file.kind === 'text'),
);
report(
  'scan',
  outcomes.filter((o) => o.file.kind === 'scan'),
);
const byFormat = new Map<string, Outcome[]>();
for (const o of outcomes.filter((x) => x.file.kind === 'scan')) {
  byFormat.set(o.file.format, [...(byFormat.get(o.file.format) ?? []), o]);
}
for (const [format, list] of byFormat) {
  const right = list.reduce((n, o) => n + SCORED_FIELDS.filter((f) => o.right[f]).length, 0);
  console.log(
    `  scans as ${format.padEnd(5)} ${((100 * right) / (list.length * SCORED_FIELDS.length)).toFixed(1)} %`,
  );
}
await stopOcr();
fs.rmSync(dir, { recursive: true, force: true });

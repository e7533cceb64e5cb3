// One chaos run: a fresh data folder and company, the headless server in its own process connected to one
// system's simulator, documents created, submitted and approved through the HTTP API (approval sends them
// automatically) while the server is SIGKILLed at moments drawn from a seeded PRNG and the simulator loses the
// answers to some writes it carried out; the server is started again on the same data each time. Once every
// document is approved and the last kill is over, the server finishes on its own, and the run counts duplicates
// (a document or supplier the simulator holds more than once) and lost documents (approved but not in the
// simulator, or not marked sent). The seed fixes the plan — how many documents, which answers are lost, when the
// kills come — so `--seed S --runs 1` replays a run (the interleaving with the server's own timing may differ).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DocumentSummaryT, SupplierT } from '../../preload/contract.js';
import { buildServer, ServerControl, ServerDown } from './server.js';
import { chaosSystem, type ChaosSystem, type RunSetUp, type SystemName } from './systems.js';

export interface ChaosOptions {
  system: SystemName;
  runs: number;
  /** The first run's seed; run r uses seed + r. */
  seed: number;
  /** How long a run may take to finish after the last kill before what is unsent counts as lost. */
  finishTimeoutMs?: number;
  /** Progress lines (one per run). */
  log?: (line: string) => void;
}

export interface RunResult {
  seed: number;
  kills: number;
  /** Kills that came while documents were queued or being sent (the server said so just before). */
  killsWhileSending: number;
  lostAnswers: number;
  documents: number;
  duplicates: number;
  duplicateSuppliers: number;
  lost: number;
  /** What went wrong, per document, for the report. */
  problems: string[];
  /** Wall time of set-up (server start, sign-in), of the documents and kills, and of the finish. */
  phasesMs: [number, number, number];
  /** Server starts and their average time to answer. */
  starts: number;
  averageStartMs: number;
}

export interface SystemResult {
  system: SystemName;
  label: string;
  runs: number;
  kills: number;
  killsWhileSending: number;
  lostAnswers: number;
  documents: number;
  duplicates: number;
  duplicateSuppliers: number;
  lost: number;
  failingSeeds: number[];
  problems: string[];
}

/** mulberry32: a small, fast PRNG whose whole state is one 32-bit number. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Plan {
  documents: {
    number: string;
    type: 'purchase_order' | 'service_order' | 'invoice';
    supplier: number;
    loseAnswer: boolean;
    /** SIGKILL this long after the document is approved (while its send is under way), or never. */
    killAfterMs: number | null;
    pauseMs: number;
  }[];
  /** One more SIGKILL this long after the last approval (while the server finishes), or none. */
  finalKillAfterMs: number | null;
}

function planRun(seed: number): Plan {
  const random = prng(seed);
  const count = 6 + Math.floor(random() * 5);
  const types = ['purchase_order', 'invoice', 'service_order'] as const;
  const tag = seed.toString(36).toUpperCase();
  // One to three kills, each shortly after an approval: the auto-send starts at once, so a kill 0–200 ms later
  // lands before, during or just after the write to the accounting system.
  const kills = 1 + Math.floor(random() * 3);
  const killAt = new Set<number>();
  while (killAt.size < kills) killAt.add(Math.floor(random() * count));
  const documents = Array.from({ length: count }, (_, i) => ({
    number: `CH${tag}-${i + 1}`,
    type: types[i % types.length]!,
    supplier: Math.floor(random() * 2),
    loseAnswer: random() < 0.3,
    killAfterMs: killAt.has(i) ? Math.floor(random() * 200) : null,
    pauseMs: Math.floor(random() * 400),
  }));
  const finalKillAfterMs = random() < 0.5 ? Math.floor(random() * 1500) : null;
  return { documents, finalKillAfterMs };
}

/** Creates, submits and approves one document, whatever the server did to earlier tries. Returns its id. */
async function approveDocument(
  server: ServerControl,
  companyId: string,
  input: () => Parameters<ServerControl['call']>[1],
  number: string,
  beforeApprove: () => Promise<void>,
): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      // A create whose answer died with the server may have been committed: look before creating again.
      const found = (
        await server.call('documents.list', { companyId, search: number, limit: 10 })
      ).items.find((d) => d.number === number);
      let doc = found
        ? { id: found.id, status: found.status }
        : await server.call('documents.create', input() as never);
      if (doc.status === 'draft') doc = await server.call('documents.submit', { id: doc.id });
      if (doc.status === 'pending_approval') {
        await beforeApprove();
        doc = await server.call('documents.approve', { id: doc.id });
      }
      if (doc.status === 'approved') return doc.id;
      throw new Error(`document ${number} is ${doc.status}`);
    } catch (error) {
      if (!(error instanceof ServerDown)) throw error;
      await server.ready();
    }
  }
  throw new Error(`document ${number} could not be approved after 100 tries`);
}

async function allDocuments(server: ServerControl, companyId: string): Promise<DocumentSummaryT[]> {
  const { items } = await server.callSurely('documents.list', { companyId, limit: 500 });
  return items;
}

export async function oneRun(
  system: ChaosSystem,
  entry: string,
  seed: number,
  finishTimeoutMs: number,
): Promise<RunResult> {
  const plan = planRun(seed);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ledgerbridge-chaos-${system.name}-`));
  const server = new ServerControl(entry, dataDir);
  const problems: string[] = [];
  let killsWhileSending = 0;
  const lostBefore = await system.answersLost();
  const t0 = Date.now();
  let t1 = t0;
  let t2 = t0;
  try {
    await system.newRun();
    await server.start();
    const company = await server.call('companies.create', {
      name: `Chaos ${system.name} ${seed}`,
      baseCurrency: system.currency,
    });
    const setUp: RunSetUp = await system.setUp(server, company.id);
    const suppliers: SupplierT[] = [];
    for (let k = 0; k < 2; k++) {
      suppliers.push(
        await server.call('suppliers.create', {
          companyId: company.id,
          name: `Chaos Supplier ${seed.toString(36).toUpperCase()}-${k + 1}`,
        }),
      );
    }
    system.startDriving?.(server);
    t1 = Date.now();

    // A kill: SIGKILL, then start again on the same data (without waiting: the documents go on meanwhile, and
    // whatever they asked of the dying server they check again).
    const kills: Promise<unknown>[] = [];
    const killAfter = (ms: number) =>
      kills.push(
        (async () => {
          await sleep(ms);
          try {
            const { items } = await server.call('documents.list', { companyId: company.id, limit: 500 });
            if (items.some((d) => d.syncStatus === 'queued' || d.syncStatus === 'sending'))
              killsWhileSending += 1;
          } catch {
            // Already down (a lost QuickBooks Desktop answer kills it too): not counted.
          }
          await server.restart();
        })(),
      );

    const ids: string[] = [];
    for (const [i, d] of plan.documents.entries()) {
      const input = () => ({
        companyId: company.id,
        type: d.type,
        number: d.number,
        supplierId: suppliers[d.supplier]!.id,
        supplierInvoiceNumber: d.type === 'invoice' ? d.number : null,
        date: '2026-11-03',
        currency: system.currency,
        lines: setUp.lines(i),
      });
      ids.push(
        await approveDocument(server, company.id, input, d.number, async () => {
          if (d.loseAnswer) await system.loseNextAnswer(server);
        }),
      );
      if (d.killAfterMs !== null) killAfter(d.killAfterMs);
      await sleep(d.pauseMs);
    }
    if (plan.finalKillAfterMs !== null) killAfter(plan.finalKillAfterMs);
    await Promise.all(kills);
    await server.ready();
    t2 = Date.now();

    // Let it finish: every document sent or failed (nothing queued or sending any more).
    const deadline = Date.now() + finishTimeoutMs;
    let docs = await allDocuments(server, company.id);
    while (Date.now() < deadline && docs.some((d) => d.syncStatus !== 'sent' && d.syncStatus !== 'failed')) {
      await sleep(250);
      docs = await allDocuments(server, company.id);
    }
    await system.stopDriving?.();

    const copies = await system.copies();
    let duplicates = 0;
    let lost = 0;
    for (const d of plan.documents) {
      const summary = docs.find((x) => x.number === d.number);
      const held = copies.documents.get(d.number) ?? 0;
      if (held > 1) {
        duplicates += held - 1;
        problems.push(`${d.number} (${d.type}) is in ${system.label} ${held} times`);
      }
      if (held === 0 || summary?.syncStatus !== 'sent') {
        lost += 1;
        let why = summary ? `sync status ${summary.syncStatus}` : 'not in Ledgerbridge';
        if (summary) {
          const full = await server.callSurely('documents.get', { id: summary.id });
          const message = full.sync.find((s) => s.connectionId === setUp.connectionId)?.lastMessage;
          if (message) why += `: ${message}`;
        }
        problems.push(`${d.number} (${d.type}) lost: ${held} in ${system.label}, ${why}`);
      }
    }
    let duplicateSuppliers = 0;
    for (const s of suppliers) {
      const held = copies.suppliers.get(s.name) ?? 0;
      if (held > 1) {
        duplicateSuppliers += held - 1;
        problems.push(`supplier ${s.name} is in ${system.label} ${held} times`);
      }
    }
    return {
      seed,
      kills: server.kills,
      killsWhileSending,
      lostAnswers: (await system.answersLost()) - lostBefore,
      documents: plan.documents.length,
      duplicates,
      duplicateSuppliers,
      lost,
      problems,
      phasesMs: [t1 - t0, t2 - t1, Date.now() - t2],
      starts: server.starts,
      averageStartMs: server.startMs / Math.max(1, server.starts),
    };
  } catch (error) {
    // The run itself broke (set-up failed, the server would not start): every document counts as lost.
    problems.push(`the run broke: ${error instanceof Error ? error.message : String(error)}`);
    return {
      seed,
      kills: server.kills,
      killsWhileSending,
      lostAnswers: (await system.answersLost().catch(() => lostBefore)) - lostBefore,
      documents: plan.documents.length,
      duplicates: 0,
      duplicateSuppliers: 0,
      lost: plan.documents.length,
      problems,
      phasesMs: [t1 - t0, t2 - t1, Date.now() - t2],
      starts: server.starts,
      averageStartMs: server.startMs / Math.max(1, server.starts),
    };
  } finally {
    await system.stopDriving?.();
    await server.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

let built: Promise<string> | null = null;

/** Runs `runs` chaos runs against one system and adds them up. */
export async function runChaos(options: ChaosOptions): Promise<SystemResult> {
  built ??= buildServer();
  const entry = await built;
  const system = chaosSystem(options.system);
  const total: SystemResult = {
    system: options.system,
    label: system.label,
    runs: 0,
    kills: 0,
    killsWhileSending: 0,
    lostAnswers: 0,
    documents: 0,
    duplicates: 0,
    duplicateSuppliers: 0,
    lost: 0,
    failingSeeds: [],
    problems: [],
  };
  await system.start();
  try {
    for (let r = 0; r < options.runs; r++) {
      const seed = (options.seed + r) >>> 0;
      const result = await oneRun(system, entry, seed, options.finishTimeoutMs ?? 120_000);
      total.runs += 1;
      total.kills += result.kills;
      total.killsWhileSending += result.killsWhileSending;
      total.lostAnswers += result.lostAnswers;
      total.documents += result.documents;
      total.duplicates += result.duplicates;
      total.duplicateSuppliers += result.duplicateSuppliers;
      total.lost += result.lost;
      const failed = result.duplicates + result.duplicateSuppliers + result.lost > 0;
      if (failed) {
        total.failingSeeds.push(seed);
        total.problems.push(...result.problems.map((p) => `seed ${seed}: ${p}`));
      }
      options.log?.(
        `  ${system.label} run ${r + 1}/${options.runs} seed ${seed}: ${result.documents} documents, ` +
          `${result.kills} kills (${result.killsWhileSending} while sending), ${result.lostAnswers} lost answers → ` +
          `${result.duplicates} duplicates, ` +
          `${result.lost} lost (set-up ${secs(result.phasesMs[0])}, chaos ${secs(result.phasesMs[1])}, ` +
          `finish ${secs(result.phasesMs[2])}; ${result.starts} starts of ${secs(result.averageStartMs)})${failed ? `  FAILED: ${result.problems.join('; ')}` : ''}`,
      );
    }
  } finally {
    await system.close();
  }
  return total;
}

// 10,000 approved documents through one Web Connector session against the QuickBooks Desktop simulator: how many
// round trips, how many requests per round trip, and how long Ledgerbridge itself takes (the simulator's time is
// measured separately and left out). Targets (DESIGN.md §11): ≥ 20 requests per round trip, < 10 s for 10,000.
// Run: npx tsx bench/qbwc-throughput.ts [documents]
import { performance } from 'node:perf_hooks';
import { createQbdEngine } from '../main/connectors/quickbooks-desktop/engine.js';
import { jobCostingQbdUnits } from '../main/job-costing/index.js';
import { withStatementCache } from '../main/connectors/quickbooks-desktop/statement-cache.js';
import { createIntegrationLog } from '../main/sync/log.js';
import { enqueueSend } from '../main/sync/outbox.js';
import {
  insertCompany,
  insertConnection,
  insertDocument,
  insertSupplier,
  tempDatabase,
} from '../test/fixtures/sync/db.js';
import { QbdSimulator } from '../test/simulators/quickbooks-desktop/simulator.js';

const COUNT = Number(process.argv[2] ?? 10_000);
const SUPPLIERS = 50;

const { db, cleanup } = tempDatabase();
try {
  const companyId = insertCompany(db);
  const connectionId = insertConnection(db, companyId, {
    system: 'quickbooks_desktop',
    name: 'QuickBooks Desktop',
    settings: { documentsToSend: ['purchase_order', 'invoice'], importPayments: false },
  });
  const suppliers = Array.from({ length: SUPPLIERS }, (_, i) =>
    insertSupplier(db, companyId, `Supplier ${i + 1}`),
  );
  const seedStart = performance.now();
  db.transaction(() => {
    for (let i = 0; i < COUNT; i += 1) {
      const type = i % 2 === 0 ? 'purchase_order' : 'invoice';
      const id = insertDocument(db, {
        companyId,
        supplierId: suppliers[i % SUPPLIERS]!,
        number: `${type === 'invoice' ? 'B' : 'P'}${100000 + i}`,
        type,
        status: 'approved',
        revision: 1,
        lines: [
          { description: 'Copper pipe 15 mm', quantity: '2', unitPrice: '12.50' },
          { description: 'Fittings', quantity: '10', unitPrice: '0.85' },
        ],
      });
      if (type === 'invoice')
        db.prepare('UPDATE documents SET supplier_invoice_number = ? WHERE id = ?').run(`INV-${i}`, id);
      enqueueSend(db, { documentId: id, connectionId, revision: 1, reason: 'auto' });
    }
  })();
  const seedMs = performance.now() - seedStart;

  const simulator = new QbdSimulator({ validate: false });
  // The log over cached statements too, as the app should wire it (appendLog prepares on every entry).
  const log = createIntegrationLog(withStatementCache(db), { redact: (t) => t });
  const engine = createQbdEngine({
    db,
    log,
    emit: () => undefined,
    random: () => 0.5,
    units: jobCostingQbdUnits,
  });
  // The connection's first session: it reads the host, imports the lists, then sends everything.

  let simMs = 0;
  let simCpuMs = 0;
  let messages = 0;
  let requests = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const conversation = engine.begin(connectionId, 'bench');
  let first = true;
  for (;;) {
    const xml = conversation.nextRequest(
      first
        ? {
            hcpResponse: simulator.hostResponse(),
            companyFileName: 'C:\\Company.qbw',
            qbXMLCountry: 'US',
            qbXMLMajorVers: 13,
            qbXMLMinorVers: 0,
          }
        : null,
    );
    first = false;
    if (xml === '') break;
    messages += 1;
    requests += (xml.match(/requestID="/g) ?? []).length;
    const t = performance.now();
    const c = process.cpuUsage();
    const response = simulator.handle(xml);
    simMs += performance.now() - t;
    const used = process.cpuUsage(c);
    simCpuMs += (used.user + used.system) / 1000;
    const percent = conversation.receiveResponse({ response, hresult: '', message: '' });
    if (percent < 0) throw new Error(`session failed: ${conversation.lastError()}`);
    if (percent >= 100) break;
  }
  const summary = conversation.close();
  const totalMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const totalCpuMs = (cpu.user + cpu.system) / 1000;
  const sent = db
    .prepare<[string], { n: number }>(
      `SELECT COUNT(*) AS n FROM document_sync WHERE connection_id = ? AND status = 'sent'`,
    )
    .get(connectionId)?.n;

  console.log(`documents:               ${COUNT} (seeded in ${(seedMs / 1000).toFixed(1)} s, not counted)`);
  console.log(
    `sent:                    ${sent} (summary: ${summary.documentsSent} sent, ${summary.documentsFailed} failed)`,
  );
  console.log(`round trips:             ${messages}`);
  console.log(`requests:                ${requests}`);
  console.log(`requests per round trip: ${(requests / messages).toFixed(1)} (target ≥ 20)`);
  console.log(`simulator time:          ${(simMs / 1000).toFixed(2)} s (excluded)`);
  console.log(`our time:                ${((totalMs - simMs) / 1000).toFixed(2)} s wall (target < 10 s)`);
  // On a shared machine wall time includes waiting for a core; CPU time is what the session itself consumed.
  console.log(
    `our CPU time:            ${((totalCpuMs - simCpuMs) / 1000).toFixed(2)} s (simulator CPU ${(simCpuMs / 1000).toFixed(2)} s excluded)`,
  );
  console.log(
    `per document:            ${((totalMs - simMs) / COUNT).toFixed(3)} ms wall, ${((totalCpuMs - simCpuMs) / COUNT).toFixed(3)} ms CPU`,
  );
} finally {
  cleanup();
}

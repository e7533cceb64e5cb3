// Runs the Xero simulator in its own process (for bench/xero-send.ts, so that the benchmark's CPU time is ours
// alone, not the simulator's spec checks). Talks over the fork IPC channel: it announces {baseUrl, tenantId,
// settings} once listening, answers {type:'stats'} with its counters and spec problems, {type:'seed'} by adding an
// account or item, {type:'count'} with the purchase orders and bills it keeps, and stops on {type:'close'}.
import { XeroSimulator } from './simulator.js';

const sim = new XeroSimulator();
await sim.start();
sim.registerApp(process.env.XERO_CLIENT_ID ?? 'bench-client');
const org = sim.createOrg();
sim.consentTenants = [org.tenantId];
sim.latencyMs = Number(process.env.XERO_LATENCY_MS ?? '0');

type Message =
  | { type: 'stats' }
  | { type: 'seed'; entity: 'Account'; fields: { Code: string; Name: string } }
  | { type: 'seed'; entity: 'Item'; fields: { Code: string; Name: string; AccountCode?: string } }
  | { type: 'count' }
  | { type: 'close' };

process.on('message', (message: Message) => {
  if (message.type === 'stats')
    process.send?.({
      type: 'stats',
      stats: sim.stats,
      problems: sim.problems.length,
      firstProblems: sim.problems.slice(0, 3),
      lineStats: sim.lineStats,
    });
  if (message.type === 'seed') {
    const record =
      message.entity === 'Account' ? sim.addAccount(org, message.fields) : sim.addItem(org, message.fields);
    process.send?.({ type: 'seeded', record });
  }
  if (message.type === 'count')
    process.send?.({
      type: 'count',
      purchaseOrders: org.purchaseOrders.size,
      bills: org.invoices.size,
      contacts: org.contacts.size,
    });
  if (message.type === 'close') void sim.close().then(() => process.exit(0));
});
process.send?.({
  type: 'ready',
  baseUrl: sim.baseUrl,
  tenantId: org.tenantId,
  settings: sim.connectionSettings(),
});

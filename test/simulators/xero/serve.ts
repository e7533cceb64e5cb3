// Runs the Xero simulator in its own process (for bench/xero-send.ts, so that the benchmark's CPU time is ours
// alone, not the simulator's spec checks, and for bench/chaos, whose server is killed while the simulator keeps its
// state). Talks over the fork IPC channel: it announces {baseUrl, tenantId, settings} once listening, answers
// {type:'stats'} with its counters and spec problems, {type:'seed'} by adding an account or item, {type:'count'}
// with the purchase orders and bills it keeps, {type:'records'} with an organisation's purchase orders, bills and
// contacts, {type:'org'} by creating a fresh organisation that the next consent grants, {type:'fault'} by queueing
// a fault for the next write (PUT or POST), {type:'faultsMet'} with how many of those writes met, and stops on
// {type:'close'}. A message without tenantId means the first organisation.
import { seedVendors } from '../supplier-lists.js';
import { XeroSimulator, type Fault, type Org } from './simulator.js';

const sim = new XeroSimulator();
await sim.start();
sim.registerApp(process.env.XERO_CLIENT_ID ?? 'bench-client');
const org = sim.createOrg();
sim.consentTenants = [org.tenantId];
sim.latencyMs = Number(process.env.XERO_LATENCY_MS ?? '0');

const orgs = new Map<string, Org>([[org.tenantId, org]]);
const orgOf = (id: string | undefined) => (id ? orgs.get(id) : undefined) ?? org;

type Message =
  | { type: 'stats' }
  | { type: 'seed'; entity: 'Account'; fields: { Code: string; Name: string }; tenantId?: string }
  | {
      type: 'seed';
      entity: 'Item';
      fields: { Code: string; Name: string; AccountCode?: string };
      tenantId?: string;
    }
  | { type: 'count' }
  | { type: 'records'; tenantId?: string }
  | { type: 'org' }
  | { type: 'fault'; fault: Fault }
  | { type: 'faultsMet' }
  | { type: 'seedVendors'; count: number; tenantId?: string }
  | { type: 'close' };

let injected = 0;

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
    const target = orgOf(message.tenantId);
    const record =
      message.entity === 'Account'
        ? sim.addAccount(target, message.fields)
        : sim.addItem(target, message.fields);
    process.send?.({ type: 'seeded', record });
  }
  if (message.type === 'records') {
    const target = orgOf(message.tenantId);
    process.send?.({
      type: 'records',
      purchaseOrders: [...target.purchaseOrders.values()],
      invoices: [...target.invoices.values()],
      contacts: [...target.contacts.values()],
    });
  }
  if (message.type === 'org') {
    const fresh = sim.createOrg();
    orgs.set(fresh.tenantId, fresh);
    sim.consentTenants = [fresh.tenantId];
    process.send?.({ type: 'org', tenantId: fresh.tenantId });
  }
  if (message.type === 'fault') {
    injected += 1;
    sim.inject(message.fault, (method) => method === 'PUT' || method === 'POST');
    process.send?.({ type: 'faulted' });
  }
  if (message.type === 'count')
    process.send?.({
      type: 'count',
      purchaseOrders: org.purchaseOrders.size,
      bills: org.invoices.size,
      contacts: org.contacts.size,
    });
  if (message.type === 'faultsMet')
    process.send?.({ type: 'faultsMet', count: injected - sim.pendingFaultCount });
  if (message.type === 'seedVendors') {
    sim.addSupplierContacts(orgOf(message.tenantId), seedVendors(message.count));
    process.send?.({ type: 'seededVendors' });
  }
  if (message.type === 'close') void sim.close().then(() => process.exit(0));
});
process.send?.({
  type: 'ready',
  baseUrl: sim.baseUrl,
  tenantId: org.tenantId,
  settings: sim.connectionSettings(),
});

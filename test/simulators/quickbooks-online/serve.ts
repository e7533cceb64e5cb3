// Runs the QuickBooks Online simulator in its own process (for bench/qbo-send.ts, so that the benchmark's CPU time
// is ours alone, and for bench/chaos, whose server is killed while the simulator keeps its state). Talks over the
// fork IPC channel: it announces {baseUrl, realmId} once listening, answers {type:'stats'} with its counters,
// {type:'seed'} by adding a record, {type:'count'} and {type:'records'} with a realm's records of an entity,
// {type:'realm'} by creating a fresh realm that the next consent grants, {type:'fault'} by queueing a fault
// (injectFault), {type:'faultsMet'} with how many of those requests met, {type:'seedVendors'} by adding a large vendor list, and stops on {type:'close'}. A message
// without realmId means the first realm.
import { seedVendors } from '../supplier-lists.js';
import { QboSimulator, type Fault, type Realm } from './simulator.js';

const sim = new QboSimulator();
await sim.start();
sim.registerApp(process.env.QBO_CLIENT_ID ?? 'bench-client', process.env.QBO_CLIENT_SECRET ?? 'bench-secret');
const realm = sim.createRealm();
sim.consentRealm = realm.id;
sim.latencyMs = Number(process.env.QBO_LATENCY_MS ?? '0');
sim.refreshGraceMs = Number(process.env.QBO_REFRESH_GRACE_MS ?? '0');

const realms = new Map<string, Realm>([[realm.id, realm]]);
const realmOf = (id: string | undefined) => (id ? realms.get(id) : undefined) ?? realm;

type Message =
  | { type: 'stats' }
  | { type: 'seed'; entity: string; fields: Record<string, unknown>; realmId?: string }
  | { type: 'count'; entity: string; realmId?: string }
  | { type: 'records'; entity: string; realmId?: string }
  | { type: 'realm' }
  | { type: 'fault'; pathPart: string; fault: Fault; method?: string; bodyIncludes?: string }
  | { type: 'faultsMet' }
  | { type: 'seedVendors'; count: number; realmId?: string }
  | { type: 'close' };

let injected = 0;

process.on('message', (message: Message) => {
  if (message.type === 'stats') process.send?.({ type: 'stats', stats: sim.stats });
  if (message.type === 'seed')
    process.send?.({
      type: 'seeded',
      record: sim.seed(realmOf(message.realmId), message.entity, message.fields),
    });
  if (message.type === 'count')
    process.send?.({
      type: 'count',
      count: sim.records(realmOf(message.realmId), message.entity).length,
    });
  if (message.type === 'records')
    process.send?.({ type: 'records', records: sim.records(realmOf(message.realmId), message.entity) });
  if (message.type === 'realm') {
    const fresh = sim.createRealm();
    realms.set(fresh.id, fresh);
    sim.consentRealm = fresh.id;
    process.send?.({ type: 'realm', realmId: fresh.id });
  }
  if (message.type === 'fault') {
    injected += 1;
    sim.injectFault(message.pathPart, message.fault, {
      method: message.method,
      bodyIncludes: message.bodyIncludes,
    });
    process.send?.({ type: 'faulted' });
  }
  if (message.type === 'faultsMet')
    process.send?.({ type: 'faultsMet', count: injected - sim.pendingFaultCount });
  if (message.type === 'seedVendors') {
    sim.seedVendors(realmOf(message.realmId), seedVendors(message.count));
    process.send?.({ type: 'seededVendors' });
  }
  if (message.type === 'close') void sim.close().then(() => process.exit(0));
});
process.send?.({
  type: 'ready',
  baseUrl: sim.baseUrl,
  realmId: realm.id,
  settings: sim.connectionSettings(),
});

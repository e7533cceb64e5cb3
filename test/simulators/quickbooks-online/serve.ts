// Runs the QuickBooks Online simulator in its own process (for bench/qbo-send.ts, so that the benchmark's CPU time
// is ours alone). Talks over the fork IPC channel: it announces {baseUrl, realmId} once listening, answers
// {type:'stats'} with its counters and {type:'seed'} by adding a record, and stops on {type:'close'}.
import { QboSimulator } from './simulator.js';

const sim = new QboSimulator();
await sim.start();
sim.registerApp(process.env.QBO_CLIENT_ID ?? 'bench-client', process.env.QBO_CLIENT_SECRET ?? 'bench-secret');
const realm = sim.createRealm();
sim.consentRealm = realm.id;
sim.latencyMs = Number(process.env.QBO_LATENCY_MS ?? '0');
sim.refreshGraceMs = Number(process.env.QBO_REFRESH_GRACE_MS ?? '0');

type Message =
  | { type: 'stats' }
  | { type: 'seed'; entity: string; fields: Record<string, unknown> }
  | { type: 'count'; entity: string }
  | { type: 'close' };

process.on('message', (message: Message) => {
  if (message.type === 'stats') process.send?.({ type: 'stats', stats: sim.stats });
  if (message.type === 'seed')
    process.send?.({ type: 'seeded', record: sim.seed(realm, message.entity, message.fields) });
  if (message.type === 'count')
    process.send?.({ type: 'count', count: sim.records(realm, message.entity).length });
  if (message.type === 'close') void sim.close().then(() => process.exit(0));
});
process.send?.({
  type: 'ready',
  baseUrl: sim.baseUrl,
  realmId: realm.id,
  settings: sim.connectionSettings(),
});

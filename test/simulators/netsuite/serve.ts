// Runs the NetSuite simulator in its own process (for bench/netsuite-send.ts, so that the benchmark's CPU time is ours
// alone, and for bench/chaos, whose server is killed while the simulator keeps its state). Talks over the fork IPC
// channel: it announces {baseUrl, settings} once listening with a TBA integration registered (the credentials come
// from the environment), answers {type:'stats'} with its counters, {type:'seedRow'} by adding a SuiteQL row
// (account, item, ...), {type:'count'} and {type:'records'} with the records of a type, {type:'dropNextWrite'} by
// losing the answer to the next write (carried out, connection dropped; one at a time), {type:'faultsMet'} with
// how many answers were lost, and stops on {type:'close'}.
import { seedVendors } from '../supplier-lists.js';
import { NetSuiteSimulator } from './simulator.js';

const sim = new NetSuiteSimulator();
await sim.start();
const env = (name: string) => process.env[name] ?? `bench-${name.toLowerCase()}`;
sim.registerTba(
  env('NS_CONSUMER_KEY'),
  env('NS_CONSUMER_SECRET'),
  env('NS_TOKEN_ID'),
  env('NS_TOKEN_SECRET'),
);
sim.latencyMs = Number(process.env.NS_LATENCY_MS ?? '0');

type Message =
  | { type: 'stats' }
  | { type: 'seedRow'; table: string; row: Record<string, string> }
  | { type: 'count'; recordType: string }
  | { type: 'records'; recordType: string }
  | { type: 'dropNextWrite' }
  | { type: 'faultsMet' }
  | { type: 'seedVendors'; count: number }
  | { type: 'close' };

let dropsAsked = 0;

process.on('message', (message: Message) => {
  if (message.type === 'stats') process.send?.({ type: 'stats', stats: sim.stats });
  if (message.type === 'seedRow')
    process.send?.({ type: 'seeded', id: sim.seedRow(message.table, message.row) });
  if (message.type === 'count') process.send?.({ type: 'count', count: sim.list(message.recordType).length });
  if (message.type === 'records') process.send?.({ type: 'records', records: sim.list(message.recordType) });
  if (message.type === 'dropNextWrite') {
    if (!sim.dropNextWriteAnswer) dropsAsked += 1;
    sim.dropNextWriteAnswer = true;
    process.send?.({ type: 'faulted' });
  }
  if (message.type === 'faultsMet')
    process.send?.({ type: 'faultsMet', count: dropsAsked - (sim.dropNextWriteAnswer ? 1 : 0) });
  if (message.type === 'seedVendors') {
    sim.seedVendors(seedVendors(message.count));
    process.send?.({ type: 'seededVendors' });
  }
  if (message.type === 'close') void sim.close().then(() => process.exit(0));
});
process.send?.({ type: 'ready', baseUrl: sim.baseUrl, settings: sim.connectionSettings('tba') });

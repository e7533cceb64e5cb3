// NetSuite as the end-to-end tests meet it: its simulator started with a token-based integration (TBA) registered,
// whose credentials the tests give the connections they make.
import { NetSuiteSimulator } from '../simulators/netsuite/simulator.js';

export interface TbaCredentials {
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

/** The NetSuite simulator, started, with `tba` registered. */
export async function startNetSuite(tba: TbaCredentials): Promise<NetSuiteSimulator> {
  const sim = new NetSuiteSimulator();
  await sim.start();
  sim.registerTba(tba.consumerKey, tba.consumerSecret, tba.tokenId, tba.tokenSecret);
  return sim;
}

// ServiceTrade as a SourceConnector: a source, not a target. Connecting signs in with the stored credentials
// (client id + secret, or user name + password as the fallback) and reads one page of companies to prove access;
// nothing is ever sent there through the sync engine, so it has no delivery. Jobs, locations, companies and
// invoices come in through refreshConnection() (refresh.ts).
import type { ConnectorContext, SourceConnector } from '../contract.js';
import { clientFor } from './pull.js';
import { forgetSignIn } from './client.js';
import { DEFAULT_BASE_URL, pageOf, ServiceTradeSettingsInput, StCompany } from './schemas.js';

async function probe(ctx: ConnectorContext): Promise<string> {
  const { client } = clientFor(ctx.connection, ctx);
  forgetSignIn(ctx.connection.id); // credentials may just have changed
  const how = await client.signIn();
  await client.get('/company', { limit: 1, page: 1 }, pageOf('companies', StCompany));
  return how === 'password'
    ? 'Connected to ServiceTrade with a user name and password. An API client ID and secret is the recommended sign-in.'
    : 'Connected to ServiceTrade.';
}

export const servicetradeConnector: SourceConnector = {
  system: 'servicetrade',
  label: 'ServiceTrade',
  role: 'source',
  delivery: 'none',
  settingsSchema: ServiceTradeSettingsInput,
  defaultSettings: { baseUrl: DEFAULT_BASE_URL },
  policy: () => ({ concurrency: 1, requestsPerMinute: 120, batchSize: 1 }),
  async connect(ctx) {
    await probe(ctx);
    return { authorizeUrl: null };
  },
  async test(ctx) {
    return { ok: true, message: await probe(ctx) };
  },
};

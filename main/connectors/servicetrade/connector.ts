// ServiceTrade behind the Connector contract. ServiceTrade is a source, not a target: connecting signs in with
// the stored credentials (client id + secret, or user name + password as the fallback) and reads one page of
// companies to prove access; the references and send methods throw, because nothing is ever sent there through
// the sync engine. Jobs, locations, companies and invoices come in through refreshConnection() (refresh.ts).
import {
  ConnectorError,
  type Connector,
  type ConnectorContext,
  type ExternalMatch,
  type SendOutcome,
} from '../contract.js';
import { clientFor } from './pull.js';
import { forgetSignIn } from './client.js';
import { DEFAULT_BASE_URL, pageOf, ServiceTradeSettingsInput, StCompany } from './schemas.js';

const NOT_A_TARGET =
  'ServiceTrade only supplies jobs, customers and invoices to Ledgerbridge; documents are sent to the accounting connection. Choose the company’s accounting connection instead.';

async function probe(ctx: ConnectorContext): Promise<string> {
  const { client } = clientFor(ctx.connection, ctx);
  forgetSignIn(ctx.connection.id); // credentials may just have changed
  const how = await client.signIn();
  await client.get('/company', { limit: 1, page: 1 }, pageOf('companies', StCompany));
  return how === 'password'
    ? 'Connected to ServiceTrade with a user name and password. An API client ID and secret is the recommended sign-in.'
    : 'Connected to ServiceTrade.';
}

export const servicetradeConnector: Connector = {
  system: 'servicetrade',
  label: 'ServiceTrade',
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
  findReferences(): Promise<ExternalMatch[]> {
    return Promise.reject(new ConnectorError('needs_user', NOT_A_TARGET));
  },
  createReference(): Promise<ExternalMatch> {
    return Promise.reject(new ConnectorError('needs_user', NOT_A_TARGET));
  },
  sendDocuments(): Promise<SendOutcome[]> {
    return Promise.reject(new ConnectorError('needs_user', NOT_A_TARGET));
  },
  cancelDocument(): Promise<SendOutcome> {
    return Promise.reject(new ConnectorError('needs_user', NOT_A_TARGET));
  },
};

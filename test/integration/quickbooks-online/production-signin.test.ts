// Production companies: Intuit redirects only to https, so the authorize URL names the relay page, `state` carries
// the loopback port, and the relay page (docs/relay/relay.js, run here as the browser would) forwards the answer to
// the loopback listener; the code is exchanged with the relay page as redirect_uri.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  oracleReady,
  startWorld,
  waitForStatus,
  type QboWorld,
} from './harness.js';

const ready = oracleReady();
const relayScript = fs.readFileSync(path.resolve(__dirname, '../../../docs/relay/relay.js'), 'utf8');
const RELAY = 'https://relay.example.org/ledgerbridge/relay/';
let world: QboWorld;
beforeEach(async () => {
  if (ready) world = await startWorld();
});
afterEach(async () => {
  await world?.close();
});

/** The relay page in a browser: where does it send us for this address? */
function relay(pageUrl: string): string {
  const url = new URL(pageUrl);
  let target = '';
  const window = {
    location: { search: url.search, pathname: url.pathname, replace: (to: string) => (target = to) },
    history: { replaceState: () => undefined },
  };
  const element = () => ({ textContent: '', href: '', hidden: true });
  vm.runInNewContext(relayScript, { window, document: { getElementById: element }, URL, URLSearchParams });
  return target;
}

describe.skipIf(!ready)('QuickBooks Online: production sign-in through the relay page', () => {
  it('signs in with the relay page as redirect URI and the loopback port in state', async () => {
    const { core, sim } = world;
    const company = await core.call('companies.create', { name: 'Northwind', baseCurrency: 'USD' });
    const connection = await core.call('connections.create', {
      companyId: company.id,
      system: 'quickbooks_online',
      settings: { ...sim.connectionSettings(), environment: 'production', relayUrl: RELAY },
      credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    });
    const { authorizeUrl } = await core.call('connections.connect', { id: connection.id });
    const authorize = new URL(authorizeUrl!);
    expect(authorize.searchParams.get('redirect_uri')).toBe(RELAY);
    expect(authorize.searchParams.get('scope')).toBe('com.intuit.quickbooks.accounting');
    expect(authorize.searchParams.get('state')).toMatch(/^\d{4,5}\.[\w-]{16,}$/);

    const consent = await fetch(authorizeUrl!, { redirect: 'manual' });
    const atRelay = consent.headers.get('location')!;
    expect(atRelay.startsWith(RELAY)).toBe(true);
    const forwarded = relay(atRelay);
    expect(new URL(forwarded).hostname).toBe('127.0.0.1');
    expect((await fetch(forwarded)).status).toBe(200);
    const connected = await waitForStatus(core, company.id, connection.id, 'connected');
    expect(connected.status).toBe('connected');
    expect(sim.liveRefreshTokens()).toHaveLength(1);
  });
});

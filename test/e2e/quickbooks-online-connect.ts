// A QuickBooks Online connection as a bookkeeper's first connect leaves it, for the end-to-end tests that start
// from one: created with the simulator's address, signed in through the simulator's consent page (the real OAuth
// round trip), and the company confirmed. The tests of the sign-in itself (quickbooks-online.e2e) go through
// the page instead.
import type { QboSimulator } from '../simulators/quickbooks-online/simulator';
import { poll, type E2eHarness } from './support';

/** Settings on top of the simulator's address and the sandbox environment, e.g. createMissing or documentsToSend. */
type ExtraSettings = Record<string, unknown>;

/** Connects `companyId` to the simulator's consenting realm `realmId`; returns the connection's id. */
export async function connectQuickBooksOnline(
  e2e: E2eHarness,
  sim: QboSimulator,
  companyId: string,
  realmId: string,
  settings: ExtraSettings = {},
): Promise<string> {
  const { api } = e2e;
  const connection = await api<{ id: string }>('connections.create', {
    companyId,
    system: 'quickbooks_online',
    settings: { ...sim.connectionSettings(), environment: 'sandbox', ...settings },
    credentials: { clientId: 'e2e-client', clientSecret: 'e2e-secret' },
  });
  const { authorizeUrl } = await api<{ authorizeUrl: string }>('connections.connect', { id: connection.id });
  const consent = await fetch(authorizeUrl, { redirect: 'manual' });
  await fetch(consent.headers.get('location')!);
  await poll(
    async () =>
      (await api<{ id: string; status: string }[]>('connections.list', { companyId })).find(
        (c) => c.id === connection.id,
      )?.status,
  ).toBe('connected');
  await api('quickbooksOnline.confirmCompany', { connectionId: connection.id, realmId });
  return connection.id;
}

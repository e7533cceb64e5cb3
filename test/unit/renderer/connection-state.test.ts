// One state for a connection on every page: a QuickBooks Desktop connection whose first Web Connector run has not
// finished waits for it (badge, "Connected" and what to do agree, and imports may be asked for meanwhile: they wait
// for that run), whatever status an earlier run that stopped left; once a run finished it is connected since then.
import { describe, expect, it } from 'vitest';
import type { ConnectionT } from '../../../preload/contract';
import { connectionState } from '../../../renderer/src/lib/connections';

const qbd: ConnectionT = {
  id: 'k1',
  companyId: 'c1',
  system: 'quickbooks_desktop',
  name: 'QuickBooks Desktop',
  status: 'not_connected',
  statusMessage: null,
  settings: {},
  credentialNames: [],
  connectedAt: null,
  createdAt: '2026-12-01T08:00:00.000Z',
};

describe('connectionState', () => {
  it('waits for the first Web Connector run until one finishes, saying what to do', () => {
    const noPassword = connectionState(qbd, true);
    expect(noPassword).toMatchObject({
      kind: 'waiting_first_run',
      badge: { value: 'waiting_first_run', text: 'Waiting for first run' },
      notYet: 'Not yet: waiting for the first Web Connector run',
      canAsk: true,
    });
    expect(noPassword.notice).toBe(
      'Waiting for the first Web Connector run of QuickBooks Desktop. Set the Web Connector password and download the .qwc file on the Web Connector page, add the file in the QuickBooks Web Connector on the QuickBooks computer, then click Update Selected there.',
    );
    // A run that stopped before it finished (or Connect) left it "connected": it still waits, the same way.
    const started = connectionState(
      { ...qbd, status: 'connected', credentialNames: ['webConnectorPassword'] },
      true,
    );
    expect(started).toMatchObject({ kind: 'waiting_first_run', canAsk: true });
    expect(started.notice).toBe(
      'Waiting for the first Web Connector run of QuickBooks Desktop to finish. On the QuickBooks computer, open the QuickBooks Web Connector, tick Ledgerbridge and click Update Selected: that run reads the QuickBooks lists, and what you ask for here waits for it.',
    );
  });

  it('is connected once a run finished; a refusal or an error shows as such', () => {
    const at = '2026-12-02T09:30:00.000Z';
    expect(connectionState({ ...qbd, status: 'connected', connectedAt: at }, true)).toEqual({
      kind: 'connected',
      badge: { value: 'connected', text: 'Connected' },
      notYet: null,
      notice: null,
      canAsk: true,
      retryAccess: false,
    });
    expect(connectionState({ ...qbd, status: 'needs_reconnect' }, true)).toMatchObject({
      kind: 'not_connected',
      // No sign-in to do again, so no "Needs reconnect" and no Reconnect: access is allowed in QuickBooks, then
      // Try again (retryAccess) sends what waits at the next run.
      badge: { value: 'needs_access', text: 'Needs access in QuickBooks' },
      notice:
        'QuickBooks refused Ledgerbridge access to QuickBooks Desktop. Allow it in QuickBooks as the message below says, then choose Try again: the documents waiting go at the next Web Connector run, nothing is lost.',
      canAsk: false,
      retryAccess: true,
    });
    // A system we call says Needs reconnect, and its card offers Reconnect.
    expect(connectionState({ ...qbd, status: 'needs_reconnect' }, false)).toMatchObject({
      badge: { value: 'needs_reconnect', text: 'Needs reconnect' },
      notice: null,
      retryAccess: false,
    });
    expect(connectionState({ ...qbd, status: 'error' }, true).kind).toBe('not_connected');
  });

  it('leaves the systems we call as their status says', () => {
    const xero = { ...qbd, system: 'xero', name: 'Xero' };
    expect(connectionState(xero, false)).toMatchObject({
      kind: 'not_connected',
      badge: { value: 'not_connected', text: 'Not connected' },
      notYet: 'Not yet',
      canAsk: false,
    });
    expect(
      connectionState({ ...xero, status: 'connected', connectedAt: '2026-12-02T09:30:00.000Z' }, false),
    ).toMatchObject({ kind: 'connected', notYet: null, canAsk: true });
  });
});

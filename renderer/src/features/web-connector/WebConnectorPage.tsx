// QuickBooks Desktop through the QuickBooks Web Connector: set the password, download the .qwc file, follow the
// set-up steps, and see what each Web Connector session did, with the fix for every problem it met.
import { useCallback, useState } from 'react';
import type { AppEvent } from '../../../../preload/contract';
import { Badge, Empty, PageHeader } from '../../components/ui';
import { href } from '../../lib/route';
import { useAction } from '../../lib/useAction';
import { useQuery } from '../../lib/useQuery';
import { request, useApp } from '../../state/app';
import { OnNextRun } from './OnNextRun';
import { downloadQwc } from './qwc-file';
import { PasswordForm, RefusedSignIns } from './PasswordForm';
import { Sessions, plural } from './Sessions';
import { SetupSteps } from './SetupSteps';

export function WebConnectorPage() {
  const companyId = useApp((s) => s.companyId) ?? '';
  const connectionsQuery = useQuery(['connections.list', companyId], () =>
    request('connections.list', { companyId }),
  );
  // A failed read shows the page as without connections (the banner says why) rather than "Loading…" for ever.
  const connections = connectionsQuery.data
    ? connectionsQuery.data.filter((c) => c.system === 'quickbooks_desktop')
    : connectionsQuery.error
      ? []
      : null;
  const [picked, setPicked] = useState('');
  const chosen = connections?.some((c) => c.id === picked) ? picked : (connections?.[0]?.id ?? '');
  // What the connection's sessions write to its log changes its status and sessions: read them again then.
  const refreshOn = (event: AppEvent) => event.type === 'log' && event.entry.connectionId === chosen;
  const statusQuery = useQuery(
    chosen ? ['qbd.status', chosen] : null,
    () => request('qbd.status', { connectionId: chosen }),
    { refreshOn },
  );
  const status = statusQuery.data ?? null;
  const sessionsQuery = useQuery(
    chosen ? ['qbd.sessions', chosen, 20] : null,
    () => request('qbd.sessions', { connectionId: chosen, limit: 20 }),
    { refreshOn },
  );
  const sessions = sessionsQuery.data?.sessions ?? (sessionsQuery.error ? [] : null);
  const { reload: reloadStatus } = statusQuery;
  const { reload: reloadSessions } = sessionsQuery;
  const reload = useCallback(() => {
    reloadStatus();
    reloadSessions();
  }, [reloadStatus, reloadSessions]);
  const actions = useAction();
  const { busy, notice: note, run } = actions;

  const download = () =>
    run('qwc', () => downloadQwc(chosen), {
      notice: (file) => `${file.fileName} downloaded. Open it in the QuickBooks Web Connector (step 3).`,
    });

  if (connections === null) {
    return (
      <div className="page">
        <PageHeader title="QuickBooks Web Connector" />
        <p className="muted">Loading…</p>
      </div>
    );
  }
  if (connections.length === 0) {
    return (
      <div className="page">
        <PageHeader title="QuickBooks Web Connector" />
        <Empty title="No QuickBooks Desktop connection yet" testId="qbwc-empty">
          <p>
            QuickBooks Desktop is reached through Intuit&apos;s QuickBooks Web Connector, which calls
            Ledgerbridge on a schedule. Add a QuickBooks Desktop connection on the{' '}
            <a href={href('connections')}>Connections</a> page first; then come back here to set it up.
          </p>
        </Empty>
      </div>
    );
  }

  const connection = connections.find((c) => c.id === chosen) ?? connections[0];
  const username = typeof connection?.settings.username === 'string' ? connection.settings.username : '';
  const every =
    typeof connection?.settings.runEveryMinutes === 'number' ? connection.settings.runEveryMinutes : null;

  return (
    <div className="page" data-testid="qbwc-page">
      <PageHeader title="QuickBooks Web Connector">
        {connections.length > 1 ? (
          <label className="inline">
            <span className="muted">Connection</span>
            <select value={chosen} onChange={(e) => setPicked(e.target.value)} data-testid="qbwc-connection">
              {connections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p className="muted" data-testid="qbwc-connection-name">
            {connection?.name}
          </p>
        )}
      </PageHeader>

      {note && (
        <div className="banner banner--success" role="status" data-testid="qbwc-note">
          <span className="banner__message">{note}</span>
        </div>
      )}

      <section className="card" aria-labelledby="qbwc-step-password">
        <div className="card__head">
          <h2 id="qbwc-step-password">1. Set the Web Connector password</h2>
          {status && (
            <Badge
              value={status.passwordSet ? 'success' : 'retry'}
              text={status.passwordSet ? 'Password set' : 'No password yet'}
              testId="qbwc-password-status"
            />
          )}
        </div>
        <p className="muted">
          The Web Connector signs in as <strong data-testid="qbwc-username">{username}</strong> with this
          password. Changing it here means typing the new one in the Web Connector too.
        </p>
        {status?.refusedSignIns && <RefusedSignIns refused={status.refusedSignIns} />}
        {chosen && <PasswordForm key={chosen} connectionId={chosen} onSaved={reload} />}
      </section>

      <section className="card" aria-labelledby="qbwc-step-file">
        <div className="card__head">
          <h2 id="qbwc-step-file">2. Download the .qwc file</h2>
          <button
            type="button"
            className="button button--primary"
            onClick={() => void download()}
            disabled={busy !== null || !chosen}
            data-testid="qbwc-download"
          >
            {busy === 'qwc' ? 'Preparing…' : 'Download .qwc file'}
          </button>
        </div>
        <dl className="meta">
          <div>
            <dt>Web Connector address</dt>
            <dd data-testid="qbwc-endpoint">
              {status === null
                ? '…'
                : status.endpointUrl
                  ? `${status.endpointUrl}/qbwc`
                  : 'Not running — start Ledgerbridge again'}
            </dd>
          </div>
          <div>
            <dt>Runs every</dt>
            <dd>{every ? plural(every, 'minute') : '—'}</dd>
          </div>
        </dl>
      </section>

      <SetupSteps />

      <OnNextRun connectionId={chosen} actions={actions} />

      <section className="card" aria-labelledby="qbwc-sessions-title">
        <div className="card__head">
          <h2 id="qbwc-sessions-title">Recent sessions</h2>
          <button type="button" className="button button--small" onClick={reload} data-testid="qbwc-reload">
            Refresh
          </button>
        </div>
        {sessions === null ? <p className="muted">Loading…</p> : <Sessions sessions={sessions} />}
      </section>
    </div>
  );
}

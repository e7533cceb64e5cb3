// QuickBooks Desktop through the QuickBooks Web Connector: set the password, download the .qwc file, follow the
// set-up steps, and see what each Web Connector session did, with the fix for every problem it met.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { ConnectionT, MethodOutput } from '../../../../preload/contract';
import { Badge, Empty, Field, PageHeader, formatDateTime } from '../../components/ui';
import { whileCurrent } from '../../lib/current';
import { generatePassword } from '../../lib/password';
import { href } from '../../lib/route';
import { request, requestQuiet, useApp } from '../../state/app';
import { useAppEvents } from '../../state/events';

type Session = MethodOutput<'qbd.sessions'>['sessions'][number];
type Outcome = Session['outcome'];

/** Outcome → [words, a badge value whose colour fits]. */
const OUTCOMES: Record<Outcome, [string, string]> = {
  running: ['Running', 'sending'],
  done: ['Done', 'success'],
  failed: ['Stopped with a problem', 'failure'],
  expired: ['Stopped answering', 'retry'],
  nothing_to_do: ['Nothing to send', 'historical'],
  busy: ['Busy (another session ran)', 'retry'],
  replaced: ['Lost, replaced by a new session', 'retry'],
  refused: ['Password refused', 'failure'],
  interrupted: ['Interrupted (Ledgerbridge closed)', 'retry'],
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function whatItDid(session: Session): string {
  const s = session.summary;
  if (!s) return session.outcome === 'running' ? 'In progress…' : '—';
  const parts = [`${plural(s.documentsSent, 'document')} sent`];
  if (s.documentsFailed > 0) parts.push(`${s.documentsFailed} need attention`);
  if (s.listRecords > 0) parts.push(`${plural(s.listRecords, 'list record')} read`);
  if (s.paymentsImported > 0) parts.push(`${plural(s.paymentsImported, 'payment')} read`);
  parts.push(`${plural(s.messages, 'round trip')}`);
  return parts.join(', ');
}

function downloadFile(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/xml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Copies text: the Clipboard API where the page may use it, else the old select-and-copy on the input (the desktop
 * app grants web pages no permissions). Resolves to whether it worked; the text stays selected either way.
 */
async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  input?.select();
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

function PasswordForm({ connectionId, onSaved }: { connectionId: string; onSaved: () => void }) {
  // Offered by default: a password nobody will guess, which the bookkeeper copies into the Web Connector.
  const [mode, setMode] = useState<'generated' | 'own'>('generated');
  const [generated, setGenerated] = useState(() => generatePassword());
  const [savedGenerated, setSavedGenerated] = useState<string | null>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const generatedInput = useRef<HTMLInputElement>(null);

  function switchTo(next: 'generated' | 'own') {
    setMode(next);
    setErrors({});
    setSaved(false);
    setCopied(null);
  }

  function another() {
    setGenerated(generatePassword());
    setSaved(false);
    setCopied(null);
  }

  async function copy() {
    setCopied((await copyText(generated, generatedInput.current)) ? 'yes' : 'no');
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const value = mode === 'generated' ? generated : password;
    if (mode === 'own' && password !== confirm) {
      setErrors({ 'qbwc-confirm': ['does not match the password'] });
      return;
    }
    setSaving(true);
    try {
      await requestQuiet('qbd.setPassword', { connectionId, password: value });
      setErrors({});
      setPassword('');
      setConfirm('');
      if (mode === 'generated') setSavedGenerated(value);
      setSaved(true);
      onSaved();
    } catch (error) {
      const problems = (error as { problems?: { field: string; message: string }[] }).problems ?? [];
      const message = (error as { message?: string }).message ?? 'The password could not be saved.';
      setErrors({
        'qbwc-password': problems.length > 0 ? problems.map((p) => p.message) : [message],
      });
    } finally {
      setSaving(false);
    }
  }

  const alreadySaved = mode === 'generated' && savedGenerated === generated;
  return (
    <form className="form" onSubmit={(e) => void submit(e)} data-testid="qbwc-password-form">
      {mode === 'generated' ? (
        <>
          <Field
            label="New password (generated for you)"
            htmlFor="qbwc-password"
            errors={errors['qbwc-password']}
            hint="24 random letters and digits. Copy it before you save: you paste it into the Web Connector, and Ledgerbridge keeps it in this computer's keychain without showing it again."
            className="field--wide"
          >
            <div className="generated-password">
              <input
                id="qbwc-password"
                ref={generatedInput}
                type="text"
                readOnly
                spellCheck={false}
                autoComplete="off"
                value={generated}
                onFocus={(e) => e.currentTarget.select()}
                data-testid="qbwc-password"
              />
              <button
                type="button"
                className="button"
                onClick={() => void copy()}
                data-testid="qbwc-password-copy"
              >
                Copy
              </button>
              <button type="button" className="button" onClick={another} data-testid="qbwc-password-another">
                Generate another
              </button>
            </div>
          </Field>
          {copied && (
            <span className="muted" role="status" data-testid="qbwc-password-copied">
              {copied === 'yes'
                ? 'Copied. Paste it in the Password column of the Web Connector.'
                : 'Could not copy here: the password is selected, press Ctrl+C (⌘C on a Mac) to copy it.'}
            </span>
          )}
        </>
      ) : (
        <div className="form-grid">
          <Field
            label="New password"
            htmlFor="qbwc-password"
            errors={errors['qbwc-password']}
            hint="At least 8 characters. Kept in this computer's keychain only."
          >
            <input
              id="qbwc-password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              data-testid="qbwc-password"
            />
          </Field>
          <Field label="Type it again" htmlFor="qbwc-confirm" errors={errors['qbwc-confirm']}>
            <input
              id="qbwc-confirm"
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              data-testid="qbwc-confirm"
            />
          </Field>
        </div>
      )}
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={saving || (mode === 'own' ? password === '' : alreadySaved)}
          data-testid="qbwc-password-save"
        >
          {saving ? 'Saving…' : 'Save password'}
        </button>
        {mode === 'generated' ? (
          <button
            type="button"
            className="link-button"
            onClick={() => switchTo('own')}
            data-testid="qbwc-password-own"
          >
            Type my own password instead
          </button>
        ) : (
          <button
            type="button"
            className="link-button"
            onClick={() => switchTo('generated')}
            data-testid="qbwc-password-generate"
          >
            Use a generated password
          </button>
        )}
        {saved && (
          <span className="muted" role="status" data-testid="qbwc-password-saved">
            {mode === 'generated'
              ? 'Saved. Paste the same password in the Web Connector.'
              : 'Saved. Type the same password in the Web Connector.'}
          </span>
        )}
      </div>
    </form>
  );
}

/** Wrong passwords in a row for the connection's user name, and when the next sign-in is checked. */
function RefusedSignIns({ refused }: { refused: NonNullable<MethodOutput<'qbd.status'>['refusedSignIns']> }) {
  return (
    <div className="banner banner--warning" role="status" data-testid="qbwc-refused-sign-ins">
      <span className="banner__message">
        {refused.count === 1
          ? `The Web Connector's last sign-in (${formatDateTime(refused.since)}) used a wrong password.`
          : `The Web Connector signed in with a wrong password ${refused.count} times in a row since ${formatDateTime(refused.since)}.`}
        {refused.retryAfter
          ? ` To slow down guessing, its next sign-in is checked only after ${formatDateTime(refused.retryAfter)}.`
          : ''}{' '}
        If you changed the password, type it again in the Web Connector; saving a new password here lets it
        sign in at once.
      </span>
    </div>
  );
}

function Sessions({ sessions }: { sessions: Session[] }) {
  if (sessions.length === 0) {
    return (
      <p className="muted" data-testid="qbwc-no-sessions">
        The Web Connector has not called yet. Once it runs, each session appears here with what it did.
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="grid" data-testid="qbwc-sessions">
        <thead>
          <tr>
            <th>Started</th>
            <th>Outcome</th>
            <th>What it did</th>
            <th>Problems and how to fix them</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => {
            const [words, badge] = OUTCOMES[s.outcome];
            return (
              <tr key={s.id} data-testid="qbwc-session" data-outcome={s.outcome}>
                <td>
                  {formatDateTime(s.startedAt)}
                  {Date.parse(s.lastSeenAt) - Date.parse(s.startedAt) >= 60_000 && (
                    <div className="muted">last call {formatDateTime(s.lastSeenAt)}</div>
                  )}
                </td>
                <td>
                  <Badge value={badge} text={words} testId="qbwc-session-outcome" />
                </td>
                <td data-testid="qbwc-session-summary">{whatItDid(s)}</td>
                <td>
                  {s.problems.length === 0 ? (
                    <span className="muted">None</span>
                  ) : (
                    <ul className="problems" data-testid="qbwc-session-problems">
                      {s.problems.map((p) => (
                        <li key={`${p.code}-${p.message}`} data-code={p.code}>
                          <strong>{p.code}</strong>
                          {p.message && p.message !== p.fix && <span className="muted"> {p.message}</span>}
                          <div data-testid="qbwc-problem-fix">{p.fix}</div>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function WebConnectorPage() {
  const companyId = useApp((s) => s.companyId) ?? '';
  const [connections, setConnections] = useState<ConnectionT[] | null>(null);
  const [chosen, setChosen] = useState<string>('');
  const [status, setStatus] = useState<MethodOutput<'qbd.status'> | null>(null);
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [paymentsFrom, setPaymentsFrom] = useState('');
  const [paymentsTo, setPaymentsTo] = useState('');

  useEffect(() => {
    return whileCurrent(
      request('connections.list', { companyId }),
      (list) => {
        const qbd = list.filter((c) => c.system === 'quickbooks_desktop');
        setConnections(qbd);
        setChosen((id) => (qbd.some((c) => c.id === id) ? id : (qbd[0]?.id ?? '')));
      },
      () => setConnections((c) => c ?? []),
    );
  }, [companyId]);

  useEffect(() => {
    if (!chosen) return;
    const stopStatus = whileCurrent(request('qbd.status', { connectionId: chosen }), setStatus, () => {});
    const stopSessions = whileCurrent(
      request('qbd.sessions', { connectionId: chosen, limit: 20 }),
      (r) => setSessions(r.sessions),
      () => setSessions((s) => s ?? []),
    );
    return () => {
      stopStatus();
      stopSessions();
    };
  }, [chosen, reloadKey]);

  const reload = useCallback(() => setReloadKey((k) => k + 1), []);
  useAppEvents((event) => {
    if (event.type === 'log' && event.entry.connectionId === chosen) reload();
  });

  async function downloadQwc() {
    setBusy('qwc');
    try {
      const file = await request('qbd.qwc', { connectionId: chosen });
      downloadFile(file.fileName, file.xml);
      setNote(`${file.fileName} downloaded. Open it in the QuickBooks Web Connector (step 3).`);
    } catch {
      // banner
    } finally {
      setBusy(null);
    }
  }

  async function requestPayments(event: FormEvent) {
    event.preventDefault();
    setBusy('payments');
    try {
      await request('qbd.requestPayments', {
        connectionId: chosen,
        ...(paymentsFrom && paymentsTo ? { from: paymentsFrom, to: paymentsTo } : {}),
      });
      setNote(
        paymentsFrom && paymentsTo
          ? `Payments dated ${paymentsFrom} to ${paymentsTo} will be read at the next Web Connector run.`
          : 'Payments changed since the last import will be read at the next Web Connector run.',
      );
    } catch {
      // banner
    } finally {
      setBusy(null);
    }
  }

  async function refreshLists() {
    setBusy('refresh');
    try {
      await request('qbd.refresh', { connectionId: chosen });
      setNote('QuickBooks lists will be read again at the next Web Connector run.');
    } catch {
      // banner
    } finally {
      setBusy(null);
    }
  }

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
            <select value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="qbwc-connection">
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
            onClick={() => void downloadQwc()}
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

      <section className="card" aria-labelledby="qbwc-steps">
        <h2 id="qbwc-steps">3. Set up the Web Connector on the QuickBooks computer</h2>
        <ol data-testid="qbwc-setup-steps">
          <li>
            Install the QuickBooks Web Connector from Intuit if it is not there yet (QuickBooks Desktop
            includes it in recent versions: File &gt; Update Web Services).
          </li>
          <li>Open QuickBooks as the administrator, with the company file Ledgerbridge should use.</li>
          <li>
            In the Web Connector, choose <em>Add an application</em> and open the .qwc file from step 2 (or
            double-click the file).
          </li>
          <li>
            QuickBooks asks whether to allow Ledgerbridge. Choose{' '}
            <strong>Yes, always; allow access even if QuickBooks is not running</strong>, pick an
            administrator as the user to log in as, then Continue and Done.
          </li>
          <li>
            Back in the Web Connector, paste (or type) the password from step 1 in the <em>Password</em>{' '}
            column and press Enter; answer Yes to save it.
          </li>
          <li>
            Tick the box in front of Ledgerbridge and click <em>Update Selected</em> to run it now. Tick{' '}
            <em>Auto-Run</em> to let it run on its schedule.
          </li>
        </ol>
      </section>

      <section className="card" aria-labelledby="qbwc-on-demand">
        <h2 id="qbwc-on-demand">On the next run</h2>
        <p className="muted">
          QuickBooks Desktop answers only while the Web Connector runs: these are done at its next run (or
          click Update Selected in the Web Connector to run it now).
        </p>
        <form className="form" onSubmit={(e) => void requestPayments(e)} data-testid="qbwc-payments-form">
          <div className="form__actions">
            <button
              type="button"
              className="button"
              onClick={() => void refreshLists()}
              disabled={busy !== null || !chosen}
              data-testid="qbwc-refresh"
            >
              {busy === 'refresh' ? 'Asking…' : 'Read QuickBooks lists again'}
            </button>
            <label className="inline">
              <span className="muted">Payments from</span>
              <input
                type="date"
                value={paymentsFrom}
                onChange={(e) => setPaymentsFrom(e.target.value)}
                data-testid="qbwc-payments-from"
              />
            </label>
            <label className="inline">
              <span className="muted">to</span>
              <input
                type="date"
                value={paymentsTo}
                onChange={(e) => setPaymentsTo(e.target.value)}
                data-testid="qbwc-payments-to"
              />
            </label>
            <button
              type="submit"
              className="button"
              disabled={busy !== null || !chosen || Boolean(paymentsFrom) !== Boolean(paymentsTo)}
              data-testid="qbwc-payments"
            >
              {busy === 'payments' ? 'Asking…' : 'Bring payments back'}
            </button>
          </div>
        </form>
      </section>

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

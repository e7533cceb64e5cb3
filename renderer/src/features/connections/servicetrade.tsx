// ServiceTrade on the Connections page: connecting it (the same form as on the Jobs page: sign in, then the jobs
// are pulled), and its settings — how often it pulls, and which QuickBooks Desktop connection its invoices waiting
// for accounting go to on their own.
import { useState } from 'react';
import type { z } from 'zod';
import type { RefreshSummary } from '../../../../preload/contracts/servicetrade';
import type { FieldProblem } from '../../api/errors';
import { Filter, TextField } from '../../components/ui';
import { useConnections } from '../../lib/connections';
import { useAction } from '../../lib/useAction';
import { request, requestQuiet } from '../../state/app';
import { ConnectionNameField, nameErrorsOf } from './connection-name';
import { ActionNote, SelectField, useActionRunner } from './fields';
import type { AddPanelProps, SettingsPanelProps, SystemPanel } from './types';

/** What the form says after a failed connect: a failed sign-in is recorded on the connection with what to fix. */
async function connectFailure(
  companyId: string,
  connectionId: string | null,
  failure: unknown,
): Promise<string> {
  const stored = connectionId
    ? (await requestQuiet('connections.list', { companyId }).catch(() => [])).find(
        (c) => c.id === connectionId,
      )
    : undefined;
  if (stored?.status === 'error' && stored.statusMessage) return stored.statusMessage;
  return failure instanceof Error && failure.message
    ? failure.message
    : 'Connecting to ServiceTrade failed. Try again.';
}

/**
 * Connecting ServiceTrade (the Jobs page, and the Connections page's Add panel): its name (ServiceTrade unless
 * changed, as every Add form has), an API client ID and secret, or a user name and password; the address only for a
 * sandbox. Creates the connection (or updates the one that failed), checks the sign-in and pulls the jobs.
 */
export function ConnectServiceTrade({
  companyId,
  onConnected,
}: {
  companyId: string;
  onConnected(summary: z.infer<typeof RefreshSummary>, connectionId: string): void;
}) {
  const [name, setName] = useState('ServiceTrade');
  const [nameErrors, setNameErrors] = useState<string[] | undefined>(undefined);
  const [mode, setMode] = useState<'client' | 'password'>('client');
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [baseUrl, setBaseUrl] = useState('https://api.servicetrade.com/api');
  const action = useAction();
  const busy = action.busy !== null;
  const [error, setError] = useState<string | null>(null);

  function connect(e: React.FormEvent) {
    e.preventDefault();
    if (name.trim() === '') return; // the field says so
    if (first.trim() === '' || second === '') {
      setError(
        mode === 'client'
          ? 'Enter the client ID and the client secret.'
          : 'Enter the user name and password.',
      );
      return;
    }
    setError(null);
    setNameErrors(undefined);
    // Quiet: what went wrong is said under the form, in ServiceTrade's words where it recorded them.
    void action.run('connect', async () => {
      let connectionId: string | null = null;
      try {
        const credentials =
          mode === 'client'
            ? { clientId: first.trim(), clientSecret: second, username: '', password: '' }
            : { username: first.trim(), password: second, clientId: '', clientSecret: '' };
        const existing = (await requestQuiet('connections.list', { companyId })).find(
          (c) => c.system === 'servicetrade',
        );
        const connection = existing
          ? await requestQuiet('connections.update', {
              id: existing.id,
              name: name.trim(),
              settings: { baseUrl },
              credentials,
            })
          : await requestQuiet('connections.create', {
              companyId,
              system: 'servicetrade',
              name: name.trim(),
              settings: { baseUrl },
              credentials: Object.fromEntries(Object.entries(credentials).filter(([, v]) => v !== '')),
            });
        connectionId = connection.id;
        await requestQuiet('connections.connect', { id: connection.id });
        onConnected(
          await requestQuiet('servicetrade.refresh', { connectionId: connection.id }),
          connection.id,
        );
      } catch (failure) {
        // A name another connection has is said under the name, in the API's words.
        const onName = nameErrorsOf(failure, (failure as { problems?: FieldProblem[] }).problems ?? []);
        if (onName) {
          setNameErrors(onName);
          return;
        }
        setError(await connectFailure(companyId, connectionId, failure));
      }
    });
  }

  return (
    <form className="form" onSubmit={connect} noValidate data-testid="servicetrade-connect">
      <p>
        Connect ServiceTrade to see its jobs on the Jobs page and send them to QuickBooks for job costing.
      </p>
      <ConnectionNameField
        id="servicetrade-add-name"
        value={name}
        onChange={(value) => {
          setName(value);
          setNameErrors(undefined);
        }}
        errors={nameErrors}
      />
      <div className="form-grid">
        <Filter label="Sign in with" htmlFor="servicetrade-mode">
          <select
            id="servicetrade-mode"
            value={mode}
            onChange={(e) => setMode(e.target.value as 'client' | 'password')}
            data-testid="servicetrade-mode"
          >
            <option value="client">API client ID and secret</option>
            <option value="password">ServiceTrade user name and password</option>
          </select>
        </Filter>
        <TextField
          label={mode === 'client' ? 'Client ID' : 'User name'}
          id="servicetrade-first"
          value={first}
          onChange={setFirst}
          autoComplete="off"
        />
        <TextField
          label={mode === 'client' ? 'Client secret' : 'Password'}
          id="servicetrade-second"
          type="password"
          value={second}
          onChange={setSecond}
          autoComplete="off"
        />
        <TextField
          label="ServiceTrade address"
          id="servicetrade-url"
          value={baseUrl}
          onChange={setBaseUrl}
          hint="Change it only for a ServiceTrade sandbox."
          wide
        />
      </div>
      {error && (
        <p className="field__error" role="alert" data-testid="servicetrade-connect-error">
          {error}
        </p>
      )}
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || name.trim() === ''}
          data-testid="servicetrade-connect-submit"
        >
          {busy ? 'Connecting…' : 'Connect and pull jobs'}
        </button>
      </div>
    </form>
  );
}

function AddServiceTrade({ companyId, onCreated }: AddPanelProps) {
  return <ConnectServiceTrade companyId={companyId} onConnected={(_summary, id) => onCreated(id)} />;
}

/** How often ServiceTrade is pulled, and where its invoices go without a click. */
function ServiceTradeSettings({ connection, onSaved }: SettingsPanelProps) {
  const settings = connection.settings;
  const id = connection.id;
  const [refreshMinutes, setRefreshMinutes] = useState(String(settings.refreshMinutes ?? 15));
  const [autoSendInvoicesTo, setAutoSendInvoicesTo] = useState(
    typeof settings.autoSendInvoicesTo === 'string' ? settings.autoSendInvoicesTo : '',
  );
  const targets = useConnections(connection.companyId).connections.filter(
    (c) => c.system === 'quickbooks_desktop',
  );
  const { busy, note, progress, run } = useActionRunner(id);
  const missing = autoSendInvoicesTo !== '' && !targets.some((t) => t.id === autoSendInvoicesTo);

  const save = () =>
    run(async () => {
      await request('connections.update', {
        id,
        settings: { refreshMinutes: Number(refreshMinutes), autoSendInvoicesTo },
      });
      onSaved();
      return 'Settings saved.';
    });

  return (
    <details className="system-settings" data-testid="servicetrade-settings">
      <summary>ServiceTrade settings</summary>
      <fieldset disabled={busy}>
        <legend>Pulling and invoices</legend>
        <TextField
          label="Pull every (minutes)"
          id={`st-refresh-${id}`}
          type="number"
          min={0}
          max={1440}
          value={refreshMinutes}
          onChange={setRefreshMinutes}
          hint="0: only when you click Refresh now on the Jobs page."
          testId="servicetrade-refresh-minutes"
        />
        <SelectField
          label="Invoices waiting for accounting go to"
          id={`st-auto-send-${id}`}
          value={autoSendInvoicesTo}
          onChange={setAutoSendInvoicesTo}
          testId="servicetrade-auto-send"
          hint="After each pull, new invoices are queued for this QuickBooks Desktop company (their jobs first when not there yet). Otherwise send them from the Jobs page."
        >
          <option value="">Nowhere on their own: I send them from the Jobs page</option>
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
          {missing && <option value={autoSendInvoicesTo}>A connection that no longer exists</option>}
        </SelectField>
        {targets.length === 0 && (
          <p className="muted" data-testid="servicetrade-no-qbd">
            Add a QuickBooks Desktop connection to send ServiceTrade invoices there.
          </p>
        )}
      </fieldset>
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void save()}
          disabled={busy}
          data-testid="servicetrade-save"
        >
          Save settings
        </button>
      </div>
      <ActionNote note={note} progress={progress} testIdPrefix="servicetrade" />
    </details>
  );
}

export const serviceTradePanel: SystemPanel = {
  title: 'ServiceTrade',
  description:
    'Jobs, customers and invoices come from ServiceTrade (an API client ID and secret, or a user name and password).',
  Add: AddServiceTrade,
  Settings: ServiceTradeSettings,
};

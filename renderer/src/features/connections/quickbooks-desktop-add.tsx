// Adding a QuickBooks Desktop connection on the Connections page: the Web Connector's user name, the company file,
// how often it runs and how ServiceTrade jobs are named; then the Web Connector page for its password and .qwc
// file.
import { useState } from 'react';
import type { FieldProblem } from '../../api/errors';
import { TextField } from '../../components/ui';
import { href } from '../../lib/route';
import { useAction } from '../../lib/useAction';
import { requestQuiet } from '../../state/app';
import { ConnectionNameField, nameErrorsOf } from './connection-name';
import { SelectField } from './fields';
import { MAPPINGS, problemsOn, type Mapping } from './quickbooks-desktop-naming';
import type { AddPanelProps } from './types';

export function MappingField({
  id,
  value,
  onChange,
  testId,
}: {
  id: string;
  value: Mapping;
  onChange(value: Mapping): void;
  testId: string;
}) {
  return (
    <SelectField
      label="ServiceTrade jobs become"
      id={id}
      value={value}
      onChange={(mapping) => onChange(mapping as Mapping)}
      testId={testId}
      hint={MAPPINGS.find((m) => m.value === value)?.hint ?? ''}
    >
      {MAPPINGS.map((m) => (
        <option key={m.value} value={m.value}>
          {m.text}
        </option>
      ))}
    </SelectField>
  );
}

/**
 * Adds a QuickBooks Desktop connection, then opens the Web Connector page: its password and the .qwc file are set
 * there, and QuickBooks is reached only when the Web Connector runs.
 */
export function AddQuickBooksDesktop({ companyId, onCreated }: AddPanelProps) {
  const [name, setName] = useState('QuickBooks Desktop');
  const [nameErrors, setNameErrors] = useState<string[] | undefined>(undefined);
  const [username, setUsername] = useState('ledgerbridge');
  const [companyFile, setCompanyFile] = useState('');
  const [minutes, setMinutes] = useState('15');
  const [mapping, setMapping] = useState<Mapping>('customer:job');
  const action = useAction();
  const busy = action.busy !== null;
  const [problems, setProblems] = useState<FieldProblem[]>([]);

  function add(event: React.FormEvent) {
    event.preventDefault();
    setProblems([]);
    setNameErrors(undefined);
    // Quiet: every refusal is shown in the form, by field or (without one) above the button.
    void action.run(
      'add',
      async () => {
        const created = await requestQuiet('connections.create', {
          companyId,
          system: 'quickbooks_desktop',
          name: name.trim(),
          settings: {
            username: username.trim(),
            ...(companyFile.trim() ? { companyFile: companyFile.trim() } : {}),
            runEveryMinutes: Number(minutes),
            customerMapping: mapping,
          },
        });
        onCreated(created.id);
        window.location.hash = href('web-connector');
      },
      {
        onError: (error) => {
          const found = (error as { problems?: FieldProblem[] }).problems ?? [];
          setNameErrors(nameErrorsOf(error, found));
          setProblems(
            found.length > 0
              ? found
              : [{ field: '', message: error instanceof Error ? error.message : String(error) }],
          );
        },
      },
    );
  }

  const general = problems.filter(
    (p) => !['name', 'username', 'companyFile', 'runEveryMinutes'].includes(p.field),
  );
  return (
    <form className="card" onSubmit={add} noValidate data-testid="qbd-add">
      <h2>Connect QuickBooks Desktop</h2>
      <p className="muted">
        Ledgerbridge reaches QuickBooks Desktop through the QuickBooks Web Connector on the QuickBooks
        computer. After adding the connection, set its password and download its .qwc file on the Web
        Connector page.
      </p>
      <ConnectionNameField
        id="qbd-add-name"
        value={name}
        onChange={(value) => {
          setName(value);
          setNameErrors(undefined);
        }}
        errors={nameErrors}
      />
      <TextField
        label="Web Connector user name"
        id="qbd-add-username"
        value={username}
        onChange={setUsername}
        errors={problemsOn(problems, 'username')}
        hint="The name the Web Connector signs in with (it goes into the .qwc file)."
        autoComplete="off"
        required
      />
      <TextField
        label="Company file (optional)"
        id="qbd-add-company-file"
        value={companyFile}
        onChange={setCompanyFile}
        errors={problemsOn(problems, 'companyFile')}
        placeholder="C:\Users\Public\Documents\Intuit\QuickBooks\Company Files\Northwind.qbw"
        hint="Leave empty to use whichever company file is open in QuickBooks."
        wide
      />
      <TextField
        label="Run every (minutes)"
        id="qbd-add-minutes"
        type="number"
        min={1}
        max={1440}
        value={minutes}
        onChange={setMinutes}
        errors={problemsOn(problems, 'runEveryMinutes')}
        hint="How often the Web Connector runs on its own."
      />
      <MappingField id="qbd-add-mapping" value={mapping} onChange={setMapping} testId="qbd-add-mapping" />
      {general.length > 0 && (
        <p className="field__error" role="alert" data-testid="qbd-add-error">
          {general.map((p) => p.message).join(' ')}
        </p>
      )}
      <div className="actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || username.trim() === '' || name.trim() === ''}
          data-testid="qbd-add-submit"
        >
          {busy ? 'Adding…' : 'Add and set up the Web Connector'}
        </button>
      </div>
    </form>
  );
}

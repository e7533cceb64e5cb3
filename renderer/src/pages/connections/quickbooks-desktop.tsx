// QuickBooks Desktop on the Connections page: adding a connection (the Web Connector's user name, the company file,
// how often it runs, how ServiceTrade jobs are named), then the Web Connector page for its password and .qwc file;
// and the connection's settings — what is sent, payments, default items and accounts, canceling bills, vendors,
// and the job naming (customer mapping, one template per level, long names) with a live preview of a few synced
// jobs' full names before anything is saved.
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../preload/contract';
import type { FieldProblem } from '../../api/errors';
import { Field, TextField } from '../../components/ui';
import { href } from '../../lib/route';
import { requestQuiet } from '../../state/app';
import {
  ActionNote,
  PanelActions,
  DocumentsToSendField,
  ImportPaymentsField,
  storedDocumentsToSend,
  useActionRunner,
  useConnectionLists,
  type ListEntryT,
  type ListKindT,
} from './fields';
import {
  levelsOf,
  MAPPINGS,
  PLACEHOLDERS,
  problemsOn,
  storedMapping,
  storedTemplates,
  type Mapping,
  type Templates,
} from './quickbooks-desktop-naming';
import type { AddPanelProps, SettingsPanelProps, SystemPanel } from './types';

type Preview = MethodOutput<'jobs.preview'>;

function MappingField({
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
    <Field
      label="ServiceTrade jobs become"
      htmlFor={id}
      hint={MAPPINGS.find((m) => m.value === value)?.hint ?? ''}
    >
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value as Mapping)}
        data-testid={testId}
      >
        {MAPPINGS.map((m) => (
          <option key={m.value} value={m.value}>
            {m.text}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * Adds a QuickBooks Desktop connection, then opens the Web Connector page: its password and the .qwc file are set
 * there, and QuickBooks is reached only when the Web Connector runs.
 */
function AddQuickBooksDesktop({ companyId, onCreated }: AddPanelProps) {
  const [username, setUsername] = useState('ledgerbridge');
  const [companyFile, setCompanyFile] = useState('');
  const [minutes, setMinutes] = useState('15');
  const [mapping, setMapping] = useState<Mapping>('customer:job');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);

  async function add(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblems([]);
    try {
      const created = await requestQuiet('connections.create', {
        companyId,
        system: 'quickbooks_desktop',
        settings: {
          username: username.trim(),
          ...(companyFile.trim() ? { companyFile: companyFile.trim() } : {}),
          runEveryMinutes: Number(minutes),
          customerMapping: mapping,
        },
      });
      onCreated(created.id);
      window.location.hash = href('web-connector');
    } catch (error) {
      const found = (error as { problems?: FieldProblem[] }).problems ?? [];
      setProblems(
        found.length > 0
          ? found
          : [{ field: '', message: error instanceof Error ? error.message : String(error) }],
      );
    } finally {
      setBusy(false);
    }
  }

  const general = problems.filter((p) => !['username', 'companyFile', 'runEveryMinutes'].includes(p.field));
  return (
    <form className="card" onSubmit={(e) => void add(e)} noValidate data-testid="qbd-add">
      <h2>Connect QuickBooks Desktop</h2>
      <p className="muted">
        Ledgerbridge reaches QuickBooks Desktop through the QuickBooks Web Connector on the QuickBooks
        computer. After adding the connection, set its password and download its .qwc file on the Web
        Connector page.
      </p>
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
          disabled={busy || username.trim() === ''}
          data-testid="qbd-add-submit"
        >
          {busy ? 'Adding…' : 'Add and set up the Web Connector'}
        </button>
      </div>
    </form>
  );
}

/** A text field whose suggestions are the names of one imported list (QuickBooks Desktop refers to names). */
function ListNameField({
  id,
  text,
  hint,
  kind,
  lists,
  value,
  onChange,
  errors,
}: {
  id: string;
  text: string;
  hint: string;
  kind: ListKindT;
  lists: readonly ListEntryT[];
  value: string;
  onChange(value: string): void;
  errors: string[];
}) {
  const names = lists.filter((e) => e.kind === kind && e.active).map((e) => e.name);
  return (
    <>
      <TextField
        label={text}
        id={id}
        value={value}
        onChange={onChange}
        hint={hint}
        errors={errors}
        list={`${id}-names`}
      />
      <datalist id={`${id}-names`}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </>
  );
}

const NAME_SETTINGS = [
  [
    'defaultPurchaseItem',
    'Default purchase item',
    'item',
    'For purchase order lines without an item; created as a non-inventory item when missing.',
  ],
  ['defaultServiceItem', 'Service order item', 'item', 'The item service order lines are sent with.'],
  [
    'defaultExpenseAccount',
    'Default expense account',
    'account',
    'For bill lines without an account, and the purchase account of created items.',
  ],
  [
    'defaultInvoiceItem',
    'Default invoice item',
    'item',
    'For ServiceTrade invoice lines whose item QuickBooks does not have; created when missing.',
  ],
  [
    'defaultIncomeAccount',
    'Income account of the invoice item',
    'account',
    'Used when the default invoice item is created.',
  ],
] as const;
type NameSetting = (typeof NAME_SETTINGS)[number][0];

/** The QuickBooks Desktop connection's own settings, with the job naming and its live preview. */
function QuickBooksDesktopSettings({ connection, onSaved }: SettingsPanelProps) {
  const settings = connection.settings;
  const id = connection.id;
  const [documentsToSend, setDocumentsToSend] = useState(storedDocumentsToSend(settings));
  const [importPayments, setImportPayments] = useState(settings.importPayments !== false);
  const [runEveryMinutes, setRunEveryMinutes] = useState(String(settings.runEveryMinutes ?? 15));
  const [companyFile, setCompanyFile] = useState(String(settings.companyFile ?? ''));
  const [names, setNames] = useState<Record<NameSetting, string>>(
    () =>
      Object.fromEntries(NAME_SETTINGS.map(([key]) => [key, String(settings[key] ?? '')])) as Record<
        NameSetting,
        string
      >,
  );
  const [billCancel, setBillCancel] = useState(settings.billCancel === 'void' ? 'void' : 'delete');
  const [importVendors, setImportVendors] = useState(settings.importVendors === true);
  const [mapping, setMapping] = useState<Mapping>(storedMapping(settings));
  const [templates, setTemplates] = useState<Templates>(storedTemplates(settings));
  const [nameOverflow, setNameOverflow] = useState(settings.nameOverflow === 'error' ? 'error' : 'truncate');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const { lists, reload } = useConnectionLists(connection);
  const { busy, note, progress, run } = useActionRunner(id);
  const connected = connection.status === 'connected';

  const save = () =>
    run(async () => {
      setProblems([]);
      try {
        await requestQuiet('connections.update', {
          id,
          settings: {
            documentsToSend,
            importPayments,
            runEveryMinutes: Number(runEveryMinutes),
            ...(companyFile.trim() ? { companyFile: companyFile.trim() } : { companyFile: '' }),
            ...names,
            billCancel,
            importVendors,
            customerMapping: mapping,
            nameTemplates: templates,
            nameOverflow,
          },
        });
      } catch (error) {
        const found = (error as { problems?: FieldProblem[] }).problems ?? [];
        setProblems(found);
        throw error;
      }
      onSaved();
      return 'Settings saved.';
    });

  return (
    <details className="system-settings" data-testid="qbd-settings">
      <summary>QuickBooks Desktop settings</summary>
      <fieldset disabled={busy}>
        <legend>Send automatically</legend>
        <DocumentsToSendField
          types={['purchase_order', 'service_order', 'invoice', 'receipt']}
          value={documentsToSend}
          onChange={setDocumentsToSend}
          testIdPrefix="qbd"
        />
        <ImportPaymentsField
          checked={importPayments}
          onChange={setImportPayments}
          testId="qbd-import-payments"
          text="Bring bill payments back (read at each Web Connector session)"
        />
        <TextField
          label="Run every (minutes)"
          id={`qbd-minutes-${id}`}
          type="number"
          min={1}
          max={1440}
          value={runEveryMinutes}
          onChange={setRunEveryMinutes}
          errors={problemsOn(problems, 'runEveryMinutes')}
          hint="Takes effect once the .qwc file is downloaded and added to the Web Connector again."
          testId="qbd-minutes"
        />
        <TextField
          label="Company file (optional)"
          id={`qbd-company-file-${id}`}
          value={companyFile}
          onChange={setCompanyFile}
          errors={problemsOn(problems, 'companyFile')}
          hint="Empty: whichever company file is open in QuickBooks."
          wide
          testId="qbd-company-file"
        />
        {NAME_SETTINGS.map(([key, text, kind, hint]) => (
          <ListNameField
            key={key}
            id={`qbd-${key}-${id}`}
            text={text}
            hint={hint}
            kind={kind}
            lists={lists}
            value={names[key]}
            onChange={(value) => setNames((n) => ({ ...n, [key]: value }))}
            errors={problemsOn(problems, key)}
          />
        ))}
        <Field
          label="Canceling a sent bill"
          htmlFor={`qbd-bill-cancel-${id}`}
          hint="QuickBooks keeps a voided bill (at zero) in its history; a deleted one is gone."
        >
          <select
            id={`qbd-bill-cancel-${id}`}
            value={billCancel}
            onChange={(e) => setBillCancel(e.target.value === 'void' ? 'void' : 'delete')}
            data-testid="qbd-bill-cancel"
          >
            <option value="delete">Deletes it in QuickBooks</option>
            <option value="void">Voids it in QuickBooks</option>
          </select>
        </Field>
        <label className="inline">
          <input
            type="checkbox"
            checked={importVendors}
            onChange={(e) => setImportVendors(e.target.checked)}
            data-testid="qbd-import-vendors"
          />{' '}
          Add QuickBooks vendors that match none of our suppliers as suppliers (when the lists are read)
        </label>
      </fieldset>
      <fieldset disabled={busy} data-testid="qbd-job-naming">
        <legend>ServiceTrade jobs in QuickBooks (job costing)</legend>
        <MappingField id={`qbd-mapping-${id}`} value={mapping} onChange={setMapping} testId="qbd-mapping" />
        {levelsOf(mapping).map((level) => (
          <TextField
            key={level}
            label={`${level === 'customer' ? 'Customer' : level === 'location' ? 'Location' : 'Job'} name`}
            id={`qbd-template-${level}-${id}`}
            value={templates[level]}
            onChange={(value) => setTemplates((t) => ({ ...t, [level]: value }))}
            errors={problemsOn(problems, `nameTemplates.${level}`)}
            testId={`qbd-template-${level}`}
            wide
          />
        ))}
        <p className="muted" data-testid="qbd-placeholders">
          Placeholders:{' '}
          {PLACEHOLDERS.map(([field, meaning], i) => (
            <span key={field}>
              {i > 0 && ', '}
              <code>{`{${field}}`}</code> {meaning}
            </span>
          ))}
          . Each name is at most 41 characters and has no colon.
        </p>
        <Field
          label="A name longer than 41 characters"
          htmlFor={`qbd-overflow-${id}`}
          errors={problemsOn(problems, 'nameOverflow')}
        >
          <select
            id={`qbd-overflow-${id}`}
            value={nameOverflow}
            onChange={(e) => setNameOverflow(e.target.value === 'error' ? 'error' : 'truncate')}
            data-testid="qbd-overflow"
          >
            <option value="truncate">Is shortened (the longest values first)</option>
            <option value="error">Stops the job until the template or the record is changed</option>
          </select>
        </Field>
        <NamePreview
          connectionId={id}
          companyId={connection.companyId}
          naming={{ customerMapping: mapping, nameTemplates: templates, nameOverflow }}
        />
      </fieldset>
      <PanelActions
        prefix="qbd"
        connectionId={id}
        connected={connected}
        run={run}
        save={save}
        reloadLists={reload}
        busy={busy}
      />
      <ActionNote note={note} progress={progress} testIdPrefix="qbd" />
    </details>
  );
}

const PREVIEW_JOBS = 5;

/** The full names a few synced jobs would get with the settings on screen (not saved yet). */
function NamePreview({
  connectionId,
  companyId,
  naming,
}: {
  connectionId: string;
  companyId: string;
  naming: { customerMapping: Mapping; nameTemplates: Templates; nameOverflow: string };
}) {
  const [jobs, setJobs] = useState<MethodOutput<'jobs.list'>['items'] | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    requestQuiet('jobs.list', { companyId, limit: PREVIEW_JOBS }).then(
      (page) => setJobs(page.items),
      () => setJobs([]),
    );
  }, [companyId]);
  const key = JSON.stringify(naming);
  const jobIds = jobs?.map((j) => j.id).join(',') ?? '';
  useEffect(() => {
    if (jobIds === '') return;
    let live = true;
    const timer = setTimeout(() => {
      requestQuiet('jobs.preview', {
        jobIds: jobIds.split(','),
        connectionId,
        naming: JSON.parse(key) as typeof naming,
      }).then(
        (answer) => {
          if (!live) return;
          setPreview(answer);
          setProblem(null);
        },
        (error: unknown) => {
          if (!live) return;
          setPreview(null);
          setProblem(error instanceof Error ? error.message : String(error));
        },
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jobIds, key, connectionId]);

  if (jobs === null) return null;
  const sentAs = (jobId: string) => {
    const job = jobs.find((j) => j.id === jobId);
    return job?.quickbooks.state === 'sent' && job.quickbooks.connectionId === connectionId
      ? job.quickbooks.fullName
      : null;
  };
  if (jobs.length === 0) {
    return (
      <p className="muted" data-testid="qbd-preview-empty">
        Once ServiceTrade jobs are pulled (Jobs page), a few of their QuickBooks names are previewed here.
      </p>
    );
  }
  return (
    <div data-testid="qbd-preview">
      <h4>Preview</h4>
      {problem ? (
        <p className="field__error" role="alert" data-testid="qbd-preview-problem">
          {problem}
        </p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>Job</th>
              <th>Full name in QuickBooks</th>
            </tr>
          </thead>
          <tbody>
            {preview?.items.map((item) => (
              <tr key={item.jobId} data-testid="qbd-preview-row">
                <td style={{ whiteSpace: 'nowrap' }}>{item.number}</td>
                <td data-testid="qbd-preview-name">
                  {item.ok ? (
                    item.fullName
                  ) : (
                    <span style={{ color: 'var(--danger)' }}>{item.errors.join(' ')}</span>
                  )}
                  {item.notes.length > 0 && <div className="muted">{item.notes.join(' ')}</div>}
                  {sentAs(item.jobId) && (
                    <div className="muted" data-testid="qbd-preview-sent">
                      Already in QuickBooks as {sentAs(item.jobId)}; new names apply to jobs sent from now on.
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export const quickBooksDesktopPanel: SystemPanel = {
  title: 'QuickBooks Desktop',
  description:
    'Through the QuickBooks Web Connector on the QuickBooks computer; you set its password and add its .qwc file next.',
  Add: AddQuickBooksDesktop,
  Settings: QuickBooksDesktopSettings,
};

// QuickBooks Desktop on the Connections page: adding a connection (quickbooks-desktop-add.tsx), and the
// connection's settings — what is sent, payments, default items and accounts, canceling bills, vendors, and the
// job naming (customer mapping, one template per level, long names) with a live preview of a few synced jobs'
// full names before anything is saved (quickbooks-desktop-preview.tsx).
import { useState } from 'react';
import type { FieldProblem } from '../../api/errors';
import { TextField } from '../../components/ui';
import { requestQuiet } from '../../state/app';
import {
  ActionNote,
  CheckboxRow,
  PanelActions,
  DocumentsToSendField,
  CreateMissingField,
  ImportPaymentsField,
  SelectField,
  storedDocumentsToSend,
  useActionRunner,
  useConnectionLists,
  type ListEntryT,
  type ListKindT,
} from './fields';
import {
  levelsOf,
  PLACEHOLDERS,
  problemsOn,
  storedMapping,
  storedTemplates,
  type Mapping,
  type Templates,
} from './quickbooks-desktop-naming';
import { AddQuickBooksDesktop, MappingField } from './quickbooks-desktop-add';
import { NamePreview } from './quickbooks-desktop-preview';
import type { SettingsPanelProps, SystemPanel } from './types';

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
  const names = lists.filter((e) => e.kind === kind && e.active && !e.hidden).map((e) => e.name);
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
  const [createMissing, setCreateMissing] = useState(settings.createMissing !== false);
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
            createMissing,
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
        <CreateMissingField
          system="QuickBooks Desktop"
          checked={createMissing}
          onChange={setCreateMissing}
          testId="qbd-create-missing"
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
        <SelectField
          label="Canceling a sent bill"
          id={`qbd-bill-cancel-${id}`}
          value={billCancel}
          onChange={(cancel) => setBillCancel(cancel === 'void' ? 'void' : 'delete')}
          testId="qbd-bill-cancel"
          hint="QuickBooks keeps a voided bill (at zero) in its history; a deleted one is gone."
        >
          <option value="delete">Deletes it in QuickBooks</option>
          <option value="void">Voids it in QuickBooks</option>
        </SelectField>
        <CheckboxRow checked={importVendors} onChange={setImportVendors} testId="qbd-import-vendors">
          Add QuickBooks vendors that match none of our suppliers as suppliers (when the lists are read)
        </CheckboxRow>
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
        <SelectField
          label="A name longer than 41 characters"
          id={`qbd-overflow-${id}`}
          value={nameOverflow}
          onChange={(overflow) => setNameOverflow(overflow === 'error' ? 'error' : 'truncate')}
          testId="qbd-overflow"
          errors={problemsOn(problems, 'nameOverflow')}
        >
          <option value="truncate">Is shortened (the longest values first)</option>
          <option value="error">Stops the job until the template or the record is changed</option>
        </SelectField>
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

export const quickBooksDesktopPanel: SystemPanel = {
  title: 'QuickBooks Desktop',
  description:
    'Through the QuickBooks Web Connector on the QuickBooks computer; you set its password and add its .qwc file next.',
  Add: AddQuickBooksDesktop,
  Settings: QuickBooksDesktopSettings,
};

// Pieces every system's settings panel shares: its rows (a checkbox, a select), which documents are sent, whether
// payments come back, pickers over the lists imported from the accounting system, and the "Import lists" / "Check
// payments now" actions with their progress and outcome.
import { useCallback, useState, type ReactNode } from 'react';
import type { ConnectionT, MethodOutput } from '../../../../preload/contract';
import { initApi } from '../../api/client';
import { Field } from '../../components/ui';
import { label } from '../../lib/labels';
import { useAction } from '../../lib/useAction';
import { useQuery } from '../../lib/useQuery';
import { request } from '../../state/app';
import { useAppEvents } from '../../state/events';

export type ListEntryT = MethodOutput<'lists.list'>[number];
export type ListKindT = ListEntryT['kind'];
export type TaxRateT = MethodOutput<'taxRates.list'>[number];
export type DocumentTypeT = 'purchase_order' | 'service_order' | 'invoice' | 'receipt';

/** The connection's documentsToSend setting, whatever was stored. */
export function storedDocumentsToSend(settings: Record<string, unknown>): DocumentTypeT[] {
  const known: readonly string[] = ['purchase_order', 'service_order', 'invoice', 'receipt'];
  return Array.isArray(settings.documentsToSend)
    ? settings.documentsToSend.filter((d): d is DocumentTypeT => typeof d === 'string' && known.includes(d))
    : [];
}

/**
 * A settings row that is one checkbox, with the sentence it turns on after it, and what it does when that needs
 * saying (`hint`, under it). Every checkbox of the panels is one of these, so they all read alike.
 */
export function CheckboxRow({
  checked,
  onChange,
  testId,
  hint,
  children,
}: {
  checked: boolean;
  onChange(checked: boolean): void;
  testId: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  const row = (
    <label className="inline">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />{' '}
      {children}
    </label>
  );
  if (hint === undefined) return row;
  // Not a .field: its label style (small, bold, muted) is a field's caption, not a checkbox's sentence.
  return (
    <div className="checkbox-row">
      {row}
      <p className="muted" data-testid={`${testId}-hint`}>
        {hint}
      </p>
    </div>
  );
}

/** A settings row that is a <select> of the <option>s given, under its label, with its hint or its problems. */
export function SelectField({
  label: text,
  id,
  value,
  onChange,
  testId,
  hint,
  errors,
  children,
}: {
  label: string;
  id: string;
  value: string;
  onChange(value: string): void;
  testId?: string;
  hint?: string | undefined;
  errors?: string[] | undefined;
  children: ReactNode;
}) {
  return (
    <Field label={text} htmlFor={id} errors={errors} hint={hint}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {children}
      </select>
    </Field>
  );
}

/** "Send automatically": one checkbox per document type the system takes. */
export function DocumentsToSendField({
  types,
  value,
  onChange,
  testIdPrefix,
}: {
  types: readonly DocumentTypeT[];
  value: readonly DocumentTypeT[];
  onChange(next: DocumentTypeT[]): void;
  testIdPrefix: string;
}) {
  return (
    <>
      {types.map((type) => (
        <CheckboxRow
          key={type}
          checked={value.includes(type)}
          onChange={(checked) => onChange(checked ? [...value, type] : value.filter((t) => t !== type))}
          testId={`${testIdPrefix}-send-${type}`}
        >
          {label(type)}
        </CheckboxRow>
      ))}
    </>
  );
}

export function ImportPaymentsField({
  checked,
  onChange,
  testId,
  text = 'Bring payments back (checked every 15 minutes)',
}: {
  checked: boolean;
  onChange(checked: boolean): void;
  testId: string;
  text?: string;
}) {
  return (
    <CheckboxRow checked={checked} onChange={onChange} testId={testId}>
      {text}
    </CheckboxRow>
  );
}

/**
 * The common createMissing setting: whether a supplier, account, item or other record a document names and the
 * accounting system lacks is created there when the document is sent (on), or the document waits for it to be
 * paired by hand on the Lists page (off).
 */
export function CreateMissingField({
  system,
  checked,
  onChange,
  testId,
  mapsTax = false,
}: {
  system: string;
  checked: boolean;
  onChange(checked: boolean): void;
  testId: string;
  /** The connection maps our tax rates in its settings: they go by that mapping whichever way this is set. */
  mapsTax?: boolean;
}) {
  return (
    <CheckboxRow
      checked={checked}
      onChange={onChange}
      testId={testId}
      hint={
        <>
          Off: a document naming a supplier or record {system} does not have waits until you pair it on the
          Lists page (Connections → Lists).
          {mapsTax && ' Tax rates are never created there: they go as mapped in these settings, on or off.'}
        </>
      }
    >
      Create missing suppliers and records in {system}
    </CheckboxRow>
  );
}

/**
 * What the connection panels ask lists.list for: hidden entries too. Hiding an entry on the Lists page takes it out
 * of the line pickers only: the tax mappings still offer it (a tax code kept off lines may still be what a rate
 * maps to), while the other selects here leave it out (listOptions).
 */
export function connectionListsInput(connection: Pick<ConnectionT, 'id' | 'companyId'>) {
  return { companyId: connection.companyId, connectionId: connection.id, includeHidden: true };
}

/** The lists imported for a connection (hidden entries included), and the company's tax rates; reloads after an import. */
export function useConnectionLists(connection: Pick<ConnectionT, 'id' | 'companyId'>): {
  lists: ListEntryT[];
  taxRates: TaxRateT[];
  reload(): void;
} {
  const listsQuery = useQuery(['lists.list', connection.companyId, connection.id], () =>
    request('lists.list', connectionListsInput(connection)),
  );
  const taxRatesQuery = useQuery(['taxRates.list', connection.companyId], () =>
    request('taxRates.list', { companyId: connection.companyId }),
  );
  const { reload: reloadLists } = listsQuery;
  const { reload: reloadTaxRates } = taxRatesQuery;
  const reload = useCallback(() => {
    reloadLists();
    reloadTaxRates();
  }, [reloadLists, reloadTaxRates]);
  return { lists: listsQuery.data ?? NO_LISTS, taxRates: taxRatesQuery.data ?? NO_TAX_RATES, reload };
}

const NO_LISTS: ListEntryT[] = [];
const NO_TAX_RATES: TaxRateT[] = [];

/**
 * The active entries of one kind that the accounting system knows by id, as <option>s keyed by that id; those
 * hidden from the pickers only with `includeHidden` (the tax mappings).
 */
export function listOptions(
  lists: readonly ListEntryT[],
  kind: ListKindT,
  filter?: (e: ListEntryT) => boolean,
  includeHidden = false,
) {
  return lists
    .filter(
      (e) =>
        e.kind === kind && e.active && e.externalId && (includeHidden || !e.hidden) && (!filter || filter(e)),
    )
    .map((e) => (
      <option key={e.id} value={e.externalId!}>
        {e.name}
      </option>
    ));
}

/** A <select> over one imported list; "" means none. */
export function ListSelect({
  id,
  text,
  hint,
  kind,
  lists,
  value,
  onChange,
  filter,
  testId,
  noneText = '— none —',
}: {
  id: string;
  text: string;
  hint?: string;
  kind: ListKindT;
  lists: readonly ListEntryT[];
  value: string;
  onChange(value: string): void;
  filter?: (e: ListEntryT) => boolean;
  testId: string;
  noneText?: string;
}) {
  return (
    <SelectField label={text} id={id} value={value} onChange={onChange} testId={testId} hint={hint}>
      <option value="">{noneText}</option>
      {listOptions(lists, kind, filter)}
    </SelectField>
  );
}

/**
 * Runs one action at a time for a panel: busy while it runs, the progress events of the connection's list import
 * meanwhile, and the sentence it ends with. Failures reach the page banner through request().
 */
export function useActionRunner(connectionId: string): {
  busy: boolean;
  note: string | null;
  progress: string | null;
  run(action: () => Promise<string>): Promise<void>;
} {
  const { busy, notice, run: runAction } = useAction();
  const [progress, setProgress] = useState<string | null>(null);
  useAppEvents((event) => {
    if (event.type === 'progress' && event.task === `lists.import:${connectionId}`)
      setProgress(event.message);
  });
  const run = useCallback(
    async (action: () => Promise<string>) => {
      // A failure is already in the banner (request()) or shown by the panel (field problems): nothing more.
      await runAction('action', action, { notice: (text) => text, onError: () => {} });
      setProgress(null);
    },
    [runAction],
  );
  return { busy: busy !== null, note: notice, progress, run };
}

/** lists.import for the connection, as the sentence the panel shows afterwards. */
export async function importListsNow(connectionId: string): Promise<string> {
  const r = await request('lists.import', { connectionId });
  if (r.queued) return 'Lists will be read at the next Web Connector session.';
  return `Lists imported: ${r.added} new, ${r.updated} updated, ${r.deactivated} made inactive.`;
}

/** payments.sync for the connection, as the sentence the panel shows afterwards. */
export async function syncPaymentsNow(connectionId: string): Promise<string> {
  const r = await request('payments.sync', { connectionId });
  if (r.queued) return 'Payments will be read at the next Web Connector session.';
  return `Payments checked: ${r.imported} applied, ${r.canceled} canceled, ${r.documentsChanged} invoice(s) changed.`;
}

/** The running import's progress and the last action's outcome, under a panel's buttons. */
export function ActionNote({
  note,
  progress,
  testIdPrefix,
}: {
  note: string | null;
  progress: string | null;
  testIdPrefix: string;
}) {
  return (
    <>
      {progress && (
        <p className="muted" role="status" data-testid={`${testIdPrefix}-progress`}>
          {progress}
        </p>
      )}
      {note && (
        <div className="banner banner--success" role="status" data-testid={`${testIdPrefix}-note`}>
          <span className="banner__message">{note}</span>
        </div>
      )}
    </>
  );
}

/**
 * connections.connect, then the sign-in page: in Electron the main process has already opened the system
 * browser; in headless mode the page opens it in a new tab. Returns the connection as it now stands.
 */
export async function connectAndOpenSignIn(connectionId: string): Promise<ConnectionT> {
  const r = await request('connections.connect', { id: connectionId });
  if (r.authorizeUrl && initApi().transport === 'http') {
    window.open(r.authorizeUrl, '_blank', 'noopener,noreferrer');
  }
  return r.connection;
}

/**
 * The buttons an accounting system's settings panel ends with: Save settings, Import lists (then the panel's lists
 * reload) and Check payments now, the last two only once connected. Each runs through the panel's action runner,
 * so its outcome shows in the panel's ActionNote. Test ids: `<prefix>-save`, `-import-lists`, `-sync-payments`.
 */
export function PanelActions({
  prefix,
  connectionId,
  connected,
  busy = false,
  run,
  save,
  reloadLists,
  saveDisabled = false,
}: {
  prefix: string;
  connectionId: string;
  connected: boolean;
  /** True while the panel's own fieldset is disabled for another reason (outside a <fieldset disabled>). */
  busy?: boolean;
  run(action: () => Promise<string>): Promise<void>;
  save(): Promise<void>;
  reloadLists(): void;
  saveDisabled?: boolean;
}) {
  const importLists = async () => {
    const sentence = await importListsNow(connectionId);
    reloadLists();
    return sentence;
  };
  return (
    <div className="actions">
      <button
        type="button"
        className="button button--primary"
        onClick={() => void save()}
        disabled={busy || saveDisabled}
        data-testid={`${prefix}-save`}
      >
        Save settings
      </button>
      <button
        type="button"
        className="button"
        onClick={() => void run(importLists)}
        disabled={busy || !connected}
        data-testid={`${prefix}-import-lists`}
      >
        Import lists
      </button>
      <button
        type="button"
        className="button"
        onClick={() => void run(() => syncPaymentsNow(connectionId))}
        disabled={busy || !connected}
        data-testid={`${prefix}-sync-payments`}
      >
        Check payments now
      </button>
    </div>
  );
}

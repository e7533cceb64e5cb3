// Create a document, or edit a draft or a revision. Totals are previewed client-side with exact decimals as the
// user types; after saving, the server's totals are the truth.
import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { DocumentT, SupplierT } from '../../../../../preload/contract';
import type { FieldProblem } from '../../../api/errors';
import { Empty, PageHeader, SaveButton } from '../../../components/ui';
import {
  canLink,
  chooseItem,
  createInput,
  emptyForm,
  formFromDocument,
  newLine,
  previewLines,
  updateInput,
  type DocumentForm,
  type LineForm,
} from '../../../lib/editorModel';
import { useConnections, useSystems } from '../../../lib/connections';
import { label } from '../../../lib/labels';
import { currencyDigits } from '../../../lib/money';
import { href } from '../../../lib/route';
import { previewTotals } from '../../../lib/totals';
import { useAction } from '../../../lib/useAction';
import { useQuery } from '../../../lib/useQuery';
import { formProblems, request, requestQuiet, useApp, useCompany } from '../../../state/app';
import { navigate } from '../../../state/router';
import { accountingConnection, codingLayout, lineStart } from './coding';
import { fieldErrors } from './fieldErrors';
import { HeaderFields } from './HeaderFields';
import { FilesPanel, uploadFile } from '../files/FilesPanel';
import { addChosenFiles } from './addChosenFiles';
import { ChosenFiles } from './ChosenFiles';
import { LinesTable } from './LinesTable';
import { ProblemsSummary } from './ProblemsSummary';

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The editor for a new document, or (given `id`) for that document once it is loaded and still editable. */
export function DocumentEditor({ id }: { id?: string }) {
  const { data: loaded, error } = useQuery(id ? ['documents.get', id] : null, () =>
    request('documents.get', { id: id ?? '' }),
  );
  if (!id) return <EditorForm loaded={null} />;
  if (error && !loaded) {
    return (
      <div className="page">
        <Empty title="This document could not be opened">
          <a href={href('documents')}>Back to documents</a>
        </Empty>
      </div>
    );
  }
  if (!loaded) return <div className="page muted">Loading…</div>;
  if (loaded.status !== 'draft' && loaded.status !== 'in_revision') {
    return (
      <div className="page">
        <Empty title={`${label(loaded.type)} ${loaded.number} is ${label(loaded.status).toLowerCase()}`}>
          Only drafts and documents in revision can be edited. To change an approved document, open it and
          choose Revise. <a href={href('documents', loaded.id)}>Open the document</a>
        </Empty>
      </div>
    );
  }
  return <EditorForm loaded={loaded} />;
}

function EditorForm({ loaded }: { loaded: DocumentT | null }) {
  // A new document saved while a chosen file could not be added: the editor stays, and saves update that draft.
  const [createdId, setCreatedId] = useState<string | null>(null);
  const id = loaded?.id ?? createdId ?? undefined;
  // Files chosen before the first save, kept until the save that adds them succeeds.
  const [chosen, setChosen] = useState<File[]>([]);
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  const company = useCompany();
  const companyId = useApp((s) => s.companyId) ?? '';
  const [form, setForm] = useState<DocumentForm>(() =>
    loaded ? formFromDocument(loaded) : emptyForm(today()),
  );
  const [currencyTouched, setCurrencyTouched] = useState(Boolean(loaded));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  // The supplier just chosen, whose defaults are to go on the lines once loaded.
  const [startFrom, setStartFrom] = useState<string | null>(null);
  const { busy, run } = useAction();
  const summaryRef = useRef<HTMLDivElement>(null);

  const taxRatesQuery = useQuery(['taxRates.list', companyId], () => request('taxRates.list', { companyId }));
  const taxRates = useMemo(() => taxRatesQuery.data ?? [], [taxRatesQuery.data]);
  // What the lines can be coded to: the lists the company's accounting connection mirrors (customers and jobs,
  // ServiceTrade jobs sent to QuickBooks Desktop among them, so a line's cost lands on that job).
  const { connections } = useConnections(companyId);
  const entries = useQuery(['lists.list', companyId], () => requestQuiet('lists.list', { companyId })).data;
  const systems = useSystems();
  const connection = accountingConnection(connections, systems.isAccounting);
  const layout = useMemo(
    () => codingLayout(connection, entries ?? [], form.type),
    [connection, entries, form.type],
  );
  const entriesById = useMemo(() => new Map((entries ?? []).map((e) => [e.id, e])), [entries]);
  // The supplier's defaults: new lines start with them, and so do the untouched lines when a supplier is chosen.
  const defaults = useQuery(form.supplierId ? ['suppliers.codingDefaults', form.supplierId] : null, () =>
    requestQuiet('suppliers.codingDefaults', { supplierId: form.supplierId }),
  ).data;
  const start = useMemo(
    () => lineStart(defaults?.supplierId === form.supplierId ? defaults : null, layout),
    [defaults, form.supplierId, layout],
  );
  const withStart = (line: LineForm, from: ReturnType<typeof lineStart>): LineForm => {
    const coded = { ...line, taxRateId: from.taxRateId, coding: { ...line.coding, ...from.coding } };
    const item = from.coding.itemId ? entriesById.get(from.coding.itemId) : undefined;
    return item ? chooseItem(coded, { ...item, name: item.name.split(':').at(-1) ?? item.name }) : coded;
  };
  const startLine = () => withStart(newLine(), start);
  const linkable = canLink(form.type) && Boolean(form.supplierId);
  const orders =
    useQuery(linkable ? ['orders', companyId, form.supplierId, id] : null, async () => {
      const [po, so] = await Promise.all(
        (['purchase_order', 'service_order'] as const).map((type) =>
          request('documents.list', { companyId, supplierId: form.supplierId, type, limit: 200 }),
        ),
      );
      return [...(po?.items ?? []), ...(so?.items ?? [])].filter(
        (d) => d.status !== 'canceled' && d.id !== id,
      );
    }).data ?? [];

  const currency = form.currency || company?.baseCurrency || 'USD';
  const digits = currencyDigits(currency);
  const preview = useMemo(() => {
    const percentOf = (rid: string) => taxRates.find((t) => t.id === rid)?.percent ?? null;
    const discount =
      form.discount.trim() === ''
        ? null
        : form.discountMode === 'percent'
          ? { percent: form.discount }
          : { amount: form.discount };
    return previewTotals(previewLines(form, percentOf), discount, digits);
  }, [form, taxRates, digits]);
  const errors = useMemo(() => fieldErrors(problems), [problems]);

  const set = (patch: Partial<DocumentForm>) =>
    setForm((f) => {
      const next = { ...f, ...patch };
      // Service orders go with account lines only: an item chosen before the type changed would not travel.
      if (patch.type === 'service_order' && f.type !== 'service_order') {
        next.lines = next.lines.map((l) => ({ ...l, coding: { ...l.coding, itemId: null } }));
      }
      return next;
    });
  const setLine = (index: number, patch: Partial<LineForm>) =>
    setForm((f) => ({ ...f, lines: f.lines.map((l, i) => (i === index ? { ...l, ...patch } : l)) }));

  function onSupplier(supplierId: string, supplier: SupplierT | null) {
    setForm((f) => ({
      ...f,
      supplierId,
      linkedDocumentId: f.supplierId === supplierId ? f.linkedDocumentId : '',
      currency: currencyTouched ? f.currency : (supplier?.currency ?? company?.baseCurrency ?? f.currency),
    }));
    if (supplierId) setStartFrom(supplierId);
  }

  // The supplier's defaults go on the lines not coded yet, and its location on the document if it has none, once
  // both its defaults and the lists the pickers offer have loaded (a default the pickers do not offer is left out).
  const layoutReady = entries !== undefined && systems.loaded;
  // (State adjusted while rendering, as React recommends for state that follows other state, not in an effect.)
  if (startFrom && layoutReady && defaults?.supplierId === startFrom) {
    setStartFrom(null);
    const location = layout.header.find((h) => h.kind === 'location');
    const locationId =
      location && defaults.locationId && location.options.some((o) => o.id === defaults.locationId)
        ? defaults.locationId
        : null;
    const untouched = (l: LineForm) => !l.taxRateId && Object.values(l.coding).every((v) => v === null);
    setForm((f) =>
      f.supplierId !== startFrom
        ? f
        : {
            ...f,
            fields:
              location && locationId && !f.fields[location.key]
                ? { ...f.fields, [location.key]: locationId }
                : f.fields,
            lines: f.lines.map((l) => (untouched(l) ? withStart(l, start) : l)),
          },
    );
  }

  function showProblems(list: FieldProblem[]) {
    setProblems(list);
    if (list.length > 0) requestAnimationFrame(() => summaryRef.current?.focus());
  }

  function save(e: FormEvent) {
    e.preventDefault();
    if (!form.supplierId) {
      // Caught here because the server can only say that an empty id is too short.
      showProblems([{ field: 'supplierId', message: 'Choose the supplier this document is from.' }]);
      return;
    }
    setProblems([]);
    void run(
      'save',
      async () => {
        const saved = id
          ? await requestQuiet('documents.update', updateInput(id, form))
          : await requestQuiet('documents.create', createInput(companyId, form));
        if (chosen.length > 0) {
          setCreatedId(saved.id);
          const { left, problems: refused } = await addChosenFiles(chosen, (file) =>
            uploadFile(saved.id, file),
          );
          setChosen(left);
          setFileProblems(
            refused.length > 0
              ? [
                  `The draft ${saved.number} is saved, but not every file is on it yet. Save again to add the files still listed, or remove them.`,
                  ...refused,
                ]
              : [],
          );
          if (left.length > 0) return;
        }
        navigate(href('documents', saved.id));
      },
      // Field problems are shown in place and summarised above the form; anything else goes to the banner.
      { onError: (error) => showProblems(formProblems(error)) },
    );
  }

  const title = loaded ? `Edit ${label(loaded.type).toLowerCase()} ${loaded.number}` : 'New document';
  const back = loaded ? href('documents', loaded.id) : href('documents');

  return (
    <form className="page" onSubmit={save} noValidate data-testid="document-editor">
      <p>
        <a href={back}>← {loaded ? 'Back to the document' : 'Documents'}</a>
      </p>
      <PageHeader
        title={title}
        actions={
          <>
            <a href={back} className="button" data-testid="cancel-edit">
              Cancel
            </a>
            <SaveButton saving={busy !== null} testId="save-document" />
          </>
        }
      />

      {problems.length > 0 && <ProblemsSummary problems={problems} summaryRef={summaryRef} />}

      <HeaderFields
        form={form}
        set={set}
        loaded={loaded}
        company={company}
        currency={currency}
        orders={orders}
        onSupplier={onSupplier}
        onCurrencyTyped={() => setCurrencyTouched(true)}
        pickers={layout.header}
        errors={errors}
      />
      <LinesTable
        form={form}
        set={set}
        setLine={setLine}
        preview={preview}
        currency={currency}
        taxRates={taxRates}
        layout={layout}
        entriesById={entriesById}
        startLine={startLine}
        errors={errors}
      />
      {loaded ? (
        <FilesPanel doc={loaded} />
      ) : (
        <ChosenFiles files={chosen} setFiles={setChosen} problems={fileProblems} />
      )}
    </form>
  );
}

// Create a document, or edit a draft or a revision. Totals are previewed client-side with exact decimals as the
// user types; after saving, the server's totals are the truth.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  DocumentType,
  type DocumentSummaryT,
  type DocumentT,
  type SupplierT,
} from '../../../preload/contract';
import type { FieldProblem } from '../api/errors';
import { SupplierPicker } from '../components/SupplierPicker';
import {
  EnumOptions,
  Empty,
  Field,
  Money,
  PageHeader,
  SaveButton,
  TextField,
  TotalsList,
} from '../components/ui';
import {
  canLink,
  createInput,
  elementIdForField,
  emptyForm,
  formFromDocument,
  newLine,
  previewLines,
  updateInput,
  type DiscountMode,
  type DocumentForm,
  type LineForm,
} from '../lib/editorModel';
import { whileCurrent } from '../lib/current';
import { label } from '../lib/labels';
import { currencyDigits } from '../lib/money';
import { describeField, problemMessage } from '../lib/problems';
import { href } from '../lib/route';
import { previewTotals } from '../lib/totals';
import { formProblems, request, requestQuiet, useApp, useCompany } from '../state/app';
import { navigate } from '../state/router';

type TaxRate = { id: string; name: string; percent: string };

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function DiscountInputs({
  id,
  mode,
  value,
  onMode,
  onValue,
  testId,
  invalid,
}: {
  id: string;
  mode: DiscountMode;
  value: string;
  onMode(m: DiscountMode): void;
  onValue(v: string): void;
  testId: string;
  invalid: boolean;
}) {
  return (
    <div className="disc-input">
      <input
        id={id}
        inputMode="decimal"
        className="input--num"
        value={value}
        onChange={(e) => onValue(e.target.value)}
        placeholder="0"
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        data-testid={testId}
      />
      <select
        aria-label="Discount as percent or amount"
        value={mode}
        onChange={(e) => onMode(e.target.value as DiscountMode)}
        data-testid={`${testId}-mode`}
      >
        <option value="percent">%</option>
        <option value="amount">amt</option>
      </select>
    </div>
  );
}

export function DocumentEditor({ id }: { id?: string }) {
  const company = useCompany();
  const companyId = useApp((s) => s.companyId) ?? '';
  const [form, setForm] = useState<DocumentForm>(() => emptyForm(today()));
  const [loaded, setLoaded] = useState<DocumentT | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [taxRates, setTaxRates] = useState<TaxRate[]>([]);
  // Customers and jobs the accounting connections mirror (ServiceTrade jobs sent to QuickBooks Desktop among
  // them): a line costed to one carries it as its customer, so QuickBooks reports the cost on that job.
  const [jobs, setJobs] = useState<{ id: string; name: string }[]>([]);
  const [orders, setOrders] = useState<DocumentSummaryT[]>([]);
  const [currencyTouched, setCurrencyTouched] = useState(Boolean(id));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    request('taxRates.list', { companyId }).then(setTaxRates, () => {});
    requestQuiet('lists.list', { companyId, kind: 'customer' }).then(
      (entries) =>
        setJobs(
          entries
            .filter((e) => e.active)
            .map((e) => ({ id: e.id, name: e.name }))
            .sort((a, b) => a.name.localeCompare(b.name)),
        ),
      () => {},
    );
  }, [companyId]);

  useEffect(() => {
    if (!id) return;
    request('documents.get', { id }).then(
      (doc) => {
        setLoaded(doc);
        setForm(formFromDocument(doc));
      },
      () => setLoadFailed(true),
    );
  }, [id]);

  const linkable = canLink(form.type) && Boolean(form.supplierId);
  useEffect(() => {
    if (!linkable) return;
    return whileCurrent(
      Promise.all(
        (['purchase_order', 'service_order'] as const).map((type) =>
          request('documents.list', { companyId, supplierId: form.supplierId, type, limit: 200 }),
        ),
      ),
      ([po, so]) =>
        setOrders(
          [...(po?.items ?? []), ...(so?.items ?? [])].filter((d) => d.status !== 'canceled' && d.id !== id),
        ),
    );
  }, [linkable, companyId, form.supplierId, id]);

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

  const byElement = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const p of problems) {
      const el = elementIdForField(p.field);
      if (!el) continue;
      map.set(el, [...(map.get(el) ?? []), problemMessage(p)]);
    }
    return map;
  }, [problems]);
  const err = (el: string) => byElement.get(el);
  const invalid = (el: string) => byElement.has(el);

  if (id && loadFailed) {
    return (
      <div className="page">
        <Empty title="This document could not be opened">
          <a href={href('documents')}>Back to documents</a>
        </Empty>
      </div>
    );
  }
  if (id && !loaded) return <div className="page muted">Loading…</div>;
  if (loaded && loaded.status !== 'draft' && loaded.status !== 'in_revision') {
    return (
      <div className="page">
        <Empty title={`${label(loaded.type)} ${loaded.number} is ${label(loaded.status).toLowerCase()}`}>
          Only drafts and documents in revision can be edited. To change an approved document, open it and
          choose Revise. <a href={href('documents', loaded.id)}>Open the document</a>
        </Empty>
      </div>
    );
  }

  const set = (patch: Partial<DocumentForm>) => setForm((f) => ({ ...f, ...patch }));
  const setLine = (index: number, patch: Partial<LineForm>) =>
    setForm((f) => ({ ...f, lines: f.lines.map((l, i) => (i === index ? { ...l, ...patch } : l)) }));

  function onSupplier(supplierId: string, supplier: SupplierT | null) {
    setForm((f) => ({
      ...f,
      supplierId,
      linkedDocumentId: f.supplierId === supplierId ? f.linkedDocumentId : '',
      currency: currencyTouched ? f.currency : (supplier?.currency ?? company?.baseCurrency ?? f.currency),
    }));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form.supplierId) {
      // Caught here because the server can only say that an empty id is too short.
      setProblems([{ field: 'supplierId', message: 'Choose the supplier this document is from.' }]);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setSaving(true);
    setProblems([]);
    try {
      const saved = id
        ? await requestQuiet('documents.update', updateInput(id, form))
        : await requestQuiet('documents.create', createInput(companyId, form));
      navigate(href('documents', saved.id));
    } catch (error) {
      // Field problems are shown in place and summarised above the form; anything else goes to the banner.
      const problems = formProblems(error);
      setProblems(problems);
      if (problems.length > 0) requestAnimationFrame(() => summaryRef.current?.focus());
    } finally {
      setSaving(false);
    }
  }

  const title = loaded ? `Edit ${label(loaded.type).toLowerCase()} ${loaded.number}` : 'New document';

  return (
    <form className="page" onSubmit={save} noValidate data-testid="document-editor">
      <p>
        <a href={loaded ? href('documents', loaded.id) : href('documents')}>
          ← {loaded ? 'Back to the document' : 'Documents'}
        </a>
      </p>
      <PageHeader
        title={title}
        actions={
          <>
            <a
              href={loaded ? href('documents', loaded.id) : href('documents')}
              className="button"
              data-testid="cancel-edit"
            >
              Cancel
            </a>
            <SaveButton saving={saving} testId="save-document" />
          </>
        }
      />

      {problems.length > 0 && (
        <div
          className="banner banner--error"
          role="alert"
          tabIndex={-1}
          ref={summaryRef}
          data-testid="problems-summary"
        >
          <div className="banner__message">
            <strong>
              {problems.length === 1 ? 'One thing needs fixing' : `${problems.length} things need fixing`}{' '}
              before this can be saved:
            </strong>
            <ul className="summary">
              {problems.map((p, i) => {
                const el = elementIdForField(p.field);
                return (
                  <li key={`${p.field}-${i}`} data-field={p.field}>
                    {el ? (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => document.getElementById(el)?.focus()}
                      >
                        {describeField(p.field)}
                      </button>
                    ) : (
                      describeField(p.field)
                    )}
                    : {problemMessage(p)}
                  </li>
                );
              })}
            </ul>
          </div>
        </div>
      )}

      <section className="card" aria-labelledby="h-header">
        <h2 id="h-header">Document</h2>
        <div className="form-grid">
          <Field label="Type" htmlFor="doc-type" errors={err('doc-type')}>
            <select
              id="doc-type"
              value={form.type}
              disabled={Boolean(loaded)}
              onChange={(e) => set({ type: e.target.value as DocumentForm['type'] })}
              data-testid="doc-type"
            >
              <EnumOptions values={DocumentType.options} />
            </select>
          </Field>
          <Field label="Supplier" htmlFor="doc-supplier" errors={err('doc-supplier')}>
            <SupplierPicker
              id="doc-supplier"
              value={form.supplierId}
              onChange={onSupplier}
              testId="doc-supplier"
              invalid={invalid('doc-supplier')}
            />
          </Field>
          <TextField
            label="Number"
            id="doc-number"
            value={form.number}
            onChange={(number) => set({ number })}
            maxLength={50}
            errors={err('doc-number')}
            hint="Leave blank to number it automatically"
          />
          <TextField
            label="Date"
            id="doc-date"
            type="date"
            value={form.date}
            onChange={(date) => set({ date })}
            required
            errors={err('doc-date')}
          />
          <TextField
            label="Due date"
            id="doc-due-date"
            type="date"
            value={form.dueDate}
            onChange={(dueDate) => set({ dueDate })}
            errors={err('doc-due-date')}
          />
          <TextField
            label="Currency"
            id="doc-currency"
            value={form.currency}
            placeholder={company?.baseCurrency}
            onChange={(currency) => {
              setCurrencyTouched(true);
              set({ currency: currency.toUpperCase() });
            }}
            maxLength={3}
            className="input--short"
            errors={err('doc-currency')}
            hint={
              form.currency ? undefined : `Defaults to ${company?.baseCurrency ?? 'the company currency'}`
            }
          />
          {form.type === 'invoice' && (
            <TextField
              label="Supplier invoice number"
              id="doc-supplier-invoice-number"
              value={form.supplierInvoiceNumber}
              onChange={(supplierInvoiceNumber) => set({ supplierInvoiceNumber })}
              maxLength={50}
              errors={err('doc-supplier-invoice-number')}
              hint="The number on the supplier's invoice; the bill's reference in the accounting system"
            />
          )}
          {canLink(form.type) && (
            <Field
              label="Linked order"
              htmlFor="doc-linked"
              errors={err('doc-linked')}
              hint={form.supplierId ? undefined : 'Choose the supplier first'}
            >
              <select
                id="doc-linked"
                value={form.linkedDocumentId}
                onChange={(e) => set({ linkedDocumentId: e.target.value })}
                disabled={!form.supplierId}
                data-testid="doc-linked"
              >
                <option value="">None</option>
                {form.linkedDocumentId && !orders.some((o) => o.id === form.linkedDocumentId) && (
                  <option value={form.linkedDocumentId}>Current link</option>
                )}
                {orders.map((o) => (
                  <option key={o.id} value={o.id}>
                    {label(o.type)} {o.number} · {o.date}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field label="Document discount" htmlFor="doc-discount" errors={err('doc-discount')}>
            <div className="inline">
              <div className="segmented" role="group" aria-label="Discount kind">
                <button
                  type="button"
                  aria-pressed={form.discountMode === 'percent'}
                  onClick={() => set({ discountMode: 'percent' })}
                  data-testid="doc-discount-percent"
                >
                  Percent
                </button>
                <button
                  type="button"
                  aria-pressed={form.discountMode === 'amount'}
                  onClick={() => set({ discountMode: 'amount' })}
                  data-testid="doc-discount-amount"
                >
                  Amount
                </button>
              </div>
              <input
                id="doc-discount"
                inputMode="decimal"
                className="input--num input--short"
                value={form.discount}
                placeholder="0"
                onChange={(e) => set({ discount: e.target.value })}
                aria-invalid={invalid('doc-discount') || undefined}
                data-testid="doc-discount"
              />
              <span className="muted">{form.discountMode === 'percent' ? '%' : currency}</span>
            </div>
          </Field>
          <Field label="Memo" htmlFor="doc-memo" errors={err('doc-memo')} className="field--wide">
            <textarea
              id="doc-memo"
              value={form.memo}
              onChange={(e) => set({ memo: e.target.value })}
              maxLength={4000}
              data-testid="doc-memo"
            />
          </Field>
        </div>
      </section>

      <section className="card" aria-labelledby="h-lines">
        <div className="card__head">
          <h2 id="h-lines">Lines</h2>
          <button
            type="button"
            id="add-line"
            className="button"
            onClick={() => set({ lines: [...form.lines, newLine()] })}
            data-testid="add-line"
          >
            Add line
          </button>
        </div>
        {err('add-line') && <div className="field__error">{err('add-line')?.join('; ')}</div>}
        <div className="table-wrap">
          <table className="grid lines-table">
            <thead>
              <tr>
                <th className="col-index">#</th>
                <th className="col-desc">Description</th>
                <th className="col-num right">Quantity</th>
                <th className="col-num right">Unit price</th>
                <th className="col-disc">Discount</th>
                <th className="col-tax">Tax rate</th>
                {jobs.length > 0 && <th className="col-job">Job</th>}
                <th className="col-amount">Net amount</th>
                <th className="col-remove">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {form.lines.map((line, i) => {
                const p = preview.lines[i];
                const cell = (what: string) => `line-${i}-${what}`;
                const cellError = (what: string) => {
                  const messages = err(cell(what));
                  return messages ? (
                    <div
                      className="cell-error"
                      id={`${cell(what)}-error`}
                      data-testid={`error-${cell(what)}`}
                    >
                      {messages.join('; ')}
                    </div>
                  ) : null;
                };
                return (
                  <tr key={line.key} data-testid="line-row" data-index={i}>
                    <td className="num muted col-index">{i + 1}</td>
                    <td>
                      <input
                        id={cell('description')}
                        aria-label={`Line ${i + 1} description`}
                        value={line.description}
                        onChange={(e) => setLine(i, { description: e.target.value })}
                        aria-invalid={invalid(cell('description')) || undefined}
                        data-testid="line-description"
                      />
                      {cellError('description')}
                    </td>
                    <td>
                      <input
                        id={cell('quantity')}
                        aria-label={`Line ${i + 1} quantity`}
                        inputMode="decimal"
                        className="input--num"
                        value={line.quantity}
                        onChange={(e) => setLine(i, { quantity: e.target.value })}
                        aria-invalid={invalid(cell('quantity')) || (p && !p.valid) || undefined}
                        data-testid="line-quantity"
                      />
                      {cellError('quantity')}
                    </td>
                    <td>
                      <input
                        id={cell('unit-price')}
                        aria-label={`Line ${i + 1} unit price`}
                        inputMode="decimal"
                        className="input--num"
                        value={line.unitPrice}
                        placeholder="0.00"
                        onChange={(e) => setLine(i, { unitPrice: e.target.value })}
                        aria-invalid={invalid(cell('unit-price')) || undefined}
                        data-testid="line-unit-price"
                      />
                      {cellError('unit-price')}
                    </td>
                    <td>
                      <DiscountInputs
                        id={cell('discount')}
                        mode={line.discountMode}
                        value={line.discount}
                        onMode={(m) => setLine(i, { discountMode: m })}
                        onValue={(v) => setLine(i, { discount: v })}
                        testId="line-discount"
                        invalid={invalid(cell('discount'))}
                      />
                      {cellError('discount')}
                    </td>
                    <td>
                      <select
                        id={cell('tax-rate')}
                        aria-label={`Line ${i + 1} tax rate`}
                        value={line.taxRateId}
                        onChange={(e) => setLine(i, { taxRateId: e.target.value })}
                        data-testid="line-tax-rate"
                      >
                        <option value="">No tax</option>
                        {taxRates.map((t) => (
                          <option key={t.id} value={t.id}>
                            {t.name} ({t.percent} %)
                          </option>
                        ))}
                      </select>
                      {cellError('tax-rate')}
                    </td>
                    {jobs.length > 0 && (
                      <td>
                        <select
                          id={cell('job')}
                          aria-label={`Line ${i + 1} job`}
                          value={line.keep.customerId ?? ''}
                          onChange={(e) =>
                            setLine(i, { keep: { ...line.keep, customerId: e.target.value || null } })
                          }
                          data-testid="line-job"
                        >
                          <option value="">No job</option>
                          {line.keep.customerId && !jobs.some((j) => j.id === line.keep.customerId) && (
                            <option value={line.keep.customerId}>Current job</option>
                          )}
                          {jobs.map((j) => (
                            <option key={j.id} value={j.id}>
                              {j.name}
                            </option>
                          ))}
                        </select>
                      </td>
                    )}
                    <td className="col-amount">
                      {p && <Money amount={p.netAmount} currency={currency} testId="line-net-amount" />}
                    </td>
                    <td className="col-remove">
                      <button
                        type="button"
                        className="button button--quiet button--small"
                        onClick={() => set({ lines: form.lines.filter((_, j) => j !== i) })}
                        aria-label={`Remove line ${i + 1}`}
                        data-testid="line-remove"
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {form.lines.length === 0 && (
          <p className="muted">No lines. Add one to give the document an amount.</p>
        )}
        <TotalsList totals={preview} currency={currency} live />
        <p className="muted right">A preview; the saved document&apos;s totals come from Ledgerbridge.</p>
      </section>
    </form>
  );
}

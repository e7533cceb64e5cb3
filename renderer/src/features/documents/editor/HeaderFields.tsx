// The editor's document fields: type, supplier, number, dates, currency, supplier invoice number, the linked
// order, the document discount and the memo.
import {
  DocumentType,
  type CompanyT,
  type DocumentSummaryT,
  type DocumentT,
  type SupplierT,
} from '../../../../../preload/contract';
import { Combobox } from '../../../components/Combobox/Combobox';
import { SupplierPicker } from '../../../components/SupplierPicker';
import { EnumOptions, Field, TextField } from '../../../components/ui';
import { canLink, type DocumentForm } from '../../../lib/editorModel';
import { label } from '../../../lib/labels';
import type { HeaderPicker } from './coding';
import type { FieldErrors } from './fieldErrors';

export function HeaderFields({
  form,
  set,
  loaded,
  company,
  currency,
  orders,
  onSupplier,
  onCurrencyTyped,
  pickers,
  errors: { err, invalid },
}: {
  form: DocumentForm;
  set(patch: Partial<DocumentForm>): void;
  loaded: DocumentT | null;
  company: CompanyT | null;
  currency: string;
  /** The supplier's orders an invoice or receipt can be linked to. */
  orders: DocumentSummaryT[];
  onSupplier(supplierId: string, supplier: SupplierT | null): void;
  onCurrencyTyped(): void;
  /** Document-level list values the accounting system takes (subsidiary, class, location, department). */
  pickers: HeaderPicker[];
  errors: FieldErrors;
}) {
  return (
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
            onCurrencyTyped();
            set({ currency: currency.toUpperCase() });
          }}
          maxLength={3}
          className="input--short"
          errors={err('doc-currency')}
          hint={form.currency ? undefined : `Defaults to ${company?.baseCurrency ?? 'the company currency'}`}
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
        {pickers.map((picker) => (
          <Field
            key={picker.key}
            label={picker.label}
            htmlFor={`doc-field-${picker.key}`}
            errors={err(`doc-field-${picker.key}`)}
            hint={picker.hint}
          >
            <Combobox
              id={`doc-field-${picker.key}`}
              label={picker.label}
              options={picker.options}
              value={form.fields[picker.key] ?? null}
              onChange={(id) => set({ fields: { ...form.fields, [picker.key]: id } })}
              placeholder="Type to search"
              invalid={invalid(`doc-field-${picker.key}`)}
              testId={`doc-field-${picker.key}`}
            />
          </Field>
        ))}
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
  );
}

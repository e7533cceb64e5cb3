// The editor's lines: description, quantity, unit price, discount and tax rate per line, the net amount each comes
// to, what each is coded to in the accounting system (under it), and the totals previewed as the user types.
import { Fragment } from 'react';
import { Money, TotalsList } from '../../../components/ui';
import type { DiscountMode, DocumentForm, LineForm } from '../../../lib/editorModel';
import type { previewTotals } from '../../../lib/totals';
import { useSideScroll } from '../../../lib/useSideScroll';
import type { CodingLayout, ListEntryT } from './coding';
import type { FieldErrors } from './fieldErrors';
import { LineCoding } from './LineCoding';

export type TaxRate = { id: string; name: string; percent: string };

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

export function LinesTable({
  form,
  set,
  setLine,
  preview,
  currency,
  taxRates,
  layout,
  entriesById,
  startLine,
  errors,
}: {
  form: DocumentForm;
  set(patch: Partial<DocumentForm>): void;
  setLine(index: number, patch: Partial<LineForm>): void;
  preview: ReturnType<typeof previewTotals>;
  currency: string;
  taxRates: TaxRate[];
  /** The pickers the company's accounting connection uses. */
  layout: CodingLayout;
  entriesById: ReadonlyMap<string, ListEntryT>;
  /** A new line: blank, or with the supplier's defaults. */
  startLine(): LineForm;
  errors: FieldErrors;
}) {
  const { err, invalid } = errors;
  const sideScroll = useSideScroll();
  const coding =
    layout.item ||
    layout.account ||
    layout.class ||
    layout.customer ||
    layout.location ||
    layout.department ||
    layout.tracking.length > 0;
  return (
    <section className="card" aria-labelledby="h-lines">
      <div className="card__head">
        <h2 id="h-lines">Lines</h2>
        <button
          type="button"
          id="add-line"
          className="button"
          onClick={() => set({ lines: [...form.lines, startLine()] })}
          data-testid="add-line"
        >
          Add line
        </button>
      </div>
      {err('add-line') && <div className="field__error">{err('add-line')?.join('; ')}</div>}
      {layout.note && (
        <p className="muted" data-testid="coding-note">
          {layout.note}
        </p>
      )}
      <div className="table-wrap lines-wrap lines-wrap--editor" {...sideScroll}>
        <table className="grid grid--lines lines-table">
          <thead>
            <tr>
              <th className="col-index lines__number">#</th>
              <th className="col-desc lines__description">Description</th>
              <th className="col-num right">Quantity</th>
              <th className="col-num right">Unit price</th>
              <th className="col-disc">Discount</th>
              <th className="col-tax">Tax rate</th>
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
                  <div className="cell-error" id={`${cell(what)}-error`} data-testid={`error-${cell(what)}`}>
                    {messages.join('; ')}
                  </div>
                ) : null;
              };
              return (
                <Fragment key={line.key}>
                  <tr
                    data-testid="line-row"
                    data-index={i}
                    className={coding ? 'line-row--coded' : undefined}
                  >
                    <td className="num muted col-index lines__number">{i + 1}</td>
                    <td className="lines__description">
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
                  {coding && (
                    <tr className="coding-row" data-testid="line-coding-row" data-index={i}>
                      <td className="lines__number" />
                      <td colSpan={7}>
                        <LineCoding
                          index={i}
                          line={line}
                          layout={layout}
                          entriesById={entriesById}
                          onLine={(next) => setLine(i, next)}
                          errors={errors}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {form.lines.length === 0 && <p className="muted">No lines. Add one to give the document an amount.</p>}
      <TotalsList totals={preview} currency={currency} live />
      <p className="muted right">A preview; the saved document&apos;s totals come from Ledgerbridge.</p>
    </section>
  );
}

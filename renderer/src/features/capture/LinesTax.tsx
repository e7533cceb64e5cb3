// Under the totals as printed: the tax rate of the lines (the company's rate whose percent the printed tax
// amounts to, when one does), and the draft's totals as saving will compute them from the lines and that rate.
// When the invoice prints a tax the draft would not carry (no rate chosen: its tax would be 0.00), it says so.
import { Field } from '../../components/ui';
import { href } from '../../lib/route';
import { useQuery } from '../../lib/useQuery';
import { requestQuiet, useApp } from '../../state/app';
import { draftTotals, linesTaxRate, taxMismatch, type Form } from './model';

export function LinesTax({ form, set }: { form: Form; set(change: Partial<Form>): void }) {
  const companyId = useApp((s) => s.companyId) ?? '';
  const rates =
    useQuery(['taxRates.list', companyId], () => requestQuiet('taxRates.list', { companyId })).data ?? [];
  const defaults = useQuery(form.supplierId ? ['suppliers.codingDefaults', form.supplierId] : null, () =>
    requestQuiet('suppliers.codingDefaults', { supplierId: form.supplierId }),
  ).data;
  if (form.lines.length === 0) return null;
  const defaultId = defaults && defaults.supplierId === form.supplierId ? defaults.taxRateId : null;
  const defaultRate = rates.find((r) => r.id === defaultId);
  const percentOf = (id: string) => rates.find((r) => r.id === id)?.percent ?? null;
  const draft = draftTotals(form.lines, percentOf, defaultRate ? defaultRate.id : null);
  const mismatch = taxMismatch(form.tax, draft);
  const value = linesTaxRate(form.lines);
  return (
    <>
      <Field
        label="Tax rate of the lines"
        htmlFor="cap-tax-rate"
        hint={
          rates.length === 0
            ? 'Your company has no tax rates yet: add them on the Company page.'
            : 'Every line of the draft takes this rate; change single lines on the invoice after saving.'
        }
      >
        <select
          id="cap-tax-rate"
          value={value}
          onChange={(e) =>
            set({ lines: form.lines.map((l) => ({ ...l, taxRateId: e.target.value || null })) })
          }
          data-testid="cap-tax-rate"
        >
          <option value="">
            {defaultRate
              ? `The supplier’s default: ${defaultRate.name} (${defaultRate.percent} %)`
              : 'No tax rate'}
          </option>
          {value === 'mixed' && (
            <option value="mixed" disabled>
              Different per line
            </option>
          )}
          {rates.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.percent} %)
            </option>
          ))}
        </select>
      </Field>
      {draft && (
        <p className="muted" data-testid="cap-draft-totals">
          The draft: net {draft.net} + tax {draft.tax} = {draft.gross}, computed from its lines and their tax
          rate.
        </p>
      )}
      {mismatch && (
        <p
          className={mismatch.error ? 'field__error' : 'muted'}
          data-testid="cap-tax-mismatch"
          data-error={mismatch.error ? 'true' : undefined}
        >
          {mismatch.text}
          {rates.length === 0 && (
            <>
              {' '}
              <a href={href('company', 'tax-rates')} data-testid="cap-add-tax-rate">
                Add a tax rate
              </a>
            </>
          )}
        </p>
      )}
    </>
  );
}

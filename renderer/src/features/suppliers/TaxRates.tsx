// The company's tax rates, which document lines pick from; the app has no other screen for them.
import { useState, type FormEvent } from 'react';
import type { MethodOutput } from '../../../../preload/contract';
import type { FieldProblem } from '../../api/errors';
import { TextField } from '../../components/ui';
import { problemsByField } from '../../lib/problems';
import { useAction } from '../../lib/useAction';
import { useQuery } from '../../lib/useQuery';
import { formProblems, request, requestQuiet } from '../../state/app';

type TaxRateT = MethodOutput<'taxRates.create'>;

export function TaxRates({ companyId }: { companyId: string }) {
  const rates = useQuery(['taxRates.list', companyId], () =>
    request('taxRates.list', { companyId }).catch((): TaxRateT[] => []),
  );
  const [name, setName] = useState('');
  const [percent, setPercent] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const { busy, run } = useAction();

  function add(e: FormEvent) {
    e.preventDefault();
    setProblems([]);
    void run('add', () => requestQuiet('taxRates.create', { companyId, name, percent: percent.trim() }), {
      notice: (rate) => {
        rates.setData([...(rates.data ?? []), rate]);
        setName('');
        setPercent('');
        return null;
      },
      onError: (error) => setProblems(formProblems(error)),
    });
  }

  const byField = problemsByField(problems);
  const list = rates.data;
  return (
    <section className="card tax-rates" aria-labelledby="h-tax-rates" data-testid="tax-rates">
      <h2 id="h-tax-rates">Tax rates</h2>
      <p className="muted">Document lines pick their tax from these rates.</p>
      {list && list.length === 0 ? (
        <p className="muted" data-testid="tax-rates-empty">
          No tax rates yet. Lines are untaxed until you add one.
        </p>
      ) : (
        <table className="grid tax-rates__table" data-testid="tax-rates-table">
          <thead>
            <tr>
              <th>Name</th>
              <th className="right">Percent</th>
            </tr>
          </thead>
          <tbody>
            {list?.map((r) => (
              <tr key={r.id} data-testid="tax-rate-row">
                <td>{r.name}</td>
                <td className="right num">{r.percent} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline tax-rates__form" onSubmit={add} noValidate data-testid="tax-rate-form">
        <TextField
          label="Name"
          id="tax-rate-name"
          value={name}
          onChange={setName}
          maxLength={100}
          placeholder="e.g. VAT 20"
          errors={byField.get('name')}
          aria-invalid={byField.has('name') || undefined}
        />
        <TextField
          label="Percent"
          id="tax-rate-percent"
          inputMode="decimal"
          className="input--num input--short"
          value={percent}
          onChange={setPercent}
          placeholder="20"
          errors={byField.get('percent')}
          aria-invalid={byField.has('percent') || undefined}
        />
        <button type="submit" className="button" disabled={busy !== null} data-testid="tax-rate-add">
          {busy ? 'Adding…' : 'Add tax rate'}
        </button>
      </form>
    </section>
  );
}

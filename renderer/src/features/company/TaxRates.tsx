// The company's tax rates, which document lines pick from: listed, added, renamed or given another percent, and
// removed while no document's lines carry them. A link to "#/company/tax-rates" (the capture review's "Add a tax
// rate") brings this card into view with the new rate's name to type.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { FieldProblem } from '../../api/errors';
import { TextField } from '../../components/ui';
import { problemsByField } from '../../lib/problems';
import { useAction } from '../../lib/useAction';
import { useQuery } from '../../lib/useQuery';
import { formProblems, request, requestQuiet } from '../../state/app';
import { TaxRateRow, type TaxRateT } from './TaxRateRow';

const byName = (a: TaxRateT, b: TaxRateT) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

export function TaxRates({ companyId, focus }: { companyId: string; focus: boolean }) {
  const rates = useQuery(['taxRates.list', companyId], () =>
    request('taxRates.list', { companyId }).catch((): TaxRateT[] => []),
  );
  const [name, setName] = useState('');
  const [percent, setPercent] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const { busy, run } = useAction();
  const card = useRef<HTMLElement>(null);
  const loaded = rates.data !== undefined;

  useEffect(() => {
    if (!focus || !loaded) return;
    card.current?.scrollIntoView({ block: 'start' });
    document.getElementById('tax-rate-name')?.focus({ preventScroll: true });
  }, [focus, loaded]);

  function add(e: FormEvent) {
    e.preventDefault();
    setProblems([]);
    void run('add', () => requestQuiet('taxRates.create', { companyId, name, percent: percent.trim() }), {
      notice: (rate) => {
        rates.setData([...(rates.data ?? []), rate].sort(byName));
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
    <section className="card tax-rates" aria-labelledby="h-tax-rates" data-testid="tax-rates" ref={card}>
      <h2 id="h-tax-rates">Tax rates</h2>
      <p className="muted">
        Document lines pick their tax from these rates. A changed percent applies to lines saved from now on;
        documents already saved keep theirs.
      </p>
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
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list?.map((r) => (
              <TaxRateRow
                key={r.id}
                rate={r}
                onSaved={(saved) =>
                  rates.setData((list ?? []).map((x) => (x.id === saved.id ? saved : x)).sort(byName))
                }
                onRemoved={(id) => rates.setData((list ?? []).filter((x) => x.id !== id))}
              />
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

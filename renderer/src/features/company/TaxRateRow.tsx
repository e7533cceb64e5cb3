// One of the company's tax rates in the Company page's list: shown, edited in place (name and percent, checked as
// a new rate is), or removed after a confirmation. What the server refuses (a name taken, a rate that documents'
// lines carry) is said in the row.
import { useState, type KeyboardEvent } from 'react';
import type { MethodOutput } from '../../../../preload/contract';
import { toApiCallError, type FieldProblem } from '../../api/errors';
import { problemsByField } from '../../lib/problems';
import { useAction } from '../../lib/useAction';
import { requestQuiet } from '../../state/app';

export type TaxRateT = MethodOutput<'taxRates.create'>;

type Mode = 'view' | 'edit' | 'remove';

export function TaxRateRow({
  rate,
  onSaved,
  onRemoved,
}: {
  rate: TaxRateT;
  onSaved(rate: TaxRateT): void;
  onRemoved(id: string): void;
}) {
  const [mode, setMode] = useState<Mode>('view');
  const [name, setName] = useState(rate.name);
  const [percent, setPercent] = useState(rate.percent);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const { busy, run } = useAction();
  const id = (what: string) => `tax-rate-${rate.id}-${what}`;

  const refused = (error: unknown) => {
    const e = toApiCallError(error);
    setProblems(e.problems);
    setRefusal(e.problems.length > 0 ? null : e.message);
  };
  const start = (next: Mode) => {
    setName(rate.name);
    setPercent(rate.percent);
    setProblems([]);
    setRefusal(null);
    setMode(next);
  };
  const save = () =>
    void run('save', () => requestQuiet('taxRates.update', { id: rate.id, name, percent: percent.trim() }), {
      notice: (saved) => {
        onSaved(saved);
        setMode('view');
        return null;
      },
      onError: refused,
    });
  const remove = () =>
    void run('remove', () => requestQuiet('taxRates.delete', { id: rate.id }), {
      notice: () => {
        onRemoved(rate.id);
        return null;
      },
      onError: refused,
    });
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      save();
    } else if (e.key === 'Escape') start('view');
  };

  const byField = problemsByField(problems);
  const error = (field: string) =>
    byField.has(field) && (
      <div className="field__error" role="alert" id={id(`${field}-error`)}>
        {byField.get(field)?.join('; ')}
      </div>
    );
  const quiet = 'button button--quiet button--small';
  return (
    <>
      <tr data-testid="tax-rate-row" data-mode={mode}>
        {mode === 'edit' ? (
          <>
            <td>
              <input
                id={id('name')}
                aria-label={`Name of ${rate.name}`}
                value={name}
                maxLength={100}
                autoFocus
                onChange={(e) => setName(e.target.value)}
                onKeyDown={onKey}
                aria-invalid={byField.has('name') || undefined}
                aria-describedby={byField.has('name') ? id('name-error') : undefined}
                data-testid="tax-rate-edit-name"
              />
              {error('name')}
            </td>
            <td className="right">
              <input
                id={id('percent')}
                aria-label={`Percent of ${rate.name}`}
                className="input--num input--short"
                inputMode="decimal"
                value={percent}
                onChange={(e) => setPercent(e.target.value)}
                onKeyDown={onKey}
                aria-invalid={byField.has('percent') || undefined}
                aria-describedby={byField.has('percent') ? id('percent-error') : undefined}
                data-testid="tax-rate-edit-percent"
              />
              {error('percent')}
            </td>
            <td className="tax-rates__actions">
              <button
                type="button"
                className="button button--small"
                disabled={busy !== null}
                onClick={save}
                data-testid="tax-rate-save"
              >
                {busy ? 'Saving…' : 'Save'}
              </button>
              <button type="button" className={quiet} onClick={() => start('view')}>
                Cancel
              </button>
            </td>
          </>
        ) : (
          <>
            <td data-testid="tax-rate-name-cell">{rate.name}</td>
            <td className="right num" data-testid="tax-rate-percent-cell">
              {rate.percent} %
            </td>
            <td className="tax-rates__actions">
              {mode === 'remove' ? (
                <>
                  <span className="muted">Remove it?</span>
                  <button
                    type="button"
                    className="button button--danger button--small"
                    disabled={busy !== null}
                    onClick={remove}
                    data-testid="tax-rate-remove-confirm"
                  >
                    {busy ? 'Removing…' : 'Remove'}
                  </button>
                  <button type="button" className={quiet} onClick={() => start('view')}>
                    Keep
                  </button>
                </>
              ) : (
                <>
                  <button
                    type="button"
                    className={quiet}
                    aria-label={`Edit ${rate.name}`}
                    onClick={() => start('edit')}
                    data-testid="tax-rate-edit"
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className={quiet}
                    aria-label={`Remove ${rate.name}`}
                    onClick={() => start('remove')}
                    data-testid="tax-rate-remove"
                  >
                    Remove
                  </button>
                </>
              )}
            </td>
          </>
        )}
      </tr>
      {refusal && (
        <tr className="tax-rates__refusal">
          <td colSpan={3}>
            <div className="field__error" role="alert" data-testid="tax-rate-refused">
              {refusal}
            </div>
          </td>
        </tr>
      )}
    </>
  );
}

// The totals as printed on the invoice; a total the reader was unsure of (or that does not add up) is marked.
import { FIELD_LABELS, fieldState } from './model';
import type { Proposal } from './store';

export function PrintedTotals({ proposal }: { proposal: Proposal }) {
  return (
    <>
      <h3>Totals as printed</h3>
      <dl className="totals" data-testid="cap-totals">
        {(['subtotal', 'tax', 'total'] as const).map((t) => {
          const { low } = fieldState(proposal, t);
          return (
            <div key={t} data-low={low ? 'true' : undefined}>
              <dt>{FIELD_LABELS[t]}</dt>
              <dd className="num" style={low ? { color: '#b45309' } : undefined}>
                {proposal.totals[t] ?? '—'} {low ? '(check)' : ''}
              </dd>
            </div>
          );
        })}
      </dl>
    </>
  );
}

// A document's two- or three-way match with its order, as the document page shows it before approval; fetched
// again when the document changes (a line edited, a receipt recorded).
import type { MethodOutput } from '../../../../preload/contract';
import { label } from '../../lib/labels';
import { useQuery } from '../../lib/useQuery';
import { request } from '../../state/app';

export type MatchResultT = MethodOutput<'documents.match'>;

export function MatchPanel({ documentId }: { documentId: string }) {
  const { data: result } = useQuery(
    ['documents.match', documentId],
    () => request('documents.match', { id: documentId }),
    { keepPrevious: true, refreshOn: (e) => e.type === 'document' },
  );
  if (!result || result.mode === 'none') return null;
  const problems = result.lines.filter((l) => l.status !== 'ok' && l.status !== 'not_invoiced');
  return (
    <section className="card" aria-labelledby="h-match" data-testid="match-panel" data-ok={String(result.ok)}>
      <h2 id="h-match">
        {result.mode === 'three_way' ? 'Three-way match' : 'Two-way match'} with{' '}
        {label(result.order?.type ?? '')} {result.order?.number}
      </h2>
      <p className={result.ok ? 'muted' : 'field__error'} role={result.ok ? undefined : 'alert'}>
        {result.summary}
      </p>
      {problems.length > 0 && (
        <ul data-testid="match-problems">
          {problems.map((l, i) => (
            <li key={i} data-status={l.status}>
              {l.message}
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        Tolerances: price {result.tolerances.pricePercent} %, quantity {result.tolerances.quantityPercent} %.
      </p>
    </section>
  );
}

// The queue with progress: shown on the Documents page while files are read, and after.
import { href } from '../../lib/route';
import { ExportLearned } from './ExportLearned';
import { useCaptures } from './store';

export function CaptureQueue() {
  const items = useCaptures((s) => s.items);
  const clear = useCaptures((s) => s.clear);
  if (items.length === 0) return null;
  const done = items.filter((i) => i.status !== 'waiting' && i.status !== 'reading').length;
  return (
    <section className="card" aria-labelledby="h-capture-queue" data-testid="capture-queue">
      <h2 id="h-capture-queue">Invoices from files</h2>
      <p className="muted" role="status" data-testid="capture-progress">
        {done < items.length ? `Reading ${done + 1} of ${items.length}…` : `${items.length} read.`}
      </p>
      <progress max={items.length} value={done} aria-label="Files read" style={{ width: '100%' }} />
      <ul className="plain-list">
        {items.map((item) => (
          <li key={item.key} data-testid="capture-item" data-status={item.status}>
            <strong>{item.fileName}</strong>{' '}
            {item.status === 'ready' && (
              <a href={href('capture', item.key)} data-testid="capture-review-link">
                Review
              </a>
            )}
            {item.status === 'saved' && item.documentId && (
              <a href={href('documents', item.documentId)}>Saved as a draft</a>
            )}
            {(item.status === 'waiting' || item.status === 'reading') && (
              <span className="muted">{item.status === 'reading' ? 'Reading…' : 'Waiting'}</span>
            )}
            {item.status === 'failed' && (
              <span className="field__error" role="alert">
                {item.error}
              </span>
            )}
          </li>
        ))}
      </ul>
      <div className="actions">
        {done === items.length && (
          <button type="button" className="button" onClick={clear}>
            Clear the list
          </button>
        )}
        {items.some((i) => i.status === 'saved') && <ExportLearned />}
      </div>
    </section>
  );
}

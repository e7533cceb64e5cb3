import { useApp } from '../state/app';

export function Banners() {
  const banners = useApp((s) => s.banners);
  const dismiss = useApp((s) => s.dismiss);
  if (banners.length === 0) return null;
  return (
    <div className="banners" aria-live="assertive">
      {banners.map((b) => (
        <div
          key={b.id}
          className="banner banner--error"
          role="alert"
          data-testid="error-banner"
          data-code={b.code}
        >
          <span className="banner__message">{b.message}</span>
          <button
            type="button"
            className="banner__close"
            onClick={() => dismiss(b.id)}
            aria-label="Dismiss this message"
            data-testid="error-banner-dismiss"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

export function ProgressList() {
  const progress = useApp((s) => s.progress);
  const items = Object.values(progress);
  if (items.length === 0) return null;
  return (
    <div className="progress-list" aria-live="polite">
      {items.map((p) => (
        <div key={p.task} className="progress" data-testid="progress" data-task={p.task}>
          <div className="progress__text">
            <span>{p.message}</span>
            <span className="num">{p.total !== null ? `${p.done} of ${p.total}` : `${p.done}`}</span>
          </div>
          {p.total !== null && p.total > 0 ? (
            <progress max={p.total} value={p.done} aria-label={p.message} />
          ) : (
            <progress aria-label={p.message} />
          )}
        </div>
      ))}
    </div>
  );
}

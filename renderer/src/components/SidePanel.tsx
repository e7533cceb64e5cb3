// A panel that slides over the right of the page (a job's detail; later any record's): a dialog with a title,
// a close button that takes the focus, and Escape to close.
import { useEffect, type ReactNode } from 'react';

const PANEL_STYLE = {
  position: 'fixed',
  top: 0,
  right: 0,
  bottom: 0,
  width: 'min(520px, 100vw)',
  overflowY: 'auto',
  background: 'var(--surface, #fff)',
  borderLeft: '1px solid var(--border)',
  boxShadow: '-8px 0 24px rgba(0, 0, 0, 0.12)',
  padding: 20,
  zIndex: 20,
} as const;

export function SidePanel({
  title,
  titleId,
  onClose,
  testId,
  children,
}: {
  title: ReactNode;
  /** The heading's id, which labels the dialog. */
  titleId: string;
  onClose(): void;
  /** The panel's test id; its close button's is `<testId>-close`. */
  testId: string;
  children: ReactNode;
}) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside style={PANEL_STYLE} role="dialog" aria-labelledby={titleId} data-testid={testId}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 12 }}>
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="button button--quiet"
          onClick={onClose}
          aria-label="Close"
          autoFocus
          data-testid={`${testId}-close`}
        >
          ×
        </button>
      </div>
      {children}
    </aside>
  );
}

// What went right after an action: a green banner the user can dismiss, or a quiet line of status text.
import type { ReactNode } from 'react';

export function SuccessBanner({
  children,
  onDismiss,
  testId,
}: {
  children: ReactNode;
  onDismiss?: () => void;
  testId: string;
}) {
  return (
    <div className="banner banner--success" role="status" data-testid={testId}>
      <span className="banner__message">{children}</span>
      {onDismiss && (
        <button type="button" className="banner__close" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}

/** A notice as a muted status line (nothing when there is none). */
export function StatusLine({ text, testId }: { text: string | null; testId: string }) {
  if (!text) return null;
  return (
    <p className="muted" role="status" data-testid={testId}>
      {text}
    </p>
  );
}

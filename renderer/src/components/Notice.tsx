// What went right after an action: a green banner the user can dismiss, or a quiet line of status text; and what
// a form's save refused, every problem in one list above the form.
import type { ReactNode } from 'react';
import type { FieldProblem } from '../api/errors';
import { problemMessage } from '../lib/problems';

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

/** A refused save's problems, each as "<field>: <how to fix it>" (nothing when there are none). */
export function ProblemsSummary({
  problems,
  describe,
}: {
  problems: readonly FieldProblem[];
  describe: (field: string) => string;
}) {
  if (problems.length === 0) return null;
  return (
    <div className="banner banner--error" role="alert" data-testid="problems-summary">
      <ul className="summary banner__message">
        {problems.map((p, i) => (
          <li key={i}>
            {describe(p.field)}: {problemMessage(p)}
          </li>
        ))}
      </ul>
    </div>
  );
}

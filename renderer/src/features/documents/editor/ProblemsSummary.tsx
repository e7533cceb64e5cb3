// Above the form: what needs fixing before the document can be saved, each item a button to its field.
import type { RefObject } from 'react';
import type { FieldProblem } from '../../../api/errors';
import { elementIdForField } from '../../../lib/editorModel';
import { describeField, problemMessage } from '../../../lib/problems';

export function ProblemsSummary({
  problems,
  summaryRef,
}: {
  problems: FieldProblem[];
  summaryRef: RefObject<HTMLDivElement | null>;
}) {
  return (
    <div
      className="banner banner--error"
      role="alert"
      tabIndex={-1}
      ref={summaryRef}
      data-testid="problems-summary"
    >
      <div className="banner__message">
        <strong>
          {problems.length === 1 ? 'One thing needs fixing' : `${problems.length} things need fixing`} before
          this can be saved:
        </strong>
        <ul className="summary">
          {problems.map((p, i) => {
            const el = elementIdForField(p.field);
            return (
              <li key={`${p.field}-${i}`} data-field={p.field}>
                {el ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => document.getElementById(el)?.focus()}
                  >
                    {describeField(p.field)}
                  </button>
                ) : (
                  describeField(p.field)
                )}
                : {problemMessage(p)}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

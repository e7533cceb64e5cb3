// What the review says above the form: the save's problems, the duplicates found (with the choice to save
// anyway), and the reader's warnings (sums that do not add up, fields not found).
import { href } from '../../lib/route';
import type { Proposal } from './store';

export function ReviewBanners({
  proposal,
  warnings,
  problems,
  confirmDuplicate,
  onConfirmDuplicate,
}: {
  proposal: Proposal;
  /** The reader's warnings still worth saying (model.ts reviewWarnings). */
  warnings: string[];
  problems: { field: string; message: string }[];
  confirmDuplicate: boolean;
  onConfirmDuplicate(confirmed: boolean): void;
}) {
  return (
    <>
      {problems.length > 0 && (
        <div className="banner banner--error" role="alert" data-testid="capture-problems">
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      {proposal.duplicates.length > 0 && (
        <div className="banner banner--error" role="alert" data-testid="capture-duplicates">
          <ul>
            {proposal.duplicates.map((d) => (
              <li key={`${d.kind}-${d.documentId}`}>
                {d.message} <a href={href('documents', d.documentId)}>Open {d.documentNumber}</a>
              </li>
            ))}
          </ul>
          <label>
            <input
              type="checkbox"
              checked={confirmDuplicate}
              onChange={(e) => onConfirmDuplicate(e.target.checked)}
              data-testid="capture-confirm-duplicate"
            />{' '}
            This is a different invoice: save it anyway
          </label>
        </div>
      )}
      {warnings.length > 0 && (
        <div className="banner banner--info" role="status" data-testid="capture-warnings">
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

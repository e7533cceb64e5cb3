// The bar that appears over the Documents list once documents are selected: how many, Submit for approval, Approve
// and Send to <system> (with a choice of system when the company has several), and a way to widen the selection to
// every document matching the filters.
import { useState } from 'react';
import { connectionLabel, useConnections, useSystems } from '../../../../lib/connections';
import { useBulk } from './store';

export function BulkBar({
  companyId,
  matching,
  onSelectMatching,
  selectingMatching,
}: {
  companyId: string;
  /** How many documents match the filters (the list's total). */
  matching: number | null;
  onSelectMatching(): void;
  /** While the matching documents' ids are read: how many so far, of how many. */
  selectingMatching: { done: number; total: number } | null;
}) {
  const selected = useBulk((s) => s.selected);
  const run = useBulk((s) => s.run);
  const start = useBulk((s) => s.start);
  const clear = useBulk((s) => s.clear);
  const systems = useSystems();
  const { connections } = useConnections(companyId);
  const accounting = connections.filter(systems.isAccounting);
  const [chosen, setChosen] = useState('');
  const target = accounting.find((c) => c.id === chosen) ?? accounting[0];
  if (selected.size === 0) return null;

  const busy = run !== null && (run.answered < run.total || (run.summary?.running ?? false)) && !run.failed;
  const ids = [...selected];
  const n = selected.size;
  return (
    <div className="bulk-bar" role="region" aria-label="Bulk actions" data-testid="bulk-bar">
      <strong data-testid="bulk-selected-count" data-count={n}>
        {n.toLocaleString('en-US')} selected
      </strong>
      {matching !== null && matching > n && (
        <button
          type="button"
          className="button button--quiet"
          onClick={onSelectMatching}
          disabled={selectingMatching !== null}
          data-testid="bulk-select-matching"
        >
          {selectingMatching
            ? `Selecting… ${selectingMatching.done.toLocaleString('en-US')} of ${selectingMatching.total.toLocaleString('en-US')}`
            : `Select all ${matching.toLocaleString('en-US')} matching`}
        </button>
      )}
      <span className="bulk-bar__spacer" />
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void start({ companyId, action: 'submit', ids })}
        data-testid="bulk-submit"
      >
        Submit for approval
      </button>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void start({ companyId, action: 'approve', ids })}
        data-testid="bulk-approve"
      >
        Approve
      </button>
      {accounting.length > 1 && (
        <select
          aria-label="Send to"
          value={target?.id ?? ''}
          onChange={(e) => setChosen(e.target.value)}
          data-testid="bulk-send-connection"
        >
          {accounting.map((c) => (
            <option key={c.id} value={c.id}>
              {connectionLabel(c)}
            </option>
          ))}
        </select>
      )}
      <button
        type="button"
        className="button button--primary"
        disabled={busy || !target}
        title={target ? undefined : 'Connect an accounting system under Connections first.'}
        onClick={() =>
          target &&
          void start({
            companyId,
            action: 'send',
            ids,
            connectionId: target.id,
            target: connectionLabel(target),
          })
        }
        data-testid="bulk-send"
      >
        {target ? `Send to ${connectionLabel(target)}` : 'Send'}
      </button>
      <button type="button" className="button button--quiet" onClick={clear} data-testid="bulk-clear">
        Clear selection
      </button>
    </div>
  );
}

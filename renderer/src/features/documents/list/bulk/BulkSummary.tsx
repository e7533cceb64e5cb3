// What a bulk action did to each document: a progress bar while the server answers and while the sends are on
// their way, then the counts (sent, waiting, refused, …) and every refused or waiting document by name, with the
// reason and a link to it.
import { href } from '../../../../lib/route';
import { label } from '../../../../lib/labels';
import { headline, type Group, type Named } from './model';
import { useBulk } from './store';

const TITLES = { submit: 'Submit for approval', approve: 'Approve', send: 'Send' } as const;

const GROUP_LABELS: Record<Group, string> = {
  sent: 'Sent',
  sending: 'Sending',
  queued: 'Queued to send',
  approved: 'Approved',
  submitted: 'Submitted, waiting for approval',
  waiting: 'Waiting for you',
  refused: 'Refused',
};

/** Documents named per list: thousands refused for one reason need not all be drawn to be understood. */
const NAMED_SHOWN = 200;

function NamedList({ items, testId }: { items: Named[]; testId: string }) {
  const more = items.length - NAMED_SHOWN;
  return (
    <ul className="bulk-summary__list" data-testid={testId}>
      {items.slice(0, NAMED_SHOWN).map((item) => (
        <li key={item.id} data-testid={`${testId}-item`} data-document-id={item.id}>
          {item.number !== null ? (
            <a href={href('documents', item.id)} data-testid={`${testId}-link`}>
              {item.type ? `${label(item.type)} ` : ''}
              {item.number}
            </a>
          ) : (
            <span className="muted">Unknown document</span>
          )}
          : <span data-testid={`${testId}-reason`}>{item.message}</span>
        </li>
      ))}
      {more > 0 && (
        <li className="muted" data-testid={`${testId}-more`} data-count={more}>
          and {more.toLocaleString('en-US')} more
        </li>
      )}
    </ul>
  );
}

export function BulkSummary({ companyId }: { companyId: string }) {
  const run = useBulk((s) => s.run);
  const dismiss = useBulk((s) => s.dismiss);
  if (!run || run.companyId !== companyId) return null;
  const { summary } = run;
  const answering = run.answered < run.total && !run.failed;
  const toFollow = summary ? summary.counts.sending + summary.counts.sent + summary.counts.waiting : 0;
  const followed = summary ? toFollow - summary.counts.sending : 0;
  const title = run.action === 'send' && run.target ? `Send to ${run.target}` : TITLES[run.action];
  return (
    <section
      className="card bulk-summary"
      aria-label={`${title}: summary`}
      data-testid="bulk-summary"
      data-action={run.action}
      data-running={answering || (summary?.running ?? false) ? 'true' : 'false'}
    >
      <div className="bulk-summary__head">
        <h2>
          {title}: {run.total.toLocaleString('en-US')} document{run.total === 1 ? '' : 's'}
        </h2>
        <button type="button" className="button button--quiet" onClick={dismiss} data-testid="bulk-dismiss">
          Dismiss
        </button>
      </div>
      {answering && (
        <p className="bulk-summary__progress">
          <progress
            max={run.total}
            value={run.answered}
            data-testid="bulk-progress"
            aria-label="Documents done"
          />
          <span className="muted num">
            {run.answered.toLocaleString('en-US')} of {run.total.toLocaleString('en-US')} done…
          </span>
        </p>
      )}
      {!answering && summary?.running && (
        <p className="bulk-summary__progress">
          <progress max={toFollow} value={followed} data-testid="bulk-progress" aria-label="Sends finished" />
          <span className="muted num" data-testid="bulk-progress-text">
            {followed.toLocaleString('en-US')} of {toFollow.toLocaleString('en-US')} sends finished…
          </span>
        </p>
      )}
      {run.failed && (
        <p className="bulk-summary__failed" role="alert" data-testid="bulk-failed">
          The action stopped before every document was handled (see the message above). Those listed here were
          handled; select the others and try again.
        </p>
      )}
      {summary && (
        <>
          <p className="strong" data-testid="bulk-headline">
            {headline(summary)}.
          </p>
          <ul className="bulk-summary__counts">
            {(Object.keys(GROUP_LABELS) as Group[])
              .filter((g) => summary.counts[g] > 0)
              .map((g) => (
                <li key={g} data-testid={`bulk-count-${g}`} data-count={summary.counts[g]}>
                  <span className="num strong">{summary.counts[g].toLocaleString('en-US')}</span>{' '}
                  {GROUP_LABELS[g]}
                </li>
              ))}
          </ul>
          {summary.refused.length > 0 && (
            <>
              <h3>Refused, and why</h3>
              <NamedList items={summary.refused} testId="bulk-refused" />
            </>
          )}
          {summary.waiting.length > 0 && (
            <>
              <h3>Waiting for you</h3>
              <NamedList items={summary.waiting} testId="bulk-waiting" />
            </>
          )}
        </>
      )}
    </section>
  );
}

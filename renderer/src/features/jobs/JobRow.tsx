// One row of the jobs list (and its skeleton while its page loads): number, customer and location, type, status,
// the QuickBooks name it has or would get, its QuickBooks state and a Send button.
import type { CSSProperties } from 'react';
import { Badge } from '../../components/ui';
import { label } from '../../lib/labels';
import { QB_LABELS, SENDABLE, scheduled, type Job, type Preview } from './model';

export const ROW_HEIGHT = 52;
export const GRID = {
  display: 'grid',
  gridTemplateColumns: '24px 76px minmax(110px, 1fr) 96px 100px 88px minmax(180px, 1.7fr) 96px 60px',
  gap: 10,
  alignItems: 'center',
} as const;

/** A full name can be three levels of 41 characters: two lines, wrapped anywhere, then cut. */
const NAME_STYLE = {
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
  overflowWrap: 'anywhere',
  fontSize: 12,
  lineHeight: '16px',
} as const;

export function LoadingJobRow({ style }: { style: CSSProperties }) {
  return (
    <div className="table__row table__row--loading" style={style} data-testid="job-row-loading">
      <span />
      <span className="skeleton" />
      <span className="skeleton" />
      <span className="skeleton" />
      <span className="skeleton" />
      <span className="skeleton" />
      <span className="skeleton" />
      <span />
      <span />
    </div>
  );
}

export function JobRow({
  job,
  style,
  index,
  selected,
  onToggle,
  preview,
  canSend,
  onSend,
  onOpen,
}: {
  job: Job;
  style: CSSProperties;
  index: number;
  selected: boolean;
  onToggle(): void;
  preview: Preview | undefined;
  canSend: boolean;
  onSend(): void;
  onOpen(): void;
}) {
  const state = job.quickbooks.state;
  // A job deleted in ServiceTrade is kept and shown, but not sent any more.
  const sendable = SENDABLE.includes(state) && job.missingSince === null;
  const problem = state === 'invalid' || state === 'failed' ? job.quickbooks.message : null;
  const previewProblem = sendable && preview && !preview.ok ? preview.errors.join(' ') : null;
  const name = sendable ? (preview?.fullName ?? null) : job.quickbooks.fullName;
  return (
    <div
      className="table__row"
      style={style}
      data-index={index}
      data-testid="job-row"
      data-job-id={job.id}
      data-number={job.number}
    >
      <input
        type="checkbox"
        aria-label={`Select job ${job.number}`}
        checked={selected}
        disabled={!sendable}
        onChange={onToggle}
        data-testid="job-row-select"
      />
      <button
        type="button"
        className="link-button strong ellipsis"
        style={{ textAlign: 'left' }}
        title={`Job ${job.number}: details and integration log`}
        onClick={onOpen}
        data-testid="job-row-number"
      >
        {job.number}
      </button>
      <span
        className="ellipsis"
        title={`${job.customer.name}${job.location ? ` — ${job.location.name}` : ''}`}
      >
        {job.customer.name}
        <br />
        <small className="muted">{job.location?.name ?? 'No location'}</small>
      </span>
      <span className="ellipsis">{label(job.type)}</span>
      <span>
        {job.missingSince ? (
          <Badge value="canceled" text="Deleted in ServiceTrade" testId="job-row-status" />
        ) : (
          <Badge value={job.status} testId="job-row-status" />
        )}
      </span>
      <span className="num">{scheduled(job.scheduledDate)}</span>
      <span
        className={sendable ? 'muted' : undefined}
        style={NAME_STYLE}
        title={previewProblem ?? problem ?? name ?? undefined}
        data-testid="job-row-qb-name"
        data-preview={sendable ? 'true' : 'false'}
      >
        {previewProblem ? (
          <span style={{ color: 'var(--danger)' }}>{previewProblem}</span>
        ) : (
          (name ?? (sendable ? '…' : ''))
        )}
        {problem && !previewProblem && (
          <>
            <br />
            <small style={{ color: 'var(--danger)' }}>{problem}</small>
          </>
        )}
      </span>
      <span>
        <Badge
          value={state === 'invalid' ? 'failed' : state}
          text={QB_LABELS[state]}
          testId="job-row-qb-state"
        />
      </span>
      <span>
        {sendable && (
          <button
            type="button"
            className="button"
            style={{ padding: '4px 10px' }}
            disabled={!canSend || previewProblem !== null}
            title={previewProblem ?? `Send job ${job.number} to QuickBooks`}
            onClick={onSend}
            data-testid="job-row-send"
          >
            Send
          </button>
        )}
      </span>
    </div>
  );
}

// The full names a few synced ServiceTrade jobs would get in QuickBooks Desktop with the naming settings on
// screen, before they are saved.
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../preload/contract';
import { useQuery } from '../../lib/useQuery';
import { requestQuiet } from '../../state/app';
import type { Mapping, Templates } from './quickbooks-desktop-naming';

type Preview = MethodOutput<'jobs.preview'>;

const PREVIEW_JOBS = 5;

/** The full names a few synced jobs would get with the settings on screen (not saved yet). */
export function NamePreview({
  connectionId,
  companyId,
  naming,
}: {
  connectionId: string;
  companyId: string;
  naming: { customerMapping: Mapping; nameTemplates: Templates; nameOverflow: string };
}) {
  // A few of the company's jobs to name; none (no preview) when they cannot be read.
  const jobsQuery = useQuery(['jobs.list', companyId, PREVIEW_JOBS], () =>
    requestQuiet('jobs.list', { companyId, limit: PREVIEW_JOBS }),
  );
  const jobs = jobsQuery.error ? [] : (jobsQuery.data?.items ?? null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const key = JSON.stringify(naming);
  const jobIds = jobs?.map((j) => j.id).join(',') ?? '';
  useEffect(() => {
    if (jobIds === '') return;
    let live = true;
    const timer = setTimeout(() => {
      requestQuiet('jobs.preview', {
        jobIds: jobIds.split(','),
        connectionId,
        naming: JSON.parse(key) as typeof naming,
      }).then(
        (answer) => {
          if (!live) return;
          setPreview(answer);
          setProblem(null);
        },
        (error: unknown) => {
          if (!live) return;
          setPreview(null);
          setProblem(error instanceof Error ? error.message : String(error));
        },
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jobIds, key, connectionId]);

  if (jobs === null) return null;
  const sentAs = (jobId: string) => {
    const job = jobs.find((j) => j.id === jobId);
    return job?.quickbooks.state === 'sent' && job.quickbooks.connectionId === connectionId
      ? job.quickbooks.fullName
      : null;
  };
  if (jobs.length === 0) {
    return (
      <p className="muted" data-testid="qbd-preview-empty">
        Once ServiceTrade jobs are pulled (Jobs page), a few of their QuickBooks names are previewed here.
      </p>
    );
  }
  return (
    <div data-testid="qbd-preview">
      <h4>Preview</h4>
      {problem ? (
        <p className="field__error" role="alert" data-testid="qbd-preview-problem">
          {problem}
        </p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>Job</th>
              <th>Full name in QuickBooks</th>
            </tr>
          </thead>
          <tbody>
            {preview?.items.map((item) => (
              <tr key={item.jobId} data-testid="qbd-preview-row">
                <td style={{ whiteSpace: 'nowrap' }}>{item.number}</td>
                <td data-testid="qbd-preview-name">
                  {item.ok ? (
                    item.fullName
                  ) : (
                    <span style={{ color: 'var(--danger)' }}>{item.errors.join(' ')}</span>
                  )}
                  {item.notes.length > 0 && <div className="muted">{item.notes.join(' ')}</div>}
                  {sentAs(item.jobId) && (
                    <div className="muted" data-testid="qbd-preview-sent">
                      Already in QuickBooks as {sentAs(item.jobId)}; new names apply to jobs sent from now on.
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

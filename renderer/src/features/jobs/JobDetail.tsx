// One job in a side panel: what ServiceTrade says, where it is in QuickBooks, and its integration log.
import { Badge } from '../../components/ui';
import { LogSection } from '../../components/LogTimeline';
import { SidePanel } from '../../components/SidePanel';
import { label } from '../../lib/labels';
import { useQuery } from '../../lib/useQuery';
import { requestQuiet } from '../../state/app';
import { useEntityLog } from './hooks';
import { QB_LABELS, scheduled } from './model';

export function JobDetail({
  jobId,
  connectionName,
  onClose,
}: {
  jobId: string;
  connectionName: (id: string | null) => string;
  onClose(): void;
}) {
  const log = useEntityLog('job', jobId);
  // A new log entry may be a change of the job's QuickBooks state: read the job again with it.
  const { data: job } = useQuery(
    ['jobs.get', jobId, log?.total],
    () => requestQuiet('jobs.get', { id: jobId }),
    {
      keepPrevious: true,
    },
  );
  return (
    <SidePanel
      title={`Job ${job?.number ?? ''}`}
      titleId="job-detail-title"
      onClose={onClose}
      testId="job-detail"
    >
      {job && (
        <dl className="meta" data-testid="job-detail-facts">
          <div>
            <dt>Customer</dt>
            <dd>{job.customer.name}</dd>
          </div>
          <div>
            <dt>Location</dt>
            <dd>{job.location?.name ?? 'No location'}</dd>
          </div>
          <div>
            <dt>Type / status</dt>
            <dd>
              {label(job.type) || '—'} · <Badge value={job.status} />
            </dd>
          </div>
          <div>
            <dt>Scheduled</dt>
            <dd className="num">{scheduled(job.scheduledDate)}</dd>
          </div>
          {job.missingSince && (
            <div style={{ gridColumn: '1 / -1' }} data-testid="job-detail-missing">
              <dt>In ServiceTrade</dt>
              <dd>
                Deleted there (found missing on {job.missingSince.slice(0, 10)}). It is kept here and not sent
                to QuickBooks any more.
              </dd>
            </div>
          )}
          <div style={{ gridColumn: '1 / -1' }}>
            <dt>QuickBooks</dt>
            <dd data-testid="job-detail-qb">
              {QB_LABELS[job.quickbooks.state]}
              {job.quickbooks.fullName ? ` as ${job.quickbooks.fullName}` : ''}
              {job.quickbooks.connectionId ? ` (${connectionName(job.quickbooks.connectionId)})` : ''}
              {job.quickbooks.message && (
                <div style={{ color: 'var(--danger)' }}>{job.quickbooks.message}</div>
              )}
            </dd>
          </div>
        </dl>
      )}
      <section aria-labelledby="h-job-log" style={{ marginTop: 20 }}>
        <h3 id="h-job-log">Integration log</h3>
        <LogSection
          log={log}
          connectionName={connectionName}
          empty="Nothing has happened to this job yet: it has not been sent to QuickBooks, and ServiceTrade has not changed it since it was first pulled."
          testId="job-log"
        />
      </section>
    </SidePanel>
  );
}

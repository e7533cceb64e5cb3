// ServiceTrade jobs and their QuickBooks state: filters and search over the pulled jobs (server-side, paged,
// virtualized rows), "Refresh now", and "Send to QuickBooks" for one job or a selection in one click. The
// QuickBooks name each job would get is previewed in its row before anything is sent, from the chosen QuickBooks
// Desktop connection's customer mapping and templates. A job's number opens its detail with its integration log
// (the job's and its invoices' steps); each ServiceTrade invoice shows its own log.
import { useMemo, useState } from 'react';
import { StatusLine } from '../../components/Notice';
import { Empty, Filter, PageHeader } from '../../components/ui';
import { connectionNamer, useConnections } from '../../lib/connections';
import { useAction } from '../../lib/useAction';
import { useQuery } from '../../lib/useQuery';
import { useVirtualPages } from '../../lib/useVirtualPages';
import { request, useApp } from '../../state/app';
import { useDebounced } from '../../state/useDebounced';
import { ConnectServiceTrade } from '../connections';
import { useJobPreviews } from './hooks';
import { JobDetail } from './JobDetail';
import { JobFilterBar } from './JobFilters';
import { GRID, JobRow, LoadingJobRow, ROW_HEIGHT } from './JobRow';
import {
  EMPTY_FILTERS,
  MAPPING_LABELS,
  SENDABLE,
  sendText,
  summaryText,
  type Job,
  type JobFilters,
} from './model';
import { PendingInvoices } from './PendingInvoices';

export function JobsPage() {
  const companyId = useApp((s) => s.companyId) ?? '';
  const [filters, setFiltersState] = useState<JobFilters>(EMPTY_FILTERS);
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText, 300);
  const setFilters = (patch: Partial<JobFilters>) => setFiltersState((f) => ({ ...f, ...patch }));

  // Race-safe (useQuery): after a company switch, a slow answer for the company before is dropped.
  const connectionsQuery = useConnections(companyId);
  const customersQuery = useQuery(['servicetrade.customers.list', companyId], () =>
    request('servicetrade.customers.list', { companyId }),
  );
  const connections = connectionsQuery.connections;
  const [qbdId, setQbdId] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const { busy, notice, setNotice, run } = useAction();
  const [reloadKey, setReloadKey] = useState(0);
  const [openJobId, setOpenJobId] = useState<string | null>(null);

  /** After a refresh from ServiceTrade: the connections, the customers and the jobs read again. */
  const reloadAll = () => {
    connectionsQuery.reload();
    customersQuery.reload();
    setReloadKey((k) => k + 1);
  };
  const serviceTrade = connections.find((c) => c.system === 'servicetrade') ?? null;
  const serviceTradeReady = serviceTrade?.status === 'connected';
  const onConnected = (summary: Parameters<typeof summaryText>[0]) => {
    setNotice(summaryText(summary));
    reloadAll();
  };
  const qbdConnections = connections.filter((c) => c.system === 'quickbooks_desktop');
  const qbd = qbdConnections.find((c) => c.id === qbdId) ?? qbdConnections[0] ?? null;

  const query = useMemo(
    () => ({
      companyId,
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.customerId ? { customerId: filters.customerId } : {}),
      ...(filters.scheduledFrom ? { scheduledFrom: filters.scheduledFrom } : {}),
      ...(filters.scheduledTo ? { scheduledTo: filters.scheduledTo } : {}),
      ...(filters.quickbooksState ? { quickbooksState: filters.quickbooksState } : {}),
      ...(search ? { search } : {}),
      reload: reloadKey,
    }),
    [companyId, filters, search, reloadKey],
  );
  const { list, total, scrollRef, virtualizer, refreshVisible } = useVirtualPages<Job, typeof query>({
    query,
    fetchPage: ({ reload: _reload, ...input }, offset, limit) =>
      request('jobs.list', { ...input, offset, limit }),
    rowHeight: ROW_HEIGHT,
    // Pulled jobs and sent jobs change the rows; both come as connection events.
    refreshOn: (event) => event.type === 'connection',
    refreshAfterMs: 500,
  });
  const items = virtualizer.getVirtualItems();

  // The QuickBooks names of the rows on screen that are not in QuickBooks yet: the preview before sending.
  const visibleSendable = items
    .map((item) => list.row(item.index))
    .filter(
      (job): job is Job =>
        job !== undefined && job.missingSince === null && SENDABLE.includes(job.quickbooks.state),
    )
    .map((job) => job.id);
  const previews = useJobPreviews(visibleSendable, qbd);

  const refreshNow = () => {
    if (!serviceTrade) return;
    void run(
      'refresh',
      async () => {
        const summary = await request('servicetrade.refresh', { connectionId: serviceTrade.id });
        setReloadKey((k) => k + 1);
        return summary;
      },
      { notice: summaryText },
    );
  };

  const send = (jobIds: string[]) => {
    if (!qbd || jobIds.length === 0) return;
    void run(
      'send',
      async () => {
        const result = await request('jobs.send', { jobIds, connectionId: qbd.id });
        setSelected(new Set());
        await refreshVisible();
        return result;
      },
      { notice: (result) => sendText(result, qbd.name) },
    );
  };

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const filtered = searchText !== '' || JSON.stringify(filters) !== JSON.stringify(EMPTY_FILTERS);
  const connectionName = connectionNamer(connections, () => '');

  return (
    <div className="page page--fill">
      <PageHeader
        title="Jobs"
        actions={
          <>
            {qbdConnections.length > 1 && (
              <Filter label="QuickBooks company" htmlFor="jobs-qbd">
                <select
                  id="jobs-qbd"
                  value={qbd?.id ?? ''}
                  onChange={(e) => setQbdId(e.target.value)}
                  data-testid="jobs-connection"
                >
                  {qbdConnections.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </Filter>
            )}
            {selected.size > 0 && (
              <button
                type="button"
                className="button button--primary"
                disabled={busy !== null || !qbd}
                onClick={() => send([...selected])}
                data-testid="jobs-send-selected"
              >
                Send {selected.size} to QuickBooks
              </button>
            )}
            <button
              type="button"
              className="button"
              disabled={busy !== null || !serviceTradeReady}
              title={serviceTradeReady ? undefined : 'Connect ServiceTrade first.'}
              onClick={refreshNow}
              data-testid="jobs-refresh"
            >
              {busy === 'refresh' ? 'Refreshing…' : 'Refresh now'}
            </button>
          </>
        }
      >
        <p className="muted num" data-testid="jobs-total" data-total={total ?? ''}>
          {total === null ? 'Loading…' : `${total.toLocaleString('en-US')} job${total === 1 ? '' : 's'}`}
          {qbd &&
            ` · sent to ${qbd.name} as ${MAPPING_LABELS[String(qbd.settings['customerMapping'])] ?? 'Customer:Job'}`}
        </p>
      </PageHeader>

      <StatusLine text={notice} testId="jobs-notice" />
      {serviceTrade && !serviceTradeReady && (total ?? 0) > 0 && (
        <details data-testid="servicetrade-reconnect">
          <summary>
            ServiceTrade is not connected
            {serviceTrade.statusMessage ? `: ${serviceTrade.statusMessage}` : '.'} Sign in again
          </summary>
          <ConnectServiceTrade companyId={companyId} onConnected={onConnected} />
        </details>
      )}
      {!qbd && serviceTrade && (
        <p className="muted" data-testid="jobs-no-qbd">
          Add a QuickBooks Desktop connection (Connections) to send jobs to QuickBooks.
        </p>
      )}

      <JobFilterBar
        filters={filters}
        onChange={setFilters}
        searchText={searchText}
        onSearch={setSearchText}
        customers={customersQuery.data ?? []}
        filtered={filtered}
        onClear={() => {
          setSearchText('');
          setFiltersState(EMPTY_FILTERS);
        }}
      />

      {total === 0 ? (
        filtered ? (
          <Empty title="No jobs match these filters" testId="jobs-empty">
            Change or clear the filters to see more.
          </Empty>
        ) : (
          <Empty title="No ServiceTrade jobs yet" testId="jobs-empty">
            {serviceTradeReady ? (
              <>
                Click <strong>Refresh now</strong> to pull the jobs from ServiceTrade.
              </>
            ) : (
              <ConnectServiceTrade companyId={companyId} onConnected={onConnected} />
            )}
          </Empty>
        )
      ) : (
        <div className="table table--documents" aria-label="Jobs" role="region">
          <div className="table__head" style={GRID} aria-hidden="true">
            <span />
            <span>Number</span>
            <span>Customer / location</span>
            <span>Type</span>
            <span>Status</span>
            <span>Scheduled</span>
            <span>QuickBooks name</span>
            <span>QuickBooks</span>
            <span />
          </div>
          <div className="table__body" ref={scrollRef} data-testid="jobs-list">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const job = list.row(item.index);
                const style = { ...GRID, transform: `translateY(${item.start}px)`, height: item.size };
                if (!job) return <LoadingJobRow key={`loading-${item.index}`} style={style} />;
                return (
                  <JobRow
                    key={job.id}
                    job={job}
                    style={style}
                    index={item.index}
                    selected={selected.has(job.id)}
                    onToggle={() => toggle(job.id)}
                    preview={previews.get(job.id)}
                    canSend={qbd !== null && busy === null}
                    onSend={() => send([job.id])}
                    onOpen={() => setOpenJobId(job.id)}
                  />
                );
              })}
            </div>
          </div>
        </div>
      )}
      {serviceTradeReady && qbd && (
        <PendingInvoices
          companyId={companyId}
          qbd={qbd}
          reloadKey={reloadKey}
          connectionName={connectionName}
        />
      )}
      {openJobId && (
        <JobDetail jobId={openJobId} connectionName={connectionName} onClose={() => setOpenJobId(null)} />
      )}
    </div>
  );
}

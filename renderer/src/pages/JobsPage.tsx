// ServiceTrade jobs and their QuickBooks state: filters and search over the pulled jobs (server-side, paged,
// virtualized rows), "Refresh now", and "Send to QuickBooks" for one job or a selection in one click. The
// QuickBooks name each job would get is previewed in its row before anything is sent, from the chosen QuickBooks
// Desktop connection's customer mapping and templates. A job's number opens its detail with its integration log
// (the job's and its invoices' steps); each ServiceTrade invoice shows its own log.
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import type { ConnectionT, LogEntryT, MethodOutput } from '../../../preload/contract';
import {
  JobQbState,
  SERVICETRADE_JOB_STATUSES,
  type JobPreview,
  type RefreshSummary,
  type ServiceTradeJob,
} from '../../../preload/contracts/servicetrade';
import { Badge, Empty, Filter, FilterSelect, PageHeader, SearchFilter } from '../components/ui';
import { label } from '../lib/labels';
import { useVirtualPages } from '../lib/useVirtualPages';
import { request, requestQuiet, useApp } from '../state/app';
import { useAppEvents } from '../state/events';
import { useDebounced } from '../state/useDebounced';
import { ConnectServiceTrade } from './connections/servicetrade';
import { LogTimeline } from './DocumentView';

type Job = z.infer<typeof ServiceTradeJob>;
type Preview = z.infer<typeof JobPreview>;
type QbState = z.infer<typeof JobQbState>;

const ROW_HEIGHT = 52;
const GRID = {
  display: 'grid',
  gridTemplateColumns: '24px 76px minmax(110px, 1fr) 96px 100px 88px minmax(180px, 1.7fr) 96px 60px',
  gap: 10,
  alignItems: 'center',
} as const;

interface Filters {
  status: string;
  customerId: string;
  scheduledFrom: string;
  scheduledTo: string;
  quickbooksState: QbState | '';
}
const EMPTY: Filters = {
  status: '',
  customerId: '',
  scheduledFrom: '',
  scheduledTo: '',
  quickbooksState: '',
};

const QB_LABELS: Record<QbState, string> = {
  not_sent: 'Not sent',
  invalid: 'Name problem',
  queued: 'Queued',
  sent: 'In QuickBooks',
  failed: 'Failed',
};
const SENDABLE: QbState[] = ['not_sent', 'invalid', 'failed'];
const MAPPING_LABELS: Record<string, string> = {
  customer: 'Customer',
  'customer:job': 'Customer:Job',
  'customer:location:job': 'Customer:Location:Job',
};
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

function scheduled(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '—';
}

function summaryText(summary: z.infer<typeof RefreshSummary>): string {
  const n = summary.jobs.changed;
  const gone = summary.deletedJobs;
  return (
    `Refreshed from ServiceTrade: ${n} new or changed job${n === 1 ? '' : 's'}.` +
    (gone > 0 ? ` ${gone} job${gone === 1 ? ' was' : 's were'} deleted there (marked, kept here).` : '')
  );
}

export function JobsPage() {
  const companyId = useApp((s) => s.companyId) ?? '';
  const [filters, setFiltersState] = useState<Filters>(EMPTY);
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText, 300);
  const setFilters = (patch: Partial<Filters>) => setFiltersState((f) => ({ ...f, ...patch }));

  const [connections, setConnections] = useState<ConnectionT[]>([]);
  const [customers, setCustomers] = useState<{ id: string; name: string }[]>([]);
  const [qbdId, setQbdId] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [previews, setPreviews] = useState<Map<string, Preview>>(new Map());
  const [busy, setBusy] = useState<'refresh' | 'send' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [openJobId, setOpenJobId] = useState<string | null>(null);

  const serviceTrade = connections.find((c) => c.system === 'servicetrade') ?? null;
  const serviceTradeReady = serviceTrade?.status === 'connected';
  const onConnected = (summary: z.infer<typeof RefreshSummary>) => {
    setNotice(summaryText(summary));
    setReloadKey((k) => k + 1);
  };
  const qbdConnections = connections.filter((c) => c.system === 'quickbooks_desktop');
  const qbd = qbdConnections.find((c) => c.id === qbdId) ?? qbdConnections[0] ?? null;

  useEffect(() => {
    if (!companyId) return;
    request('connections.list', { companyId }).then(setConnections, () => setConnections([]));
    request('servicetrade.customers.list', { companyId }).then(setCustomers, () => setCustomers([]));
  }, [companyId, reloadKey]);

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
  const visibleKey = visibleSendable.join(',');
  const qbdKey = qbd ? `${qbd.id}:${JSON.stringify(qbd.settings)}` : '';
  useEffect(() => {
    if (!qbd || visibleKey === '') return;
    let live = true;
    const timer = setTimeout(() => {
      request('jobs.preview', { jobIds: visibleKey.split(','), connectionId: qbd.id }).then(
        (answer) => {
          if (!live) return;
          setPreviews((old) => {
            const next = new Map(old);
            for (const item of answer.items) next.set(item.jobId, item);
            return next;
          });
        },
        () => {},
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // qbdKey stands for the connection and its naming settings
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visibleKey, qbdKey]);

  async function refreshNow() {
    if (!serviceTrade) return;
    setBusy('refresh');
    setNotice(null);
    try {
      const summary = await request('servicetrade.refresh', { connectionId: serviceTrade.id });
      setNotice(summaryText(summary));
      setReloadKey((k) => k + 1);
    } catch {
      // the banner says what went wrong
    } finally {
      setBusy(null);
    }
  }

  async function send(jobIds: string[]) {
    if (!qbd || jobIds.length === 0) return;
    setBusy('send');
    setNotice(null);
    try {
      const result = await request('jobs.send', { jobIds, connectionId: qbd.id });
      const parts: string[] = [];
      if (result.queued.length > 0) {
        parts.push(
          `${result.queued.length} job${result.queued.length === 1 ? '' : 's'} queued for ${qbd.name}; they are created at the next Web Connector session.`,
        );
      }
      if (result.alreadyQueued.length > 0) {
        parts.push(`${result.alreadyQueued.length} already queued or in QuickBooks.`);
      }
      for (const bad of result.invalid) parts.push(`Job ${bad.number} was not sent: ${bad.errors.join(' ')}`);
      setNotice(parts.join(' '));
      setSelected(new Set());
      await refreshVisible();
    } catch {
      // the banner says what went wrong
    } finally {
      setBusy(null);
    }
  }

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const filtered = searchText !== '' || JSON.stringify(filters) !== JSON.stringify(EMPTY);
  const cannotSend = !qbd
    ? 'Add a QuickBooks Desktop connection (Connections) to send jobs to QuickBooks.'
    : null;

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
                onClick={() => void send([...selected])}
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
              onClick={() => void refreshNow()}
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

      {notice && (
        <p className="muted" role="status" data-testid="jobs-notice">
          {notice}
        </p>
      )}
      {serviceTrade && !serviceTradeReady && (total ?? 0) > 0 && (
        <details data-testid="servicetrade-reconnect">
          <summary>
            ServiceTrade is not connected
            {serviceTrade.statusMessage ? `: ${serviceTrade.statusMessage}` : '.'} Sign in again
          </summary>
          <ConnectServiceTrade companyId={companyId} onConnected={onConnected} />
        </details>
      )}
      {cannotSend && serviceTrade && (
        <p className="muted" data-testid="jobs-no-qbd">
          {cannotSend}
        </p>
      )}

      <div className="filters" role="search">
        <SearchFilter
          id="jobs-search"
          placeholder="Job number or name, customer or location"
          value={searchText}
          onChange={setSearchText}
          testId="jobs-filter-search"
        />
        <FilterSelect
          label="Status"
          id="jobs-status"
          value={filters.status}
          values={['', ...SERVICETRADE_JOB_STATUSES]}
          onChange={(status) => setFilters({ status })}
          allLabel="All statuses"
          testId="jobs-filter-status"
        />
        <Filter label="Customer" htmlFor="jobs-customer">
          <select
            id="jobs-customer"
            value={filters.customerId}
            onChange={(e) => setFilters({ customerId: e.target.value })}
            data-testid="jobs-filter-customer"
          >
            <option value="">All customers</option>
            {customers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Filter>
        <Filter label="Scheduled from" htmlFor="jobs-from">
          <input
            id="jobs-from"
            type="date"
            value={filters.scheduledFrom}
            onChange={(e) => setFilters({ scheduledFrom: e.target.value })}
            data-testid="jobs-filter-from"
          />
        </Filter>
        <Filter label="To" htmlFor="jobs-to">
          <input
            id="jobs-to"
            type="date"
            value={filters.scheduledTo}
            onChange={(e) => setFilters({ scheduledTo: e.target.value })}
            data-testid="jobs-filter-to"
          />
        </Filter>
        <FilterSelect
          label="QuickBooks"
          id="jobs-qb-state"
          value={filters.quickbooksState}
          values={['', ...JobQbState.options]}
          onChange={(quickbooksState) => setFilters({ quickbooksState })}
          allLabel="Any state"
          optionLabel={(v) => (v === '' ? 'Any state' : QB_LABELS[v])}
          testId="jobs-filter-qb-state"
        />
        {filtered && (
          <button
            type="button"
            className="button button--quiet filter__clear"
            onClick={() => {
              setSearchText('');
              setFiltersState(EMPTY);
            }}
            data-testid="jobs-filter-clear"
          >
            Clear filters
          </button>
        )}
      </div>

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
                if (!job) {
                  return (
                    <div
                      key={`loading-${item.index}`}
                      className="table__row table__row--loading"
                      style={style}
                      data-testid="job-row-loading"
                    >
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
                    onSend={() => void send([job.id])}
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
          connectionName={(id) => connections.find((c) => c.id === id)?.name ?? ''}
        />
      )}
      {openJobId && (
        <JobDetail
          jobId={openJobId}
          connectionName={(id) => connections.find((c) => c.id === id)?.name ?? ''}
          onClose={() => setOpenJobId(null)}
        />
      )}
    </div>
  );
}

type LogPage = { total: number; items: LogEntryT[] };
const LOG_LIMIT = 200;

/**
 * A log that follows new entries: reloaded (debounced) when an entry or a connection change is announced, since
 * any of them may concern this job or invoice.
 */
function useEntityLog(kind: 'job' | 'invoice', id: string): LogPage | null {
  const [log, setLog] = useState<LogPage | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    const load =
      kind === 'job'
        ? request('jobs.log', { jobId: id, limit: LOG_LIMIT })
        : request('servicetrade.invoices.log', { invoiceId: id, limit: LOG_LIMIT });
    load.then(
      (page) => {
        if (live) setLog(page);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [kind, id, tick]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useAppEvents((event) => {
    if ((event.type !== 'log' && event.type !== 'connection') || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      setTick((n) => n + 1);
    }, 400);
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return log;
}

function EntityLog({
  log,
  connectionName,
  empty,
  testId,
}: {
  log: LogPage | null;
  connectionName: (id: string | null) => string;
  empty: string;
  testId: string;
}) {
  if (!log) return <p className="muted">Loading…</p>;
  if (log.items.length === 0) {
    return (
      <p className="muted" data-testid={`${testId}-empty`}>
        {empty}
      </p>
    );
  }
  return (
    <div data-testid={testId}>
      <LogTimeline entries={log.items} connectionName={connectionName} />
      {log.total > log.items.length && (
        <p className="muted">
          The newest {log.items.length} of {log.total} entries; the Activity page has them all.
        </p>
      )}
    </div>
  );
}

const PANEL_STYLE = {
  position: 'fixed',
  top: 0,
  right: 0,
  bottom: 0,
  width: 'min(520px, 100vw)',
  overflowY: 'auto',
  background: 'var(--surface, #fff)',
  borderLeft: '1px solid var(--border)',
  boxShadow: '-8px 0 24px rgba(0, 0, 0, 0.12)',
  padding: 20,
  zIndex: 20,
} as const;

/** One job: what ServiceTrade says, where it is in QuickBooks, and its integration log. */
function JobDetail({
  jobId,
  connectionName,
  onClose,
}: {
  jobId: string;
  connectionName: (id: string | null) => string;
  onClose(): void;
}) {
  const [job, setJob] = useState<Job | null>(null);
  const log = useEntityLog('job', jobId);
  const logTotal = log?.total;
  useEffect(() => {
    let live = true;
    requestQuiet('jobs.get', { id: jobId }).then(
      (j) => {
        if (live) setJob(j);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [jobId, logTotal]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside style={PANEL_STYLE} role="dialog" aria-labelledby="job-detail-title" data-testid="job-detail">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 12 }}>
        <h2 id="job-detail-title">Job {job?.number ?? ''}</h2>
        <button
          type="button"
          className="button button--quiet"
          onClick={onClose}
          aria-label="Close"
          autoFocus
          data-testid="job-detail-close"
        >
          ×
        </button>
      </div>
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
        <EntityLog
          log={log}
          connectionName={connectionName}
          empty="Nothing has happened to this job yet: it has not been sent to QuickBooks, and ServiceTrade has not changed it since it was first pulled."
          testId="job-log"
        />
      </section>
    </aside>
  );
}

/** A ServiceTrade invoice's own log, under its row. */
function InvoiceLog({
  invoiceId,
  connectionName,
}: {
  invoiceId: string;
  connectionName: (id: string | null) => string;
}) {
  const log = useEntityLog('invoice', invoiceId);
  return (
    <EntityLog
      log={log}
      connectionName={connectionName}
      empty="Nothing has happened to this invoice yet."
      testId="st-invoice-log"
    />
  );
}

type Invoice = MethodOutput<'servicetrade.invoices.list'>['items'][number];

function invoiceState(invoice: Invoice): string {
  const qb = invoice.quickbooks;
  if (!qb) return 'Not sent';
  if (qb.state === 'queued') return 'Queued';
  if (qb.state === 'failed') return 'Failed';
  if (qb.writeBack === 'done') return `In QuickBooks as ${qb.refNumber ?? ''}; ServiceTrade updated`;
  if (qb.writeBack === 'failed') return `In QuickBooks as ${qb.refNumber ?? ''}; ServiceTrade not updated`;
  return `In QuickBooks as ${qb.refNumber ?? ''}; ServiceTrade updated at the next refresh`;
}

/** ServiceTrade invoices waiting for accounting, each sent to QuickBooks Desktop on its job with one click. */
function PendingInvoices({
  companyId,
  qbd,
  reloadKey,
  connectionName,
}: {
  companyId: string;
  qbd: ConnectionT;
  reloadKey: number;
  connectionName: (id: string | null) => string;
}) {
  const [invoices, setInvoices] = useState<Invoice[]>([]);
  const [openLog, setOpenLog] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!companyId) return;
    requestQuiet('servicetrade.invoices.list', { companyId, limit: 100 }).then(
      (page) =>
        setInvoices(page.items.filter((i) => i.status === 'pending_accounting' || i.quickbooks !== null)),
      () => setInvoices([]),
    );
  }, [companyId, reloadKey, tick]);
  useAppEvents((event) => {
    if (event.type === 'connection') setTick((n) => n + 1);
  });

  async function sendInvoice(invoice: Invoice) {
    setBusy(true);
    setNotice(null);
    try {
      const result = await request('servicetrade.invoices.send', {
        invoiceIds: [invoice.id],
        connectionId: qbd.id,
      });
      setNotice(
        result.queued.length > 0
          ? `Invoice queued for ${qbd.name} on job ${invoice.jobNumber ?? ''}; it is created at the next Web Connector session.`
          : result.alreadyQueued.length > 0
            ? 'This invoice is already queued or in QuickBooks.'
            : `The invoice was not sent: ${result.invalid.flatMap((i) => i.errors).join(' ')}`,
      );
      setTick((n) => n + 1);
    } catch {
      // the banner says what went wrong
    } finally {
      setBusy(false);
    }
  }

  if (invoices.length === 0) return null;
  return (
    <section className="card" aria-labelledby="h-st-invoices" data-testid="st-invoices">
      <h2 id="h-st-invoices">ServiceTrade invoices for accounting</h2>
      {notice && (
        <p className="muted" role="status" data-testid="st-invoices-notice">
          {notice}
        </p>
      )}
      <table className="grid">
        <thead>
          <tr>
            <th>Invoice</th>
            <th>Job</th>
            <th>Customer</th>
            <th className="right">Total</th>
            <th>QuickBooks</th>
            <th>
              <span className="sr-only">Send</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <Fragment key={invoice.id}>
              <tr data-testid="st-invoice-row">
                <td>{invoice.name ?? invoice.externalId}</td>
                <td>{invoice.jobNumber ?? '—'}</td>
                <td>{invoice.customerName ?? '—'}</td>
                <td className="right">{invoice.totalPrice ?? ''}</td>
                <td data-testid="st-invoice-qb-state" title={invoice.quickbooks?.message ?? undefined}>
                  {invoiceState(invoice)}
                  {invoice.quickbooks?.message && <div className="muted">{invoice.quickbooks.message}</div>}
                </td>
                <td>
                  {(!invoice.quickbooks || invoice.quickbooks.state === 'failed') && (
                    <button
                      type="button"
                      className="button button--small"
                      disabled={busy}
                      onClick={() => void sendInvoice(invoice)}
                      data-testid="st-invoice-send"
                    >
                      Send to QuickBooks
                    </button>
                  )}{' '}
                  <button
                    type="button"
                    className="button button--small button--quiet"
                    aria-expanded={openLog === invoice.id}
                    onClick={() => setOpenLog((id) => (id === invoice.id ? null : invoice.id))}
                    data-testid="st-invoice-log-toggle"
                  >
                    {openLog === invoice.id ? 'Hide log' : 'Log'}
                  </button>
                </td>
              </tr>
              {openLog === invoice.id && (
                <tr data-testid="st-invoice-log-row">
                  <td colSpan={6}>
                    <InvoiceLog invoiceId={invoice.id} connectionName={connectionName} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function JobRow({
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
  style: React.CSSProperties;
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

// Connections → Lists: the lists mirrored from a company's accounting connection, each with its count, last import
// and its entries; Import new and Update existing per list; entries hidden from the pickers; and the references
// documents are waiting on, to pair by hand. Reached from the Connections page's Lists tab and from each accounting
// connection's card.
import { useEffect, useMemo, useState } from 'react';
import type { ConnectionT } from '../../../../preload/contract';
import { ConnectionsTabs } from '../../components/ConnectionsTabs';
import { Empty, PageHeader } from '../../components/ui';
import {
  connectionLabel,
  connectionState,
  useConnections,
  useSystems,
  type ConnectionState,
} from '../../lib/connections';
import { label } from '../../lib/labels';
import { href } from '../../lib/route';
import { useAction } from '../../lib/useAction';
import { useQuery } from '../../lib/useQuery';
import { request, useApp } from '../../state/app';
import { ListEntries } from './ListEntries';
import { ListTable } from './ListTable';
import { NeedsPairing } from './NeedsPairing';
import { listRows, sessionStoppedState, type ListKindT } from './model';
import './lists.css';

/** The connection asked for, else the company's connected accounting connection (any accounting one if none is). */
function chooseConnection(accounting: readonly ConnectionT[], wanted: string | null): ConnectionT | null {
  if (wanted) return accounting.find((c) => c.id === wanted) ?? null;
  return accounting.find((c) => c.status === 'connected') ?? accounting[0] ?? null;
}

export function ListsPage({ connectionId }: { connectionId: string | null }) {
  const companyId = useApp((s) => s.companyId) ?? '';
  const { connections, data } = useConnections(companyId, { live: true });
  const systems = useSystems();
  const accounting = useMemo(() => connections.filter(systems.isAccounting), [connections, systems]);
  const connection = chooseConnection(accounting, connectionId);
  const loading = data === undefined || !systems.loaded;

  return (
    <div className="page" data-testid="lists-page">
      <PageHeader title="Lists">
        <p className="muted">
          What the accounting system&apos;s lists hold, as the pickers in the document editor offer them.
        </p>
      </PageHeader>
      <ConnectionsTabs current="lists" connectionId={connection?.id ?? null} />
      {loading ? (
        <p className="muted">Loading…</p>
      ) : !connection ? (
        <Empty title="No accounting system to show lists of" testId="lists-no-connection">
          <p>
            {connectionId
              ? 'That connection is not one of this company’s accounting connections. '
              : 'Connect QuickBooks Online, QuickBooks Desktop, Xero or NetSuite first. '}
            Lists are imported from it on the <a href={href('connections')}>Connections</a> page.
          </p>
        </Empty>
      ) : (
        <ConnectionLists
          key={connection.id}
          connection={connection}
          state={connectionState(connection, systems.callsUs(connection.system))}
          others={accounting.filter((c) => c.id !== connection.id)}
        />
      )}
    </div>
  );
}

function ConnectionLists({
  connection,
  state,
  others,
}: {
  connection: ConnectionT;
  state: ConnectionState;
  others: ConnectionT[];
}) {
  const overview = useQuery(['lists.overview', connection.id], () =>
    request('lists.overview', { connectionId: connection.id }),
  );
  const [open, setOpen] = useState<ListKindT | null>(null);
  const [version, setVersion] = useState(0);
  const { busy, run, notice } = useAction();
  const system = connectionLabel(connection);
  const data = overview.data;
  // A list "being read" by a Web Connector run is looked at again each minute: a run that went quiet for good is
  // then shown as stopped (lists.overview), without waiting for the next run or a reload of the page.
  const reading =
    data?.session === true &&
    data.lists.some((l) => l.stopped !== null && sessionStoppedState(l.stopped) === 'reading');
  const { reload } = overview;
  useEffect(() => {
    if (!reading) return undefined;
    const timer = setInterval(reload, 60_000);
    return () => clearInterval(timer);
  }, [reading, reload]);

  const importAll = () =>
    run(
      'import-all',
      async () => {
        try {
          return await request('lists.import', { connectionId: connection.id });
        } finally {
          // Also after a failure: the lists then say where the import stopped, with Resume.
          overview.reload();
          setVersion((v) => v + 1);
        }
      },
      {
        notice: (r) =>
          r.queued
            ? `Queued for the next Web Connector run of ${system}: the lists here change once it has run.`
            : `Every list imported from ${system}: ${r.added} added, ${r.updated} changed.`,
      },
    );

  return (
    <>
      <section className="card" aria-labelledby="lists-connection" data-testid="lists-connection">
        <div className="card__head">
          <div className="inline">
            <h2 id="lists-connection">{system}</h2>
            {system !== label(connection.system) && <span className="muted">{label(connection.system)}</span>}
          </div>
          {others.length > 0 && (
            <div className="actions">
              {others.map((c) => (
                <a key={c.id} className="button" href={href('connections', 'lists', c.id)}>
                  Lists of {connectionLabel(c)}
                </a>
              ))}
            </div>
          )}
        </div>
        {state.notice && (
          <p className="banner banner--info" data-testid="lists-waiting-first-run">
            <span className="banner__message">{state.notice}</span>
          </p>
        )}
        {!state.canAsk && (
          <p className="banner banner--warning" data-testid="lists-not-connected">
            <span className="banner__message">
              {system} is not connected, so nothing can be imported now. Connect it on the{' '}
              <a href={href('connections')}>Connections</a> page; the lists below are as last imported.
            </span>
          </p>
        )}
        {data?.sessionHint && (
          <p className="banner banner--info" data-testid="lists-session-hint">
            <span className="banner__message">{data.sessionHint}</span>
          </p>
        )}
        {data && data.lists.length === 0 && (
          <div data-testid="lists-empty">
            <p>No list has been imported from {system} yet: import every list at once, or one list below.</p>
            <div className="actions">
              <button
                type="button"
                className="button button--primary"
                disabled={busy !== null || !state.canAsk}
                onClick={() => void importAll()}
                data-testid="lists-import-all"
              >
                {busy === 'import-all' ? 'Importing…' : 'Import every list'}
              </button>
            </div>
          </div>
        )}
        {notice && (
          <p className="muted" role="status" data-testid="lists-notice">
            {notice}
          </p>
        )}
        {data && (
          <ListTable
            overview={data}
            connection={connection}
            canAsk={state.canAsk}
            open={open}
            onOpen={(kind) => setOpen((k) => (k === kind ? null : kind))}
            onImported={() => {
              overview.reload();
              setVersion((v) => v + 1);
            }}
          />
        )}
      </section>
      {open && data && listRows(data).some((l) => l.kind === open) && (
        <ListEntries
          key={`${open}:${version}`}
          connectionId={connection.id}
          kind={open}
          onChanged={overview.reload}
        />
      )}
      <NeedsPairing connection={connection} canAsk={state.canAsk} />
    </>
  );
}

// One row per list the system has (imported or not) and per other mirrored list: its name (opens its entries), how
// many entries it holds (inactive and hidden among them), when it was last imported, and Import new / Update
// existing with the progress of the read while it runs. An import that stopped part way (a failed page, a closed
// app) is said on its row with Resume, which continues it at the page after the last one written. Where the system
// is read at its own session (QuickBooks Desktop), an import is queued, then read by a Web Connector run; one a run
// did not finish says where it stopped, and Resume there means "at the next Web Connector run".
import { useState } from 'react';
import type { ConnectionT } from '../../../../preload/contract';
import { formatDateTime } from '../../components/ui';
import { connectionLabel } from '../../lib/connections';
import { useAction } from '../../lib/useAction';
import { request, useApp } from '../../state/app';
import { useAppEvents } from '../../state/events';
import {
  importNotice,
  lastImportText,
  listName,
  listRows,
  otherLists,
  sessionStoppedState,
  sessionStoppedText,
  stoppedMode,
  stoppedText,
  type ListKindT,
  type ListsOverviewT,
} from './model';

export function ListTable({
  overview,
  connection,
  canAsk,
  open,
  onOpen,
  onImported,
}: {
  overview: ListsOverviewT;
  connection: ConnectionT;
  /** Imports can be asked for now (connectionState). */
  canAsk: boolean;
  open: ListKindT | null;
  onOpen(kind: ListKindT): void;
  onImported(): void;
}) {
  const { busy, run } = useAction();
  const [live, setLive] = useState<{
    kind: string;
    message: string;
    done: number;
    total: number | null;
  } | null>(null);
  const [notices, setNotices] = useState<Partial<Record<ListKindT, string>>>({});
  const system = connectionLabel(connection);
  const prefix = `lists.import:${connection.id}:`;

  useAppEvents((event) => {
    if (event.type === 'progress' && event.task.startsWith(prefix)) {
      setLive({
        kind: event.task.slice(prefix.length),
        message: event.message,
        done: event.done,
        total: event.total,
      });
      // A Web Connector run read a list through: the row shows its new count, and "queued" is no longer news.
      if (overview.session && event.total !== null && event.total > 0 && event.done >= event.total) {
        const kind = event.task.slice(prefix.length) as ListKindT;
        setNotices((n) => ({ ...n, [kind]: undefined }));
        onImported();
      }
    }
  });

  /** What Resume says where the system is read at its own session: nothing is read now, the next run goes on. */
  const resumedNotice = (kind: ListKindT) =>
    `Goes on at the next Web Connector run of ${system}: the ${listName(kind).toLowerCase()} not read yet are read then, and what was read is kept. Update Selected in the Web Connector runs it now.`;

  const start = (kind: ListKindT, mode: 'new' | 'update', resume = false) =>
    run(`${mode}:${kind}`, async () => {
      setNotices((n) => ({ ...n, [kind]: undefined }));
      setAnotherNotice(null);
      try {
        const result = await request('lists.importKind', { connectionId: connection.id, kind, mode });
        setNotices((n) => ({
          ...n,
          [kind]: result.queued && resume ? resumedNotice(kind) : importNotice(result, system),
        }));
        return result;
      } finally {
        // Also after a failure: the row then says where the import stopped, with Resume.
        onImported();
        setLive(null);
        // The page-wide progress list keeps a task until done reaches total; a failed read never does.
        useApp.getState().clearProgress(`${prefix}${kind}`);
      }
    });

  /** An import of every list that stopped: Resume continues the whole of it, in the list where it stopped. */
  const resumeEvery = (kind: ListKindT) =>
    run(`all:${kind}`, async () => {
      try {
        const result = await request('lists.import', { connectionId: connection.id });
        setNotices((n) => ({
          ...n,
          [kind]: result.queued
            ? resumedNotice(kind)
            : `Every list imported from ${system}: ${result.added.toLocaleString('en-US')} added, ${result.updated.toLocaleString('en-US')} changed.`,
        }));
        return result;
      } finally {
        onImported();
        setLive(null);
        for (const row of listRows(overview)) useApp.getState().clearProgress(`${prefix}${row.kind}`);
      }
    });

  const canImport = canAsk && busy === null;
  const rows = listRows(overview);
  const more = otherLists(overview);
  const [another, setAnother] = useState<ListKindT | ''>('');
  const [anotherNotice, setAnotherNotice] = useState<string | null>(null);
  const importAnother = () =>
    run('another', async () => {
      if (!another) return;
      setAnotherNotice(null);
      try {
        const result = await request('lists.importKind', {
          connectionId: connection.id,
          kind: another,
          mode: 'new',
        });
        setAnotherNotice(importNotice(result, system));
        setAnother('');
        onImported();
      } finally {
        setLive(null);
        useApp.getState().clearProgress(`${prefix}${another}`);
      }
    });
  return (
    <>
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="grid" data-testid="lists-table">
            <thead>
              <tr>
                <th>List</th>
                <th className="right">Entries</th>
                <th>Last import</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((list) => {
                const name = listName(list.kind);
                const inactive = list.count - list.active;
                const running = busy?.endsWith(`:${list.kind}`) ?? false;
                const every = busy === `all:${list.kind}`;
                const progress = live && (every || live.kind === list.kind) ? live : null;
                const stopped = list.stopped;
                // A list never imported has nothing to update: Import new only.
                const imported = list.count > 0 || list.lastImport !== null;
                return (
                  <tr key={list.kind} data-testid="list-row" data-kind={list.kind}>
                    <td>
                      <button
                        type="button"
                        className="link-button list-name"
                        aria-expanded={open === list.kind}
                        onClick={() => onOpen(list.kind)}
                        data-testid="list-open"
                      >
                        {name}
                      </button>
                      {running && (
                        <div className="muted list-progress" role="status" data-testid="list-progress">
                          <span data-testid="list-progress-text">
                            {progress ? progress.message : `Asking ${system}…`}
                          </span>
                          {progress && progress.total !== null && progress.total > 0 ? (
                            <progress
                              max={progress.total}
                              value={Math.min(progress.done, progress.total)}
                              aria-label={`${name} read`}
                            />
                          ) : (
                            <progress aria-label={`${name} read`} />
                          )}
                        </div>
                      )}
                      {!running && stopped && overview.session && (
                        <div
                          className="list-stopped"
                          role="status"
                          data-testid="list-stopped"
                          data-mode={stopped.mode}
                          data-state={sessionStoppedState(stopped)}
                          title={stopped.message ?? undefined}
                        >
                          <span data-testid="list-stopped-text">
                            {progress && sessionStoppedState(stopped) !== 'stopped'
                              ? progress.message
                              : sessionStoppedText(list.kind, stopped)}
                          </span>
                          {sessionStoppedState(stopped) === 'stopped' && (
                            <>
                              {' — '}
                              <button
                                type="button"
                                className="link-button"
                                disabled={busy !== null}
                                title={`Goes on at the next Web Connector run of ${system}, with the ${name.toLowerCase()} not read yet; what was read is kept.`}
                                onClick={() =>
                                  void (stopped.mode === 'all'
                                    ? resumeEvery(list.kind)
                                    : start(list.kind, stopped.mode, true))
                                }
                                data-testid="list-resume"
                              >
                                Resume
                              </button>
                            </>
                          )}
                          <div className="muted" data-testid="list-stopped-detail">
                            {stoppedMode(stopped)}, {formatDateTime(stopped.at)}:{' '}
                            {sessionStoppedState(stopped) === 'stopped'
                              ? `goes on at the next Web Connector run of ${system}`
                              : sessionStoppedState(stopped) === 'queued'
                                ? `queued until the next Web Connector run of ${system} (Update Selected in the Web Connector runs it now)`
                                : `the Web Connector run of ${system} is reading it`}
                          </div>
                        </div>
                      )}
                      {!running && stopped && !overview.session && (
                        <div
                          className="list-stopped"
                          role="status"
                          data-testid="list-stopped"
                          data-mode={stopped.mode}
                          title={stopped.message ?? undefined}
                        >
                          <span data-testid="list-stopped-text">{stoppedText(list.kind, stopped)}</span>
                          {' — '}
                          <button
                            type="button"
                            className="link-button"
                            disabled={!canImport}
                            title={`Go on with ${stoppedMode(stopped)} from the page after the last one read; what was read is kept.`}
                            onClick={() =>
                              void (stopped.mode === 'all'
                                ? resumeEvery(list.kind)
                                : start(list.kind, stopped.mode))
                            }
                            data-testid="list-resume"
                          >
                            Resume
                          </button>
                          <div className="muted" data-testid="list-stopped-detail">
                            {stoppedMode(stopped)}, {formatDateTime(stopped.at)}
                            {stopped.status === 'failed' ? '' : ' (the app was closed while it ran)'}
                          </div>
                        </div>
                      )}
                      {!running && notices[list.kind] && (
                        <div className="muted" role="status" data-testid="list-notice">
                          {notices[list.kind]}
                        </div>
                      )}
                    </td>
                    <td className="right num">
                      <span data-testid="list-count">{list.count.toLocaleString('en-US')}</span>
                      {(inactive > 0 || list.hidden > 0) && (
                        <div className="muted" data-testid="list-count-detail">
                          {[
                            inactive > 0 ? `${inactive} inactive` : null,
                            list.hidden > 0 ? `${list.hidden} hidden` : null,
                          ]
                            .filter(Boolean)
                            .join(', ')}
                        </div>
                      )}
                    </td>
                    <td data-testid="list-last-import">{lastImportText(list, formatDateTime)}</td>
                    <td>
                      <div className="actions list-actions">
                        <button
                          type="button"
                          className="button"
                          disabled={!canImport}
                          title={`Add the ${name.toLowerCase()} ${system} has that are not here yet; those here stay as they are.`}
                          onClick={() => void start(list.kind, 'new')}
                          data-testid="list-import-new"
                        >
                          {busy === `new:${list.kind}` ? 'Importing…' : 'Import new'}
                        </button>
                        {imported && (
                          <button
                            type="button"
                            className="button"
                            disabled={!canImport}
                            title={`Bring the names, codes and active flags of the ${name.toLowerCase()} here in step with ${system}; nothing is added.`}
                            onClick={() => void start(list.kind, 'update')}
                            data-testid="list-update-existing"
                          >
                            {busy === `update:${list.kind}` ? 'Updating…' : 'Update existing'}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {more.length > 0 && (
        <div className="filters list-another">
          <div className="filter">
            <label htmlFor="list-another">Import another list</label>
            <select
              id="list-another"
              value={another}
              onChange={(e) => setAnother(e.target.value as ListKindT | '')}
              data-testid="list-another"
            >
              <option value="">Choose a list…</option>
              {more.map((kind) => (
                <option key={kind} value={kind}>
                  {listName(kind)}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button"
            disabled={!canImport || !another}
            onClick={() => void importAnother()}
            data-testid="list-another-import"
          >
            {busy === 'another' ? 'Importing…' : 'Import new'}
          </button>
          {busy === 'another' && live && (
            <span className="muted" role="status" data-testid="list-another-progress">
              {live.message}
            </span>
          )}
          {busy !== 'another' && anotherNotice && (
            <span className="muted" role="status" data-testid="list-another-notice">
              {anotherNotice}
            </span>
          )}
        </div>
      )}
    </>
  );
}

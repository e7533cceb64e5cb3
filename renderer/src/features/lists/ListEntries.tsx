// The entries of one list under their full hierarchical names, searched by any part of the name or code, inactive
// and hidden ones marked; an entry can be hidden from the pickers (it stays in the accounting system) and shown
// again. A hundred at a time, with "Show more".
import { useState } from 'react';
import { Badge, SearchFilter } from '../../components/ui';
import { useAction } from '../../lib/useAction';
import { useQuery } from '../../lib/useQuery';
import { request } from '../../state/app';
import { entryName, listName, type ListKindT, type ListPageEntryT } from './model';

const PAGE = 100;
/** The most one request returns (the contract's limit): past it, a search narrows the list. */
const MOST = 500;

export function ListEntries({
  connectionId,
  kind,
  onChanged,
}: {
  connectionId: string;
  kind: ListKindT;
  onChanged(): void;
}) {
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const query = useQuery(
    ['lists.entries', connectionId, kind, search.trim(), limit],
    () => request('lists.entries', { connectionId, kind, search: search.trim() || undefined, limit }),
    { keepPrevious: true },
  );
  const { busy, run } = useAction();
  const name = listName(kind);
  const page = query.data;

  const setHidden = (entry: ListPageEntryT, hidden: boolean) =>
    run(`hide:${entry.id}`, async () => {
      await request('lists.setHidden', { id: entry.id, hidden });
      query.reload();
      onChanged();
    });

  return (
    <section
      className="card"
      aria-labelledby="list-entries-title"
      data-testid="list-entries"
      data-kind={kind}
    >
      <h2 id="list-entries-title">{name}</h2>
      <p className="muted">
        Hidden entries are not offered in the pickers of the document editor; they stay in the accounting
        system, and lines already coded to them keep them.
      </p>
      <div className="filters">
        <SearchFilter
          id="list-entries-search"
          placeholder={`Search ${name.toLowerCase()} by name or code`}
          value={search}
          onChange={(value) => {
            setSearch(value);
            setLimit(PAGE);
          }}
          testId="list-entries-search"
        />
      </div>
      {!page ? (
        <p className="muted">Loading…</p>
      ) : page.total === 0 ? (
        <p className="muted" data-testid="list-entries-none">
          {search.trim()
            ? `No ${name.toLowerCase()} match “${search.trim()}”.`
            : `No ${name.toLowerCase()} here yet.`}
        </p>
      ) : (
        <>
          <p className="muted" data-testid="list-entries-total">
            {page.total.toLocaleString('en-US')}{' '}
            {page.total === 1 ? entryName(kind).toLowerCase() : name.toLowerCase()}
            {search.trim() ? (page.total === 1 ? ' matches' : ' match') : ''}
          </p>
          <div className="table-wrap">
            <table className="grid" data-testid="list-entries-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Code</th>
                  <th>Status</th>
                  <th>
                    <span className="sr-only">Pickers</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((entry) => (
                  <tr
                    key={entry.id}
                    className={entry.hidden || !entry.active ? 'list-entry list-entry--greyed' : 'list-entry'}
                    data-testid="list-entry"
                    data-hidden={entry.hidden}
                    data-active={entry.active}
                  >
                    <td data-testid="list-entry-name">{entry.fullName}</td>
                    <td className="num">{entry.code ?? ''}</td>
                    <td>
                      <span className="inline">
                        {!entry.active && (
                          <Badge value="inactive" text="Inactive" testId="list-entry-inactive" />
                        )}
                        {entry.hidden && <Badge value="hidden" text="Hidden" testId="list-entry-hidden" />}
                        {entry.active && !entry.hidden && <span className="muted">Offered</span>}
                      </span>
                    </td>
                    <td className="right">
                      <button
                        type="button"
                        className="button"
                        disabled={busy !== null}
                        aria-label={`${entry.hidden ? 'Unhide' : 'Hide'} ${entry.fullName}`}
                        onClick={() => void setHidden(entry, !entry.hidden)}
                        data-testid={entry.hidden ? 'list-entry-unhide' : 'list-entry-hide'}
                      >
                        {entry.hidden ? 'Unhide' : 'Hide'}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {page.items.length < page.total && (
            <div className="pager">
              <span className="muted">
                Showing {page.items.length.toLocaleString('en-US')} of {page.total.toLocaleString('en-US')}
              </span>
              {limit < MOST ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => setLimit((l) => Math.min(MOST, l + PAGE))}
                  data-testid="list-entries-more"
                >
                  Show more
                </button>
              ) : (
                <span className="muted">Search to find the others.</span>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

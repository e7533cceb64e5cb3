// The suppliers of a Xero organisation as Xero's own screens show them: 100 at a time with "Load more", a search by
// name, and "Import all" (every supplier read page by page, the new ones added here) with its progress.
import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../preload/contract';
import { useAction } from '../../lib/useAction';
import { request } from '../../state/app';
import { useAppEvents } from '../../state/events';
import { Badge, Empty } from '../../components/ui';

export type XeroSupplierT = MethodOutput<'xero.suppliers'>['suppliers'][number];
export type XeroImportResultT = MethodOutput<'xero.importSuppliers'>;

/** What the list holds: the suppliers shown, the last page read, whether Xero has more, and for which search. */
export interface SupplierPages {
  suppliers: XeroSupplierT[];
  page: number;
  more: boolean;
  search: string;
}

export const emptyPages = (search = ''): SupplierPages => ({ suppliers: [], page: 0, more: false, search });

/**
 * The list after Xero answered page `page`: page 1 replaces it (a new search), later pages add the suppliers not
 * shown yet (a supplier added in Xero meanwhile shifts the pages, so one may come twice).
 */
export function withPage(
  current: SupplierPages,
  page: number,
  answer: { suppliers: XeroSupplierT[]; more: boolean },
  search: string,
): SupplierPages {
  const base = page === 1 || search !== current.search ? [] : current.suppliers;
  const seen = new Set(base.map((s) => s.externalId));
  return {
    suppliers: [...base, ...answer.suppliers.filter((s) => !seen.has(s.externalId))],
    page,
    more: answer.more,
    search,
  };
}

/** The sentence after "Import all". */
export function describeImport(result: XeroImportResultT): string {
  const paired = result.matched.length - result.imported;
  const parts = [`${result.imported} supplier(s) imported from Xero`];
  if (paired > 0) parts.push(`${paired} already here and paired`);
  if (result.pushed > 0) parts.push(`${result.pushed} sent to Xero`);
  if (result.pulled > 0) parts.push(`${result.pulled} updated from Xero`);
  const sentence = `${parts.join(', ')}.`;
  return result.unmatchedOurs.length > 0
    ? `${sentence} ${result.unmatchedOurs.length} of ours are not in Xero yet (pair or create them in Suppliers).`
    : sentence;
}

export function XeroSuppliers({ connectionId, connected }: { connectionId: string; connected: boolean }) {
  const [pages, setPages] = useState<SupplierPages>(emptyPages());
  const [searchText, setSearchText] = useState('');
  const [progress, setProgress] = useState<string | null>(null);
  // Two runners: a search or "Load more" may go on while "Import all" runs.
  const reader = useAction();
  const importer = useAction();
  const loading = reader.busy !== null;

  useAppEvents((event) => {
    if (event.type !== 'progress' || event.task !== `xero.importSuppliers:${connectionId}`) return;
    // The last event (done = total) may arrive after the answer; the note says the outcome then.
    setProgress(event.total !== null && event.done >= event.total ? null : event.message);
  });

  const fetchPage = useCallback(
    (page: number, search: string) =>
      request('xero.suppliers', { connectionId, page, ...(search ? { search } : {}) }).then((answer) =>
        setPages((current) => withPage(current, page, answer, search)),
      ),
    [connectionId],
  );

  const load = (page: number, search: string) => reader.run('load', () => fetchPage(page, search));

  useEffect(() => {
    if (connected) fetchPage(1, '').catch(() => undefined);
  }, [connected, fetchPage]);

  const importAll = async () => {
    await importer.run('import', () => request('xero.importSuppliers', { connectionId }), {
      notice: describeImport,
    });
    setProgress(null);
  };

  if (!connected) {
    return (
      <p className="muted" data-testid="xero-suppliers-offline">
        Connect and choose the organisation to see its suppliers.
      </p>
    );
  }
  return (
    <div data-testid="xero-suppliers">
      <form
        className="inline"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void load(1, searchText.trim());
        }}
      >
        <label htmlFor={`xero-supplier-search-${connectionId}`}>Search by name</label>
        <input
          id={`xero-supplier-search-${connectionId}`}
          type="search"
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          data-testid="xero-suppliers-search"
        />
        <button type="submit" className="button" disabled={loading} data-testid="xero-suppliers-search-go">
          Search
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void importAll()}
          disabled={importer.busy !== null}
          data-testid="xero-suppliers-import-all"
        >
          {importer.busy ? 'Importing…' : 'Import all'}
        </button>
      </form>
      {progress && (
        <p className="muted" role="status" data-testid="xero-suppliers-progress">
          {progress}
        </p>
      )}
      {importer.notice && (
        <div className="banner banner--success" role="status" data-testid="xero-suppliers-note">
          <span className="banner__message">{importer.notice}</span>
        </div>
      )}
      {pages.page > 0 && pages.suppliers.length === 0 ? (
        <Empty
          title={pages.search ? `No supplier in Xero matches '${pages.search}'` : 'Xero has no suppliers yet'}
          testId="xero-suppliers-empty"
        >
          <p>Xero counts a contact as a supplier once a bill or purchase order names it.</p>
        </Empty>
      ) : (
        <table className="grid" data-testid="xero-suppliers-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Phone</th>
              <th>City</th>
              <th>Country</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {pages.suppliers.map((s) => (
              <tr key={s.externalId} data-testid="xero-supplier-row">
                <td>{s.name}</td>
                <td>{s.email ?? ''}</td>
                <td>{s.phone ?? ''}</td>
                <td>{s.city ?? ''}</td>
                <td>{s.country ?? ''}</td>
                <td>
                  <Badge value={s.active ? 'active' : 'archived'} text={s.active ? 'Active' : 'Archived'} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted" data-testid="xero-suppliers-count">
        {loading ? 'Loading…' : `${pages.suppliers.length} shown${pages.more ? '; Xero has more' : ''}.`}
      </p>
      {pages.more && (
        <button
          type="button"
          className="button"
          onClick={() => void load(pages.page + 1, pages.search)}
          disabled={loading}
          data-testid="xero-suppliers-more"
        >
          Load more
        </button>
      )}
    </div>
  );
}

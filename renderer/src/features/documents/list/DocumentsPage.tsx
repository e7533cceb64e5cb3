// The documents list: server-side filtering and paging, virtualized rows. Only the pages that are on screen are
// fetched, so it stays smooth at 100,000 documents; the total comes from the server. Rows can be selected (a box
// each, the head's box for the rows on screen, shift-click for a range, or every document matching the filters) for
// a bulk Submit, Approve or Send.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { DocumentSummaryT } from '../../../../../preload/contract';
import { Badge, Empty, Money, PageHeader } from '../../../components/ui';
import { label } from '../../../lib/labels';
import { href } from '../../../lib/route';
import { useVirtualPages } from '../../../lib/useVirtualPages';
import { request, useApp } from '../../../state/app';
import { navigate } from '../../../state/router';
import { useDebounced } from '../../../state/useDebounced';
import { CaptureButtons, CaptureQueue, useCaptureDrop } from '../../capture';
import { EMPTY_FILTERS, toListInput, useDocumentFilters } from '../store';
import { BulkBar, BulkSummary, useBulk } from './bulk';
import { DocumentFilterBar } from './DocumentFilterBar';

const ROW_HEIGHT = 44;
/** Ids per call while "Select all matching" walks the matching documents (the API takes up to 10,000). */
const IDS_PAGE = 5000;

export function DocumentsPage() {
  const companyId = useApp((s) => s.companyId) ?? '';
  const filters = useDocumentFilters((s) => s.filters);
  const setFilters = useDocumentFilters((s) => s.set);
  const resetFilters = useDocumentFilters((s) => s.reset);
  const [searchText, setSearchText] = useState(filters.search);
  const search = useDebounced(searchText, 300);

  useEffect(() => {
    if (search !== useDocumentFilters.getState().filters.search) setFilters({ search });
  }, [search, setFilters]);

  const query = useMemo(() => toListInput(companyId, filters), [companyId, filters]);
  const { list, total, scrollRef, virtualizer } = useVirtualPages<DocumentSummaryT, typeof query>({
    query,
    fetchPage: (q, offset, limit) => request('documents.list', { ...q, offset, limit }),
    rowHeight: ROW_HEIGHT,
    refreshOn: (event) => event.type === 'document' || event.type === 'sync',
    refreshAfterMs: 800,
  });
  const items = virtualizer.getVirtualItems();

  const selected = useBulk((s) => s.selected);
  const toggle = useBulk((s) => s.toggle);
  const setMany = useBulk((s) => s.setMany);
  const clearSelection = useBulk((s) => s.clear);
  // A new filter or company starts a new selection: nothing stays selected out of sight.
  const queryKey = JSON.stringify(query);
  const lastQuery = useRef(queryKey);
  useEffect(() => {
    if (lastQuery.current !== queryKey) clearSelection();
    lastQuery.current = queryKey;
  }, [queryKey, clearSelection]);
  const onScreen = items.flatMap((item) => {
    const doc = list.row(item.index);
    return doc ? [doc.id] : [];
  });
  const onScreenSelected = onScreen.filter((id) => selected.has(id)).length;
  /** While "Select all matching" reads the matching ids: how many it has, of how many. */
  const [selectingMatching, setSelectingMatching] = useState<{ done: number; total: number } | null>(null);

  const onRowBox = (e: MouseEvent<HTMLInputElement>, id: string, index: number) => {
    const anchor = useBulk.getState().anchor;
    if (e.shiftKey && anchor !== null && anchor !== index) {
      // Shift-click: the range from the last row clicked takes this row's new state.
      const on = !selected.has(id);
      const ids: string[] = [];
      for (let i = Math.min(anchor, index); i <= Math.max(anchor, index); i++) {
        const doc = list.row(i);
        if (doc) ids.push(doc.id);
      }
      setMany(ids, on);
      useBulk.getState().setAnchor(index);
      return;
    }
    toggle(id, index);
  };

  /**
   * Every document matching the filters, however many: their ids are read a page at a time (only the ids, not the
   * rows), and selected once all are in. A filter changed meanwhile drops what was read.
   */
  async function selectMatching() {
    const asked = queryKey;
    setSelectingMatching({ done: 0, total: total ?? 0 });
    try {
      const ids: string[] = [];
      for (let offset = 0; ; offset += IDS_PAGE) {
        const page = await request('documents.ids', { ...query, offset, limit: IDS_PAGE });
        ids.push(...page.ids);
        setSelectingMatching({ done: ids.length, total: page.total });
        if (page.ids.length < IDS_PAGE || ids.length >= page.total) break;
      }
      if (lastQuery.current === asked && useApp.getState().companyId === companyId) setMany(ids, true);
    } catch {
      // The banner says what failed; the selection stays as it was.
    } finally {
      setSelectingMatching(null);
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const current = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!current) return;
    e.preventDefault();
    const next = Number(current.dataset.index) + (e.key === 'ArrowDown' ? 1 : -1);
    if (next < 0 || next >= (total ?? 0)) return;
    virtualizer.scrollToIndex(next);
    requestAnimationFrame(() =>
      scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus(),
    );
  };

  const drop = useCaptureDrop();
  const filtered =
    JSON.stringify({ ...filters, sort: '' }) !== JSON.stringify({ ...EMPTY_FILTERS, sort: '' });

  return (
    <div className="page page--fill" {...drop} data-testid="documents-page">
      <PageHeader
        title="Documents"
        actions={
          <div className="actions">
            <CaptureButtons />
            <a href={href('documents', 'new')} className="button button--primary" data-testid="new-document">
              New document
            </a>
          </div>
        }
      >
        <p className="muted num" data-testid="documents-total" data-total={total ?? ''}>
          {total === null ? 'Loading…' : `${total.toLocaleString('en-US')} document${total === 1 ? '' : 's'}`}
        </p>
      </PageHeader>
      <CaptureQueue />
      <BulkSummary companyId={companyId} />

      <DocumentFilterBar
        searchText={searchText}
        onSearch={setSearchText}
        filtered={filtered}
        onClear={() => {
          setSearchText('');
          resetFilters();
        }}
      />

      <BulkBar
        companyId={companyId}
        matching={total}
        onSelectMatching={() => void selectMatching()}
        selectingMatching={selectingMatching}
      />

      {total === 0 ? (
        filtered ? (
          <Empty title="No documents match these filters" testId="documents-empty">
            Change or clear the filters to see more.
          </Empty>
        ) : (
          <Empty title="No documents yet" testId="documents-empty">
            Create a purchase order, service order, supplier invoice or receipt with{' '}
            <strong>New document</strong>, or bring many in at once from <a href={href('import')}>Import</a>.
          </Empty>
        )
      ) : (
        <div className="table table--documents" aria-label="Documents" role="region">
          <div className="table__head doc-grid doc-grid--selectable">
            <input
              type="checkbox"
              className="row-select row-select--head"
              aria-label="Select the documents on screen"
              checked={onScreen.length > 0 && onScreenSelected === onScreen.length}
              ref={(box) => {
                if (box) box.indeterminate = onScreenSelected > 0 && onScreenSelected < onScreen.length;
              }}
              onChange={(e) => setMany(onScreen, e.target.checked)}
              data-testid="select-visible"
            />
            <span aria-hidden="true">Number</span>
            <span aria-hidden="true">Type</span>
            <span aria-hidden="true">Supplier</span>
            <span aria-hidden="true">Date</span>
            <span aria-hidden="true">Status</span>
            <span aria-hidden="true">Sync</span>
            <span aria-hidden="true">Payment</span>
            <span className="right" aria-hidden="true">
              Gross
            </span>
          </div>
          <div className="table__body" ref={scrollRef} onKeyDown={onKeyDown} data-testid="documents-list">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const doc = list.row(item.index);
                const style = { transform: `translateY(${item.start}px)`, height: item.size };
                if (!doc) {
                  return (
                    <div
                      key={`loading-${item.index}`}
                      className="table__row doc-grid doc-grid--selectable table__row--loading"
                      style={style}
                      data-index={item.index}
                      data-testid="document-row-loading"
                    >
                      <span className="skeleton" />
                      <span className="skeleton" />
                      <span className="skeleton" />
                      <span className="skeleton" />
                      <span />
                      <span />
                      <span />
                      <span className="skeleton" />
                    </div>
                  );
                }
                const checked = selected.has(doc.id);
                return [
                  <input
                    key={`select-${doc.id}`}
                    type="checkbox"
                    className="row-select"
                    style={{ transform: `translateY(${item.start + (item.size - 16) / 2}px)` }}
                    aria-label={`Select ${label(doc.type).toLowerCase()} ${doc.number}`}
                    checked={checked}
                    onChange={() => undefined}
                    onClick={(e) => onRowBox(e, doc.id, item.index)}
                    data-testid="document-row-select"
                    data-document-id={doc.id}
                  />,
                  <a
                    key={doc.id}
                    href={href('documents', doc.id)}
                    className={`table__row doc-grid doc-grid--selectable${checked ? ' table__row--selected' : ''}`}
                    style={style}
                    data-index={item.index}
                    data-testid="document-row"
                    data-document-id={doc.id}
                    data-number={doc.number}
                    onClick={(e) => {
                      if (e.metaKey || e.ctrlKey) return;
                      e.preventDefault();
                      navigate(href('documents', doc.id));
                    }}
                  >
                    <span className="strong" data-testid="document-row-number">
                      {doc.number}
                    </span>
                    <span>{label(doc.type)}</span>
                    <span className="ellipsis">{doc.supplierName}</span>
                    <span className="num">{doc.date}</span>
                    <span>
                      <Badge value={doc.status} testId="document-row-status" />
                    </span>
                    <span>
                      <Badge value={doc.syncStatus} testId="document-row-sync" />
                    </span>
                    <span>
                      {doc.paymentStatus ? (
                        <Badge value={doc.paymentStatus} testId="document-row-payment" />
                      ) : (
                        <span
                          className="muted"
                          aria-label="No payment state"
                          data-testid="document-row-payment"
                        >
                          —
                        </span>
                      )}
                    </span>
                    <span className="right">
                      <Money amount={doc.gross} currency={doc.currency} testId="document-row-gross" />
                    </span>
                  </a>,
                ];
              })}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}

// The documents list: server-side filtering and paging, virtualized rows. Only the pages that are on screen are
// fetched, so it stays smooth at 100,000 documents; the total comes from the server.
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
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
import { DocumentFilterBar } from './DocumentFilterBar';

const ROW_HEIGHT = 44;

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

      <DocumentFilterBar
        searchText={searchText}
        onSearch={setSearchText}
        filtered={filtered}
        onClear={() => {
          setSearchText('');
          resetFilters();
        }}
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
          <div className="table__head doc-grid" aria-hidden="true">
            <span>Number</span>
            <span>Type</span>
            <span>Supplier</span>
            <span>Date</span>
            <span>Status</span>
            <span>Sync</span>
            <span className="right">Gross</span>
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
                      className="table__row doc-grid table__row--loading"
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
                      <span className="skeleton" />
                    </div>
                  );
                }
                return (
                  <a
                    key={doc.id}
                    href={href('documents', doc.id)}
                    className="table__row doc-grid"
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
                    <span className="right">
                      <Money amount={doc.gross} currency={doc.currency} testId="document-row-gross" />
                    </span>
                  </a>
                );
              })}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}

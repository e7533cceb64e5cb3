// The Documents page's filter bar: search, type, status, sync status, payment state, supplier, dates and sort. The filters live
// in the store, so they survive opening a document and coming back.
import { DocumentStatus, DocumentType, PaymentStatus, SyncStatus } from '../../../../../preload/contract';
import { SupplierPicker } from '../../../components/SupplierPicker';
import { Filter, FilterSelect, SearchFilter } from '../../../components/ui';
import { useDocumentFilters, type DocumentFilters } from '../store';

type Sort = DocumentFilters['sort'];

const SORT_LABELS: Record<Sort, string> = {
  date_desc: 'Newest first',
  date_asc: 'Oldest first',
  number_asc: 'Number A–Z',
  number_desc: 'Number Z–A',
};
const SORTS = Object.keys(SORT_LABELS) as Sort[];

export function DocumentFilterBar({
  searchText,
  onSearch,
  filtered,
  onClear,
}: {
  searchText: string;
  onSearch(text: string): void;
  filtered: boolean;
  onClear(): void;
}) {
  const filters = useDocumentFilters((s) => s.filters);
  const setFilters = useDocumentFilters((s) => s.set);
  return (
    <div className="filters" role="search">
      <SearchFilter
        id="f-search"
        placeholder="Number, supplier invoice number or supplier"
        value={searchText}
        onChange={onSearch}
        testId="filter-search"
      />
      <FilterSelect
        label="Type"
        id="f-type"
        value={filters.type}
        values={DocumentType.options}
        onChange={(type) => setFilters({ type })}
        allLabel="All types"
        testId="filter-type"
      />
      <FilterSelect
        label="Status"
        id="f-status"
        value={filters.status}
        values={DocumentStatus.options}
        onChange={(status) => setFilters({ status })}
        allLabel="All statuses"
        testId="filter-status"
      />
      <FilterSelect
        label="Sync"
        id="f-sync"
        value={filters.syncStatus}
        values={SyncStatus.options}
        onChange={(syncStatus) => setFilters({ syncStatus })}
        allLabel="Any sync status"
        testId="filter-sync-status"
      />
      <FilterSelect
        label="Payment"
        id="f-payment"
        value={filters.paymentStatus}
        values={PaymentStatus.options}
        onChange={(paymentStatus) => setFilters({ paymentStatus })}
        allLabel="Any payment state"
        testId="filter-payment-status"
      />
      <Filter label="Supplier" htmlFor="f-supplier">
        <SupplierPicker
          id="f-supplier"
          value={filters.supplierId}
          onChange={(id) => setFilters({ supplierId: id })}
          allowEmpty
          emptyLabel="All suppliers"
          testId="filter-supplier"
          inline
        />
      </Filter>
      <Filter label="From" htmlFor="f-from">
        <input
          id="f-from"
          type="date"
          value={filters.dateFrom}
          onChange={(e) => setFilters({ dateFrom: e.target.value })}
          data-testid="filter-date-from"
        />
      </Filter>
      <Filter label="To" htmlFor="f-to">
        <input
          id="f-to"
          type="date"
          value={filters.dateTo}
          onChange={(e) => setFilters({ dateTo: e.target.value })}
          data-testid="filter-date-to"
        />
      </Filter>
      <FilterSelect
        label="Sort"
        id="f-sort"
        value={filters.sort}
        values={SORTS}
        onChange={(sort) => setFilters({ sort })}
        optionLabel={(sort) => SORT_LABELS[sort]}
        testId="filter-sort"
      />
      {filtered && (
        <button
          type="button"
          className="button button--quiet filter__clear"
          onClick={onClear}
          data-testid="filter-clear"
        >
          Clear filters
        </button>
      )}
    </div>
  );
}

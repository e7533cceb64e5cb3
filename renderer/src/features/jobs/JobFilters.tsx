// The Jobs page's filter bar: search, status, customer, scheduled dates and QuickBooks state.
import { JobQbState, SERVICETRADE_JOB_STATUSES } from '../../../../preload/contracts/servicetrade';
import { Filter, FilterSelect, SearchFilter } from '../../components/ui';
import { QB_LABELS, type JobFilters } from './model';

export function JobFilterBar({
  filters,
  onChange,
  searchText,
  onSearch,
  customers,
  filtered,
  onClear,
}: {
  filters: JobFilters;
  onChange(patch: Partial<JobFilters>): void;
  searchText: string;
  onSearch(text: string): void;
  customers: readonly { id: string; name: string }[];
  filtered: boolean;
  onClear(): void;
}) {
  return (
    <div className="filters" role="search">
      <SearchFilter
        id="jobs-search"
        placeholder="Job number or name, customer or location"
        value={searchText}
        onChange={onSearch}
        testId="jobs-filter-search"
      />
      <FilterSelect
        label="Status"
        id="jobs-status"
        value={filters.status}
        values={['', ...SERVICETRADE_JOB_STATUSES]}
        onChange={(status) => onChange({ status })}
        allLabel="All statuses"
        testId="jobs-filter-status"
      />
      <Filter label="Customer" htmlFor="jobs-customer">
        <select
          id="jobs-customer"
          value={filters.customerId}
          onChange={(e) => onChange({ customerId: e.target.value })}
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
          onChange={(e) => onChange({ scheduledFrom: e.target.value })}
          data-testid="jobs-filter-from"
        />
      </Filter>
      <Filter label="To" htmlFor="jobs-to">
        <input
          id="jobs-to"
          type="date"
          value={filters.scheduledTo}
          onChange={(e) => onChange({ scheduledTo: e.target.value })}
          data-testid="jobs-filter-to"
        />
      </Filter>
      <FilterSelect
        label="QuickBooks"
        id="jobs-qb-state"
        value={filters.quickbooksState}
        values={['', ...JobQbState.options]}
        onChange={(quickbooksState) => onChange({ quickbooksState })}
        allLabel="Any state"
        optionLabel={(v) => (v === '' ? 'Any state' : QB_LABELS[v])}
        testId="jobs-filter-qb-state"
      />
      {filtered && (
        <button
          type="button"
          className="button button--quiet filter__clear"
          onClick={onClear}
          data-testid="jobs-filter-clear"
        >
          Clear filters
        </button>
      )}
    </div>
  );
}

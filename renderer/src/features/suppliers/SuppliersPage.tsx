// Suppliers: a searchable, paged list, and supplier sync with each connected accounting system. The tax rates are
// the company's: they are on the Company page.
// Links to accounting systems show as "Paired with <connection>".
import { useState } from 'react';
import { Badge, Empty, PageHeader, SearchFilter } from '../../components/ui';
import { useConnections, useSystems } from '../../lib/connections';
import { href } from '../../lib/route';
import { useQuery } from '../../lib/useQuery';
import { request, useApp } from '../../state/app';
import { useDebounced } from '../../state/useDebounced';
import { ExportLearned } from '../capture';
import { pairedWith } from './model';
import { SupplierSync } from './SupplierSync';

const PAGE = 50;

export function SuppliersPage() {
  const companyId = useApp((s) => s.companyId) ?? '';
  const { connections } = useConnections(companyId);
  const systems = useSystems();
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim(), 300);
  const [offset, setOffset] = useState(0);
  const suppliers = useQuery(
    ['suppliers.list', companyId, term, offset],
    () => request('suppliers.list', { companyId, search: term || undefined, offset, limit: PAGE }),
    { keepPrevious: true },
  );
  const data = suppliers.data;

  return (
    <div className="page">
      <PageHeader
        title="Suppliers"
        actions={
          <a href={href('suppliers', 'new')} className="button button--primary" data-testid="new-supplier">
            New supplier
          </a>
        }
      >
        <p className="muted num" data-testid="suppliers-total">
          {data ? `${data.total.toLocaleString('en-US')} supplier${data.total === 1 ? '' : 's'}` : 'Loading…'}
        </p>
      </PageHeader>
      <div className="filters" role="search">
        <SearchFilter
          id="supplier-search"
          placeholder="Supplier name"
          value={search}
          onChange={(text) => {
            setSearch(text);
            setOffset(0);
          }}
          testId="supplier-search"
        />
      </div>
      {connections
        // Two-way supplier sync on demand: systems whose connector lists suppliers (not a source, not the Web
        // Connector's session, which matches vendors on its own).
        .filter((c) => systems.can(c.system, 'listSuppliers') && c.status === 'connected')
        .map((c) => (
          <SupplierSync key={c.id} connection={c} onChanged={suppliers.reload} />
        ))}
      {data && data.total === 0 ? (
        <Empty title={term ? 'No supplier matches' : 'No suppliers yet'} testId="suppliers-empty">
          {term ? (
            'Try another name.'
          ) : (
            <>
              Add one with <strong>New supplier</strong>, import a file from{' '}
              <a href={href('import')}>Import</a>, or connect an accounting system to bring its suppliers in.
            </>
          )}
        </Empty>
      ) : (
        <div className="card table-wrap">
          <table className="grid" data-testid="suppliers-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Phone</th>
                <th>City</th>
                <th>Currency</th>
                <th>Accounting system</th>
              </tr>
            </thead>
            <tbody>
              {data?.items.map((s) => {
                const paired = pairedWith(s, connections);
                return (
                  <tr key={s.id} data-testid="supplier-row" data-supplier-id={s.id}>
                    <td>
                      <a href={href('suppliers', s.id)} className="strong" data-testid="supplier-link">
                        {s.name}
                      </a>
                      {!s.active && <Badge value="canceled" text="Inactive" />}
                    </td>
                    <td>{s.email}</td>
                    <td>{s.phone}</td>
                    <td>{s.city}</td>
                    <td>{s.currency}</td>
                    <td>
                      {paired.length > 0 ? (
                        <Badge
                          value="sent"
                          text={`Paired with ${paired.join(', ')}`}
                          testId="supplier-paired"
                        />
                      ) : connections.length > 0 ? (
                        <Badge value="not_sent" text="Not paired" testId="supplier-unpaired" />
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {data && data.total > PAGE && (
            <div className="pager">
              <button
                type="button"
                className="button"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
                data-testid="suppliers-prev"
              >
                Previous
              </button>
              <span className="muted num">
                {offset + 1}–{Math.min(offset + PAGE, data.total)} of {data.total.toLocaleString('en-US')}
              </span>
              <button
                type="button"
                className="button"
                disabled={offset + PAGE >= data.total}
                onClick={() => setOffset(offset + PAGE)}
                data-testid="suppliers-next"
              >
                Next
              </button>
            </div>
          )}
        </div>
      )}
      <section className="card" aria-labelledby="h-learned-layouts" data-testid="learned-layouts">
        <h2 id="h-learned-layouts">Learned invoice layouts</h2>
        <p className="muted">
          How each supplier prints its invoices, learned from what you corrected and checked when saving
          invoices read from files. Export it as a JSON file to keep, or to send to support.
        </p>
        <ExportLearned />
      </section>
    </div>
  );
}

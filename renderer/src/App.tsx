import { useEffect } from 'react';
import { initApi, onUnauthorized } from './api/client';
import { Banners, ProgressList } from './components/Banners';
import { CompanySwitcher, FirstRun } from './components/Companies';
import { href, sectionOf } from './lib/route';
import { ActivityPage } from './features/activity';
import { CaptureReview } from './features/capture';
import { CompanyPage } from './features/company';
import { ConnectionsPage } from './features/connections';
import { DocumentEditor, DocumentsPage, DocumentView } from './features/documents';
import { ImportPage } from './features/import';
import { JobsPage } from './features/jobs';
import { ListsPage } from './features/lists';
import { PaymentsPage } from './features/payments';
import { SupplierForm, SuppliersPage } from './features/suppliers';
import { WebConnectorPage } from './features/web-connector';
import { request, useApp } from './state/app';
import { useAppEvents } from './state/events';
import { useRoute } from './state/router';

const NAV = [
  { id: 'documents', label: 'Documents' },
  { id: 'jobs', label: 'Jobs' },
  { id: 'suppliers', label: 'Suppliers' },
  { id: 'import', label: 'Import' },
  { id: 'connections', label: 'Connections' },
  { id: 'web-connector', label: 'Web Connector' },
  { id: 'payments', label: 'Payments' },
  { id: 'activity', label: 'Activity' },
  { id: 'company', label: 'Company' },
] as const;

export function App() {
  const companies = useApp((s) => s.companies);
  const companyId = useApp((s) => s.companyId);
  const unauthorized = useApp((s) => s.unauthorized);
  const setCompanies = useApp((s) => s.setCompanies);
  const route = useRoute();
  const section = sectionOf(route);
  const { missingToken } = initApi();

  useEffect(() => {
    onUnauthorized(() => useApp.getState().setUnauthorized());
    if (missingToken) return;
    request('companies.list', {}).then(setCompanies, () => setCompanies([]));
    request('app.info', {}).then(
      (info) => useApp.getState().setUserName(info.userName),
      () => {},
    );
  }, [missingToken, setCompanies]);

  // A message belongs to the page where it happened; moving to another page clears it.
  const path = JSON.stringify(route);
  useEffect(() => {
    useApp.getState().clearBanners();
  }, [path]);

  useAppEvents((event) => {
    if (event.type === 'progress') useApp.getState().onProgress(event);
  });

  if (missingToken || unauthorized) {
    return (
      <div className="center-screen" data-testid="signed-out">
        <div className="card card--narrow">
          <h1>Open Ledgerbridge from its address</h1>
          <p>
            This page needs the access token that the Ledgerbridge server prints when it starts. Open the full
            address it printed (it ends with <code>#token=…</code>) in this browser.
          </p>
        </div>
      </div>
    );
  }

  if (companies === null) {
    return (
      <div className="center-screen" aria-busy="true">
        <Banners />
        <p className="muted">Loading…</p>
      </div>
    );
  }

  if (companies.length === 0 || !companyId) {
    return (
      <div className="center-screen">
        <Banners />
        <FirstRun />
      </div>
    );
  }

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Ledgerbridge</div>
        <CompanySwitcher />
        <ul className="nav">
          {NAV.map((item) => (
            <li key={item.id}>
              <a
                href={href(item.id)}
                className={`nav__link${section === item.id ? ' nav__link--active' : ''}`}
                aria-current={section === item.id ? 'page' : undefined}
                data-testid={`nav-${item.id}`}
              >
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" key={companyId}>
        <Banners />
        <ProgressList />
        {route.page === 'documents' && <DocumentsPage />}
        {route.page === 'document' && <DocumentView key={route.id} id={route.id} />}
        {route.page === 'document-new' && <DocumentEditor key="new" />}
        {route.page === 'document-edit' && <DocumentEditor key={route.id} id={route.id} />}
        {route.page === 'suppliers' && <SuppliersPage />}
        {route.page === 'supplier-new' && <SupplierForm key="new" />}
        {route.page === 'supplier-edit' && <SupplierForm key={route.id} id={route.id} />}
        {route.page === 'import' && <ImportPage />}
        {route.page === 'connections' && <ConnectionsPage />}
        {route.page === 'lists' && (
          <ListsPage key={route.connectionId ?? ''} connectionId={route.connectionId} />
        )}
        {route.page === 'web-connector' && <WebConnectorPage />}
        {route.page === 'jobs' && <JobsPage />}
        {route.page === 'payments' && <PaymentsPage />}
        {route.page === 'capture' && <CaptureReview key={route.key} captureKey={route.key} />}
        {route.page === 'activity' && <ActivityPage />}
        {route.page === 'company' && <CompanyPage card={route.card ?? null} />}
      </main>
    </div>
  );
}

// Payments: bring payments made in the accounting system back for a date range (the automatic poll runs on its own
// every 15 minutes for connections that have it on), and the list of those brought back. Invoices become partly
// paid or paid; a payment voided or deleted there is canceled here.
import { useState, type FormEvent } from 'react';
import type { MethodOutput } from '../../../../preload/contract';
import { SuccessBanner } from '../../components/Notice';
import { Empty, Field, PageHeader } from '../../components/ui';
import { connectionLabel, connectionState, useConnections, useSystems } from '../../lib/connections';
import { href } from '../../lib/route';
import { useAction } from '../../lib/useAction';
import { request, useApp } from '../../state/app';
import { PaymentsList } from './PaymentsList';

type PaymentsResult = MethodOutput<'payments.import'>;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function PaymentsPage() {
  const companyId = useApp((s) => s.companyId) ?? '';
  const query = useConnections(companyId);
  // Every accounting connection; QuickBooks Desktop answers at its next Web Connector session.
  const systems = useSystems();
  const connections =
    query.data && systems.loaded ? query.data.filter(systems.isAccounting) : query.error ? [] : null;
  const [chosenId, setConnectionId] = useState('');
  // Until one is chosen, the first connected one.
  const connectionId = chosenId || connections?.find((c) => c.status === 'connected')?.id || '';
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getFullYear(), today.getMonth(), 1)));
  const [to, setTo] = useState(isoDay(today));
  const [result, setResult] = useState<PaymentsResult | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const action = useAction();
  const busy = action.busy !== null;

  function run(work: () => Promise<PaymentsResult>) {
    setResult(null);
    void action.run('payments', work, {
      notice: (answer) => {
        setResult(answer);
        setReloadKey((k) => k + 1);
        return null;
      },
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    run(() => request('payments.import', { connectionId, from, to }));
  }

  const selected = connections?.find((c) => c.id === connectionId);
  return (
    <div className="page">
      <PageHeader title="Payments">
        <p className="muted">
          Bill payments (cheque and credit card), cheques and supplier credits recorded in the accounting
          system against invoices sent from here mark them partly paid or paid; a payment voided or deleted
          there is canceled here.
        </p>
      </PageHeader>
      {connections === null ? (
        <p className="muted">Loading…</p>
      ) : connections.length === 0 ? (
        <Empty title="No accounting system to bring payments from" testId="payments-empty">
          Connect one in <a href={href('connections')}>Connections</a>.
        </Empty>
      ) : (
        <form className="card" onSubmit={submit} data-testid="payments-form">
          <Field label="Accounting system" htmlFor="payments-connection">
            <select
              id="payments-connection"
              value={connectionId}
              onChange={(e) => setConnectionId(e.target.value)}
              data-testid="payments-connection"
            >
              {connections.map((c) => (
                <option key={c.id} value={c.id} disabled={c.status !== 'connected'}>
                  {connectionLabel(c)}
                  {c.status !== 'connected'
                    ? ` (${connectionState(c, systems.callsUs(c.system)).badge.text})`
                    : ''}
                </option>
              ))}
            </select>
          </Field>
          <div className="inline">
            <Field label="From" htmlFor="payments-from">
              <input
                id="payments-from"
                type="date"
                value={from}
                max={to}
                onChange={(e) => setFrom(e.target.value)}
                required
              />
            </Field>
            <Field label="To" htmlFor="payments-to">
              <input
                id="payments-to"
                type="date"
                value={to}
                min={from}
                onChange={(e) => setTo(e.target.value)}
                required
              />
            </Field>
          </div>
          <div className="actions" style={{ marginTop: 12 }}>
            <button
              type="submit"
              className="button button--primary"
              disabled={busy || !selected || selected.status !== 'connected'}
              data-testid="payments-import"
            >
              {busy ? 'Importing…' : 'Import payments'}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy || !selected || selected.status !== 'connected'}
              onClick={() => run(() => request('payments.sync', { connectionId }))}
              data-testid="payments-sync"
            >
              Check for changes now
            </button>
          </div>
          {result && (
            <SuccessBanner testId="payments-result">
              {result.queued ? (
                <>
                  Asked for: {selected?.name ?? 'QuickBooks Desktop'} sends these payments at its next Web
                  Connector session. <a href={href('activity')}>Activity</a> shows what came back.
                </>
              ) : (
                <>
                  {result.imported} payment{result.imported === 1 ? '' : 's'} applied, {result.canceled}{' '}
                  canceled, {result.documentsChanged} invoice{result.documentsChanged === 1 ? '' : 's'}{' '}
                  changed. <a href={href('documents')}>See the documents</a>
                </>
              )}
            </SuccessBanner>
          )}
        </form>
      )}
      {connections !== null && connections.length > 0 && (
        <PaymentsList
          companyId={companyId}
          systems={[...new Set(connections.map((c) => c.system))]}
          reloadKey={reloadKey}
        />
      )}
    </div>
  );
}

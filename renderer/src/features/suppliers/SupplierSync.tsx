// "Sync suppliers" with one accounting connection: paired, unpaired on both sides, pair by hand, create there.
import { useState } from 'react';
import type { ConnectionT, MethodOutput } from '../../../../preload/contract';
import { connectionLabel } from '../../lib/connections';
import { useAction } from '../../lib/useAction';
import { request } from '../../state/app';

type SyncResult = MethodOutput<'suppliers.sync'>;

export function SupplierSync({ connection, onChanged }: { connection: ConnectionT; onChanged: () => void }) {
  const system = connectionLabel(connection);
  const [result, setResult] = useState<SyncResult | null>(null);
  const [importTheirs, setImportTheirs] = useState(false);
  const [choice, setChoice] = useState<Record<string, string>>({});
  const { busy, run } = useAction();

  const act = (key: string, work: () => Promise<SyncResult>) =>
    void run(key, work, {
      notice: (answer) => {
        setResult(answer);
        onChanged();
        return null;
      },
    });

  const sync = () =>
    act('sync', () =>
      request('suppliers.sync', { connectionId: connection.id, importUnmatched: importTheirs }),
    );

  const pair = (supplierId: string) =>
    act(`pair-${supplierId}`, async () => {
      await request('suppliers.pair', {
        id: supplierId,
        connectionId: connection.id,
        externalId: choice[supplierId]!,
      });
      return request('suppliers.sync', { connectionId: connection.id });
    });

  const create = (supplierId: string) =>
    act(`create-${supplierId}`, async () => {
      await request('suppliers.createExternal', { connectionId: connection.id, supplierId });
      return request('suppliers.sync', { connectionId: connection.id });
    });

  return (
    <section className="card" data-testid="supplier-sync" data-connection-id={connection.id}>
      <div className="card__head">
        <h2>Suppliers in {system}</h2>
        <div className="actions">
          <label className="inline">
            <input
              type="checkbox"
              checked={importTheirs}
              onChange={(e) => setImportTheirs(e.target.checked)}
              data-testid="supplier-sync-import"
            />{' '}
            Also import their vendors that have no supplier here
          </label>
          <button
            type="button"
            className="button button--primary"
            onClick={sync}
            disabled={busy !== null}
            data-testid="supplier-sync-run"
          >
            {busy === 'sync' ? 'Syncing…' : 'Sync suppliers'}
          </button>
        </div>
      </div>
      <p className="muted">
        Pairs suppliers with {system} vendors of exactly the same name and keeps name, address, phone and
        account number in step both ways (the side changed last wins; the Activity log says which).
      </p>
      {result && (
        <>
          <p role="status" data-testid="supplier-sync-summary">
            {result.matched.length} paired · {result.unmatchedOurs.length} of ours and{' '}
            {result.unmatchedTheirs.length} of theirs unpaired · {result.pushed} sent, {result.pulled} taken,{' '}
            {result.imported} imported
          </p>
          {result.unmatchedOurs.length > 0 && (
            <table className="grid" data-testid="supplier-sync-unmatched">
              <thead>
                <tr>
                  <th>Our supplier</th>
                  <th>Pair with a {system} vendor</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {result.unmatchedOurs.map((s) => (
                  <tr key={s.supplierId}>
                    <td>{s.name}</td>
                    <td>
                      <select
                        aria-label={`${system} vendor for ${s.name}`}
                        value={choice[s.supplierId] ?? ''}
                        onChange={(e) => setChoice((c) => ({ ...c, [s.supplierId]: e.target.value }))}
                      >
                        <option value="">— choose —</option>
                        {result.unmatchedTheirs.map((t) => (
                          <option key={t.externalId} value={t.externalId}>
                            {t.name}
                          </option>
                        ))}
                      </select>{' '}
                      <button
                        type="button"
                        className="button"
                        disabled={busy !== null || !choice[s.supplierId]}
                        onClick={() => pair(s.supplierId)}
                      >
                        Pair
                      </button>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button"
                        disabled={busy !== null}
                        onClick={() => create(s.supplierId)}
                        data-testid="supplier-sync-create"
                      >
                        {busy === `create-${s.supplierId}` ? 'Creating…' : `Create in ${system}`}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

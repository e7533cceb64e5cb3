// "Needs pairing": the references documents are waiting on because they have no counterpart in the accounting
// system (and 'Create missing records' is off). Each can be paired with an entry imported from the system (a
// supplier with one of its vendors, mirrored by the supplier import), picked by typing, or created there from here;
// the documents waiting on it then go on by themselves.
import { useMemo, useState } from 'react';
import type { ConnectionT } from '../../../../preload/contract';
import { Combobox } from '../../components/Combobox/Combobox';
import { optionsOf } from '../../components/Combobox/match';
import { connectionLabel, useSystems, vendorNoun, type Systems } from '../../lib/connections';
import { label } from '../../lib/labels';
import { href } from '../../lib/route';
import { useAction } from '../../lib/useAction';
import { useQuery } from '../../lib/useQuery';
import { request, requestQuiet } from '../../state/app';
import { changesVendors, entryName, type MirroredVendorT, type NeedsPairingT } from './model';

const NOUN: Record<NeedsPairingT['kind'], string> = {
  supplier: 'Supplier',
  item: 'Item',
  account: 'Account',
  class: 'Class',
  customer: 'Customer',
  tax_rate: 'Tax rate',
};

export function NeedsPairing({ connection, canAsk }: { connection: ConnectionT; canAsk: boolean }) {
  const query = useQuery(
    ['lists.needsPairing', connection.id],
    () => request('lists.needsPairing', { connectionId: connection.id }),
    { refreshOn: (event) => event.type === 'sync' && event.connectionId === connection.id },
  );
  const needs = query.data ?? [];
  const [done, setDone] = useState<string | null>(null);
  const systems = useSystems();
  // The connection's vendors, one list for every supplier waiting: an import from one row serves the others, and
  // vendors QuickBooks Desktop sends at its next Web Connector run show up as they arrive (each page of the supplier
  // import is a progress event).
  const vendors = useQuery(
    needs.some((n) => n.kind === 'supplier') ? ['lists.vendors', connection.id] : null,
    () => requestQuiet('lists.vendors', { connectionId: connection.id }),
    { refreshOn: (event) => changesVendors(event, connection.id) },
  );
  if (needs.length === 0 && !done) return null;
  return (
    <section className="card" aria-labelledby="needs-pairing-title" data-testid="needs-pairing">
      <h2 id="needs-pairing-title">Needs pairing</h2>
      {done && (
        <p className="banner banner--success" role="status" data-testid="needs-pairing-done">
          <span className="banner__message">{done}</span>
        </p>
      )}
      {needs.length > 0 && (
        <p className="muted">
          These have no counterpart in {connectionLabel(connection)}, so the documents below wait. Pair each
          with an entry imported from {connectionLabel(connection)}, or create it there; the documents then go
          on by themselves.
        </p>
      )}
      <ul className="records">
        {needs.map((need) => (
          <PairingRow
            key={`${need.entityType}:${need.entityId}`}
            need={need}
            connection={connection}
            vendors={vendors.data}
            create={creationOf(connection, need.kind, systems)}
            canAsk={canAsk}
            onPaired={(text) => {
              setDone(text);
              query.reload();
            }}
            onImported={(text) => {
              setDone(text);
              vendors.reload();
              query.reload();
            }}
          />
        ))}
      </ul>
    </section>
  );
}

/**
 * Whether Create in <system> is offered on a row: now (a system we call), at the next Web Connector run (a system that
 * calls us, while its 'Create missing suppliers and records' setting is on), not while that setting is off (the row
 * says what to do), or not at all.
 */
export type Creation = 'now' | 'next_run' | 'setting_off' | null;

export function creationOf(
  connection: Pick<ConnectionT, 'system' | 'settings'>,
  kind: NeedsPairingT['kind'],
  systems: Pick<Systems, 'createsHere' | 'callsUs'>,
): Creation {
  if (!systems.createsHere(connection.system, kind)) return null;
  if (!systems.callsUs(connection.system)) return 'now';
  return connection.settings['createMissing'] !== false ? 'next_run' : 'setting_off';
}

/** One reference waiting, with its documents and what pairs it (exported for its unit test). */
export function PairingRow({
  need,
  connection,
  vendors,
  create,
  canAsk,
  onPaired,
  onImported,
}: {
  need: NeedsPairingT;
  connection: ConnectionT;
  /** The connection's vendors as mirrored here (for a supplier); undefined while they load. */
  vendors: MirroredVendorT[] | undefined;
  /** Whether and when Create in <system> makes a record of this kind (creationOf). */
  create: Creation;
  /** The supplier list can be asked for now (connectionState: for QuickBooks Desktop, its next run). */
  canAsk: boolean;
  onPaired(text: string): void;
  /** The supplier list was imported: what waits may have been paired by name meanwhile. */
  onImported(text: string): void;
}) {
  const system = connectionLabel(connection);
  const [entryId, setEntryId] = useState<string | null>(null);
  const { busy, run } = useAction();
  const kinds = need.pairWith;
  const entries = useQuery(kinds.length > 0 ? ['lists.list', connection.id, kinds] : null, async () => {
    const lists = await Promise.all(
      kinds.map((kind) =>
        requestQuiet('lists.list', { companyId: connection.companyId, connectionId: connection.id, kind }),
      ),
    );
    return lists.flat();
  }).data;
  const options = useMemo(() => optionsOf(entries ?? []), [entries]);
  const noun = NOUN[need.kind];
  // Held up because the system has several of that name (or refused to create it): never create another.
  const several = need.documents.some((d) => d.held === 'failed');
  const pickerLabel = `Pair ${noun.toLowerCase()} ${need.name} with`;
  const waiting = `${need.documents.length} document${need.documents.length === 1 ? '' : 's'}`;
  // A supplier pairs with one of the system's vendors, mirrored here by the supplier import.
  const supplier = need.kind === 'supplier';
  // What the system calls the party a supplier is there: Xero's contacts, the others' vendors.
  const party = vendorNoun(connection.system);
  // QuickBooks Desktop's import adds vendors named like none of our suppliers only when its settings say so.
  const pairsOnlyByName =
    connection.system === 'quickbooks_desktop' && connection.settings['importVendors'] !== true;
  const vendorOptions = useMemo(
    () =>
      optionsOf(
        (vendors ?? []).map((v) => ({
          id: v.externalId,
          name: v.name,
          parentId: null,
          active: true,
        })),
      ),
    [vendors],
  );

  const pair = () =>
    run('pair', async () => {
      if (!entryId) return;
      if (supplier) {
        const r = await request('lists.pairVendor', {
          connectionId: connection.id,
          supplierId: need.entityId,
          externalId: entryId,
        });
        const moved = r.unpaired
          ? ` The supplier '${r.unpaired}' here, which has no documents, is no longer paired with it.`
          : '';
        onPaired(
          `Supplier '${need.name}' is paired with the ${party} '${r.name}' in ${system}; ${waiting} waiting on it went on.${moved}`,
        );
        return;
      }
      const r = await request('lists.pair', {
        connectionId: connection.id,
        entityType: need.entityType,
        entityId: need.entityId,
        entryId,
      });
      onPaired(
        `${noun} '${need.name}' is paired with '${r.name}' in ${system}; ${waiting} waiting on it went on.`,
      );
    });
  const importVendors = () =>
    run('import', async () => {
      const r = await request('suppliers.import', { connectionId: connection.id });
      onImported(
        r.queued
          ? `${system} sends its vendors at its next Web Connector run; pair '${need.name}' here once it has.`
          : (r.run?.message ?? `Suppliers imported from ${system}.`),
      );
    });
  const createThere = () =>
    run('create', async () => {
      const r = await request('lists.createExternal', {
        connectionId: connection.id,
        entityType: need.entityType,
        entityId: need.entityId,
      });
      onPaired(
        r.queued
          ? `${noun} '${r.name}' is added to ${system} at its next Web Connector run (or paired, if ${system} has it already); ${waiting} waiting on it go${need.documents.length === 1 ? 'es' : ''} on then. To run it now, click Update Selected in the QuickBooks Web Connector.`
          : `${noun} '${r.name}' was created in ${system}; ${waiting} waiting on it went on.`,
      );
    });

  return (
    <li data-testid="pairing" data-kind={need.kind} data-name={need.name}>
      <div className="record__head">
        <strong data-testid="pairing-name">
          {noun} &lsquo;{need.name}&rsquo;
        </strong>
        <span className="muted">{waiting} waiting</span>
      </div>
      <ul className="pairing__documents">
        {need.documents.map((doc) => (
          <li key={doc.id} data-testid="pairing-document">
            <a href={href('documents', doc.id)}>
              {label(doc.type)} {doc.number}
            </a>{' '}
            <span className="muted">from {doc.supplierName}</span>
            {doc.held === 'failed' && doc.message && (
              <div className="muted" data-testid="pairing-document-message">
                {doc.message}
              </div>
            )}
          </li>
        ))}
      </ul>
      <div className="pairing__actions">
        {supplier && vendors?.length === 0 ? (
          <>
            <span className="muted" data-testid="pairing-no-vendors">
              {pairsOnlyByName
                ? `No ${system} vendors are mirrored here yet, and this connection brings in only those named like a supplier here. Turn on "Add QuickBooks vendors that match none of our suppliers as suppliers" in Connections → QuickBooks Desktop settings, then import the supplier list to pair it with one.`
                : `No ${system} ${party}s are mirrored here yet: import the supplier list to pair it with one.`}
            </span>
            <button
              type="button"
              className="button"
              disabled={busy !== null || !canAsk}
              onClick={() => void importVendors()}
              data-testid="pairing-import-vendors"
            >
              {busy === 'import' ? 'Importing suppliers…' : `Import suppliers from ${system}`}
            </button>
          </>
        ) : supplier ? (
          <>
            <div className="pairing__picker">
              <Combobox
                label={pickerLabel}
                options={vendorOptions}
                value={entryId}
                onChange={(id) => setEntryId(id)}
                placeholder={`Type to find the ${party} in ${system}`}
                noMatch={`No such ${party} here: import the supplier list again, or create it in ${system}`}
                testId="pairing-picker"
              />
            </div>
            <button
              type="button"
              className="button button--primary"
              disabled={!entryId || busy !== null}
              onClick={() => void pair()}
              data-testid="pairing-pair"
            >
              {busy === 'pair' ? 'Pairing…' : 'Pair'}
            </button>
          </>
        ) : kinds.length > 0 ? (
          <>
            <div className="pairing__picker">
              <Combobox
                label={pickerLabel}
                options={options}
                value={entryId}
                onChange={(id) => setEntryId(id)}
                placeholder={`Type to find the ${entryName(kinds[0]!).toLowerCase()} in ${system}`}
                noMatch={`No such entry: import the list first, or create it in ${system}`}
                testId="pairing-picker"
              />
            </div>
            <button
              type="button"
              className="button button--primary"
              disabled={!entryId || busy !== null}
              onClick={() => void pair()}
              data-testid="pairing-pair"
            >
              {busy === 'pair' ? 'Pairing…' : 'Pair'}
            </button>
          </>
        ) : null}
        {create === 'setting_off' && (
          <span className="muted" data-testid="pairing-create-off">
            {`To create it in ${system} from here, turn on 'Create missing suppliers and records in ${system}' in Connections → ${system} settings; its next Web Connector run then adds the ${party} and sends ${need.documents.length === 1 ? 'the document' : 'the documents'}. Or add the ${party} in ${system}, import the supplier list and pair it here.`}
          </span>
        )}
        {(create === 'now' || create === 'next_run') && (
          <button
            type="button"
            className="button"
            disabled={busy !== null || several}
            title={several ? `${system} already has more than one; pair it with the right one.` : undefined}
            onClick={() => void createThere()}
            data-testid="pairing-create"
          >
            {busy === 'create' ? 'Creating…' : `Create in ${system}`}
          </button>
        )}
      </div>
    </li>
  );
}

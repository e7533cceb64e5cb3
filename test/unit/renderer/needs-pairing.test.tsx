// Needs pairing on the Lists page keeps one list of the connection's vendors for every supplier waiting: a row shows
// the vendor picker once any import has mirrored vendors, not only the row whose button started it, and the list is
// read again when a page of the connection's supplier import arrives (QuickBooks Desktop sends its vendors at its
// next Web Connector run, long after the button was pressed). Where QuickBooks Desktop brings in only vendors named
// like a supplier here, the row says which setting brings in the others.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AppEvent, ConnectionT } from '../../../preload/contract';
import { creationOf, PairingRow, type Creation } from '../../../renderer/src/features/lists/NeedsPairing';
import {
  changesVendors,
  type MirroredVendorT,
  type NeedsPairingT,
} from '../../../renderer/src/features/lists/model';

const connection: ConnectionT = {
  id: 'k1',
  companyId: 'c1',
  system: 'quickbooks_desktop',
  name: 'QuickBooks Desktop',
  status: 'connected',
  statusMessage: null,
  settings: {},
  credentialNames: [],
  connectedAt: '2026-12-01T08:00:00.000Z',
  createdAt: '2026-12-01T08:00:00.000Z',
};

const need = (name: string): NeedsPairingT => ({
  kind: 'supplier',
  entityType: 'supplier',
  entityId: `s-${name}`,
  name,
  pairWith: [],
  documents: [
    {
      id: `d-${name}`,
      type: 'invoice',
      number: 'INV-1',
      supplierName: name,
      message: null,
      held: 'waiting',
    },
  ],
});

const row = (
  name: string,
  vendors: MirroredVendorT[] | undefined,
  settings: Record<string, unknown> = {},
  create: Creation = null,
) =>
  renderToStaticMarkup(
    <PairingRow
      need={need(name)}
      connection={{ ...connection, settings }}
      vendors={vendors}
      create={create}
      canAsk
      onPaired={() => undefined}
      onImported={() => undefined}
    />,
  );

const vendor: MirroredVendorT = {
  externalId: '80000001-1700000000',
  name: 'Kauri Timber Company Ltd',
  supplierId: 's-kauri-ltd',
  documents: 0,
};

describe('Needs pairing for a supplier', () => {
  it('offers the import while no vendor is mirrored, and the picker in every row once one is', () => {
    const before = row('Kauri Timber', []);
    expect(before).toContain('data-testid="pairing-no-vendors"');
    expect(before).toContain('Import suppliers from QuickBooks Desktop');
    expect(before).not.toContain('role="combobox"');

    // The same vendors are given to each row: a second supplier's row needs no import of its own.
    for (const name of ['Kauri Timber', 'Totara Tiles']) {
      const after = row(name, [vendor]);
      expect(after).not.toContain('pairing-no-vendors');
      expect(after).toContain(`aria-label="Pair supplier ${name} with"`);
    }
  });

  it('says which QuickBooks Desktop setting brings in vendors named like none of ours', () => {
    expect(row('Kauri Timber', [])).toContain(
      'this connection brings in only those named like a supplier here. Turn on &quot;Add QuickBooks vendors that match none of our suppliers as suppliers&quot; in Connections → QuickBooks Desktop settings',
    );
    expect(row('Kauri Timber', [], { importVendors: true })).toContain(
      'No QuickBooks Desktop vendors are mirrored here yet: import the supplier list to pair it with one.',
    );
  });

  it('offers to create it there only where the system makes suppliers from here', () => {
    expect(row('Kauri Timber', [vendor])).not.toContain('data-testid="pairing-create"');
    expect(row('Kauri Timber', [vendor], {}, 'now')).toContain('Create in QuickBooks Desktop');
  });

  it('offers Create in QuickBooks Desktop for its next run while Create missing records is on, else says how', () => {
    const systems = {
      createsHere: (system: string, kind: string) =>
        kind === 'supplier' && ['quickbooks_desktop', 'xero'].includes(system),
      callsUs: (system: string) => system === 'quickbooks_desktop',
    };
    const qbd = { system: 'quickbooks_desktop', settings: {} };
    expect(creationOf(qbd, 'supplier', systems)).toBe('next_run');
    expect(creationOf({ ...qbd, settings: { createMissing: false } }, 'supplier', systems)).toBe(
      'setting_off',
    );
    expect(creationOf(qbd, 'item', systems)).toBeNull();
    expect(creationOf({ system: 'xero', settings: { createMissing: false } }, 'supplier', systems)).toBe(
      'now',
    );

    expect(row('Kauri Timber', [vendor], {}, 'next_run')).toContain('Create in QuickBooks Desktop');
    const off = row('Kauri Timber', [vendor], { createMissing: false }, 'setting_off');
    expect(off).not.toContain('data-testid="pairing-create"');
    expect(off).toContain(
      'To create it in QuickBooks Desktop from here, turn on &#x27;Create missing suppliers and records in QuickBooks Desktop&#x27; in Connections → QuickBooks Desktop settings; its next Web Connector run then adds the vendor and sends the document. Or add the vendor in QuickBooks Desktop, import the supplier list and pair it here.',
    );
  });

  it('calls them contacts for Xero, as Xero does', () => {
    const xero = renderToStaticMarkup(
      <PairingRow
        need={need('Kauri Timber')}
        connection={{ ...connection, system: 'xero', name: 'Xero' }}
        vendors={[]}
        create="now"
        canAsk
        onPaired={() => undefined}
        onImported={() => undefined}
      />,
    );
    expect(xero).toContain(
      'No Xero contacts are mirrored here yet: import the supplier list to pair it with one.',
    );
    const picker = renderToStaticMarkup(
      <PairingRow
        need={need('Kauri Timber')}
        connection={{ ...connection, system: 'xero', name: 'Xero' }}
        vendors={[vendor]}
        create="now"
        canAsk
        onPaired={() => undefined}
        onImported={() => undefined}
      />,
    );
    expect(picker).toContain('placeholder="Type to find the contact in Xero"');
  });

  it('says nothing about vendors while they load', () => {
    const loading = row('Kauri Timber', undefined);
    expect(loading).not.toContain('pairing-no-vendors');
  });

  it('reads the vendors again on a page of this connection’s supplier import, and on nothing else', () => {
    const progress = (task: string): AppEvent => ({
      type: 'progress',
      task,
      done: 3,
      total: 3,
      message: 'Imported the supplier list',
    });
    expect(changesVendors(progress('suppliers.import:k1'), 'k1')).toBe(true);
    expect(changesVendors(progress('suppliers.import:k2'), 'k1')).toBe(false);
    expect(changesVendors(progress('lists.import:k1'), 'k1')).toBe(false);
    expect(changesVendors({ type: 'connection', connectionId: 'k1' }, 'k1')).toBe(false);
  });
});

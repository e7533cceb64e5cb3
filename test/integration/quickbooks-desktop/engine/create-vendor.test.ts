// Create in QuickBooks Desktop from Needs pairing: a supplier QuickBooks does not have holds its documents in "Needs
// pairing", and with nothing else to do the Web Connector is told there is no work, so they would wait for good. While
// the connection's 'Create missing suppliers and records' is on, Create in QuickBooks Desktop queues them: the next
// Web Connector session adds the vendor (VendorAdd, valid against qbxmlops130.xsd) and sends them to it. While it is
// off, the answer says what to do.
import { describe, expect, it } from 'vitest';
import { assertValidQbxml, requireQbxmlXsd } from '../../../simulators/quickbooks-desktop/xsd-validate.js';
import { runSession, syncOf } from './harness.js';
import { qbFor } from './qb.js';
import { enginePerTest } from './scenario.js';

const startEngine = enginePerTest();
const xsd = requireQbxmlXsd();

describe('Create in QuickBooks Desktop from Needs pairing', () => {
  it('adds the vendor at the next session and sends the waiting bill to it, only while the setting allows', async () => {
    const h = await startEngine({ createMissing: false });
    const qb = qbFor();
    qb.sim.addVendor('Beacon Electric');
    const ours = await h.supplier('Matai Timber');
    runSession(h, qb);
    const bill = await h.approved({ type: 'invoice', supplierId: ours, supplierInvoiceNumber: 'MT-4471' });
    runSession(h, qb);
    expect(syncOf(await h.document(bill.id), h.connectionId)?.status).toBe('waiting');
    // Nothing else to do: the Web Connector would be told there is no work, and the bill would wait.
    expect(h.engine.hasWork(h.connectionId)).toBe(false);
    const create = () =>
      h.core.call('lists.createExternal', {
        connectionId: h.connectionId,
        entityType: 'supplier',
        entityId: ours,
      });

    await expect(create()).rejects.toThrow(
      "QuickBooks Desktop adds missing suppliers at its Web Connector run only while 'Create missing suppliers and records in QuickBooks Desktop' is on. Turn it on in Connections → QuickBooks Desktop settings, then try again; or add the vendor 'Matai Timber' in QuickBooks Desktop, import the supplier list and pair it here.",
    );
    expect(syncOf(await h.document(bill.id), h.connectionId)?.status).toBe('waiting');

    await h.core.call('connections.update', { id: h.connectionId, settings: { createMissing: true } });
    expect(await create()).toEqual({ released: 1, externalId: null, name: 'Matai Timber', queued: true });
    expect(await h.core.call('lists.needsPairing', { connectionId: h.connectionId })).toEqual([]);
    expect(h.engine.hasWork(h.connectionId)).toBe(true);

    const run = runSession(h, qb);
    const vendorAdds = run.messages.filter((m) => m.includes('<VendorAddRq'));
    expect(vendorAdds).toHaveLength(1);
    if (xsd) assertValidQbxml(vendorAdds[0]!, 'the VendorAdd message');
    const vendor = [...qb.sim.company.vendors.values()].find((v) => v.Name === 'Matai Timber');
    expect(vendor).toBeDefined();
    expect(syncOf(await h.document(bill.id), h.connectionId)?.status).toBe('sent');
    expect([...qb.sim.company.bills.values()].map((b) => [b.RefNumber, b.VendorListID])).toEqual([
      ['MT-4471', vendor!.ListID],
    ]);
    expect((await h.core.call('suppliers.get', { id: ours })).links).toEqual([
      expect.objectContaining({ externalId: vendor!.ListID }),
    ]);
  });
});

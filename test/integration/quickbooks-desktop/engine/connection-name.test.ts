// A bookkeeper with two QuickBooks Desktop company files tells them apart by the connections' names: what a Web
// Connector run writes to the log and to a document's status names the connection ("Northwind – 2026 file"), not
// just "QuickBooks Desktop", which both are.
import { describe, expect, it } from 'vitest';
import { runSession, syncOf, type EngineHarness } from './harness.js';
import { qbFor } from './qb.js';
import { enginePerTest } from './scenario.js';

const startEngine = enginePerTest();
const NAME = 'Northwind – 2026 file';

async function messages(h: EngineHarness): Promise<string[]> {
  const page = await h.core.call('log.list', { companyId: h.companyId, limit: 200 });
  return page.items.map((e) => e.message);
}

describe('a named QuickBooks Desktop connection', () => {
  it('is named in the log of a run and in a waiting document’s status', async () => {
    const h = await startEngine({ createMissing: false });
    await h.core.call('connections.update', { id: h.connectionId, name: NAME });
    const qb = qbFor();
    const ours = await h.supplier('Matai Timber');
    runSession(h, qb);
    const bill = await h.approved({ type: 'invoice', supplierId: ours, supplierInvoiceNumber: 'MT-4471' });
    runSession(h, qb);
    const sync = syncOf(await h.document(bill.id), h.connectionId);
    expect(sync?.status).toBe('waiting');
    expect(sync?.lastMessage).toContain(`Supplier 'Matai Timber' has no counterpart in ${NAME}.`);
    expect(sync?.lastMessage).not.toContain('QuickBooks Desktop');

    const create = () =>
      h.core.call('lists.createExternal', {
        connectionId: h.connectionId,
        entityType: 'supplier',
        entityId: ours,
      });
    await expect(create()).rejects.toThrow(
      `${NAME} adds missing suppliers at its Web Connector run only while 'Create missing suppliers and records in ${NAME}' is on. Turn it on in Connections → ${NAME} settings, then try again;`,
    );
    await h.core.call('connections.update', { id: h.connectionId, settings: { createMissing: true } });
    await create();
    runSession(h, qb);
    expect(syncOf(await h.document(bill.id), h.connectionId)?.status).toBe('sent');

    const log = await messages(h);
    expect(log).toContain(`Imported lists from ${NAME}`);
    expect(log).toContain(`Created vendor 'Matai Timber' in ${NAME}`);
    expect(log.some((m) => m.startsWith(`Imported payments from ${NAME}:`))).toBe(true);
    expect(log.some((m) => m.startsWith('Created bill MT-4471 in ') && m.endsWith(NAME))).toBe(true);
  });
});

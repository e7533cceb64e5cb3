// The bulk path (findReferencesBulk, createReferences) matches exactly as the one-name-at-a-time path: one exact
// match linked, none created (or, with 'Create missing records' off, the document waits), several asked. The same
// documents go through a connector with and one without the bulk methods, and every outcome is compared.
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../main/connectors/contract.js';
import { createHarness, type Harness } from '../../fixtures/sync/harness.js';
import { insertDocument, insertSupplier, jobRows, logRows, syncRow } from '../../fixtures/sync/db.js';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

interface Outcome {
  documents: Record<string, { status: string | undefined; message: string | null | undefined; job: string }>;
  /** Our supplier's name → the name of the vendor it is linked to (null: not linked). */
  links: Record<string, string | null>;
  infoLog: string[];
  vendors: string[];
}

/**
 * Suppliers: Acme Supplies (one vendor of that name there), Birch Hardware and Dogwood Paints (none), Cedar
 * Tools (two vendors: CEDAR TOOLS and Cedar Tools). Five documents in one unit of work, two of them Birch's.
 */
async function run(bulk: boolean, settings?: Record<string, unknown>) {
  const h = createHarness({
    connector: { bulk, policy: { batchSize: 10 } },
    ...(settings ? { settings } : {}),
  });
  harnesses.push(h);
  h.connector.seed('supplier', 'Cedar Tools');
  h.connector.seed('supplier', 'CEDAR TOOLS');
  const suppliers = {
    acme: h.supplierId,
    birch: insertSupplier(h.db, h.companyId, 'Birch Hardware'),
    cedar: insertSupplier(h.db, h.companyId, 'Cedar Tools'),
    dogwood: insertSupplier(h.db, h.companyId, 'Dogwood Paints'),
  };
  const plan: [string, keyof typeof suppliers][] = [
    ['INV-1', 'acme'],
    ['INV-2', 'birch'],
    ['INV-3', 'cedar'],
    ['INV-4', 'birch'],
    ['INV-5', 'dogwood'],
  ];
  const ids = plan.map(([number, supplier]) =>
    insertDocument(h.db, { companyId: h.companyId, supplierId: suppliers[supplier], number }),
  );
  for (const id of ids) h.send(id);
  await h.worker.start();
  await h.worker.whenIdle();
  const vendorName = new Map(
    [...h.connector.references.get('supplier')!.values()].map((r) => [r.externalId, r.name]),
  );
  const jobs = jobRows(h.db);
  const outcome: Outcome = {
    documents: Object.fromEntries(
      plan.map(([number], i) => {
        const row = syncRow(h.db, ids[i]!, h.connectionId);
        const job = jobs.find((j) => j.entity_id === ids[i])!;
        return [number, { status: row?.status, message: row?.last_message, job: job.status }];
      }),
    ),
    links: Object.fromEntries(
      Object.entries(suppliers).map(([key, id]) => {
        const link = h.db
          .prepare<[string, string], { external_id: string }>(
            `SELECT external_id FROM external_links WHERE connection_id = ? AND entity_type = 'supplier' AND entity_id = ?`,
          )
          .get(h.connectionId, id);
        return [key, link ? (vendorName.get(link.external_id) ?? '?') : null];
      }),
    ),
    infoLog: logRows(h.db)
      .filter((r) => r.result === 'info' && r.action.endsWith('_reference'))
      .map((r) => r.message)
      .sort(),
    vendors: [...vendorName.values()].sort(),
  };
  return { h, outcome };
}

describe('references looked up and created in bulk', () => {
  it('matches exactly as one name at a time: one linked, none created, several asked', async () => {
    const single = await run(false);
    const bulk = await run(true);
    expect(bulk.outcome).toEqual(single.outcome);

    // What that outcome is, spelled out.
    const { documents, links, vendors } = bulk.outcome;
    expect(links).toEqual({
      acme: 'Acme Supplies',
      birch: 'Birch Hardware',
      cedar: null,
      dogwood: 'Dogwood Paints',
    });
    expect(vendors).toEqual([
      'Acme Supplies',
      'Birch Hardware',
      'CEDAR TOOLS',
      'Cedar Tools',
      'Dogwood Paints',
    ]);
    expect(documents['INV-1']!.status).toBe('sent');
    expect(documents['INV-2']!.status).toBe('sent');
    expect(documents['INV-4']!.status).toBe('sent');
    expect(documents['INV-5']!.status).toBe('sent');
    expect(documents['INV-3']).toMatchObject({
      status: 'failed',
      message:
        "There are 2 vendors named 'Cedar Tools' in Test Ledger. Pair the supplier by hand in Connections → Lists.",
    });

    // One look-up for all the suppliers, one create for both missing ones; nothing one name at a time.
    const calls = bulk.h.connector.calls.map((c) => c.method);
    expect(calls.filter((m) => m === 'findReferencesBulk')).toHaveLength(1);
    expect(calls.filter((m) => m === 'createReferences')).toHaveLength(1);
    expect(calls.filter((m) => m === 'findReferences' || m === 'createReference')).toEqual([]);
    expect(bulk.h.connector.callsOf('createReferences')[0]!.name).toBe('Birch Hardware|Dogwood Paints');
    expect(single.h.connector.calls.length).toBeGreaterThan(bulk.h.connector.calls.length);
  });

  it("with 'Create missing records' off, the same documents wait and nothing is created", async () => {
    const settings = { documentsToSend: ['invoice', 'purchase_order'], createMissing: false };
    const single = await run(false, settings);
    const bulk = await run(true, settings);
    expect(bulk.outcome).toEqual(single.outcome);
    expect(bulk.outcome.documents['INV-2']).toMatchObject({ status: 'waiting', job: 'waiting' });
    expect(bulk.outcome.documents['INV-2']!.message).toContain(
      "Supplier 'Birch Hardware' has no counterpart",
    );
    expect(bulk.h.connector.callsOf('createReferences')).toEqual([]);
    expect(bulk.outcome.vendors).toEqual(['Acme Supplies', 'CEDAR TOOLS', 'Cedar Tools']);
  });

  it('a supplier the system refuses fails its documents with that refusal, as a single create would', async () => {
    const h = createHarness({ connector: { bulk: true, policy: { batchSize: 10 } }, seedSupplier: false });
    harnesses.push(h);
    const elm = insertSupplier(h.db, h.companyId, 'Elm Electric');
    const create = h.connector.createReferences!;
    h.connector.createReferences = async (ctx, records) =>
      (await create(ctx, records)).map((outcome, i) =>
        records[i]!.name === 'Elm Electric'
          ? {
              ok: false,
              error: new ConnectorError('needs_user', 'Test Ledger refuses the name Elm Electric.'),
            }
          : outcome,
      );
    const a = insertDocument(h.db, { companyId: h.companyId, supplierId: h.supplierId, number: 'A-1' });
    const b = insertDocument(h.db, { companyId: h.companyId, supplierId: elm, number: 'B-1' });
    h.send(a);
    h.send(b);
    await h.worker.start();
    await h.worker.whenIdle();
    expect(syncRow(h.db, a, h.connectionId)?.status).toBe('sent');
    expect(syncRow(h.db, b, h.connectionId)).toMatchObject({
      status: 'failed',
      last_message: 'Test Ledger refuses the name Elm Electric.',
    });
    expect(h.connector.callsOf('createReference')).toEqual([]);
  });
});

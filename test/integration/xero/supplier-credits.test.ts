// Supplier credits in Xero: a credit note (ACCPAYCREDIT) allocated to a bill we sent lowers what is owed on it,
// and comes back here as a payment of kind 'supplier_credit' ("Supplier credit") beside the bill payments: for a
// date range (allocations dated inside it) and on the poll. An allocation without an AllocationID (older answers)
// is kept apart from the others; an allocation deleted in Xero, or a credit note voided, cancels what it paid.
// The simulator checks every answer it gives against Xero's OpenAPI spec.
import { describe, expect, it } from 'vitest';
import { approve, connectCompany, world, worldEachTest } from './harness.js';

const ready = worldEachTest();
const tick = () => new Promise((r) => setTimeout(r, 5));

describe.skipIf(!ready)('Xero: supplier credits allocated to bills', () => {
  it('counts credit-note allocations as supplier credits, reducing what is due; deleted or voided ones cancel', async () => {
    const { sim, org, core } = world;
    sim.addAccount(org, { Code: '310', Name: 'Job Materials' });
    const { company, connection } = await connectCompany(world, { documentStatus: 'AUTHORISED' });
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    const account = await core.call('lists.create', {
      companyId: company.id,
      kind: 'account',
      name: 'Job Materials',
    });
    const bill = async (n: number) => {
      const doc = await core.call('documents.create', {
        companyId: company.id,
        type: 'invoice',
        supplierId: supplier.id,
        supplierInvoiceNumber: `P-${n}`,
        date: '2026-11-05',
        lines: [{ description: 'Parts', quantity: '4', unitPrice: '25', accountId: account.id }],
      });
      await approve(core, doc.id);
      return doc;
    };
    const [first, second] = [await bill(1), await bill(2)];
    await core.app.sync.whenIdle();
    const billOf = async (id: string) => (await core.call('documents.get', { id })).sync[0]!.externalId!;
    const [billA, billB] = [await billOf(first.id), await billOf(second.id)];

    // One credit of 150: 30 to bill A in November, 100 to bill B (no AllocationID in the answer), 20 to A in December.
    const credit = sim.addSupplierCredit(org, 150, '2026-11-08');
    const creditId = String(credit.CreditNoteID);
    const toA = sim.allocateCredit(org, creditId, billA, 30, '2026-11-09');
    sim.allocateCredit(org, creditId, billB, 100, '2026-11-10', { withoutId: true });
    sim.allocateCredit(org, creditId, billA, 20, '2026-12-02');
    sim.addPayment(org, billA, 10, '2026-11-11');
    expect(org.invoices.get(billA)!.AmountDue).toBe(40);

    const ranged = await core.call('payments.import', {
      connectionId: connection.id,
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(ranged).toMatchObject({ imported: 3, canceled: 0, documentsChanged: 2 });
    const state = async (id: string) => {
      const doc = await core.call('documents.get', { id });
      return {
        status: doc.paymentStatus,
        payments: doc.payments.map((p) => [p.kind, p.date, p.amount, p.status]).sort(),
      };
    };
    expect(await state(first.id)).toEqual({
      status: 'partly_paid',
      payments: [
        ['bill_payment', '2026-11-11', '10.00', 'active'],
        ['supplier_credit', '2026-11-09', '30.00', 'active'],
      ],
    });
    expect(await state(second.id)).toEqual({
      status: 'paid',
      payments: [['supplier_credit', '2026-11-10', '100.00', 'active']],
    });

    // The poll brings the December allocation too; imported twice, the allocation without an id stays one payment.
    await core.call('payments.sync', { connectionId: connection.id });
    expect((await state(first.id)).payments).toHaveLength(3);
    expect((await state(second.id)).payments).toHaveLength(1);

    // The November allocation to A is deleted in Xero: canceled here.
    await tick();
    sim.deleteAllocation(org, creditId, toA);
    const afterDelete = await core.call('payments.sync', { connectionId: connection.id });
    expect(afterDelete.canceled).toBe(1);
    expect((await state(first.id)).payments).toContainEqual([
      'supplier_credit',
      '2026-11-09',
      '30.00',
      'canceled',
    ]);

    // The credit note is voided: every allocation it made is canceled, and bill B is owed again.
    await tick();
    sim.voidCreditNote(org, creditId);
    await core.call('payments.sync', { connectionId: connection.id });
    expect(await state(second.id)).toEqual({
      status: 'unpaid',
      payments: [['supplier_credit', '2026-11-10', '100.00', 'canceled']],
    });
    expect((await state(first.id)).status).toBe('partly_paid');
    const credits = await core.call('payments.list', { companyId: company.id, kind: 'supplier_credit' });
    expect(credits.items.map((p) => [p.date, p.status, p.system])).toEqual([
      ['2026-12-02', 'canceled', 'xero'],
      ['2026-11-10', 'canceled', 'xero'],
      ['2026-11-09', 'canceled', 'xero'],
    ]);
  });
});

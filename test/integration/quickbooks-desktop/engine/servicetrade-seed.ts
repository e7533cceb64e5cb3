// A ServiceTrade connection, one completed job and its invoice, written straight into the database (as a pull
// would leave them), for engine tests of ServiceTrade invoices.
import type { EngineHarness } from './harness.js';

export interface SeedInvoice {
  /** The invoice's total as ServiceTrade sends it. */
  totalPrice: string;
  items: { id: number; description: string; quantity: number; price: number }[];
}

const ONE_LINE: SeedInvoice = {
  totalPrice: '1000.00',
  items: [{ id: 1, description: 'Compressor overhaul', quantity: 1, price: 1000 }],
};

/**
 * A ServiceTrade connection ('st1') with one completed job and its invoice waiting for accounting (by default one
 * line, 'Compressor overhaul', 1000.00).
 */
export function seedServiceTradeInvoice(
  harness: EngineHarness,
  invoice: SeedInvoice = ONE_LINE,
): { invoiceId: string } {
  const at = new Date().toISOString();
  harness.db
    .prepare(
      `INSERT INTO connections (id, company_id, system, name, status, settings_json, created_at, updated_at)
       VALUES ('st1', ?, 'servicetrade', 'ServiceTrade', 'connected', '{}', ?, ?)`,
    )
    .run(harness.companyId, at, at);
  harness.db
    .prepare(
      `INSERT INTO servicetrade_jobs (id, company_id, connection_id, external_id, number, name, type, status,
         description, customer_external_id, customer_name, location_external_id, location_name, scheduled_date,
         updated, pulled_at)
       VALUES ('job1', ?, 'st1', '501', '1001', NULL, 'repair', 'completed', 'Replace compressor', '11',
         'Smith Facilities', NULL, NULL, NULL, 1, ?)`,
    )
    .run(harness.companyId, at);
  harness.db
    .prepare(
      `INSERT INTO servicetrade_invoices (id, company_id, connection_id, external_id, invoice_number, name, type,
         status, job_external_id, customer_external_id, total_price, transaction_date, items_json, updated, pulled_at)
       VALUES ('inv1', ?, 'st1', '9000', NULL, 'Invoice for 1001', 'invoice', 'pending_accounting', '501', '11',
         ?, '2026-11-20T00:00:00.000Z', ?, 1, ?)`,
    )
    .run(harness.companyId, invoice.totalPrice, JSON.stringify(invoice.items), at);
  return { invoiceId: 'inv1' };
}

// After QuickBooks Desktop accepts a ServiceTrade invoice, the accounting number goes back to ServiceTrade
// (`invoiceNumber`, "the human readable number to match an external accounting system") and the invoice leaves
// the pending_accounting queue (`status: processed`). For the QuickBooks Desktop engine's invoice step.
import type { Database } from 'better-sqlite3';
import type { ConnectionT } from '../../../preload/contract.js';
import { ConnectorError, type ConnectorContext } from '../contract.js';
import { clientFor } from './pull.js';
import { envelope, StInvoice } from './schemas.js';
import { upsertInvoice } from './store.js';

export interface WriteBackDeps {
  db: Database;
  /** The ServiceTrade connection the invoice came from. */
  connection: ConnectionT;
  ctx: ConnectorContext;
  fetch?: typeof fetch;
}

/** Writes the QuickBooks invoice number back and marks the invoice processed; stores ServiceTrade's answer. */
export async function writeBackInvoice(
  deps: WriteBackDeps,
  externalId: string,
  invoiceNumber: string,
): Promise<void> {
  if (invoiceNumber.trim() === '') {
    throw new ConnectorError(
      'needs_user',
      'QuickBooks gave the invoice no number to write back to ServiceTrade.',
    );
  }
  const { client } = clientFor(deps.connection, deps.ctx, deps.fetch);
  const answer = await client.put(
    `/invoice/${encodeURIComponent(externalId)}`,
    { invoiceNumber, status: 'processed' },
    envelope(StInvoice),
  );
  if (answer.data.status !== 'processed' || answer.data.invoiceNumber !== invoiceNumber) {
    throw new ConnectorError(
      'needs_user',
      `ServiceTrade did not take invoice number ${invoiceNumber} for invoice ${externalId}. Check that the invoice is still waiting for accounting in ServiceTrade.`,
      {
        detail: `PUT /invoice/${externalId}: status ${answer.data.status}, number ${answer.data.invoiceNumber ?? 'none'}`,
      },
    );
  }
  upsertInvoice(
    deps.db,
    deps.connection.companyId,
    deps.connection.id,
    answer.data,
    new Date().toISOString(),
  );
}

// Tax codes created in the accounting system for our tax rates that map to none, on the bookkeeper's request: the
// new pairings are saved in the connection's settings, and documents waiting for them may go.
import { getConnection, updateConnectionRow } from '../db/repos/connections.js';
import { listTaxRates } from '../db/repos/reference-lists.js';
import { AppError } from '../domain/errors.js';
import type { TaxCodeSetup } from '../connectors/contract.js';
import { resumeWaiting } from '../sync/outbox.js';
import { asAppError, capable } from './capability.js';
import type { AccountingContext } from './context.js';
import { importLists } from './lists.js';

export async function createExternalTaxCodes(
  ctx: AccountingContext,
  connectionId: string,
  taxRateIds: string[] | undefined,
) {
  const { connection, connector } = capable(ctx, connectionId, 'createTaxCodes');
  const all = listTaxRates(ctx.db, connection.companyId);
  const unknown = (taxRateIds ?? []).filter((id) => !all.some((rate) => rate.id === id));
  if (unknown.length > 0) {
    throw new AppError('not_found', `No tax rate ${unknown.join(', ')} in this company.`);
  }
  const rates = taxRateIds ? all.filter((rate) => taxRateIds.includes(rate.id)) : all;
  let setup: TaxCodeSetup;
  try {
    setup = await connector.createTaxCodes(
      ctx.connectorContext(connection),
      rates.map((rate) => ({ id: rate.id, name: rate.name, percent: rate.percent })),
    );
  } catch (error) {
    asAppError(ctx, connection, 'create_reference', error);
  }
  ctx.db.transaction(() => {
    // Re-read: the settings may have changed while the accounting system answered.
    const current = getConnection(ctx.db, connection.id);
    updateConnectionRow(ctx.db, connection.id, {
      settings: { ...current.settings, taxCodeMap: setup.taxCodeMap },
    });
    resumeWaiting(ctx.db, connection.id); // documents waiting for a tax code mapping may go now
  })();
  for (const result of setup.results) {
    if (result.outcome === 'mapped') continue;
    ctx.log({
      companyId: connection.companyId,
      connectionId: connection.id,
      action: 'create_reference',
      result: result.outcome === 'failed' ? 'failure' : 'success',
      message: result.message,
      detail: result.taxCodeId ? `tax rate ${result.taxRateId} → tax code ${result.taxCodeId}` : null,
    });
  }
  if (setup.results.some((r) => r.outcome === 'created')) {
    // The new codes and rates show in the pickers; a failed re-read is logged by importLists and changes nothing.
    await importLists(ctx, connection.id, ['tax_code', 'tax_rate']).catch(() => undefined);
  }
  ctx.emit({ type: 'connection', connectionId: connection.id });
  ctx.kickSync();
  return { results: setup.results, connection: getConnection(ctx.db, connection.id) };
}

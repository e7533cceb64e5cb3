// The handlers of preload/contracts/accounting.ts: list imports, supplier sync, tax codes and payments, the same
// for every accounting system. The input is already checked against the contract; the work is main/accounting's.
import type { accountingContract } from '../../preload/contracts/accounting.js';
import {
  createExternalSupplier,
  createExternalTaxCodes,
  importLists,
  importPayments,
  syncSuppliers,
} from '../accounting/index.js';
import type { AreaHandlers } from './context.js';

export const accountingHandlers: AreaHandlers<typeof accountingContract> = {
  'lists.import': ({ connectionId, kinds, pageSize }, ctx) =>
    importLists(ctx, connectionId, kinds, pageSize ? { pageSize } : {}),
  'suppliers.sync': ({ connectionId, importUnmatched }, ctx) =>
    syncSuppliers(ctx, connectionId, importUnmatched),
  'suppliers.createExternal': ({ connectionId, supplierId }, ctx) =>
    createExternalSupplier(ctx, connectionId, supplierId),
  'taxRates.createExternal': ({ connectionId, taxRateIds }, ctx) =>
    createExternalTaxCodes(ctx, connectionId, taxRateIds),
  'payments.import': ({ connectionId, from, to }, ctx) => importPayments(ctx, connectionId, { from, to }),
  'payments.sync': ({ connectionId }, ctx) => importPayments(ctx, connectionId, null),
};

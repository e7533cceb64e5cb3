// The handlers of preload/contracts/coding.ts: a supplier's defaults for new document lines. Each id is checked
// against the supplier's company and the kind it stands for, so a default can never point at another company's
// list or at a class where an account belongs.
import type { codingContract } from '../../preload/contracts/coding.js';
import { findListEntries, listTaxRates } from '../db/repos/reference-lists.js';
import { getSupplierCodingDefaults, setSupplierCodingDefaults } from '../db/repos/supplier-defaults.js';
import { getSupplier } from '../db/repos/suppliers.js';
import { validationFailed, type FieldProblem } from '../domain/errors.js';
import type { AreaHandlers } from './context.js';

const KINDS = [
  ['itemId', 'item', 'item'],
  ['accountId', 'account', 'account'],
  ['classId', 'class', 'class'],
  ['locationId', 'location', 'location'],
] as const;

export const codingHandlers: AreaHandlers<typeof codingContract> = {
  'suppliers.codingDefaults': ({ supplierId }, ctx) => {
    getSupplier(ctx.db, supplierId);
    return getSupplierCodingDefaults(ctx.db, supplierId);
  },
  'suppliers.setCodingDefaults': (input, ctx) => {
    const supplier = getSupplier(ctx.db, input.supplierId);
    const ids = KINDS.map(([key]) => input[key]).filter((v): v is string => !!v);
    const entries = findListEntries(ctx.db, supplier.companyId, ids);
    const problems: FieldProblem[] = [];
    for (const [key, kind, noun] of KINDS) {
      const id = input[key];
      // Xero tracking options stand in for a class (see api/documents.ts).
      const entry = id ? entries.get(id) : undefined;
      const fits = entry?.kind === kind || (key === 'classId' && entry?.kind === 'tracking_option');
      if (id && !fits) {
        problems.push({
          field: key,
          message: `The default ${noun} chosen does not exist. Choose another ${noun} or refresh the lists.`,
        });
      }
    }
    if (input.taxRateId && !listTaxRates(ctx.db, supplier.companyId).some((r) => r.id === input.taxRateId)) {
      problems.push({
        field: 'taxRateId',
        message: 'The default tax rate chosen does not exist. Choose another.',
      });
    }
    if (problems.length > 0) throw validationFailed(problems);
    const defaults = {
      supplierId: supplier.id,
      itemId: input.itemId ?? null,
      accountId: input.accountId ?? null,
      classId: input.classId ?? null,
      locationId: input.locationId ?? null,
      taxRateId: input.taxRateId ?? null,
    };
    setSupplierCodingDefaults(ctx.db, defaults, 'bookkeeper');
    return { ...defaults, setBy: 'bookkeeper' as const };
  },
};

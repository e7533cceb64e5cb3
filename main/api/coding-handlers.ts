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
    const tracking = input.trackingOptionIds ?? [];
    const ids = [...KINDS.map(([key]) => input[key]), ...tracking].filter((v): v is string => !!v);
    const entries = findListEntries(ctx.db, supplier.companyId, ids);
    const problems: FieldProblem[] = [];
    // A Xero tracking option sent as the class (as lines carry it) is one of the tracking defaults.
    const classAsTracking = input.classId && entries.get(input.classId)?.kind === 'tracking_option';
    const trackingOptionIds = classAsTracking ? [...tracking, input.classId!] : tracking;
    for (const [key, kind, noun] of KINDS) {
      const id = key === 'classId' && classAsTracking ? null : input[key];
      if (id && entries.get(id)?.kind !== kind) {
        problems.push({
          field: key,
          message: `The default ${noun} chosen does not exist. Choose another ${noun} or refresh the lists.`,
        });
      }
    }
    const categories = new Set<string>();
    for (const id of trackingOptionIds) {
      const option = entries.get(id);
      if (option?.kind !== 'tracking_option' || !option.parentId) {
        problems.push({
          field: 'trackingOptionIds',
          message:
            'A default tracking option chosen does not exist. Choose another or import the lists again.',
        });
      } else if (categories.has(option.parentId)) {
        problems.push({
          field: 'trackingOptionIds',
          message: 'Choose one default option per tracking category: two were chosen in the same category.',
        });
      } else categories.add(option.parentId);
    }
    if (trackingOptionIds.length > 2) {
      problems.push({
        field: 'trackingOptionIds',
        message: 'Xero allows at most two tracking categories on a line: choose at most two options.',
      });
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
      classId: classAsTracking ? null : (input.classId ?? null),
      locationId: input.locationId ?? null,
      taxRateId: input.taxRateId ?? null,
      trackingOptionIds,
    };
    setSupplierCodingDefaults(ctx.db, defaults, 'bookkeeper');
    return { ...defaults, setBy: 'bookkeeper' as const };
  },
};

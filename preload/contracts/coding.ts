// Coding documents to the books: a supplier's defaults for new lines (an item or an account, a class, a location,
// a tax rate, Xero tracking options), which the document editor starts new lines and documents from that supplier
// with.
import { z } from 'zod';
import { Id, type MethodShape } from '../schemas.js';

export const SupplierCodingDefaults = z.object({
  supplierId: Id,
  itemId: Id.nullable(),
  accountId: Id.nullable(),
  classId: Id.nullable(),
  locationId: Id.nullable(),
  taxRateId: Id.nullable(),
  /**
   * Xero: the default option of each tracking category, at most two (one per category, as Xero allows two on a
   * line). A new line puts each in its own category's picker.
   */
  trackingOptionIds: z.array(Id).max(2),
  /**
   * Who set them: the bookkeeper (on the supplier's page), the accounting system's own default for the supplier
   * (import: QuickBooks Online's vendor prefill account, Xero's contact purchase account and tracking), or nobody.
   */
  setBy: z.enum(['bookkeeper', 'import']).nullable(),
});

export const SupplierCodingDefaultsInput = z
  .object({
    supplierId: Id,
    itemId: Id.nullish(),
    accountId: Id.nullish(),
    classId: Id.nullish(),
    locationId: Id.nullish(),
    taxRateId: Id.nullish(),
    /** Absent or empty: none. A tracking option sent as classId counts as one of these. */
    trackingOptionIds: z
      .array(Id)
      .max(2, 'Xero allows at most two tracking categories on a line: choose at most two options.')
      .nullish(),
  })
  .refine((v) => !(v.itemId && v.accountId), {
    message: 'A line goes as an item or to an account, not both: choose one of them.',
    path: ['accountId'],
  });

export const codingContract = {
  /** The supplier's defaults for new lines (all null when it has none). */
  'suppliers.codingDefaults': { input: z.object({ supplierId: Id }), output: SupplierCodingDefaults },
  /** Replaces the supplier's defaults; each id must be an entry of the supplier's company of the right kind. */
  'suppliers.setCodingDefaults': { input: SupplierCodingDefaultsInput, output: SupplierCodingDefaults },
} as const satisfies Record<string, MethodShape>;

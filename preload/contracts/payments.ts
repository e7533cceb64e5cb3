// The Payments page's list: the payments brought back from the accounting systems, each with the document it paid.
// (Bringing them back is payments.import / payments.sync in accounting.ts.)
import { z } from 'zod';
import {
  CurrencyCode,
  DocumentType,
  Id,
  IsoDate,
  listOf,
  MoneyString,
  Paging,
  PaymentKind,
  SystemName,
  Timestamp,
  type MethodShape,
} from '../schemas.js';

export const PaymentListItem = z.object({
  id: Id,
  connectionId: Id,
  connectionName: z.string(),
  system: SystemName,
  /** The payment's id in the accounting system (with its record type where the system has several). */
  externalId: z.string(),
  kind: PaymentKind,
  date: IsoDate,
  amount: MoneyString,
  currency: CurrencyCode,
  /** canceled: voided or deleted in the accounting system. */
  status: z.enum(['active', 'canceled']),
  documentId: Id,
  documentNumber: z.string(),
  documentType: DocumentType,
  supplierName: z.string(),
  updatedAt: Timestamp,
});

export const paymentsContract = {
  'payments.list': {
    input: z
      .object({
        companyId: Id,
        system: SystemName.optional(),
        connectionId: Id.optional(),
        from: IsoDate.optional(),
        to: IsoDate.optional(),
        status: z.enum(['active', 'canceled']).optional(),
        kind: PaymentKind.optional(),
        ...Paging,
      })
      .refine((v) => !v.from || !v.to || v.from <= v.to, {
        message: 'from must be on or before to',
        path: ['to'],
      }),
    output: listOf(PaymentListItem),
  },
} as const satisfies Record<string, MethodShape>;

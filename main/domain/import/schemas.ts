// zod schemas for JSON imports. They mirror preload/contract.ts (DocumentInput, SupplierInput; domain/ may not
// import it) with two differences: no companyId (records go into the company being imported into), and list
// references may be given by name (supplierName, itemName, ..., linkedDocumentNumber) instead of id. Objects are
// strict so that a misspelt field is reported instead of silently dropped. A unit test keeps the mirror honest.
import { z } from 'zod';
import type { ImportProblem } from './types';

const DECIMAL = /^-?\d+(\.\d+)?$/;
const NUMBER_MESSAGE =
  'must be a number written as text with digits and an optional decimal point, e.g. "1234.50"';

const Decimal = z
  .string({ error: numberTypeError })
  .trim()
  .regex(DECIMAL, { message: NUMBER_MESSAGE, abort: true });
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, {
    message: 'must be a date written as YYYY-MM-DD, e.g. "2024-01-31"',
    abort: true,
  })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'is not a real calendar date');
const Currency = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as "USD"'));
const Id = z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters');
const Name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const Percent = Decimal.refine(
  (p) => Number(p) >= 0 && Number(p) <= 100,
  'must be a percentage between 0 and 100',
);
const Discount = z.union(
  [
    z.strictObject({ percent: Percent }),
    z.strictObject({ amount: Decimal.refine((a) => !a.startsWith('-'), 'must not be negative') }),
  ],
  { error: 'must be either {"percent": "5"} or {"amount": "10.00"}' },
);

export const DocumentTypeSchema = z.enum(['purchase_order', 'service_order', 'invoice', 'receipt'], {
  error: 'must be one of "purchase_order", "service_order", "invoice", "receipt"',
});

const refPair = <A extends string, B extends string>(value: Record<string, unknown>, id: A, name: B) =>
  value[id] != null && value[name] != null;

export const ImportLineSchema = z
  .strictObject({
    description: z.string().trim().max(4000, 'must be at most 4000 characters').default(''),
    quantity: Decimal,
    unitPrice: Decimal,
    discount: Discount.nullish(),
    itemId: Id.nullish(),
    itemName: Name.nullish(),
    accountId: Id.nullish(),
    accountName: Name.nullish(),
    taxRateId: Id.nullish(),
    taxRateName: Name.nullish(),
    customerId: Id.nullish(),
    customerName: Name.nullish(),
    classId: Id.nullish(),
    className: Name.nullish(),
    locationId: Id.nullish(),
    locationName: Name.nullish(),
    departmentId: Id.nullish(),
    departmentName: Name.nullish(),
  })
  .superRefine((line, ctx) => {
    for (const ref of ['item', 'account', 'taxRate', 'customer', 'class', 'location', 'department']) {
      if (refPair(line, `${ref}Id`, `${ref}Name`)) {
        ctx.addIssue({
          code: 'custom',
          path: [`${ref}Name`],
          message: `give either ${ref}Id or ${ref}Name, not both`,
        });
      }
    }
  });

export const ImportDocumentSchema = z
  .strictObject({
    type: DocumentTypeSchema,
    number: z.string().trim().min(1, 'must not be empty').max(50, 'must be at most 50 characters').nullish(),
    supplierId: Id.nullish(),
    supplierName: Name.nullish(),
    date: IsoDate,
    dueDate: IsoDate.nullish(),
    currency: Currency.nullish(),
    supplierInvoiceNumber: z.string().trim().max(50, 'must be at most 50 characters').nullish(),
    memo: z.string().max(4000, 'must be at most 4000 characters').nullish(),
    discount: Discount.nullish(),
    fields: z.record(z.string().min(1).max(50), Id.nullable()).optional(),
    linkedDocumentId: Id.nullish(),
    linkedDocumentNumber: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(50, 'must be at most 50 characters')
      .nullish(),
    lines: z.array(ImportLineSchema).max(1000, 'must have at most 1000 lines'),
  })
  .superRefine((doc, ctx) => {
    if (doc.supplierId == null && doc.supplierName == null) {
      ctx.addIssue({ code: 'custom', path: ['supplierName'], message: 'is required (or give supplierId)' });
    }
    if (refPair(doc, 'supplierId', 'supplierName')) {
      ctx.addIssue({
        code: 'custom',
        path: ['supplierName'],
        message: 'give either supplierId or supplierName, not both',
      });
    }
    if (refPair(doc, 'linkedDocumentId', 'linkedDocumentNumber')) {
      ctx.addIssue({
        code: 'custom',
        path: ['linkedDocumentNumber'],
        message: 'give either linkedDocumentId or linkedDocumentNumber, not both',
      });
    }
    if (
      (doc.linkedDocumentId != null || doc.linkedDocumentNumber != null) &&
      (doc.type === 'purchase_order' || doc.type === 'service_order')
    ) {
      ctx.addIssue({
        code: 'custom',
        path: [doc.linkedDocumentId != null ? 'linkedDocumentId' : 'linkedDocumentNumber'],
        message: 'is allowed only on invoices and receipts, which link to the order they belong to',
      });
    }
    if (doc.dueDate != null && doc.dueDate < doc.date) {
      ctx.addIssue({ code: 'custom', path: ['dueDate'], message: `is before the document date ${doc.date}` });
    }
  });
export type ImportDocumentJson = z.output<typeof ImportDocumentSchema>;

const optionalText = (max: number) =>
  z.string().trim().max(max, `must be at most ${max} characters`).nullish();
export const ImportSupplierSchema = z.strictObject({
  name: Name,
  email: optionalText(200),
  phone: optionalText(50),
  address: optionalText(500),
  city: optionalText(100),
  state: optionalText(100),
  postalCode: optionalText(30),
  country: optionalText(100),
  accountNumber: optionalText(100),
  taxId: optionalText(50),
  currency: Currency.nullish(),
});
export type ImportSupplierJson = z.output<typeof ImportSupplierSchema>;

function numberTypeError(issue: { input?: unknown }): string | undefined {
  if (typeof issue.input === 'number') {
    return `${NUMBER_MESSAGE}: put it in quotes ("${String(issue.input)}") so that no digits are lost`;
  }
  return undefined;
}

const NOUNS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  array: 'a list [...]',
  object: 'an object {...}',
};

/**
 * Turns zod issues into import problems: column is the field path (`lines.2.quantity`, with 0-based indexes as
 * everywhere in the API), the message names the field and says what is expected.
 */
export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  row: number | null,
  knownFields: (path: readonly PropertyKey[]) => string[],
  prefix: readonly PropertyKey[] = [],
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const column = [...path, key].join('.');
        const message =
          key === 'companyId' && path.length === 0
            ? 'companyId is not allowed here: records are imported into the company you are importing into.'
            : `${key} is not a field Ledgerbridge knows. Known fields here: ${knownFields(issue.path).join(', ')}.`;
        problems.push({ row, column, message });
      }
      continue;
    }
    const field = [...path].reverse().find((p) => typeof p === 'string') ?? 'the record';
    let text = issue.message;
    if (issue.code === 'invalid_type') {
      if (issue.input === undefined) text = 'is required';
      else if (!text.startsWith('must')) text = `must be ${NOUNS[issue.expected] ?? issue.expected}`;
    }
    problems.push({
      row,
      column: path.length > 0 ? path.join('.') : null,
      message: `${String(field)} ${text}.`,
    });
  }
  return problems;
}

/** The keys of the strict object at a path of a document record, for "known fields" messages. */
export function documentFieldsAt(path: readonly PropertyKey[]): string[] {
  if (path.at(-1) === 'discount') return ['percent', 'amount'];
  if (path[0] === 'lines') return Object.keys(ImportLineSchema.shape);
  return Object.keys(ImportDocumentSchema.shape);
}

export function supplierFieldsAt(): string[] {
  return Object.keys(ImportSupplierSchema.shape);
}

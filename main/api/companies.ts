import { insertCompany, listCompanies } from '../db/repos/companies.js';
import { getSupplier, insertSupplier, listSuppliers, updateSupplier } from '../db/repos/suppliers.js';
import {
  insertListEntry,
  insertTaxRate,
  listListEntries,
  listTaxRates,
} from '../db/repos/reference-lists.js';
import { getCompany } from '../db/repos/companies.js';
import { AppError } from '../domain/errors.js';
import type { Handlers } from './context.js';

/** Companies, suppliers, tax rates and our own list entries: plain records with no lifecycle. */
export const recordHandlers = {
  'companies.create': (input, ctx) => insertCompany(ctx.db, input),
  'companies.list': (_input, ctx) => listCompanies(ctx.db),
  'suppliers.create': ({ companyId, ...fields }, ctx) => {
    getCompany(ctx.db, companyId);
    return insertSupplier(ctx.db, companyId, fields);
  },
  'suppliers.update': ({ id, ...fields }, ctx) => updateSupplier(ctx.db, id, fields),
  'suppliers.get': ({ id }, ctx) => getSupplier(ctx.db, id),
  'suppliers.list': (input, ctx) => listSuppliers(ctx.db, input),
  'taxRates.create': (input, ctx) => {
    getCompany(ctx.db, input.companyId);
    return insertTaxRate(ctx.db, input);
  },
  'taxRates.list': ({ companyId }, ctx) => listTaxRates(ctx.db, companyId),
  'lists.create': (input, ctx) => {
    getCompany(ctx.db, input.companyId);
    if (input.parentId) {
      const parent = listListEntries(ctx.db, { companyId: input.companyId, kind: input.kind }).find(
        (e) => e.id === input.parentId,
      );
      if (!parent)
        throw new AppError(
          'invalid_input',
          `The parent ${input.kind} does not exist in this company. Choose another parent.`,
        );
    }
    return insertListEntry(ctx.db, input);
  },
  'lists.list': (input, ctx) => listListEntries(ctx.db, input),
} satisfies Partial<Handlers>;

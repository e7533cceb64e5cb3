// The handlers of preload/contracts/company.ts: the Company page reads and saves the company's name and its own
// identity (the names, addresses, tax ids, IBANs, domains and site that invoice capture never takes for the
// supplier's).
import type { companyContract } from '../../preload/contracts/company.js';
import type { MethodOutput } from '../../preload/contract.js';
import { getCompanyIdentity, saveCompanyIdentity } from '../db/repos/company-identity.js';
import { getCompany, renameCompany } from '../db/repos/companies.js';
import { checkCompanyIdentity, type CompanyIdentity } from '../domain/company-identity.js';
import { validationFailed } from '../domain/errors.js';
import type { ApiContext, AreaHandlers } from './context.js';

function companyDetails(ctx: ApiContext, id: string): MethodOutput<'companies.get'> {
  const company = getCompany(ctx.db, id);
  return { ...company, identity: getCompanyIdentity(ctx.db, company.id) };
}

export const companyHandlers: AreaHandlers<typeof companyContract> = {
  'companies.get': ({ id }, ctx) => companyDetails(ctx, id),
  'companies.update': ({ id, name, identity }, ctx) => {
    getCompany(ctx.db, id);
    // Every problem of the identity at once, on the input's own paths ("identity.ibans.1"), before anything is
    // written.
    let checked: CompanyIdentity | null = null;
    if (identity) {
      const { identity: normal, problems } = checkCompanyIdentity(identity);
      if (problems.length > 0) {
        throw validationFailed(problems.map((p) => ({ ...p, field: `identity.${p.field}` })));
      }
      checked = normal;
    }
    ctx.db.transaction(() => {
      if (name !== undefined) renameCompany(ctx.db, id, name);
      if (checked) saveCompanyIdentity(ctx.db, id, checked);
    })();
    return companyDetails(ctx, id);
  },
};

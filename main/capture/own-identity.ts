// The company's own identity as capture reads it (domain/capture/own-identity.ts): its name, legal and trading
// names, the street lines of its addresses, tax ids, IBANs, mail domains and website, from the Company page.
import type { Database } from 'better-sqlite3';
import { getCompany } from '../db/repos/companies.js';
import { getCompanyIdentity } from '../db/repos/company-identity.js';
import type { OwnIdentity } from '../domain/capture/own-identity.js';

export function companyOwnIdentity(db: Database, companyId: string): OwnIdentity {
  const company = getCompany(db, companyId);
  const identity = getCompanyIdentity(db, companyId);
  return {
    names: [company.name, ...(identity.legalName ? [identity.legalName] : []), ...identity.tradingNames],
    taxIds: identity.taxIds,
    ibans: identity.ibans,
    domains: [...identity.emailDomains, ...(identity.website ? [identity.website] : [])],
    streets: identity.addresses.flatMap((a) => a.lines),
  };
}

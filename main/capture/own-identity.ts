// The company as capture reads it: its own identity (domain/capture/own-identity.ts) — its name, legal and trading
// names, the street lines of its addresses, tax ids, IBANs, mail domains and website — and its country, from the
// Company page.
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

/**
 * The company's country (ISO 3166-1 alpha-2), from the first of its addresses that has one (the first is the main
 * one), or null before the bookkeeper has chosen it: capture reads dates nothing else decides the way it does.
 */
export function companyCountryOf(db: Database, companyId: string): string | null {
  return getCompanyIdentity(db, companyId).addresses.find((a) => a.country)?.country ?? null;
}

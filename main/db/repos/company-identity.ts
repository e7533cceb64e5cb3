// The company's own identity (migration 0041): read whole, and replaced whole when the bookkeeper saves it. What
// is stored here was normalised and checked by domain/company-identity.ts.
import type { Database } from 'better-sqlite3';
import { type CompanyIdentity, EMPTY_IDENTITY } from '../../domain/company-identity.js';

type IdentifierKind = 'trading_name' | 'tax_id' | 'iban' | 'email_domain';

const LISTS: readonly {
  kind: IdentifierKind;
  field: 'tradingNames' | 'taxIds' | 'ibans' | 'emailDomains';
}[] = [
  { kind: 'trading_name', field: 'tradingNames' },
  { kind: 'tax_id', field: 'taxIds' },
  { kind: 'iban', field: 'ibans' },
  { kind: 'email_domain', field: 'emailDomains' },
];

interface AddressRow {
  lines: string;
  postal_code: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
}

export function getCompanyIdentity(db: Database, companyId: string): CompanyIdentity {
  const company = db
    .prepare<[string], { legal_name: string | null; website: string | null }>(
      'SELECT legal_name, website FROM companies WHERE id = ?',
    )
    .get(companyId);
  if (!company) return EMPTY_IDENTITY;
  const identity: CompanyIdentity = {
    ...EMPTY_IDENTITY,
    legalName: company.legal_name,
    website: company.website,
    addresses: db
      .prepare<[string], AddressRow>(
        `SELECT lines, postal_code, city, region, country FROM company_addresses
         WHERE company_id = ? ORDER BY position`,
      )
      .all(companyId)
      .map((r) => ({
        lines: r.lines.split('\n').filter((l) => l.length > 0),
        postalCode: r.postal_code,
        city: r.city,
        region: r.region,
        country: r.country,
      })),
    tradingNames: [],
    taxIds: [],
    ibans: [],
    emailDomains: [],
  };
  const rows = db
    .prepare<[string], { kind: IdentifierKind; value: string }>(
      'SELECT kind, value FROM company_identifiers WHERE company_id = ? ORDER BY kind, position',
    )
    .all(companyId);
  for (const { kind, field } of LISTS) {
    identity[field] = rows.filter((r) => r.kind === kind).map((r) => r.value);
  }
  return identity;
}

/** Replaces the company's identity with `identity`, in one transaction. */
export function saveCompanyIdentity(db: Database, companyId: string, identity: CompanyIdentity): void {
  db.transaction(() => {
    db.prepare('UPDATE companies SET legal_name = ?, website = ? WHERE id = ?').run(
      identity.legalName,
      identity.website,
      companyId,
    );
    db.prepare('DELETE FROM company_addresses WHERE company_id = ?').run(companyId);
    const address = db.prepare(
      `INSERT INTO company_addresses (company_id, position, lines, postal_code, city, region, country)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    identity.addresses.forEach((a, i) =>
      address.run(companyId, i, a.lines.join('\n'), a.postalCode, a.city, a.region, a.country),
    );
    db.prepare('DELETE FROM company_identifiers WHERE company_id = ?').run(companyId);
    const identifier = db.prepare(
      'INSERT INTO company_identifiers (company_id, kind, position, value) VALUES (?, ?, ?, ?)',
    );
    for (const { kind, field } of LISTS) {
      identity[field].forEach((value, i) => identifier.run(companyId, kind, i, value));
    }
  })();
}

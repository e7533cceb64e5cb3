// The company's own details (Company page): its name and its identity — legal and trading names, postal addresses,
// tax ids, IBANs, mail domains, website. Invoice capture never proposes any of them as the supplier's, and reads
// numeric dates the invoice does not decide the way the company's country does. The shapes are checked here (a
// country is an ISO 3166 code from the picker's list); what makes a tax id, an IBAN or a domain right (checksums,
// formats, normal forms) is main/domain/company-identity.ts, which answers with a problem on each field.
import { z } from 'zod';
import { CountryCode } from '../countries.js';
import { Company, Id, type MethodShape } from '../schemas.js';

const Line = z.string().trim().max(200);
const Many = (max: number, item: z.ZodString = Line) =>
  z.array(item).max(max, `holds at most ${max} entries`);

export const CompanyAddress = z.object({
  lines: z.array(z.string()),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  /** ISO 3166-1 alpha-2 ("IE"). The first address's is the company's country, which capture reads dates by. */
  country: z.string().nullable(),
});

export const CompanyIdentity = z.object({
  legalName: z.string().nullable(),
  tradingNames: z.array(z.string()),
  addresses: z.array(CompanyAddress),
  /** Upper case, letters and digits only ("DE123456789"). */
  taxIds: z.array(z.string()),
  /** Upper case, no spaces. */
  ibans: z.array(z.string()),
  /** Lower case ("northwind.example"). */
  emailDomains: z.array(z.string()),
  /** The host, lower case, without "www.". */
  website: z.string().nullable(),
});

/** As typed: blanks are left out and values normalised when saved. */
export const CompanyIdentityInput = z.object({
  legalName: Line.nullish(),
  tradingNames: Many(20).default([]),
  addresses: z
    .array(
      z.object({
        lines: Many(6).default([]),
        postalCode: z.string().trim().max(20).nullish(),
        city: z.string().trim().max(100).nullish(),
        region: z.string().trim().max(100).nullish(),
        country: CountryCode.nullish(),
      }),
    )
    .max(10, 'holds at most 10 addresses')
    .default([]),
  taxIds: Many(10, z.string().trim().max(40)).default([]),
  ibans: Many(10, z.string().trim().max(50)).default([]),
  emailDomains: Many(10, z.string().trim().max(253)).default([]),
  website: z.string().trim().max(300).nullish(),
});

export const CompanyDetails = Company.extend({ identity: CompanyIdentity });

export const companyContract = {
  'companies.get': { input: z.object({ id: Id }), output: CompanyDetails },
  /** Renames the company and/or replaces its identity (given whole). */
  'companies.update': {
    input: z.object({
      id: Id,
      name: z.string().trim().min(1, 'is required').max(200).optional(),
      identity: CompanyIdentityInput.optional(),
    }),
    output: CompanyDetails,
  },
} as const satisfies Record<string, MethodShape>;

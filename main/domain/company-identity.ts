// The company's own identity: the names it trades under, its addresses, tax ids, bank accounts (IBANs), mail
// domains and website. Invoice capture reads them as the customer's, never as the supplier's (issue 17). They are
// stored normalised — tax ids and IBANs upper case without spaces or punctuation, domains lower case — because
// that is how they are compared with what an invoice prints, however the invoice spaces or dots them. Every
// problem is reported at once, on its field, saying how to fix it.
import type { FieldProblem } from './errors.js';
import { groupedIban, IBAN_LENGTHS, ibanValid, normaliseIban } from './iban.js';

export interface CompanyAddress {
  /** Street, number, building, PO box: one entry a printed line. */
  lines: string[];
  postalCode: string | null;
  city: string | null;
  /** State, province or county, where the country uses one in addresses. */
  region: string | null;
  /** ISO 3166-1 alpha-2 ("IE"), checked by the contract. */
  country: string | null;
}

export interface CompanyIdentity {
  /** The registered name, when it is not the name the company is kept under here ("Northwind Facilities Ltd"). */
  legalName: string | null;
  /** Other names the company trades or is billed under. */
  tradingNames: string[];
  addresses: CompanyAddress[];
  /** VAT, GST, EIN, SIREN, …: upper case, letters and digits only ("DE123456789"). */
  taxIds: string[];
  /** Upper case without spaces ("DE89370400440532013000"). */
  ibans: string[];
  /** The part after the @ of the company's e-mail addresses, lower case ("northwind.example"). */
  emailDomains: string[];
  /** The site's host, lower case, without "www." ("northwind.example"). */
  website: string | null;
}

export const EMPTY_IDENTITY: CompanyIdentity = {
  legalName: null,
  tradingNames: [],
  addresses: [],
  taxIds: [],
  ibans: [],
  emailDomains: [],
  website: null,
};

/** What the bookkeeper typed: any spacing, blanks included (left out). */
export interface CompanyIdentityDraft {
  legalName?: string | null | undefined;
  tradingNames?: readonly string[] | undefined;
  addresses?:
    | readonly {
        lines?: readonly string[] | undefined;
        postalCode?: string | null | undefined;
        city?: string | null | undefined;
        region?: string | null | undefined;
        country?: string | null | undefined;
      }[]
    | undefined;
  taxIds?: readonly string[] | undefined;
  ibans?: readonly string[] | undefined;
  emailDomains?: readonly string[] | undefined;
  website?: string | null | undefined;
}

/** Letters and digits only, upper case: "de 123.456.789" → "DE123456789", "12-3456789" → "123456789". */
export function normaliseTaxId(text: string): string {
  return text.replace(/[\s.\-/]/g, '').toUpperCase();
}

const region = new Intl.DisplayNames(['en'], { type: 'region' });
/** "Germany" for DE; the code itself where Intl does not know it. */
function countryName(code: string): string {
  try {
    return region.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * VAT numbers of the EU (and the UK, Switzerland, Norway) by their country prefix: the digits that follow (the
 * European Commission's VIES formats). Only checked when a digit follows the prefix, so another country's tax id
 * that happens to start with the same two letters is not judged by them.
 */
const VAT_FORMATS: Readonly<Record<string, { pattern: RegExp; shape: string }>> = {
  AT: { pattern: /^U\d{8}$/, shape: 'U followed by 8 digits' },
  BE: { pattern: /^[01]\d{9}$/, shape: '10 digits starting with 0 or 1' },
  BG: { pattern: /^\d{9,10}$/, shape: '9 or 10 digits' },
  CY: { pattern: /^\d{8}[A-Z]$/, shape: '8 digits and a letter' },
  CZ: { pattern: /^\d{8,10}$/, shape: '8 to 10 digits' },
  DE: { pattern: /^\d{9}$/, shape: '9 digits' },
  DK: { pattern: /^\d{8}$/, shape: '8 digits' },
  EE: { pattern: /^\d{9}$/, shape: '9 digits' },
  EL: { pattern: /^\d{9}$/, shape: '9 digits' },
  ES: { pattern: /^[A-Z0-9]\d{7}[A-Z0-9]$/, shape: '9 characters' },
  FI: { pattern: /^\d{8}$/, shape: '8 digits' },
  FR: { pattern: /^[A-Z0-9]{2}\d{9}$/, shape: 'a 2-character key and the 9-digit SIREN' },
  HR: { pattern: /^\d{11}$/, shape: '11 digits' },
  HU: { pattern: /^\d{8}$/, shape: '8 digits' },
  IE: { pattern: /^\d[A-Z0-9+*]\d{5}[A-Z]{1,2}$/, shape: '8 or 9 characters' },
  IT: { pattern: /^\d{11}$/, shape: '11 digits' },
  LT: { pattern: /^(?:\d{9}|\d{12})$/, shape: '9 or 12 digits' },
  LU: { pattern: /^\d{8}$/, shape: '8 digits' },
  LV: { pattern: /^\d{11}$/, shape: '11 digits' },
  MT: { pattern: /^\d{8}$/, shape: '8 digits' },
  NL: { pattern: /^\d{9}B\d{2}$/, shape: '9 digits, the letter B and 2 digits' },
  PL: { pattern: /^\d{10}$/, shape: '10 digits' },
  PT: { pattern: /^\d{9}$/, shape: '9 digits' },
  RO: { pattern: /^\d{2,10}$/, shape: '2 to 10 digits' },
  SE: { pattern: /^\d{12}$/, shape: '12 digits' },
  SI: { pattern: /^\d{8}$/, shape: '8 digits' },
  SK: { pattern: /^\d{10}$/, shape: '10 digits' },
  GB: { pattern: /^(?:\d{9}|\d{12})$/, shape: '9 or 12 digits' },
  XI: { pattern: /^(?:\d{9}|\d{12})$/, shape: '9 or 12 digits' },
  CH: { pattern: /^E\d{9}(?:MWST|TVA|IVA)?$/, shape: 'E and 9 digits (CHE-123.456.789)' },
  NO: { pattern: /^\d{9}(?:MVA)?$/, shape: '9 digits' },
};
const VAT_COUNTRY: Readonly<Record<string, string>> = { EL: 'GR', XI: 'GB' };

/** Why a tax id cannot be the company's, or null. `typed` is what the bookkeeper wrote. */
export function taxIdProblem(typed: string): string | null {
  const id = normaliseTaxId(typed);
  if (/[^A-Z0-9]/.test(id)) {
    return `“${typed.trim()}” holds characters a tax id does not have: write only its letters and digits (spaces, dots, dashes and slashes are allowed).`;
  }
  const digits = (id.match(/\d/g) ?? []).length;
  if (id.length < 5 || id.length > 20 || digits < 4) {
    return `“${typed.trim()}” is not a tax id: write the company's VAT, GST, EIN or other tax number as it is printed on its registration, e.g. DE123456789 or 12-3456789.`;
  }
  const prefix = id.slice(0, 2);
  const rest = id.slice(2);
  const format = VAT_FORMATS[prefix];
  if (
    format &&
    /^[A-Z]{2}$/.test(prefix) &&
    (/^\d/.test(rest) || (prefix === 'AT' && rest.startsWith('U')))
  ) {
    if (!format.pattern.test(rest)) {
      const country = countryName(VAT_COUNTRY[prefix] ?? prefix);
      const have = /^\d+$/.test(rest) ? `${rest.length} digits` : `${rest.length} characters`;
      return `A VAT number from ${country} is ${prefix} followed by ${format.shape}; ${id} has ${have} after ${prefix}. Check it against the company's VAT registration.`;
    }
  }
  return null;
}

/** Why an IBAN cannot be right, or null. */
export function ibanProblem(typed: string): string | null {
  const iban = normaliseIban(typed);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) {
    return `“${typed.trim()}” is not an IBAN: it starts with a two-letter country code and two check digits, e.g. DE89 3704 0044 0532 0130 00. Copy it from a bank statement.`;
  }
  const country = iban.slice(0, 2);
  const length = IBAN_LENGTHS[country];
  if (length !== undefined && iban.length !== length) {
    return `An IBAN from ${countryName(country)} has ${length} characters; ${groupedIban(iban)} has ${iban.length}. A character is missing or doubled: copy it again from a bank statement.`;
  }
  if (length === undefined && (iban.length < 15 || iban.length > 34)) {
    return `${groupedIban(iban)} has ${iban.length} characters; an IBAN has 15 to 34. Copy it again from a bank statement.`;
  }
  if (!ibanValid(iban)) {
    return `The check digits of ${groupedIban(iban)} do not match the rest: a character is mistyped or two are swapped. Copy the IBAN again from a bank statement.`;
  }
  return null;
}

const DOMAIN = /^(?=.{4,253}$)(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;

/** "Billing@Northwind.Example" or "@northwind.example" → "northwind.example". */
export function normaliseEmailDomain(text: string): string {
  const trimmed = text.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  return (at >= 0 ? trimmed.slice(at + 1) : trimmed).replace(/\.$/, '');
}

export function emailDomainProblem(typed: string): string | null {
  const domain = normaliseEmailDomain(typed);
  if (DOMAIN.test(domain)) return null;
  return `“${typed.trim()}” is not a mail domain: write what follows the @ in the company's e-mail addresses, e.g. northwind.com for accounts@northwind.com.`;
}

/** "https://www.Northwind.example/contact" → "northwind.example". */
export function normaliseWebsite(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
}

export function websiteProblem(typed: string): string | null {
  if (DOMAIN.test(normaliseWebsite(typed))) return null;
  return `“${typed.trim()}” is not a web address: write the company's site as a browser shows it, e.g. www.northwind.com.`;
}

const POSTCODE = /^[\p{L}\p{N}][\p{L}\p{N} -]{1,11}$/u;

function text(value: string | null | undefined): string | null {
  const t = value?.trim() ?? '';
  return t.length > 0 ? t : null;
}

/** The values of a list, each normalised, blanks and repeats left out; problems on `field.<index>`. */
function listOf(
  field: string,
  typed: readonly string[] | undefined,
  normalise: (s: string) => string,
  problem: (s: string) => string | null,
  problems: FieldProblem[],
): string[] {
  const out: string[] = [];
  (typed ?? []).forEach((value, i) => {
    if (!text(value)) return;
    const message = problem(value);
    if (message) problems.push({ field: `${field}.${i}`, message });
    else {
      const normal = normalise(value);
      if (!out.includes(normal)) out.push(normal);
    }
  });
  return out;
}

/** The identity as it will be stored, and every problem with what was typed. */
export function checkCompanyIdentity(draft: CompanyIdentityDraft): {
  identity: CompanyIdentity;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const tradingNames: string[] = [];
  for (const name of draft.tradingNames ?? []) {
    const t = text(name)?.replace(/\s+/g, ' ');
    if (t && !tradingNames.some((n) => n.toLowerCase() === t.toLowerCase())) tradingNames.push(t);
  }
  const addresses: CompanyAddress[] = [];
  (draft.addresses ?? []).forEach((a, i) => {
    const address: CompanyAddress = {
      lines: (a.lines ?? []).map((l) => text(l)?.replace(/\s+/g, ' ') ?? '').filter((l) => l.length > 0),
      postalCode: text(a.postalCode)?.toUpperCase().replace(/\s+/g, ' ') ?? null,
      city: text(a.city),
      region: text(a.region),
      country: text(a.country),
    };
    const blank =
      address.lines.length === 0 &&
      !address.postalCode &&
      !address.city &&
      !address.region &&
      !address.country;
    if (blank) return;
    // A country alone says where the company is, which capture reads dates by, without a postal address.
    const countryOnly = !address.lines.length && !address.postalCode && !address.city && !address.region;
    if (countryOnly) {
      addresses.push(address);
      return;
    }
    if (address.lines.length === 0) {
      problems.push({
        field: `addresses.${i}.lines`,
        message:
          'Write the street and number (or the PO box) as the company receives post, or remove this address.',
      });
    }
    if (!address.postalCode && !address.city) {
      problems.push({
        field: `addresses.${i}.city`,
        message:
          'Write the town or city (and the postcode where the country uses one), or remove this address.',
      });
    }
    if (address.postalCode && !POSTCODE.test(address.postalCode)) {
      problems.push({
        field: `addresses.${i}.postalCode`,
        message: `“${address.postalCode}” is not a postcode: write it as it is printed on letters, e.g. 10115, SW1A 1AA or 94107-1234.`,
      });
    }
    addresses.push(address);
  });
  const taxIds = listOf('taxIds', draft.taxIds, normaliseTaxId, taxIdProblem, problems);
  const ibans = listOf('ibans', draft.ibans, normaliseIban, ibanProblem, problems);
  const emailDomains = listOf(
    'emailDomains',
    draft.emailDomains,
    normaliseEmailDomain,
    emailDomainProblem,
    problems,
  );
  let website: string | null = null;
  const typedSite = text(draft.website);
  if (typedSite) {
    const message = websiteProblem(typedSite);
    if (message) problems.push({ field: 'website', message });
    else website = normaliseWebsite(typedSite);
  }
  return {
    identity: {
      legalName: text(draft.legalName)?.replace(/\s+/g, ' ') ?? null,
      tradingNames,
      addresses,
      taxIds,
      ibans,
      emailDomains,
      website,
    },
    problems,
  };
}

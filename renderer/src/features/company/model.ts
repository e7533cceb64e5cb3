// The Company page's form: the company as loaded, turned into what the inputs hold (text, one entry per input)
// and back into what companies.update takes; and the problems' field paths said in words for the summary.
import type { CompanyDetailsT, MethodInput } from '../../../../preload/contract';

export interface AddressDraft {
  /** Street lines, one per row of the text area. */
  lines: string;
  postalCode: string;
  city: string;
  region: string;
  country: string;
}

export interface CompanyDraft {
  name: string;
  legalName: string;
  tradingNames: string[];
  addresses: AddressDraft[];
  taxIds: string[];
  ibans: string[];
  emailDomains: string[];
  website: string;
}

export type ListKey = 'tradingNames' | 'taxIds' | 'ibans' | 'emailDomains';

export const EMPTY_ADDRESS: AddressDraft = { lines: '', postalCode: '', city: '', region: '', country: '' };

/** At least one input per list, so there is somewhere to type. */
const atLeastOne = (values: readonly string[]) => (values.length > 0 ? [...values] : ['']);

/** IBANs shown as banks print them, in groups of four. */
export const grouped = (iban: string) => iban.replace(/(.{4})(?=.)/g, '$1 ');

export function draftOf(company: CompanyDetailsT): CompanyDraft {
  const { identity } = company;
  return {
    name: company.name,
    legalName: identity.legalName ?? '',
    tradingNames: atLeastOne(identity.tradingNames),
    addresses: (identity.addresses.length > 0 ? identity.addresses : [null]).map((a) =>
      a
        ? {
            lines: a.lines.join('\n'),
            postalCode: a.postalCode ?? '',
            city: a.city ?? '',
            region: a.region ?? '',
            country: a.country ?? '',
          }
        : EMPTY_ADDRESS,
    ),
    taxIds: atLeastOne(identity.taxIds),
    ibans: atLeastOne(identity.ibans.map(grouped)),
    emailDomains: atLeastOne(identity.emailDomains),
    website: identity.website ?? '',
  };
}

/**
 * What companies.update takes. Blank entries stay in their place (the server leaves them out), so a problem's
 * index ("taxIds.1") is the input the bookkeeper sees.
 */
export function updateOf(id: string, draft: CompanyDraft): MethodInput<'companies.update'> {
  const orNull = (s: string) => (s.trim() ? s.trim() : null);
  return {
    id,
    name: draft.name.trim(),
    identity: {
      legalName: orNull(draft.legalName),
      tradingNames: draft.tradingNames,
      addresses: draft.addresses.map((a) => ({
        lines: a.lines.split('\n'),
        postalCode: orNull(a.postalCode),
        city: orNull(a.city),
        region: orNull(a.region),
        country: orNull(a.country),
      })),
      taxIds: draft.taxIds,
      ibans: draft.ibans,
      emailDomains: draft.emailDomains,
      website: orNull(draft.website),
    },
  };
}

const NAMES: Record<string, string> = {
  name: 'Name',
  legalName: 'Legal name',
  tradingNames: 'Other name',
  taxIds: 'Tax id',
  ibans: 'IBAN',
  emailDomains: 'E-mail domain',
  website: 'Website',
  addresses: 'Address',
  lines: 'street',
  postalCode: 'postcode',
  city: 'city',
  region: 'state or province',
  country: 'country',
};

/** "taxIds.1" → "Tax id 2"; "addresses.0.postalCode" → "Address 1, postcode"; "identity.website" → "Website". */
export function describeCompanyField(field: string): string {
  const parts = field.replace(/^identity\./, '').split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const next = parts[i + 1];
    const name = NAMES[part] ?? part;
    if (next !== undefined && /^\d+$/.test(next)) {
      out.push(`${name} ${Number(next) + 1}`);
      i++;
    } else out.push(name);
  }
  return out.join(', ') || 'Company';
}

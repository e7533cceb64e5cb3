// The company's own identity as the bookkeeper types it: normalised the way invoices are compared with it, and every
// mistake reported on its own field with what to do.
import { describe, expect, it } from 'vitest';
import {
  checkCompanyIdentity,
  emailDomainProblem,
  ibanProblem,
  normaliseEmailDomain,
  normaliseTaxId,
  normaliseWebsite,
  taxIdProblem,
} from '../../../main/domain/company-identity.js';
import { ibanValid, normaliseIban } from '../../../main/domain/iban.js';

describe('normal forms', () => {
  it('keeps only the letters and digits of a tax id, upper case', () => {
    expect(normaliseTaxId('de 123.456.789')).toBe('DE123456789');
    expect(normaliseTaxId('12-3456789')).toBe('123456789');
    expect(normaliseTaxId('CHE-123.456.789 MWST')).toBe('CHE123456789MWST');
    expect(normaliseTaxId('FR 40 303 265 045')).toBe('FR40303265045');
  });

  it('writes an IBAN without spaces, upper case', () => {
    expect(normaliseIban('de89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
    expect(ibanValid('DE89370400440532013000')).toBe(true);
  });

  it('takes the domain of an address or a site', () => {
    expect(normaliseEmailDomain('Accounts@Northwind.Example')).toBe('northwind.example');
    expect(normaliseEmailDomain('@northwind.example')).toBe('northwind.example');
    expect(normaliseWebsite('https://www.Northwind.example/contact?x=1')).toBe('northwind.example');
    expect(normaliseWebsite('northwind.co.uk')).toBe('northwind.co.uk');
  });
});

describe('what is refused, and how the message says to fix it', () => {
  it('an IBAN whose check digits do not hold, or of the wrong length for its country', () => {
    expect(ibanProblem('DE89 3704 0044 0532 0130 00')).toBeNull();
    expect(ibanProblem('GB29 NWBK 6016 1331 9268 19')).toBeNull();
    // One digit mistyped.
    expect(ibanProblem('DE89 3704 0044 0532 0130 01')).toMatch(
      /^The check digits of DE89 3704 0044 0532 0130 01 do not match the rest: .*Copy the IBAN again/,
    );
    // Two digits swapped.
    expect(ibanProblem('DE89 3704 0044 0532 0103 00')).toMatch(/two are swapped/);
    // A digit dropped: the country's length says so before the checksum.
    expect(ibanProblem('DE89 3704 0044 0532 0130 0')).toBe(
      'An IBAN from Germany has 22 characters; DE89 3704 0044 0532 0130 0 has 21. A character is missing or doubled: copy it again from a bank statement.',
    );
    expect(ibanProblem('12345678')).toMatch(/is not an IBAN: it starts with a two-letter country code/);
  });

  it('a VAT number of the wrong shape for its country, but not another country’s tax id', () => {
    expect(taxIdProblem('DE 123 456 789')).toBeNull();
    expect(taxIdProblem('NL 8571.32.654 B01')).toBeNull();
    expect(taxIdProblem('ATU12345678')).toBeNull();
    expect(taxIdProblem('DE12345678')).toBe(
      "A VAT number from Germany is DE followed by 9 digits; DE12345678 has 8 digits after DE. Check it against the company's VAT registration.",
    );
    expect(taxIdProblem('EL12345678')).toMatch(/^A VAT number from Greece is EL followed by 9 digits/);
    // A US EIN, an Indian GSTIN, a Mexican RFC that starts like a German prefix, a SIREN.
    expect(taxIdProblem('12-3456789')).toBeNull();
    expect(taxIdProblem('27AAPFU0939F1ZV')).toBeNull();
    expect(taxIdProblem('DEL850101AB1')).toBeNull();
    expect(taxIdProblem('303 265 045')).toBeNull();
    expect(taxIdProblem('VAT')).toMatch(/is not a tax id: write the company's VAT, GST, EIN/);
    expect(taxIdProblem('DE#123456789')).toMatch(/holds characters a tax id does not have/);
  });

  it('a mail domain without a dot, or with spaces', () => {
    expect(emailDomainProblem('northwind.example')).toBeNull();
    expect(emailDomainProblem('müller-bau.de')).toBeNull();
    expect(emailDomainProblem('northwind')).toBe(
      "“northwind” is not a mail domain: write what follows the @ in the company's e-mail addresses, e.g. northwind.com for accounts@northwind.com.",
    );
    expect(emailDomainProblem('north wind.com')).not.toBeNull();
    expect(emailDomainProblem('northwind..com')).not.toBeNull();
  });
});

describe('the identity as saved', () => {
  it('normalises, leaves blanks and repeats out, and keeps the order given', () => {
    const { identity, problems } = checkCompanyIdentity({
      legalName: '  Northwind   Facilities Ltd ',
      tradingNames: ['Northwind FM', '', 'northwind fm', 'NW Facilities'],
      addresses: [
        {
          lines: ['12 Harbour Lane', ' '],
          postalCode: 'sw1a 1aa',
          city: 'London',
          country: 'GB',
        },
        { lines: [], postalCode: '', city: ' ', region: null, country: '' },
      ],
      taxIds: ['GB 123 4567 89', 'gb123456789', ''],
      ibans: ['GB29 NWBK 6016 1331 9268 19'],
      emailDomains: ['accounts@northwind.example'],
      website: 'https://www.northwind.example/',
    });
    expect(problems).toEqual([]);
    expect(identity).toEqual({
      legalName: 'Northwind Facilities Ltd',
      tradingNames: ['Northwind FM', 'NW Facilities'],
      addresses: [
        {
          lines: ['12 Harbour Lane'],
          postalCode: 'SW1A 1AA',
          city: 'London',
          region: null,
          country: 'GB',
        },
      ],
      taxIds: ['GB123456789'],
      ibans: ['GB29NWBK60161331926819'],
      emailDomains: ['northwind.example'],
      website: 'northwind.example',
    });
  });

  it('keeps an address that gives only the country: where the company is, without a postal address', () => {
    const { identity, problems } = checkCompanyIdentity({
      addresses: [{ lines: [' '], postalCode: '', city: null, region: '', country: 'IE' }],
    });
    expect(problems).toEqual([]);
    expect(identity.addresses).toEqual([
      { lines: [], postalCode: null, city: null, region: null, country: 'IE' },
    ]);
  });

  it('reports every problem at once, each on its field', () => {
    const { problems } = checkCompanyIdentity({
      addresses: [{ lines: [], postalCode: null, city: null, region: 'Île-de-France', country: 'FR' }],
      taxIds: ['FR40303265045', 'DE1234'],
      ibans: ['FR14 2004 1010 0505 0001 3M02 606', 'FR14 2004 1010 0505 0001 3M02 607'],
      emailDomains: ['northwind'],
      website: 'not a site',
    });
    expect(problems.map((p) => p.field)).toEqual([
      'addresses.0.lines',
      'addresses.0.city',
      'taxIds.1',
      'ibans.1',
      'emailDomains.0',
      'website',
    ]);
  });
});

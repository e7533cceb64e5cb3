// The Company page's form model: the company as loaded into inputs (one empty input where a list is empty, IBANs in
// groups of four) and back into companies.update (blank inputs kept in place so a problem's index is the input's),
// and the problems' paths said in words.
import { describe, expect, it } from 'vitest';
import { describeCompanyField, draftOf, updateOf } from '../../../renderer/src/features/company/model';

const company = {
  id: 'c1',
  name: 'Northwind Facilities',
  baseCurrency: 'EUR',
  createdAt: '2026-01-01T00:00:00.000Z',
  identity: {
    legalName: null,
    tradingNames: [],
    addresses: [
      {
        lines: ['Kehrwieder 7', '3. OG'],
        postalCode: '20457',
        city: 'Hamburg',
        region: null,
        country: 'DE',
      },
    ],
    taxIds: ['DE812526315'],
    ibans: ['DE44500105175407324931'],
    emailDomains: [],
    website: null,
  },
};

describe('company form model', () => {
  it('gives every list an input and shows IBANs grouped', () => {
    const draft = draftOf(company);
    expect(draft.tradingNames).toEqual(['']);
    expect(draft.emailDomains).toEqual(['']);
    expect(draft.ibans).toEqual(['DE44 5001 0517 5407 3249 31']);
    expect(draft.addresses[0]?.lines).toBe('Kehrwieder 7\n3. OG');
  });

  it('sends what the inputs hold, blanks in place, empty fields as null', () => {
    const draft = { ...draftOf(company), taxIds: ['', 'DE 123'], website: '  ' };
    expect(updateOf('c1', draft)).toEqual({
      id: 'c1',
      name: 'Northwind Facilities',
      identity: {
        legalName: null,
        tradingNames: [''],
        addresses: [
          {
            lines: ['Kehrwieder 7', '3. OG'],
            postalCode: '20457',
            city: 'Hamburg',
            region: null,
            country: 'DE',
          },
        ],
        taxIds: ['', 'DE 123'],
        ibans: ['DE44 5001 0517 5407 3249 31'],
        emailDomains: [''],
        website: null,
      },
    });
  });

  it('names a problem’s field as the page does', () => {
    expect(describeCompanyField('identity.taxIds.1')).toBe('Tax id 2');
    expect(describeCompanyField('identity.addresses.0.postalCode')).toBe('Address 1, postcode');
    expect(describeCompanyField('identity.website')).toBe('Website');
    expect(describeCompanyField('name')).toBe('Name');
  });
});

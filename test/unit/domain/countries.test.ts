// Countries: the ISO 3166-1 list the contract and the picker offer is the one the core reads free text against,
// and free text names a country by its code, a common alpha-3 code or alias, or its name in any of the seven
// languages, with or without accents; anything else names none.
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, CountryCode } from '../../../preload/countries.js';
import { countryCode, countryCodes, isCountryCode } from '../../../main/domain/countries.js';

describe('countries', () => {
  it('lists the same 249 ISO 3166-1 codes on both sides of the contract', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect([...countryCodes()]).toEqual(COUNTRY_CODES);
    expect(isCountryCode('IE')).toBe(true);
    for (const notOne of ['EU', 'UK', 'XK', 'ZZ', 'YU']) expect(isCountryCode(notOne)).toBe(false);
  });

  it.each([
    ['Germany', 'DE'],
    ['deutschland', 'DE'],
    ['Österreich', 'AT'],
    ['OSTERREICH', 'AT'],
    ['Pays-Bas', 'NL'],
    ['Holland', 'NL'],
    ['  ie ', 'IE'],
    ['IRL', 'IE'],
    ['Éire', 'IE'],
    ['U.S.A.', 'US'],
    ['United States of America', 'US'],
    ['Estados Unidos', 'US'],
    ['UK', 'GB'],
    ['England', 'GB'],
    ['Reino Unido', 'GB'],
    ['India', 'IN'],
    ['Turkey', 'TR'],
  ])('reads "%s" as %s', (text, code) => {
    expect(countryCode(text)).toBe(code);
  });

  it('names no country for a town, a blank or a typo', () => {
    for (const text of ['Hamburg', '', '   ', 'Germny', 'Europe', null, undefined]) {
      expect(countryCode(text)).toBeNull();
    }
  });

  it('accepts a listed code at the boundary, in any case, and refuses anything else with how to fix it', () => {
    expect(CountryCode.parse(' ie ')).toBe('IE');
    const refused = CountryCode.safeParse('Ireland');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/choose the country from the list/);
    expect(CountryCode.safeParse('UK').success).toBe(false);
  });
});

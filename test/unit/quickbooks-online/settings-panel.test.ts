// The QuickBooks Online settings panel's decisions, as pure functions: which of our tax rates still match no
// QuickBooks tax code (neither mapped nor of the same name as an active imported code), where the company is (kept
// at sign-in), and the sentence after "Create in QuickBooks".
import { describe, expect, it } from 'vitest';
import {
  companyOf,
  describeTaxCodesCreated,
} from '../../../renderer/src/features/connections/quickbooks-online.js';
import { unmappedTaxRates } from '../../../renderer/src/features/connections/tax-code-map.js';
import type { ListEntryT, TaxRateT } from '../../../renderer/src/features/connections/fields.js';

const rate = (id: string, name: string, percent = '20'): TaxRateT => ({ id, companyId: 'c', name, percent });
const code = (name: string, active = true): ListEntryT => ({
  id: `l-${name}`,
  companyId: 'c',
  connectionId: 'k',
  kind: 'tax_code',
  externalId: `q-${name}`,
  name,
  code: null,
  parentId: null,
  active,
});

describe('QuickBooks Online settings panel', () => {
  it('a rate is unmapped when neither the mapping nor an active code of its exact name covers it', () => {
    const rates = [rate('1', 'VAT 20%'), rate('2', '20.0% S'), rate('3', 'Reduced 5%'), rate('4', 'Zero')];
    const lists = [code('20.0% S'), code('Zero', false), code('reduced 5%')];
    expect(unmappedTaxRates(rates, { '1': '7' }, lists).map((r) => r.id)).toEqual(['3', '4']);
  });

  it('reads the company kept at sign-in, and nothing from connections made before', () => {
    expect(companyOf({ company: { name: 'Northwind', country: 'GB', homeCurrency: 'GBP' } })).toEqual({
      name: 'Northwind',
      country: 'GB',
    });
    expect(companyOf({})).toBeNull();
    expect(companyOf({ company: null })).toBeNull();
  });

  it('says what was created, found and refused', () => {
    expect(
      describeTaxCodesCreated({
        results: [
          { taxRateId: '1', name: 'A', outcome: 'created', taxCodeId: '9', message: 'made' },
          { taxRateId: '2', name: 'B', outcome: 'matched', taxCodeId: '8', message: 'found' },
          { taxRateId: '3', name: 'C', outcome: 'failed', taxCodeId: null, message: 'Rename C.' },
        ],
      }),
    ).toBe('1 tax code(s) created in QuickBooks, 1 found there by name and mapped. Not created: Rename C.');
  });
});

// Our tax rate to a Xero TaxType when the bookkeeper mapped none and no Xero rate has exactly its name: the one of
// the same name in another case, else the only active rate for expenses at the same percentage; several or none
// is said with where to choose.
import { describe, expect, it } from 'vitest';
import { TaxRate } from 'xero-node';
import { matchTaxType } from '../../../main/connectors/xero/tax-types.js';

const rate = (name: string, taxType: string, effectiveRate: number, extra: Partial<TaxRate> = {}): TaxRate =>
  ({ name, taxType, effectiveRate, canApplyToExpenses: true, ...extra }) as TaxRate;

const rates = [
  rate('GST on Expenses', 'INPUT2', 15),
  rate('No GST', 'NONE', 0),
  rate('GST on Imports', 'GSTONIMPORTS', 15),
  rate('Zero Rated Sales', 'ZERORATED', 0, { canApplyToExpenses: false }),
  rate('Old 12.5%', 'INPUT', 12.5, { status: TaxRate.StatusEnum.DELETED }),
];

describe('matchTaxType', () => {
  it('matches by name in any case, then by the only rate at that percentage', () => {
    expect(matchTaxType({ name: 'gst on expenses', percent: '15' }, rates)).toEqual({
      match: { externalId: 'INPUT2', name: 'GST on Expenses' },
    });
    expect(matchTaxType({ name: 'Exempt', percent: '0' }, rates)).toEqual({
      match: { externalId: 'NONE', name: 'No GST' },
    });
  });

  it('says where to choose when several rates or none fit', () => {
    const several = matchTaxType({ name: 'Purchases 15%', percent: '15' }, rates);
    expect(several).toEqual({
      problem: expect.stringMatching(/2 tax rates at 15 % .*GST on Expenses, GST on Imports.*Tax rates/),
    });
    // Deleted rates and rates not for expenses are not offered.
    const none = matchTaxType({ name: 'Old', percent: '12.5' }, rates);
    expect(none).toEqual({
      problem: expect.stringMatching(/no tax rate for expenses named 'Old' or at 12\.5 %/),
    });
  });
});

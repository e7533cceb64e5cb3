import { describe, expect, it } from 'vitest';
import { companyConfirmationOf } from '../../../renderer/src/features/connections/quickbooks-online';

const confirmedAs = (realmId: string, name: string) => ({
  realmId,
  name,
  confirmedBy: 'ana',
  confirmedAt: '2026-12-01T09:00:00.000Z',
});

describe('the QuickBooks company confirmation on the Connections page', () => {
  it('waits for a first confirmation without speaking of a switch', () => {
    expect(companyConfirmationOf({ company: { name: 'Northwind', realmId: '1' } })).toEqual({
      name: 'Northwind',
      id: '1',
      confirmed: null,
      switchingFrom: null,
    });
  });

  it('names the company confirmed before when the sign-in reached another one', () => {
    const settings = {
      company: { name: 'Somebody Else Ltd', realmId: '2' },
      confirmedCompany: confirmedAs('1', 'Northwind'),
    };
    expect(companyConfirmationOf(settings)).toMatchObject({ confirmed: null, switchingFrom: 'Northwind' });
  });

  it('shows the confirmation of the same company, no switch', () => {
    const settings = {
      company: { name: 'Northwind', realmId: '1' },
      confirmedCompany: confirmedAs('1', 'Northwind'),
    };
    expect(companyConfirmationOf(settings)).toMatchObject({ confirmed: { by: 'ana' }, switchingFrom: null });
  });
});

// The simulator's OpenAPI judge, against the account's generated subset: what NetSuite would refuse in a vendorBill or
// vendor body is refused (unknown property, wrong type, malformed date, value outside an enum), and the bodies the
// connector writes pass.
import { describe, expect, it } from 'vitest';
import { vendorBody } from '../../../main/connectors/netsuite/vendors.js';
import { isCI } from '../../integration/secrets/keychain-probe.js';
import { netsuiteOracleAvailable, validateRecord } from '../../simulators/netsuite/oas.js';

const ready = netsuiteOracleAvailable();
if (!ready && isCI)
  throw new Error('../shared/oracles/netsuite/ is missing: the NetSuite tests need it on CI');

describe.skipIf(!ready)('NetSuite OpenAPI subset', () => {
  it('accepts a bill with item and expense lines and references', () => {
    expect(
      validateRecord('vendorBill', {
        entity: { id: '7' },
        subsidiary: { id: '1' },
        tranId: 'ACME-1',
        tranDate: '2026-11-05',
        memo: 'x',
        currency: { id: '1' },
        item: {
          items: [{ item: { id: '3' }, quantity: 2, rate: 12.99, amount: 25.98, description: 'Filters' }],
        },
        expense: { items: [{ account: { id: '9' }, amount: 10, memo: 'Freight' }] },
      }),
    ).toEqual([]);
  });

  it('refuses an unknown property, a wrong type, a malformed date and a value outside an enum', () => {
    expect(validateRecord('vendorBill', { tranDate: '05/11/2026' })).toEqual([
      expect.objectContaining({ path: 'tranDate', message: expect.stringContaining('a date') }),
    ]);
    expect(validateRecord('vendorBill', { lines: [] })).toEqual([
      { path: 'lines', message: 'is not a property of this record' },
    ]);
    expect(validateRecord('vendorBill', { item: { items: [{ quantity: '2' }] } })).toEqual([
      expect.objectContaining({
        path: 'item.items[0].quantity',
        message: expect.stringContaining('a number'),
      }),
    ]);
    expect(
      validateRecord('vendor', {
        addressBook: { items: [{ addressBookAddress: { country: { id: 'XX' } } }] },
      }),
    ).not.toEqual([]);
  });

  it('accepts the vendor body the connector writes', () => {
    const body = vendorBody(
      {
        id: 's1',
        companyId: 'c1',
        name: 'Acme Supplies',
        email: 'ap@acme.test',
        phone: '555-0100',
        address: '1 Main St',
        city: 'Springfield',
        state: 'IL',
        postalCode: '62701',
        country: 'US',
        accountNumber: 'A-1',
        taxId: null,
        currency: 'USD',
        active: true,
        links: [],
        createdAt: '2026-11-01T00:00:00.000Z',
        updatedAt: '2026-11-01T00:00:00.000Z',
      },
      '1',
    );
    expect(validateRecord('vendor', body)).toEqual([]);
  });
});

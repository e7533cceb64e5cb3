// Hiding an entry on the Lists page takes it out of the line pickers only: the tax mapping selects of the connection
// panels (QuickBooks Online, NetSuite: tax codes; Xero: its tax rates) still offer it, while the panels' other
// selects leave it out. The panels ask lists.list for hidden entries too.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  connectionListsInput,
  ListSelect,
  type ListEntryT,
  type TaxRateT,
} from '../../../renderer/src/features/connections/fields';
import { TaxCodeMapTable } from '../../../renderer/src/features/connections/tax-code-map';
import { contract } from '../../../preload/contract';

const entry = (kind: ListEntryT['kind'], name: string, hidden: boolean): ListEntryT => ({
  id: `l-${name}`,
  companyId: 'c',
  connectionId: 'k',
  kind,
  externalId: `x-${name}`,
  name,
  code: null,
  parentId: null,
  active: true,
  ...(hidden ? { hidden: true } : {}),
});
const rates: TaxRateT[] = [{ id: 'r1', companyId: 'c', name: 'VAT 20%', percent: '20' }];

const options = (html: string) => [...html.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);

describe('the tax mapping selects of the connection panels', () => {
  it.each(['tax_code', 'tax_rate'] as const)('offer %s entries hidden from the pickers', (kind) => {
    const lists = [entry(kind, 'Standard', false), entry(kind, 'Old standard', true)];
    const html = renderToStaticMarkup(
      <TaxCodeMapTable
        testIdPrefix="t"
        systemName="Test"
        columnTitle="Tax"
        taxRates={rates}
        taxCodeMap={{ r1: 'x-Old standard' }}
        onChange={() => undefined}
        lists={lists}
        kind={kind}
      />,
    );
    expect(options(html)).toEqual(['', 'x-Standard', 'x-Old standard']);
    expect(html).toMatch(/<option value="x-Old standard" selected="">Old standard<\/option>/);
  });

  it('while the other selects of a panel leave hidden entries out', () => {
    const lists = [entry('account', 'Fuel', true), entry('account', 'Rent', false)];
    const html = renderToStaticMarkup(
      <ListSelect
        id="a"
        text="Account"
        hint=""
        kind="account"
        lists={lists}
        value=""
        onChange={() => undefined}
        testId="a"
      />,
    );
    expect(options(html)).toEqual(['', 'x-Rent']);
  });

  it('are fed by a lists.list request that includes hidden entries', () => {
    const input = contract['lists.list'].input.parse(connectionListsInput({ id: 'k', companyId: 'c' }));
    expect(input).toMatchObject({ companyId: 'c', connectionId: 'k', includeHidden: true });
  });
});

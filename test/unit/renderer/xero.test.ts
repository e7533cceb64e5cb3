// The Xero panel's decisions as pure functions: orders / invoices / both as documentsToSend, the status documents
// get, the redirect port and the URI to register, the supplier pages ("load more", a new search) and the sentence
// after "Import all".
import { describe, expect, it } from 'vitest';
import {
  describeImport,
  emptyPages,
  withPage,
  type XeroSupplierT,
} from '../../../renderer/src/features/connections/xero-suppliers.js';
import {
  documentStatusOf,
  documentsFor,
  portOf,
  redirectUriFor,
  scopesChoiceOf,
  scopesToSave,
  sendChoiceOf,
  storedPort,
} from '../../../renderer/src/features/connections/xero.js';

const supplier = (n: number): XeroSupplierT => ({
  externalId: `c-${n}`,
  name: `Supplier ${n}`,
  email: null,
  phone: null,
  city: null,
  country: null,
  active: true,
});
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => supplier(from + i));

describe('Xero settings panel', () => {
  it('maps orders, invoices or both to documentsToSend and back', () => {
    expect(documentsFor('orders')).toEqual(['purchase_order', 'service_order']);
    expect(documentsFor('invoices')).toEqual(['invoice']);
    expect(documentsFor('both')).toEqual(['purchase_order', 'service_order', 'invoice']);
    expect(documentsFor('none')).toEqual([]);
    for (const choice of ['orders', 'invoices', 'both', 'none'] as const)
      expect(sendChoiceOf(documentsFor(choice))).toBe(choice);
    expect(sendChoiceOf(['purchase_order'])).toBe('orders');
    expect(sendChoiceOf(['service_order', 'invoice'])).toBe('both');
  });

  it('shows SUBMITTED unless another status was stored, and granular scopes unless broad', () => {
    expect(documentStatusOf({})).toBe('SUBMITTED');
    expect(documentStatusOf({ documentStatus: 'AUTHORISED' })).toBe('AUTHORISED');
    expect(documentStatusOf({ documentStatus: 'PAID' })).toBe('SUBMITTED');
    expect(scopesChoiceOf({ scopes: 'broad' })).toBe('broad');
    expect(scopesChoiceOf({ scopes: ['openid'] })).toBe('custom');
    expect(scopesChoiceOf({})).toBe('granular');
    // A list set through the API is kept when the panel saves.
    expect(scopesToSave('custom')).toEqual({});
    expect(scopesToSave('broad')).toEqual({ scopes: 'broad' });
  });

  it('takes ports 1024–65535 and names the redirect URI to register', () => {
    expect(portOf('58723')).toBe(58723);
    expect(portOf(' 8080 ')).toBe(8080);
    expect(portOf('80')).toBeNull();
    expect(portOf('70000')).toBeNull();
    expect(portOf('12ab')).toBeNull();
    expect(redirectUriFor(58723)).toBe('http://localhost:58723/callback');
    expect(storedPort({})).toBe(58723);
    expect(storedPort({ redirectPort: 0 })).toBe(0);
    expect(storedPort({ redirectPort: 'x' })).toBe(58723);
  });
});

describe('Xero suppliers list', () => {
  it('"Load more" adds the next page; a supplier shifted into it by a change in Xero shows once', () => {
    let pages = withPage(emptyPages(), 1, { suppliers: range(0, 100), more: true }, '');
    expect(pages).toMatchObject({ page: 1, more: true });
    pages = withPage(pages, 2, { suppliers: range(99, 150), more: false }, '');
    expect(pages.suppliers).toHaveLength(150);
    expect(new Set(pages.suppliers.map((s) => s.externalId)).size).toBe(150);
    expect(pages).toMatchObject({ page: 2, more: false });
  });

  it('a new search starts the list again', () => {
    const all = withPage(emptyPages(), 1, { suppliers: range(0, 100), more: true }, '');
    const found = withPage(all, 1, { suppliers: [supplier(7)], more: false }, 'supplier 7');
    expect(found.suppliers.map((s) => s.name)).toEqual(['Supplier 7']);
    expect(found.search).toBe('supplier 7');
  });

  it('says what "Import all" did', () => {
    const result = {
      matched: [
        { supplierId: 's1', name: 'A', externalId: 'x1' },
        { supplierId: 's2', name: 'B', externalId: 'x2' },
        { supplierId: 's3', name: 'C', externalId: 'x3' },
      ],
      unmatchedOurs: [{ supplierId: 's9', name: 'Z' }],
      unmatchedTheirs: [],
      pushed: 1,
      pulled: 0,
      imported: 2,
    };
    expect(describeImport(result)).toBe(
      '2 supplier(s) imported from Xero, 1 already here and paired, 1 sent to Xero. 1 of ours are not in Xero yet (pair or create them in Suppliers).',
    );
  });
});

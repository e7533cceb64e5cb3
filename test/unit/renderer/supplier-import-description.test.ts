// The sentence on a connection's card that says what Import suppliers does: for QuickBooks Desktop it follows the
// "Add QuickBooks vendors that match none of our suppliers" setting, since with it off nothing new is added.
import { describe, expect, it } from 'vitest';
import { importDescription } from '../../../renderer/src/features/connections/supplier-import';

describe('importDescription', () => {
  it('QuickBooks Desktop with vendors not added: says it only pairs, and what to turn on', () => {
    const text = importDescription({ system: 'quickbooks_desktop', settings: {} }, 'QuickBooks Desktop');
    expect(text).toBe(
      'Reads every vendor QuickBooks Desktop keeps at the next Web Connector session and pairs those named like a supplier here; the others are not added. To add them to Suppliers too, turn on "Add QuickBooks vendors that match none of our suppliers as suppliers" in the settings below.',
    );
    expect(text).not.toContain('new ones are added');
    expect(
      importDescription(
        { system: 'quickbooks_desktop', settings: { importVendors: false } },
        'QuickBooks Desktop',
      ),
    ).toBe(text);
  });

  it('QuickBooks Desktop with vendors added: new ones are added at the next session', () => {
    expect(
      importDescription(
        { system: 'quickbooks_desktop', settings: { importVendors: true } },
        'QuickBooks Desktop',
      ),
    ).toBe(
      'Reads every vendor QuickBooks Desktop keeps at the next Web Connector session: new ones are added to Suppliers, ones already here are paired by name.',
    );
  });

  it('a system read page by page from here adds the new ones', () => {
    expect(importDescription({ system: 'xero', settings: {} }, 'Xero')).toMatch(
      /^Reads every supplier Xero keeps into Suppliers, page by page: new ones are added/,
    );
  });
});

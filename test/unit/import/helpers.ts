import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ImportLookup } from '../../../main/domain/import';
import type { SupplierLookup } from '../../../main/domain/validation';

export function fixture(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url)));
}

export const fixtureBase64 = (name: string): string => fixture(name).toString('base64');
export const fixtureText = (name: string): string => fixture(name).toString('utf8');

const s1 = { id: 's1', name: 'Acme, Ltd', currency: 'USD', active: true };
const s2 = { id: 's2', name: 'Globex', currency: 'EUR', active: true };
const s3 = { id: 's3', name: 'Initech', currency: null, active: true };
const SUPPLIERS: Record<string, SupplierLookup> = { 'acme, ltd': s1, acme: s1, globex: s2, initech: s3 };
const TAX_RATES = [{ id: 't1', name: 'VAT 20', percent: '20' }];
const LISTS: Record<string, { id: string }> = {
  'item:Bolts': { id: 'i1' },
  'account:Consulting': { id: 'a1' },
  'account:Repairs': { id: 'a2' },
};

/** A company with three suppliers, one tax rate, a few list entries, order PO-0900 (Globex, EUR) and PO-1001. */
export function fakeLookup(
  existing: Partial<Record<string, string[]>> = { purchase_order: ['PO-1001'] },
): ImportLookup {
  return {
    baseCurrency: 'USD',
    supplierByName: (name) => SUPPLIERS[name.trim().toLowerCase()] ?? null,
    supplierById: (id) => [s1, s2, s3].find((s) => s.id === id) ?? null,
    taxRateByName: (name) => TAX_RATES.find((t) => t.name === name) ?? null,
    taxRateById: (id) => TAX_RATES.find((t) => t.id === id) ?? null,
    listEntryByName: (kind, name) => LISTS[`${kind}:${name}`] ?? null,
    documentByNumber: (number, types) =>
      number === 'PO-0900' && types.includes('purchase_order')
        ? { id: 'd900', type: 'purchase_order', supplierId: 's2', currency: 'EUR' }
        : null,
    documentById: (id) =>
      id === 'd900'
        ? { id, type: 'purchase_order', supplierId: 's2', currency: 'EUR', number: 'PO-0900' }
        : null,
    existingNumbers: (type) => new Set(existing[type] ?? []),
  };
}

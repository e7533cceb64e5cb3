// The one supplier-matching rule of every accounting system (main/domain/supplier-match.ts): pairs by an
// unambiguous name, an active record of theirs before an inactive one, and the same answer whatever the order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  pairSuppliersByName,
  supplierNameKey,
  type TheirSupplierName,
} from '../../../main/domain/supplier-match.js';

const our = (id: string, name: string) => ({ id, name });
const their = (externalId: string, name: string, active = true): TheirSupplierName => ({
  externalId,
  name,
  active,
});
const pairsOf = (result: ReturnType<typeof pairSuppliersByName>) =>
  result.pairs.map((p) => `${p.ours.id}=${p.theirs.externalId}`).sort();

describe('supplierNameKey', () => {
  it('ignores case, surrounding spaces, runs of spaces and Unicode composition', () => {
    expect(supplierNameKey('  ACME   Supplies ')).toBe(supplierNameKey('acme supplies'));
    expect(supplierNameKey('Cafe\u0301 Nord')).toBe(supplierNameKey('Café Nord'));
    expect(supplierNameKey('Acme Supplies')).not.toBe(supplierNameKey('Acme Supply'));
  });
});

describe('pairSuppliersByName', () => {
  it('pairs one of ours with one of theirs of the same name, whatever the case and spacing', () => {
    const result = pairSuppliersByName(
      [our('s1', 'Acme Supplies'), our('s2', 'Crate & Co')],
      [their('v1', 'ACME  supplies'), their('v2', 'Zenith Tools')],
    );
    expect(pairsOf(result)).toEqual(['s1=v1']);
    expect(result.ambiguous).toEqual([]);
  });

  it('leaves a name two suppliers of ours carry for the bookkeeper, and says so', () => {
    const result = pairSuppliersByName([our('s1', 'Acme'), our('s2', 'acme ')], [their('v1', 'Acme')]);
    expect(result.pairs).toEqual([]);
    expect(result.ambiguous).toEqual([{ name: 'Acme', ours: 2, theirs: 1 }]);
  });

  it('leaves a name two active records of theirs carry unpaired', () => {
    const result = pairSuppliersByName([our('s1', 'Acme')], [their('v1', 'Acme'), their('v2', 'ACME')]);
    expect(result.pairs).toEqual([]);
    expect(result.ambiguous).toEqual([{ name: 'Acme', ours: 1, theirs: 2 }]);
  });

  it('prefers the active record; an inactive one pairs only where no active one has the name', () => {
    expect(
      pairsOf(pairSuppliersByName([our('s1', 'Acme')], [their('old', 'Acme', false), their('v1', 'Acme')])),
    ).toEqual(['s1=v1']);
    expect(pairsOf(pairSuppliersByName([our('s1', 'Acme')], [their('old', 'Acme', false)]))).toEqual([
      's1=old',
    ]);
  });

  it('never pairs a blank name', () => {
    expect(pairSuppliersByName([our('s1', '  ')], [their('v1', ' ')]).pairs).toEqual([]);
  });

  // Names from a small alphabet, so that equal and near-equal names are common.
  const name = fc
    .array(fc.constantFrom('a', 'A', 'b', 'B', ' ', 'é', 'e\u0301'), { minLength: 0, maxLength: 4 })
    .map((chars) => chars.join(''));
  const ours = fc
    .uniqueArray(fc.record({ id: fc.uuid(), name }), { selector: (o) => o.id, maxLength: 8 })
    .map((list) => list);
  const theirs = fc.uniqueArray(fc.record({ externalId: fc.uuid(), name, active: fc.boolean() }), {
    selector: (t) => t.externalId,
    maxLength: 8,
  });

  it('pairs one-to-one, only equal names, and only names unambiguous on both sides', () => {
    fc.assert(
      fc.property(ours, theirs, (o, t) => {
        const { pairs } = pairSuppliersByName(o, t);
        expect(new Set(pairs.map((p) => p.ours.id)).size).toBe(pairs.length);
        expect(new Set(pairs.map((p) => p.theirs.externalId)).size).toBe(pairs.length);
        for (const { ours: a, theirs: b } of pairs) {
          const key = supplierNameKey(a.name);
          expect(supplierNameKey(b.name)).toBe(key);
          expect(o.filter((x) => supplierNameKey(x.name) === key)).toHaveLength(1);
          const same = t.filter((x) => supplierNameKey(x.name) === key);
          const candidates = same.some((x) => x.active) ? same.filter((x) => x.active) : same;
          expect(candidates).toEqual([b]);
        }
      }),
    );
  });

  it('pairs every unambiguous name, and gives the same pairs whatever the order of either side', () => {
    fc.assert(
      fc.property(ours, theirs, fc.integer(), (o, t, seed) => {
        const result = pairSuppliersByName(o, t);
        const shuffled = (list: readonly unknown[]) =>
          [...list].map((x, i) => ({ x, k: (i * 7919 + seed) % 101 })).sort((a, b) => a.k - b.k);
        const again = pairSuppliersByName(
          shuffled(o).map((e) => e.x as (typeof o)[number]),
          shuffled(t).map((e) => e.x as (typeof t)[number]),
        );
        expect(pairsOf(again)).toEqual(pairsOf(result));
        const paired = new Set(result.pairs.map((p) => p.ours.id));
        for (const supplier of o) {
          const key = supplierNameKey(supplier.name);
          const mine = o.filter((x) => supplierNameKey(x.name) === key);
          const same = t.filter((x) => supplierNameKey(x.name) === key);
          const candidates = same.some((x) => x.active) ? same.filter((x) => x.active) : same;
          const expected = key !== '' && mine.length === 1 && candidates.length === 1;
          expect(paired.has(supplier.id)).toBe(expected);
        }
      }),
    );
  });
});

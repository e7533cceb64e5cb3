// The one rule that pairs our suppliers with the accounting system's vendors (contacts, in Xero) by name, for every
// system, QuickBooks Desktop included. A pairing already made stands and is never guessed again; this rule only
// pairs records that have none. It pairs on a name only when that name is unambiguous on both sides: one supplier
// of ours and one record of theirs. A name shared by two suppliers here (or two vendors there) is left for the
// bookkeeper to pair by hand in Suppliers, since picking one would be a guess that routes bills to the wrong party.

/**
 * Names compare as a bookkeeper reads them: Unicode-normalized, trimmed, runs of spaces as one, case ignored
 * ("ACME  Supplies " is "Acme Supplies").
 */
export function supplierNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

export interface OurSupplierName {
  id: string;
  name: string;
}

export interface TheirSupplierName {
  externalId: string;
  name: string;
  /** Inactive (archived, made inactive) there. */
  active: boolean;
}

export interface NamePairing<O, T> {
  pairs: { ours: O; theirs: T }[];
  /** Names (as ours spell them) carried by more than one unpaired record on either side: left unpaired. */
  ambiguous: { name: string; ours: number; theirs: number }[];
}

/**
 * Pairs the unpaired suppliers of ours with the unpaired records of theirs whose name is the same (supplierNameKey)
 * and unambiguous: exactly one of ours and one of theirs. An active record of theirs is preferred; an inactive one
 * counts only where no active record has that name (a vendor made inactive there is still the same party, and
 * creating another of its name would be refused as a duplicate). Order of the inputs does not matter.
 */
export function pairSuppliersByName<O extends OurSupplierName, T extends TheirSupplierName>(
  ours: readonly O[],
  theirs: readonly T[],
): NamePairing<O, T> {
  const oursByKey = new Map<string, O[]>();
  for (const o of ours) {
    const key = supplierNameKey(o.name);
    if (key === '') continue;
    oursByKey.set(key, [...(oursByKey.get(key) ?? []), o]);
  }
  const theirsByKey = new Map<string, { active: T[]; inactive: T[] }>();
  for (const t of theirs) {
    const key = supplierNameKey(t.name);
    if (key === '') continue;
    const group = theirsByKey.get(key) ?? { active: [], inactive: [] };
    (t.active ? group.active : group.inactive).push(t);
    theirsByKey.set(key, group);
  }
  const result: NamePairing<O, T> = { pairs: [], ambiguous: [] };
  for (const [key, mine] of oursByKey) {
    const group = theirsByKey.get(key);
    if (!group) continue;
    const candidates = group.active.length > 0 ? group.active : group.inactive;
    if (mine.length === 1 && candidates.length === 1) {
      result.pairs.push({ ours: mine[0]!, theirs: candidates[0]! });
    } else {
      result.ambiguous.push({ name: mine[0]!.name, ours: mine.length, theirs: candidates.length });
    }
  }
  return result;
}

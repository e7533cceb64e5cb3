// A chart of accounts three levels deep for the picker benchmarks ("Utilities 3:Gas 0:Gas site 2"), with account
// numbers, accented names and some inactive entries, as bench/picker-filter.ts and bench/picker-browser.ts use it.
import type { PickerSource } from '../../renderer/src/components/Combobox/match.js';

const GROUPS = [
  'Utilities',
  'Vehicle',
  'Office',
  'Repairs',
  'Subcontractors',
  'Cost of goods',
  'Travel',
  'Rent',
];
const WORDS = [
  'Gas',
  'Electric',
  'Water',
  'Fuel',
  'Supplies',
  'Parts',
  'Labour',
  'Freight',
  'Café',
  'Permits',
];

/** `entries` accounts: groups of ten parents, each with up to eight sub-accounts. */
export function chartOfAccounts(entries: number): PickerSource[] {
  const sources: PickerSource[] = [];
  for (let i = 0; sources.length < entries; i++) {
    const top = `${GROUPS[i % GROUPS.length]} ${Math.floor(i / GROUPS.length)}`;
    const topId = `t${i}`;
    sources.push({ id: topId, name: top, parentId: null, code: String(5000 + i), active: true });
    for (let j = 0; j < 10 && sources.length < entries; j++) {
      const midId = `${topId}-${j}`;
      sources.push({
        id: midId,
        name: `${WORDS[j % WORDS.length]} ${j}`,
        parentId: topId,
        active: j % 7 !== 6,
      });
      for (let k = 0; k < 8 && sources.length < entries; k++) {
        sources.push({
          id: `${midId}-${k}`,
          name: `${WORDS[(j + k) % WORDS.length]} site ${k}`,
          parentId: midId,
          code: `${5000 + i}.${j}${k}`,
          active: true,
        });
      }
    }
  }
  return sources;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  filterOptions,
  fold,
  fullNames,
  optionsOf,
  type PickerSource,
} from '../../../renderer/src/components/Combobox/match';

const entry = (id: string, name: string, parentId: string | null = null, active = true): PickerSource => ({
  id,
  name,
  parentId,
  active,
  code: null,
});

describe('full hierarchical names', () => {
  it('joins parents with ":" from the parentId chain', () => {
    const names = fullNames([
      entry('gas', 'Gas', 'util'),
      entry('util', 'Utilities'),
      entry('job', 'Kitchen remodel', 'site'),
      entry('site', '12 Oak St', 'smith'),
      entry('smith', 'Smith Co'),
    ]);
    expect(names.get('gas')).toBe('Utilities:Gas');
    expect(names.get('job')).toBe('Smith Co:12 Oak St:Kitchen remodel');
    expect(names.get('util')).toBe('Utilities');
  });

  it('keeps a name that is already qualified (QuickBooks FullyQualifiedName)', () => {
    const names = fullNames([entry('util', 'Utilities'), entry('gas', 'Utilities:Gas', 'util')]);
    expect(names.get('gas')).toBe('Utilities:Gas');
  });

  it('ends the chain at a missing parent or a loop instead of failing', () => {
    const names = fullNames([entry('a', 'A', 'b'), entry('b', 'B', 'a'), entry('c', 'C', 'gone')]);
    expect(names.get('c')).toBe('C');
    expect(['B:A', 'A']).toContain(names.get('a'));
    expect(names.get('a')!.split(':').length).toBeLessThanOrEqual(2);
  });
});

describe('filtering', () => {
  const options = optionsOf(
    [
      entry('util', 'Utilities'),
      entry('gas', 'Gas', 'util'),
      entry('elec', 'Electricity', 'util'),
      entry('gasoline', 'Gasoline'),
      entry('fuel', 'Vehicle gas and fuel'),
      entry('old', 'Gas (old)', null, false),
      { ...entry('cafe', 'Café supplies'), code: '6010' },
    ],
    (e) => e.code ?? null,
  );
  const ids = (query: string) => filterOptions(options, query).map((o) => o.id);

  it('offers every active entry, sorted by full name, when nothing is typed', () => {
    expect(ids('')).toEqual(['cafe', 'gasoline', 'util', 'elec', 'gas', 'fuel']);
  });

  it('matches any part of the full name, best first: whole-name prefix, segment or word prefix, anywhere', () => {
    expect(ids('gas')).toEqual(['gasoline', 'gas', 'fuel']);
    expect(ids('ities:g')).toEqual(['gas']);
    expect(ids('Utilities:Gas')).toEqual(['gas']);
    expect(ids('tric')).toEqual(['elec']);
  });

  it('needs every word, in any order', () => {
    expect(ids('gas util')).toEqual(['gas']);
    expect(ids('fuel vehicle')).toEqual(['fuel']);
    expect(ids('gas nothing')).toEqual([]);
  });

  it('ignores case and accents, and matches the code too', () => {
    expect(ids('CAFE')).toEqual(['cafe']);
    expect(ids('6010')).toEqual(['cafe']);
  });

  it('never offers an inactive entry', () => {
    expect(ids('old')).toEqual([]);
  });

  it('holds for any list: results are active, contain the query, and lose nothing that contains it', () => {
    const word = fc.stringMatching(/^[a-zA-Zé ]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: word, active: fc.boolean(), parent: fc.nat(20) }), { maxLength: 30 }),
        fc.stringMatching(/^[a-zA-Z]{1,3}$/),
        (rows, query) => {
          const sources = rows.map((r, i) =>
            entry(`e${i}`, r.name, r.parent < i ? `e${r.parent}` : null, r.active),
          );
          const all = optionsOf(sources);
          const found = filterOptions(all, query);
          const term = fold(query);
          for (const o of found) {
            expect(o.active).toBe(true);
            expect(fold(o.fullName)).toContain(term);
          }
          const expected = all.filter((o) => o.active && fold(o.fullName).includes(term));
          expect(new Set(found.map((o) => o.id))).toEqual(new Set(expected.map((o) => o.id)));
          expect(found.length).toBe(expected.length);
        },
      ),
    );
  });
});

// What a type-ahead picker offers and in what order: entries of a mirrored list under their full hierarchical name
// ("Utilities:Gas", "Smith Co:Kitchen remodel"), inactive ones left out, narrowed by what the bookkeeper types.
// Pure and allocation-light, so filtering 10,000 entries stays well under a frame per keystroke.

/** What a list entry must have for the picker (a ListEntry from lists.list fits). */
export interface PickerSource {
  id: string;
  name: string;
  parentId: string | null;
  code?: string | null;
  active: boolean;
}

export interface PickerOption {
  id: string;
  /** The name shown: the entry's own name with its parents', joined by ':'. */
  fullName: string;
  /** A short second line (an account number, a category). */
  detail: string | null;
  active: boolean;
  /** fullName and code, lowercased and without accents: what a query is matched against. */
  haystack: string;
  /** Where each ':'-separated segment of the haystack starts, for ranking segment-prefix matches. */
  segmentStarts: number[];
}

/** Lowercase and strip accents, so "cafe" finds "Café". */
export function fold(text: string): string {
  // eslint-disable-next-line no-control-regex -- plain ASCII needs no decomposition (most names; much faster)
  if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/**
 * Full names from parentId chains. Some systems already store the qualified name (QuickBooks' FullyQualifiedName
 * "Utilities:Gas" with Utilities as parent): a name that already starts with its parent's full name and ':' is
 * kept as it is. A parent missing from the list, or a loop in bad data, ends the chain instead of failing.
 */
export function fullNames(entries: readonly PickerSource[]): Map<string, string> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const done = new Map<string, string>();
  // The chain being resolved: a parent already on it is a loop.
  const visiting = new Set<string>();
  const resolve = (entry: PickerSource): string => {
    const known = done.get(entry.id);
    if (known !== undefined) return known;
    visiting.add(entry.id);
    const parent = entry.parentId ? byId.get(entry.parentId) : undefined;
    let full = entry.name;
    if (parent && !visiting.has(parent.id)) {
      const parentFull = resolve(parent);
      if (!entry.name.startsWith(`${parentFull}:`)) full = `${parentFull}:${entry.name}`;
    }
    visiting.delete(entry.id);
    done.set(entry.id, full);
    return full;
  };
  for (const entry of entries) resolve(entry);
  return done;
}

function segmentStartsOf(haystack: string): number[] {
  const starts = [0];
  for (let i = 0; i < haystack.length; i++) if (haystack[i] === ':') starts.push(i + 1);
  return starts;
}

export function toOption(id: string, fullName: string, detail: string | null, active: boolean): PickerOption {
  const haystack = fold(detail ? `${fullName} ${detail}` : fullName);
  return { id, fullName, detail, active, haystack, segmentStarts: segmentStartsOf(haystack) };
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Options for a list, sorted by full name (so a parent comes just before its children). */
export function optionsOf(
  entries: readonly PickerSource[],
  detailOf: (entry: PickerSource) => string | null = (e) => e.code ?? null,
): PickerOption[] {
  const names = fullNames(entries);
  return entries
    .map((e) => toOption(e.id, names.get(e.id) ?? e.name, detailOf(e), e.active))
    .sort((a, b) => collator.compare(a.fullName, b.fullName));
}

/** 0: the full name starts with the query; 1: a segment ("Gas" in "Utilities:Gas") or a word does; 2: anywhere. */
function rankOf(option: PickerOption, term: string): number {
  const at = option.haystack.indexOf(term);
  if (at < 0) return -1;
  if (at === 0) return 0;
  for (const start of option.segmentStarts) {
    if (start > 0 && option.haystack.startsWith(term, start)) return 1;
  }
  let from = at;
  while (from >= 0) {
    const before = option.haystack[from - 1];
    if (before === ' ' || before === '-' || before === '(' || before === '/') return 1;
    from = option.haystack.indexOf(term, from + 1);
  }
  return 2;
}

/**
 * The active options that match every word of the query, anywhere in the full name or code; best first (the whole
 * name starting with the first word, then a segment or word starting with it, then the rest), in list order
 * within a rank. An empty query offers every active option.
 */
export function filterOptions(options: readonly PickerOption[], query: string): PickerOption[] {
  const words = fold(query).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return options.filter((o) => o.active);
  const [first, ...rest] = words as [string, ...string[]];
  const ranked: PickerOption[][] = [[], [], []];
  outer: for (const option of options) {
    if (!option.active) continue;
    const rank = rankOf(option, first);
    if (rank < 0) continue;
    for (const word of rest) if (!option.haystack.includes(word)) continue outer;
    ranked[rank]!.push(option);
  }
  return ranked[0]!.concat(ranked[1]!, ranked[2]!);
}

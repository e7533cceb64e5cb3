// Which server pages a visible row range needs, for the virtualized lists.

export function pagesForRange(first: number, last: number, pageSize: number): number[] {
  if (last < first || first < 0) return [];
  const pages: number[] = [];
  for (let p = Math.floor(first / pageSize); p <= Math.floor(last / pageSize); p++) pages.push(p);
  return pages;
}

/** Pages to drop from a cache to keep at most `keep`, farthest from `center` first. */
export function pagesToEvict(cached: Iterable<number>, center: number, keep: number): number[] {
  const all = [...cached].sort((a, b) => Math.abs(b - center) - Math.abs(a - center) || b - a);
  return all.slice(0, Math.max(0, all.length - keep));
}

// Words for the Lists page, kept pure so they are unit-tested: what each mirrored list is called, and the line
// that says when a list was last imported and what that import did.
import type { AppEvent, MethodOutput } from '../../../../preload/contract';

export type ListsOverviewT = MethodOutput<'lists.overview'>;
export type ListSummaryT = ListsOverviewT['lists'][number];
export type ListPageEntryT = MethodOutput<'lists.entries'>['items'][number];
export type NeedsPairingT = MethodOutput<'lists.needsPairing'>[number];
export type MirroredVendorT = MethodOutput<'lists.vendors'>[number];
export type ListKindT = ListSummaryT['kind'];

const NAMES: Record<ListKindT, { one: string; many: string }> = {
  account: { one: 'Account', many: 'Accounts' },
  class: { one: 'Class', many: 'Classes' },
  department: { one: 'Department', many: 'Departments' },
  location: { one: 'Location', many: 'Locations' },
  customer: { one: 'Customer or job', many: 'Customers and jobs' },
  item: { one: 'Item', many: 'Items' },
  tax_code: { one: 'Tax code', many: 'Tax codes' },
  tax_rate: { one: 'Tax rate', many: 'Tax rates' },
  tax_agency: { one: 'Tax agency', many: 'Tax agencies' },
  tracking_category: { one: 'Tracking category', many: 'Tracking categories' },
  tracking_option: { one: 'Tracking option', many: 'Tracking options' },
  term: { one: 'Term', many: 'Terms' },
  subsidiary: { one: 'Subsidiary', many: 'Subsidiaries' },
};

/** The order lists are shown in: what lines are coded to first. */
const ORDER: ListKindT[] = [
  'account',
  'item',
  'class',
  'location',
  'department',
  'subsidiary',
  'customer',
  'tracking_category',
  'tracking_option',
  'tax_code',
  'tax_rate',
  'tax_agency',
  'term',
];

/** Every list a system may have, in page order (a system without one reads none: "0 read"). */
export const ALL_LISTS: readonly ListKindT[] = ORDER;

export function listName(kind: ListKindT): string {
  return NAMES[kind].many;
}
export function entryName(kind: ListKindT): string {
  return NAMES[kind].one;
}

export function sortLists(lists: readonly ListSummaryT[]): ListSummaryT[] {
  return [...lists].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}

/**
 * The rows of the page: every list the system has (overview.kinds), those not imported yet with 0 entries, and any
 * other list already mirrored, in page order.
 */
export function listRows(overview: Pick<ListsOverviewT, 'lists' | 'kinds'>): ListSummaryT[] {
  const shown = new Set(overview.lists.map((l) => l.kind));
  const missing = overview.kinds
    .filter((kind) => !shown.has(kind))
    .map((kind) => ({
      kind,
      count: 0,
      active: 0,
      hidden: 0,
      lastChangedAt: null,
      lastImport: null,
      stopped: null,
    }));
  return sortLists([...overview.lists, ...missing]);
}

/** The lists offered under "Import another list": none when the system states its lists (they are all rows). */
export function otherLists(overview: Pick<ListsOverviewT, 'lists' | 'kinds'>): ListKindT[] {
  if (overview.kinds.length > 0) return [];
  const shown = new Set(overview.lists.map((l) => l.kind));
  return ALL_LISTS.filter((kind) => !shown.has(kind));
}

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "Import new, 7 Dec 2026 09:14: 3 added of 120 read" — or when an entry last changed, for older imports. */
export function lastImportText(list: ListSummaryT, format: (iso: string) => string): string {
  const last = list.lastImport;
  if (!last) return list.lastChangedAt ? `Changed ${format(list.lastChangedAt)}` : 'Not imported yet';
  const when = format(last.at);
  if (last.mode === 'new')
    return `Import new, ${when}: ${plural(last.added, 'added', 'added')} of ${last.seen.toLocaleString('en-US')} read`;
  if (last.mode === 'update') {
    const inactive =
      last.deactivated > 0 ? `, ${plural(last.deactivated, 'made inactive', 'made inactive')}` : '';
    return `Update existing, ${when}: ${plural(last.updated, 'changed', 'changed')}${inactive} of ${last.seen.toLocaleString('en-US')} read`;
  }
  return `Imported ${when}: ${plural(last.added, 'added', 'added')}, ${plural(last.updated, 'changed', 'changed')}`;
}

type StoppedT = NonNullable<ListSummaryT['stopped']>;

/**
 * Where an unfinished import of a list stands: "Stopped after 1,400 of about 3,000 accounts" ("about": the
 * system counted when the import began).
 */
export function stoppedText(
  kind: ListKindT,
  stopped: Pick<StoppedT, 'entriesRead' | 'total' | 'pagesDone'>,
): string {
  const name = listName(kind).toLowerCase();
  if (stopped.pagesDone === 0) return `Stopped before the first page of ${name} was read`;
  const of =
    stopped.total !== null
      ? ` of about ${Math.max(stopped.total, stopped.entriesRead).toLocaleString('en-US')}`
      : '';
  return `Stopped after ${stopped.entriesRead.toLocaleString('en-US')}${of} ${name}`;
}

/**
 * Where an unfinished import stands on a system read at its own session (QuickBooks Desktop, through the Web
 * Connector): queued for the next run, being read by the run under way, or stopped by a run that ended before the
 * list was through (the next run goes on with the rest).
 */
export function sessionStoppedState(
  stopped: Pick<StoppedT, 'status' | 'pagesDone'>,
): 'queued' | 'reading' | 'stopped' {
  if (stopped.status === 'failed') return 'stopped';
  return stopped.pagesDone === 0 ? 'queued' : 'reading';
}

export function sessionStoppedText(
  kind: ListKindT,
  stopped: Pick<StoppedT, 'status' | 'entriesRead' | 'total' | 'pagesDone'>,
): string {
  const name = listName(kind).toLowerCase();
  const state = sessionStoppedState(stopped);
  if (state === 'queued') return `Waiting for the next Web Connector run to read the ${name}`;
  if (state === 'reading') {
    const of = stopped.total !== null ? ` of ${stopped.total.toLocaleString('en-US')}` : '';
    return `Being read by the Web Connector run: ${stopped.entriesRead.toLocaleString('en-US')}${of} ${name}`;
  }
  return stoppedText(kind, stopped);
}

/** Which import it was, as the button that started it is named. */
export function stoppedMode(stopped: Pick<StoppedT, 'mode'>): string {
  return stopped.mode === 'new'
    ? 'Import new'
    : stopped.mode === 'update'
      ? 'Update existing'
      : 'Import every list';
}

/** What an Import new or Update existing did, as the notice under the list says it. */
export function importNotice(result: MethodOutput<'lists.importKind'>, system: string): string {
  const name = listName(result.kind).toLowerCase();
  if (result.queued) {
    return `Queued for the next Web Connector run of ${system}: the ${name} here change once it has run.`;
  }
  if (result.mode === 'new') {
    return result.added === 0
      ? `No new ${name} in ${system} (${result.seen.toLocaleString('en-US')} read).`
      : `${plural(result.added, `new ${entryName(result.kind).toLowerCase()}`, `new ${name}`)} imported from ${system}.`;
  }
  const changed = result.updated + result.deactivated;
  return changed === 0
    ? `The ${name} here already match ${system} (${result.seen.toLocaleString('en-US')} read).`
    : `${plural(result.updated, `${entryName(result.kind).toLowerCase()}`, name)} updated${result.deactivated > 0 ? `, ${plural(result.deactivated, 'made inactive', 'made inactive')}` : ''} from ${system}.`;
}

/**
 * Whether an app event may have changed the connection's mirrored vendors: a page of its supplier import, started
 * from any row of Needs pairing, from its card, or read by QuickBooks Desktop at a Web Connector run.
 */
export function changesVendors(event: AppEvent, connectionId: string): boolean {
  return event.type === 'progress' && event.task === `suppliers.import:${connectionId}`;
}

// One list of a connection imported from the Lists page, in one of the two ways the bookkeeper chooses between:
// "Import new" adds the entries the system has that are not mirrored yet (those mirrored are left alone, so a
// name the bookkeeper relies on does not change under them); "Update existing" refreshes the names, codes, active
// flags and details of those already mirrored and adds none. Both read the whole list from the system (no system
// says which entries are new to us); progress is reported as pages arrive. QuickBooks Desktop is asked at its next
// Web Connector run instead, where the session reads and mirrors every list.
import type { ListKindName } from '../connectors/contract.js';
import { recordListImport } from '../db/repos/list-page.js';
import { asAppError, capable, queueForSession } from './capability.js';
import type { AccountingContext } from './context.js';
import { mirrorListEntries } from './lists.js';

export type ListImportMode = 'new' | 'update';

export interface ListKindImport {
  kind: ListKindName;
  mode: ListImportMode;
  seen: number;
  added: number;
  updated: number;
  deactivated: number;
  queued: boolean;
}

/** The kinds read together with `kind`: a tracking option needs its category (its parent). */
function kindsFor(kind: ListKindName): ListKindName[] {
  return kind === 'tracking_option' ? ['tracking_category', 'tracking_option'] : [kind];
}

const PLURAL: Partial<Record<ListKindName, string>> = {
  account: 'accounts',
  class: 'classes',
  department: 'departments',
  location: 'locations',
  customer: 'customers and jobs',
  item: 'items',
  tax_code: 'tax codes',
  tax_rate: 'tax rates',
  tax_agency: 'tax agencies',
  term: 'terms',
  subsidiary: 'subsidiaries',
  tracking_category: 'tracking categories',
  tracking_option: 'tracking options',
};

export function listKindPlural(kind: ListKindName): string {
  return PLURAL[kind] ?? kind.replace('_', ' ');
}

export async function importListKind(
  ctx: AccountingContext,
  connectionId: string,
  kind: ListKindName,
  mode: ListImportMode,
): Promise<ListKindImport> {
  const what = `The ${listKindPlural(kind)} list (${mode === 'new' ? 'new entries' : 'changes to entries already here'})`;
  if (queueForSession(ctx, connectionId, what, (engine) => engine.requestListImport(connectionId))) {
    return { kind, mode, seen: 0, added: 0, updated: 0, deactivated: 0, queued: true };
  }
  const { connection, connector } = capable(ctx, connectionId, 'importLists');
  const task = `lists.import:${connection.id}:${kind}`;
  const plural = listKindPlural(kind);
  let entries;
  try {
    entries = await connector.importLists(ctx.connectorContext(connection), kindsFor(kind), (report) =>
      ctx.emit({
        type: 'progress',
        task,
        done: report.done,
        total: null,
        message: `Reading ${listKindPlural(report.kind)} from ${connection.name}: ${report.done.toLocaleString('en-US')}`,
      }),
    );
  } catch (error) {
    ctx.emit({ type: 'progress', task, done: 0, total: 0, message: `Reading ${plural} stopped` });
    asAppError(ctx, connection, 'import_lists', error);
  }
  const result = mirrorListEntries(ctx.db, connection, entries, mode);
  const counts = result.perKind?.[kind] ?? { seen: 0, added: 0, updated: 0, deactivated: 0 };
  // A list the system has none of is still imported (the page then says when, with 0 entries).
  if (!result.perKind?.[kind]) recordListImport(ctx.db, connection.id, kind, mode, counts);
  ctx.emit({
    type: 'progress',
    task,
    done: counts.seen,
    total: counts.seen,
    message: `${plural[0]!.toUpperCase()}${plural.slice(1)} imported`,
  });
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'import_lists',
    result: 'success',
    message:
      mode === 'new'
        ? `Imported new ${plural} from ${connection.name}: ${counts.added} added of ${counts.seen} read.`
        : `Updated ${plural} from ${connection.name}: ${counts.updated} changed, ${counts.deactivated} made inactive, of ${counts.seen} read.`,
    detail: JSON.stringify(counts),
  });
  return { kind, mode, ...counts, queued: false };
}

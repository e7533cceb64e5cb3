// One list of a connection imported from the Lists page, in one of the two ways the bookkeeper chooses between:
// "Import new" adds the entries the system has that are not mirrored yet (those mirrored are left alone, so a
// name the bookkeeper relies on does not change under them); "Update existing" refreshes the names, codes, active
// flags and details of those already mirrored and adds none. Both read the whole list from the system (no system
// says which entries are new to us), page by page and resumably (list-import.ts): an import that stopped continues
// at its page when the same button (or Resume) is chosen again. QuickBooks Desktop is asked at its next Web
// Connector run instead, where the session reads that list in that mode, resumably across runs (its engine's list
// reads).
import type { ListKindName } from '../connectors/contract.js';
import { capable, queueForSession } from './capability.js';
import { refreshCompanySettings } from './company-settings.js';
import type { AccountingContext } from './context.js';
import { importOneList, listKindPlural } from './list-import.js';

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

export async function importListKind(
  ctx: AccountingContext,
  connectionId: string,
  kind: ListKindName,
  mode: ListImportMode,
  options: { pageSize?: number } = {},
): Promise<ListKindImport> {
  const what = `The ${listKindPlural(kind)} list (${mode === 'new' ? 'new entries' : 'changes to entries already here'})`;
  if (
    queueForSession(ctx, connectionId, what, (engine) =>
      engine.requestListImport(connectionId, { kind, mode }),
    )
  ) {
    return { kind, mode, seen: 0, added: 0, updated: 0, deactivated: 0, queued: true };
  }
  const { connection, connector } = capable(ctx, connectionId, 'readListPage');
  // The company's preferences (class tracking, locations) may have changed in the system since the sign-in.
  await refreshCompanySettings(ctx, connection, connector, true);
  const reader = { readListPage: connector.readListPage.bind(connector), label: connector.label };
  const run = await importOneList(ctx, connection, reader, kind, mode, options);
  const plural = listKindPlural(kind);
  const counts = {
    seen: run.entriesRead,
    added: run.added,
    updated: run.updated,
    deactivated: run.deactivated,
  };
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'import_lists',
    result: 'success',
    message:
      mode === 'new'
        ? `Imported new ${plural} from ${connection.name}: ${counts.added} added of ${counts.seen} read.`
        : `Updated ${plural} from ${connection.name}: ${counts.updated} changed, ${counts.deactivated} made inactive, of ${counts.seen} read.`,
    detail: JSON.stringify({ ...counts, pages: run.pagesDone, requests: run.requests }),
  });
  return { kind, mode, ...counts, queued: false };
}

// List mirroring: the accounting system's reference lists (accounts, classes, departments, customers, items, tax
// codes and rates, terms, tracking categories) copied into list_entries, owned by the connection, a page at a time.
// Importing adds the entries not yet mirrored and refreshes the others; an entry made inactive there is counted as
// such.
import type { ListKindName } from '../connectors/contract.js';
import { refreshCompanySettings } from './company-settings.js';
import { capable, queueForSession } from './capability.js';
import type { AccountingContext } from './context.js';
import { importEveryList } from './list-import.js';
import type { KindCounts } from '../db/repos/list-page-writer.js';

/** Every kind a connector may offer; each imports the ones its system has and skips the others. */
export const DEFAULT_LIST_KINDS: ListKindName[] = [
  'account',
  'class',
  'department',
  'customer',
  'item',
  'tax_code',
  'tax_rate',
  'tax_agency',
  'term',
  'tracking_category',
  'tracking_option',
];

export interface MirrorCounts {
  added: number;
  updated: number;
  deactivated: number;
  byKind: Record<string, number>;
  /** Per kind: entries read, and what was done with them. */
  perKind?: Record<string, KindCounts>;
}

/**
 * Imports the connection's lists now, one after another, each page by page (list-import.ts): an import stopped in
 * one list continues, on the next call, at the page where it stopped, and the lists it had finished are not read
 * again. A QuickBooks Desktop connection is asked at its next Web Connector session instead (queued: true).
 */
export async function importLists(
  ctx: AccountingContext,
  connectionId: string,
  kinds: ListKindName[] | undefined,
  options: { pageSize?: number } = {},
): Promise<MirrorCounts & { queued: boolean }> {
  if (queueForSession(ctx, connectionId, 'Lists', (engine) => engine.requestListImport(connectionId))) {
    return { added: 0, updated: 0, deactivated: 0, byKind: {}, queued: true };
  }
  const { connection, connector } = capable(ctx, connectionId, 'readListPage');
  // The company's preferences (class tracking, locations) may have changed in the system since the sign-in.
  await refreshCompanySettings(ctx, connection, connector, true);
  const reader = { readListPage: connector.readListPage.bind(connector), label: connector.label };
  // Only the lists the system has: without kinds, every list it states (NetSuite's locations and subsidiaries among
  // them), else every kind there is; a connector that does not state its lists reads every kind asked.
  const offered = connector.listKinds ? new Set(connector.listKinds) : null;
  const wanted = [...new Set(kinds ?? connector.listKinds ?? DEFAULT_LIST_KINDS)].filter(
    (k) => !offered || offered.has(k),
  );
  const runs = await importEveryList(ctx, connection, reader, wanted, options);
  const result: MirrorCounts = { added: 0, updated: 0, deactivated: 0, byKind: {}, perKind: {} };
  for (const run of runs) {
    result.added += run.added;
    result.updated += run.updated;
    result.deactivated += run.deactivated;
    if (run.entriesRead > 0) result.byKind[run.kind] = run.entriesRead;
    result.perKind![run.kind] = {
      seen: run.entriesRead,
      added: run.added,
      updated: run.updated,
      deactivated: run.deactivated,
    };
  }
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'import_lists',
    result: 'success',
    message: `Imported lists from ${connection.name}: ${result.added} new, ${result.updated} updated, ${result.deactivated} made inactive.`,
    detail: JSON.stringify(result.byKind),
  });
  return { ...result, queued: false };
}

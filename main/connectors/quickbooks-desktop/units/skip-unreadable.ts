// A page of a list or of payments holding records Ledgerbridge cannot read: they are skipped with a log entry,
// so the page's iterator and checkpoint still advance and no session meets the same record and fails again.
import type { QbxmlResponse, UnreadableRecord } from '../qbxml/types.js';
import { unreadableWords } from '../references.js';
import type { SessionContext } from '../session-context.js';

export function skipUnreadable(
  ctx: SessionContext,
  source: string,
  action: 'import_lists' | 'payments',
  r: QbxmlResponse,
  bad: UnreadableRecord[],
): void {
  const { what, detail } = unreadableWords(r, bad);
  const message = `Skipped ${bad.length} record${bad.length === 1 ? '' : 's'} of ${source} that ${ctx.label} answered and Ledgerbridge cannot read: ${what}. The rest was imported; correct the record in QuickBooks if it should come across.`;
  ctx.problem('unreadable-record', message);
  ctx.log({ action, result: 'failure', message, detail });
}

// The Lists page's words and route: Connections → Lists opens the company's accounting connection or a named one,
// under the Connections section; a list's last import and an import's outcome are said plainly.
import { describe, expect, it } from 'vitest';
import {
  importNotice,
  lastImportText,
  listRows,
  otherLists,
  sortLists,
  stoppedMode,
  sessionStoppedState,
  sessionStoppedText,
  stoppedText,
  type ListSummaryT,
} from '../../../renderer/src/features/lists/model';
import { parseRoute, sectionOf } from '../../../renderer/src/lib/route';

const list = (over: Partial<ListSummaryT>): ListSummaryT => ({
  kind: 'account',
  count: 0,
  active: 0,
  hidden: 0,
  lastChangedAt: null,
  lastImport: null,
  stopped: null,
  ...over,
});
const at = (iso: string) => `<${iso}>`;

describe('the Lists page', () => {
  it('is reached at Connections → Lists, for the accounting connection or a named one', () => {
    expect(parseRoute('#/connections/lists')).toEqual({ page: 'lists', connectionId: null });
    expect(parseRoute('#/connections/lists/c1')).toEqual({ page: 'lists', connectionId: 'c1' });
    expect(sectionOf({ page: 'lists', connectionId: null })).toBe('connections');
    expect(parseRoute('#/connections')).toEqual({ page: 'connections' });
  });

  it('says when each list was last imported and what that did', () => {
    expect(lastImportText(list({}), at)).toBe('Not imported yet');
    expect(lastImportText(list({ lastChangedAt: 'T1' }), at)).toBe('Changed <T1>');
    expect(
      lastImportText(
        list({ lastImport: { at: 'T2', mode: 'new', seen: 1200, added: 3, updated: 0, deactivated: 0 } }),
        at,
      ),
    ).toBe('Import new, <T2>: 3 added of 1,200 read');
    expect(
      lastImportText(
        list({ lastImport: { at: 'T3', mode: 'update', seen: 40, added: 0, updated: 1, deactivated: 2 } }),
        at,
      ),
    ).toBe('Update existing, <T3>: 1 changed, 2 made inactive of 40 read');
  });

  it('says what an import did, and that QuickBooks Desktop waits for its Web Connector run', () => {
    const base = { kind: 'account' as const, seen: 10, added: 0, updated: 0, deactivated: 0, queued: false };
    expect(importNotice({ ...base, mode: 'new', added: 2 }, 'Books')).toBe(
      '2 new accounts imported from Books.',
    );
    expect(importNotice({ ...base, mode: 'new' }, 'Books')).toBe('No new accounts in Books (10 read).');
    expect(importNotice({ ...base, mode: 'update', updated: 1 }, 'Books')).toBe(
      '1 account updated from Books.',
    );
    expect(importNotice({ ...base, mode: 'update' }, 'Books')).toBe(
      'The accounts here already match Books (10 read).',
    );
    expect(importNotice({ ...base, mode: 'new', seen: 0, queued: true }, 'Office QB')).toBe(
      'Queued for the next Web Connector run of Office QB: the accounts here change once it has run.',
    );
  });

  it('shows what lines are coded to first', () => {
    const kinds = sortLists([list({ kind: 'term' }), list({ kind: 'class' }), list({ kind: 'account' })]).map(
      (l) => l.kind,
    );
    expect(kinds).toEqual(['account', 'class', 'term']);
  });

  it('shows a row for every list the system has, 0 and not imported yet where none came, and offers no other', () => {
    const imported = list({ kind: 'item', count: 4, active: 4 });
    const overview = { lists: [imported], kinds: ['account', 'item', 'tax_rate'] as ListSummaryT['kind'][] };
    const rows = listRows(overview);
    expect(rows.map((r) => r.kind)).toEqual(['account', 'item', 'tax_rate']);
    expect(rows[1]).toBe(imported);
    expect(rows[0]).toEqual(list({ kind: 'account' }));
    expect(lastImportText(rows[0]!, at)).toBe('Not imported yet');
    expect(otherLists(overview)).toEqual([]);
    // A list mirrored before, though the system no longer states it, stays shown.
    expect(
      listRows({ lists: [list({ kind: 'term', count: 2 })], kinds: ['account'] }).map((r) => r.kind),
    ).toEqual(['account', 'term']);
  });

  it('offers every other list only for a system that does not state its lists', () => {
    const other = otherLists({ lists: [list({ kind: 'account' })], kinds: [] });
    expect(other).not.toContain('account');
    expect(other).toContain('tracking_option');
    expect(listRows({ lists: [], kinds: [] })).toEqual([]);
  });

  it('says where an import stopped, and which one it was', () => {
    const stopped = { mode: 'new' as const, pagesDone: 2, entriesRead: 1400, total: 3000 };
    expect(stoppedText('account', stopped)).toBe('Stopped after 1,400 of about 3,000 accounts');
    expect(stoppedText('customer', { ...stopped, total: null })).toBe(
      'Stopped after 1,400 customers and jobs',
    );
    expect(stoppedText('item', { ...stopped, pagesDone: 0, entriesRead: 0 })).toBe(
      'Stopped before the first page of items was read',
    );
    // The system counted when the import began; the list may have grown since.
    expect(stoppedText('account', { ...stopped, entriesRead: 3010 })).toBe(
      'Stopped after 3,010 of about 3,010 accounts',
    );
    expect([
      stoppedMode({ mode: 'new' }),
      stoppedMode({ mode: 'update' }),
      stoppedMode({ mode: 'all' }),
    ]).toEqual(['Import new', 'Update existing', 'Import every list']);
  });

  it('says where a list read at the Web Connector run stands: queued, being read, or stopped', () => {
    const base = { entriesRead: 0, total: null, pagesDone: 0 };
    expect(sessionStoppedState({ status: 'running', pagesDone: 0 })).toBe('queued');
    expect(sessionStoppedText('customer', { ...base, status: 'running' })).toBe(
      'Waiting for the next Web Connector run to read the customers and jobs',
    );
    const reading = { status: 'running' as const, pagesDone: 3, entriesRead: 400, total: 1200 };
    expect(sessionStoppedState(reading)).toBe('reading');
    expect(sessionStoppedText('item', reading)).toBe(
      'Being read by the Web Connector run: 400 of 1,200 items',
    );
    const stopped = { ...reading, status: 'failed' as const };
    expect(sessionStoppedState(stopped)).toBe('stopped');
    expect(sessionStoppedText('item', stopped)).toBe('Stopped after 400 of about 1,200 items');
  });
});

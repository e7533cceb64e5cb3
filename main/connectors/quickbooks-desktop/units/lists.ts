// The lists unit: mirrors QuickBooks' lists (accounts, classes, terms, items, vendors, customers and jobs) into
// list_entries when an import is asked for (always on the first session). Each list is a read that outlives the
// session (list-reads.ts): the id pass (iterated where QuickBooks iterates the list), then the records by ListID in
// batches, each batch marked fetched in the transaction that mirrors it. A session that breaks leaves the read where
// its last answer put it; the next session fetches the ids not fetched yet (an id pass cut short starts over: ids are
// cheap, and ids fetched before keep their state unless their EditSequence changed). A page or batch QuickBooks
// answers with an error is asked for again once; failing twice, the read waits for the next session. ENGINE.md says
// why, and how this stays sound.
import { recordListImport } from '../../../db/repos/list-page.js';
import { setListRunStatus } from '../../../db/repos/list-import-runs.js';
import { newId } from '../../../db/sql-helpers.js';
import type { ListKindName } from '../../contract.js';
import {
  claimRead,
  dropRead,
  endIdPass,
  ensureRead,
  nextBatch,
  markFetched,
  openReads,
  readCounts,
  recordIds,
  stepRun,
  type ListRead,
} from '../list-reads.js';
import {
  applyListResponse,
  FETCH_BATCH,
  fetchRequest,
  ID_PAGE,
  idsOf,
  idsRequest,
  isListName,
  kindOfList,
  latestModified,
  LIST_NAMES,
  listOfKind,
  type ListName,
  vendorFetchFilter,
} from '../lists.js';
import type { Message } from '../message.js';
import type { QbxmlResponse, UnreadableRecord } from '../qbxml/types.js';
import type { SessionContext } from '../session-context.js';
import { listCheckpoints, loadState, updateState, type ListCheckpoint } from '../state.js';
import type { Release, RequestHandler } from '../unit.js';
import { recordVendorPage, type VendorReadOutcome } from '../vendor-import.js';
import { skipUnreadable } from './skip-unreadable.js';
import type { Database } from 'better-sqlite3';

interface ListPending {
  kind: 'list';
  readId: string;
  /** ids: a page of the id pass; fetch: the records of `ids`. */
  phase: 'ids' | 'fetch';
  ids: readonly string[];
}

const PLURAL: Record<ListName, string> = {
  accounts: 'accounts',
  classes: 'classes',
  terms: 'terms',
  items: 'items',
  vendors: 'vendors',
  customers: 'customers and jobs',
};

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Asks for lists at the next session: every list (scope null: Import every list, the first session), or one list
 * in one of the Lists page's modes. A read of that list and mode that has not finished is continued, never started
 * over, and so is an unfinished import of every list. Returns false when QuickBooks Desktop has no such list.
 */
export function requestListReads(
  db: Database,
  connection: { id: string; companyId: string },
  scope: { kind: ListKindName; mode: 'new' | 'update' } | null,
  now: Date,
  options: {
    /** An import asked for before reads were kept (lists_requested): the lists it finished are done. */
    legacy?: boolean;
  } = {},
): boolean {
  return db.transaction(() => {
    const state = loadState(db, connection.id, now);
    const checkpoints = listCheckpoints(state);
    const base = { connectionId: connection.id, companyId: connection.companyId, now };
    if (scope) {
      const list = listOfKind(scope.kind);
      if (!list) return false;
      ensureRead(db, { ...base, list, kind: scope.kind, mode: scope.mode, since: null, batch: null });
      return true;
    }
    // An import of every list that has not finished is continued as it is (Resume): the lists it finished are not
    // read again, as with the systems we call (main/accounting/list-import.ts).
    if (openReads(db, connection.id).some((r) => r.mode === 'all')) return true;
    const batch = newId();
    for (const list of LIST_NAMES) {
      if (options.legacy && checkpoints[list]?.done) continue;
      const since = checkpoints[list]?.since ?? null;
      const { created } = ensureRead(db, {
        ...base,
        list,
        kind: kindOfList(list),
        mode: 'all',
        since,
        batch,
      });
      if (created) checkpoints[list] = { ...checkpoints[list], since, done: false, seen: null };
    }
    updateState(db, connection.id, { lists_requested: 0, lists_json: JSON.stringify(checkpoints) }, now);
    return true;
  })();
}

/**
 * The supplier import's read, at the next session: the whole vendor list and no other list (Read QuickBooks lists
 * again reads those). Every vendor id, not only those changed since the list's checkpoint: vendors read while the
 * connection only paired them by name come in once it adds them. A vendor read already asked for (by an import of
 * every list) is widened to every id; its id pass starts over, and the ids it recorded keep their state.
 */
export function requestVendorRead(
  db: Database,
  connection: { id: string; companyId: string },
  now: Date,
): void {
  db.transaction(() => {
    const open = openReads(db, connection.id).find((r) => r.list === 'vendors' && r.mode === 'all');
    if (open) {
      if (open.since !== null)
        db.prepare(`UPDATE qbd_list_reads SET since = NULL, phase = 'ids', updated_at = ? WHERE id = ?`).run(
          now.toISOString(),
          open.id,
        );
      return;
    }
    ensureRead(db, {
      connectionId: connection.id,
      companyId: connection.companyId,
      list: 'vendors',
      kind: null,
      mode: 'all',
      since: null,
      batch: null,
      now,
    });
  })();
}

export class ListsUnit implements RequestHandler<ListPending> {
  readonly kinds = ['list'] as const;
  /** An import is under way in this session. */
  active: boolean;
  private reads: ListRead[];
  private readonly checkpoints: Record<string, ListCheckpoint>;
  /** The id pass's iterator of each read, in this session (an iterator dies with its session). */
  private readonly iterators = new Map<string, string>();
  /** Ids the id pass of each read has read in this session, for "of about N" while it runs. */
  private readonly idsThisPass = new Map<string, number>();
  /** Reads whose page or batch failed once in this session and were asked for again. */
  private readonly retried = new Set<string>();
  /** Reads left for the next session (a page or batch failed twice): not asked again in this one. */
  private readonly deferred = new Map<string, string>();
  /** Reads this session claimed (sent a request of). */
  private readonly claimed = new Set<string>();
  /** Reads finished in this session: how many, and which lists of an import of every list. */
  private completed = 0;
  private readonly completedLists = new Set<ListName>();
  private readonly completedAll = new Set<string>();
  private records = 0;

  constructor(private readonly ctx: SessionContext) {
    // The first session of a connection reads every list; an import asked for before reads were kept (migration
    // 0039) reads the lists it had not finished.
    if (ctx.state.lists_requested === 1)
      requestListReads(ctx.db, ctx.connection, null, ctx.now(), { legacy: true });
    this.reads = openReads(ctx.db, ctx.connectionId).filter((r) => isListName(r.list));
    this.checkpoints = listCheckpoints(ctx.tx(() => loadState(ctx.db, ctx.connectionId, ctx.now())));
    this.widenVendorReads();
    this.active = this.reads.length > 0;
  }

  /**
   * A vendor read of only the vendors changed since the list's checkpoint cannot pair a supplier added or renamed
   * here after the last read that listed every vendor: its vendor, unchanged in QuickBooks since, is not listed, and
   * the vendors not named like a supplier then were skipped (importVendors off) or not added (inactive). So while
   * such a supplier is unpaired, the read lists every vendor id again (ids are cheap; only the vendors that could
   * change something are fetched).
   */
  private widenVendorReads(): void {
    const { ctx } = this;
    const listedAt = this.checkpoints['vendors']?.listedAt ?? null;
    for (const read of this.reads) {
      if (read.list !== 'vendors' || read.mode !== 'all' || read.phase !== 'ids' || read.since === null)
        continue;
      const unpaired = ctx.db
        .prepare<[string, string | null, string | null, string], { one: number }>(
          `SELECT 1 AS one FROM suppliers s
           WHERE s.company_id = ? AND (? IS NULL OR s.updated_at > ?)
             AND NOT EXISTS (SELECT 1 FROM external_links l
               WHERE l.connection_id = ? AND l.entity_type = 'supplier' AND l.entity_id = s.id)
           LIMIT 1`,
        )
        .get(ctx.connection.companyId, listedAt, listedAt, ctx.connectionId);
      if (!unpaired) continue;
      ctx.tx(() =>
        ctx.db
          .prepare('UPDATE qbd_list_reads SET since = NULL, updated_at = ? WHERE id = ?')
          .run(ctx.now().toISOString(), read.id),
      );
      read.since = null;
    }
  }

  /** A request of every unfinished read: a page of its id pass, or its next batch of records. */
  plan(message: Message): void {
    if (!this.active) return;
    const { ctx } = this;
    for (const read of [...this.reads]) {
      if (this.deferred.has(read.id)) continue;
      const name = read.list as ListName;
      const tag = read.mode === 'all' ? `list.${name}` : `list.${name}.${read.mode}`;
      let pending: ListPending;
      let request;
      if (read.phase === 'ids') {
        pending = { kind: 'list', readId: read.id, phase: 'ids', ids: [] };
        request = idsRequest(
          name,
          read.since,
          this.iterators.get(read.id) ?? null,
          message.rid(tag),
          ctx.listPages?.ids ?? ID_PAGE,
        );
      } else {
        const ids = nextBatch(ctx.db, read.id, ctx.listPages?.fetch ?? FETCH_BATCH);
        if (ids.length === 0) {
          ctx.tx(() => this.complete(read, false));
          continue;
        }
        pending = { kind: 'list', readId: read.id, phase: 'fetch', ids };
        request = fetchRequest(name, ids, message.rid(tag));
      }
      if (!this.claimed.has(read.id)) {
        this.claimed.add(read.id);
        ctx.tx(() => {
          claimRead(ctx.db, read.id, ctx.sessionId, ctx.now());
          if (read.runId) setListRunStatus(ctx.db, read.runId, 'running', null);
        });
      }
      message.add(request, this, pending);
    }
    if (message.size === 0) this.finish();
  }

  /** Lists still to read in this session (for the progress). */
  left(): number {
    return this.active ? this.reads.filter((r) => !this.deferred.has(r.id)).length : 0;
  }

  /** Lists read through in this session (for the progress). */
  done(): number {
    return this.completed;
  }

  /** Ends the import when the last answers completed it, so the percentage can say 100 without another trip. */
  finishIfDone(): void {
    if (this.active && this.reads.every((r) => this.deferred.has(r.id))) this.finish();
  }

  private finish(): void {
    const { ctx } = this;
    this.active = false;
    if (this.deferred.size > 0) {
      const names = [
        ...new Set(this.reads.filter((r) => this.deferred.has(r.id)).map((r) => PLURAL[r.list as ListName])),
      ];
      ctx.log({
        action: 'import_lists',
        result: 'failure',
        message: `QuickBooks could not give the rest of the ${names.join(', ')} list; what was read is kept, and the next Web Connector run goes on with the rest.`,
        detail: `${this.records} records imported in this session`,
      });
      return;
    }
    if (this.completed === 0) return;
    // Vendors and items read through in this very session: a name not found in them is not in QuickBooks.
    if (this.completedAll.has('vendors') && this.completedAll.has('items')) ctx.listsFresh = true;
    if (this.completedAll.size > 0)
      ctx.tx(() =>
        updateState(ctx.db, ctx.connectionId, { lists_imported_at: ctx.now().toISOString() }, ctx.now()),
      );
    ctx.log({
      action: 'import_lists',
      result: 'success',
      message: `Imported lists from ${ctx.label}`,
      detail: `${this.records} records (${LIST_NAMES.filter((n) => this.completedLists.has(n))
        .map((n) => PLURAL[n])
        .join(', ')})`,
    });
  }

  apply(p: ListPending, r: QbxmlResponse): void {
    const { ctx } = this;
    const read = this.reads.find((x) => x.id === p.readId);
    if (!read) return;
    if (r.statusSeverity === 'Error') {
      const why = ctx.classify(r).userMessage;
      ctx.problem(String(r.statusCode), why);
      if (p.phase === 'fetch' || this.iterators.has(read.id)) {
        // In the middle of the list: the ids are still to fetch (or the iterator stands where it was), so the next
        // message asks for the same page again; failing again, the next session goes on from here.
        if (this.retried.has(read.id)) this.deferred.set(read.id, why);
        else this.retried.add(read.id);
        return;
      }
      // A list QuickBooks refuses to read (permissions, edition) must not stop the import of the others.
      this.refused(read, why);
      return;
    }
    this.retried.delete(read.id);
    if (p.phase === 'ids') this.applyIds(read, r);
    else this.applyRecords(read, p.ids, r);
  }

  private applyIds(read: ListRead, r: QbxmlResponse): void {
    const { ctx } = this;
    const name = read.list as ListName;
    const seen = latestModified(r.records as { TimeModified?: string }[], read.seen);
    let ids = idsOf(r);
    if (name === 'vendors' && !ctx.settings.importVendors) {
      const useful = vendorFetchFilter(ctx.db, ctx.connection);
      ids = ids.map((id) => ({ ...id, useless: !useful(id) }));
    }
    recordIds(ctx.db, read.id, ids, seen, ctx.now());
    read.seen = seen;
    const remaining = r.iteratorRemainingCount ?? 0;
    const thisPass = (this.idsThisPass.get(read.id) ?? 0) + r.records.length;
    this.idsThisPass.set(read.id, thisPass);
    const more = remaining > 0 && !!r.iteratorID;
    if (more) this.iterators.set(read.id, r.iteratorID!);
    else {
      this.iterators.delete(read.id);
      const kind = kindOfList(name);
      endIdPass(ctx.db, read, kind ? { kind } : 'vendors', ctx.now());
      read.phase = 'fetch';
    }
    const counts = readCounts(ctx.db, read.id);
    const total = more ? Math.max(counts.ids, thisPass + remaining) : counts.ids;
    if (read.runId)
      stepRun(
        ctx.db,
        read.runId,
        {
          entries: counts.fetched + counts.skipped,
          total,
          added: 0,
          updated: 0,
          deactivated: 0,
          finished: false,
        },
        ctx.now(),
      );
    this.announce(read, counts.fetched + counts.skipped, total, more ? 'Listing' : 'Reading');
    if (!more && counts.pending === 0) this.complete(read, false);
  }

  private applyRecords(read: ListRead, ids: readonly string[], r: QbxmlResponse): void {
    const { ctx } = this;
    const name = read.list as ListName;
    const result = applyListResponse(ctx.db, {
      connectionId: ctx.connectionId,
      companyId: ctx.connection.companyId,
      name,
      response: r,
      now: ctx.now(),
      mode: read.mode,
      importVendors: ctx.settings.importVendors,
    });
    // Every id asked for is done: one QuickBooks did not return was deleted there since the id pass.
    markFetched(ctx.db, read.id, ids);
    ctx.summary.listRecords += result.records;
    this.records += result.records;
    const counts = readCounts(ctx.db, read.id);
    const finished = counts.pending === 0;
    if (read.runId)
      stepRun(
        ctx.db,
        read.runId,
        {
          entries: counts.fetched + counts.skipped,
          total: counts.ids,
          added: result.counts.added,
          updated: result.counts.updated,
          deactivated: result.counts.deactivated,
          finished: false,
        },
        ctx.now(),
      );
    if (name === 'vendors')
      ctx.emit(
        recordVendorPage(
          ctx.db,
          ctx.connection,
          result,
          { read: counts.fetched + counts.skipped, listed: counts.ids, finished },
          finished ? this.vendorOutcome(read) : undefined,
        ).event,
      );
    this.announce(read, counts.fetched + counts.skipped, counts.ids, 'Reading');
    if (finished) this.complete(read, true);
  }

  /** The read is through: its run finishes, an import of every list moves the list's checkpoint, the read goes. */
  private complete(read: ListRead, vendorsRecorded: boolean): void {
    const { ctx } = this;
    const name = read.list as ListName;
    const kind = kindOfList(name);
    if (read.runId && kind) {
      const run = ctx.db
        .prepare<[string], { entries_read: number; added: number; updated: number; deactivated: number }>(
          'SELECT entries_read, added, updated, deactivated FROM list_import_runs WHERE id = ?',
        )
        .get(read.runId);
      const at = ctx.now().toISOString();
      ctx.db
        .prepare(
          `UPDATE list_import_runs SET status = 'finished', cursor_json = NULL, message = NULL, updated_at = ?,
             finished_at = ? WHERE id = ?`,
        )
        .run(at, at, read.runId);
      if (run)
        recordListImport(ctx.db, ctx.connectionId, kind, read.mode, {
          seen: run.entries_read,
          added: run.added,
          updated: run.updated,
          deactivated: run.deactivated,
        });
    }
    if (name === 'vendors' && !vendorsRecorded) {
      const counts = readCounts(ctx.db, read.id);
      ctx.emit(
        recordVendorPage(
          ctx.db,
          ctx.connection,
          { records: 0, vendorsMatched: 0, vendorsImported: 0 },
          { read: counts.fetched + counts.skipped, listed: counts.ids, finished: true },
          this.vendorOutcome(read),
        ).event,
      );
    }
    if (read.mode === 'all') {
      const checkpoint = this.checkpoints[name];
      const since = latestModified(read.seen ? [{ TimeModified: read.seen }] : [], checkpoint?.since ?? null);
      // A read of every vendor listed the vendors of every supplier here as it was when the read was asked for.
      const listedAt = name === 'vendors' && read.since === null ? read.createdAt : checkpoint?.listedAt;
      this.checkpoints[name] = { since, done: true, seen: null, ...(listedAt ? { listedAt } : {}) };
      updateState(ctx.db, ctx.connectionId, { lists_json: JSON.stringify(this.checkpoints) }, ctx.now());
      this.completedAll.add(name);
    }
    dropRead(ctx.db, read.id);
    this.reads = this.reads.filter((r) => r.id !== read.id);
    this.completed += 1;
    this.completedLists.add(name);
  }

  /** How a vendor read that is through went: in full or not, and the vendors it listed that nothing here pairs. */
  private vendorOutcome(read: ListRead): VendorReadOutcome {
    const { ctx } = this;
    const notPaired =
      ctx.db
        .prepare<[string, string], { n: number }>(
          `SELECT COUNT(*) AS n FROM qbd_list_ids i WHERE i.read_id = ? AND NOT EXISTS (
             SELECT 1 FROM external_links l
             WHERE l.connection_id = ? AND l.entity_type = 'supplier' AND l.external_id = i.list_id)`,
        )
        .get(read.id, ctx.connectionId)?.n ?? 0;
    return { inFull: read.since === null, importVendors: ctx.settings.importVendors === true, notPaired };
  }

  /** QuickBooks will not read this list at all: the read ends, its run says why, and Resume asks again. */
  private refused(read: ListRead, why: string): void {
    const { ctx } = this;
    const name = read.list as ListName;
    if (read.runId)
      setListRunStatus(
        ctx.db,
        read.runId,
        'failed',
        `${ctx.label} would not read its ${PLURAL[name]} list: ${why} Choose Resume in Connections → Lists to ask again at the next Web Connector run.`,
      );
    dropRead(ctx.db, read.id);
    this.reads = this.reads.filter((r) => r.id !== read.id);
  }

  /** The Lists page's progress of a read (the task the page listens to for that list). */
  private announce(read: ListRead, done: number, total: number, doing: 'Listing' | 'Reading'): void {
    const kind = kindOfList(read.list as ListName);
    if (!kind) return;
    const plural = PLURAL[read.list as ListName];
    this.ctx.emit({
      type: 'progress',
      task: `lists.import:${this.ctx.connectionId}:${kind}`,
      done: doing === 'Listing' ? 0 : done,
      total,
      message:
        doing === 'Listing'
          ? `Listing the ${plural} in ${this.ctx.label} at the Web Connector run (about ${count(total)})…`
          : `Reading ${plural} from ${this.ctx.label} at the Web Connector run: ${count(done)} of ${count(total)}`,
    });
  }

  /**
   * The session ends: a read it worked on and did not finish says where it stopped on its run, and goes on at the
   * next Web Connector run (the Lists page shows it with Resume).
   */
  stop(): void {
    const { ctx } = this;
    for (const read of this.reads) {
      if (!this.claimed.has(read.id) || !read.runId) continue;
      const counts = readCounts(ctx.db, read.id);
      const plural = PLURAL[read.list as ListName];
      const where =
        read.phase === 'ids'
          ? `while it listed the ${plural}`
          : `after ${count(counts.fetched + counts.skipped)} of ${count(counts.ids)} ${plural}`;
      const cause = this.deferred.get(read.id);
      const message = cause
        ? `${ctx.label} could not give the rest of the ${plural} (${cause}) ${where}; what was read is kept, and the next Web Connector run goes on with the rest.`
        : `The Web Connector run ended ${where}; what was read is kept, and the next Web Connector run goes on with the rest.`;
      setListRunStatus(ctx.db, read.runId, 'failed', message);
    }
  }

  /** Asked for again on the next request of the read: its ids stay pending. */
  release(_p: ListPending, _why: Release): void {}

  /** The answer's other records are imported; its ids are marked done, so no session meets the record again. */
  unreadable(p: ListPending, r: QbxmlResponse, bad: UnreadableRecord[]): boolean {
    const read = this.reads.find((x) => x.id === p.readId);
    skipUnreadable(this.ctx, `the ${read?.list ?? 'lists'} list`, 'import_lists', r, bad);
    return false;
  }
}

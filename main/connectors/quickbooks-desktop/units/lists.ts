// The lists unit: mirrors QuickBooks' lists (accounts, classes, terms, items, vendors, customers and jobs) into
// list_entries when an import is requested (always on the first session), through iterators that die with the
// session, so progress is kept per list (lists.ts builds the requests and applies the pages; ENGINE.md says
// why an interrupted list restarts from its checkpoint). A page in the middle of a list that QuickBooks answers
// with an error is asked for again with the same iterator; failing twice, the list is left for the next session.
import { QBD_LABEL } from '../connector.js';
import { applyListResponse, LIST_NAMES, listRequest, type ListName, type ListProgress } from '../lists.js';
import type { Message } from '../message.js';
import type { QbxmlResponse, UnreadableRecord } from '../qbxml/types.js';
import type { SessionContext } from '../session-context.js';
import { listCheckpoints, updateState, type ListCheckpoint } from '../state.js';
import type { Release, RequestHandler } from '../unit.js';
import { recordVendorPage } from '../vendor-import.js';
import { skipUnreadable } from './skip-unreadable.js';

interface ListPending {
  kind: 'list';
  name: ListName;
}

export class ListsUnit implements RequestHandler<ListPending> {
  readonly kinds = ['list'] as const;
  /** An import is under way in this session. */
  active: boolean;
  private readonly progress = new Map<ListName, ListProgress>();
  private readonly checkpoints: Record<string, ListCheckpoint>;
  /** Lists whose page failed once in this session and were asked for again. */
  private readonly retried = new Set<ListName>();
  /** Lists left unfinished for the next session (a page failed twice): not asked again in this one. */
  private readonly deferred = new Set<ListName>();

  constructor(private readonly ctx: SessionContext) {
    this.checkpoints = listCheckpoints(ctx.state);
    this.active = ctx.state.lists_requested === 1;
  }

  /** A page of every unfinished list; the import ends when none is left. */
  plan(message: Message): void {
    if (!this.active) return;
    for (const name of LIST_NAMES) {
      const checkpoint = this.checkpoints[name];
      if (checkpoint?.done || this.deferred.has(name)) continue;
      message.add(listRequest(name, checkpoint, this.progress.get(name), message.rid(`list.${name}`)), this, {
        kind: 'list',
        name,
      });
    }
    if (message.size === 0) this.finish();
  }

  /** Lists still to read (for the progress). */
  left(): number {
    return this.active
      ? LIST_NAMES.filter((n) => !this.checkpoints[n]?.done && !this.deferred.has(n)).length
      : 0;
  }

  /** Ends the import when the last answers completed it, so the percentage can say 100 without another trip. */
  finishIfDone(): void {
    if (this.active && LIST_NAMES.every((n) => this.checkpoints[n]?.done || this.deferred.has(n)))
      this.finish();
  }

  private finish(): void {
    const { ctx } = this;
    this.active = false;
    if (this.deferred.size > 0) {
      // The import stays requested: the next session reads the unfinished lists again from their checkpoints.
      ctx.tx(() =>
        updateState(ctx.db, ctx.connectionId, { lists_json: JSON.stringify(this.checkpoints) }, ctx.now()),
      );
      ctx.log({
        action: 'import_lists',
        result: 'failure',
        message: `QuickBooks could not give the rest of the ${[...this.deferred].join(', ')} list; what was read is kept, and the next Web Connector run reads ${this.deferred.size === 1 ? 'it' : 'them'} again.`,
        detail: `${ctx.summary.listRecords} records imported in this session`,
      });
      return;
    }
    ctx.listsFresh = true;
    ctx.tx(() =>
      updateState(
        ctx.db,
        ctx.connectionId,
        {
          lists_requested: 0,
          lists_json: JSON.stringify(this.checkpoints),
          lists_imported_at: ctx.now().toISOString(),
        },
        ctx.now(),
      ),
    );
    ctx.log({
      action: 'import_lists',
      result: 'success',
      message: `Imported lists from ${QBD_LABEL}`,
      detail: `${ctx.summary.listRecords} records (accounts, classes, terms, items, vendors, customers and jobs)`,
    });
  }

  apply(p: ListPending, r: QbxmlResponse): void {
    const { ctx } = this;
    const { name } = p;
    const checkpoint: ListCheckpoint = this.checkpoints[name] ?? { since: null, done: false, seen: null };
    if (r.statusSeverity === 'Error') {
      ctx.problem(String(r.statusCode), ctx.classify(r).userMessage);
      if (this.progress.get(name)?.iteratorID) {
        // A page in the middle of the list: its iterator still stands where it was, so the next message asks for
        // the same page again (what was read is kept); failing again, the next session restarts the list.
        if (this.retried.has(name)) this.deferred.add(name);
        else this.retried.add(name);
        return;
      }
      // A list QuickBooks refuses to read (permissions, edition) must not stop the import of the others.
      this.checkpoints[name] = { ...checkpoint, done: true };
      return;
    }
    const result = applyListResponse(ctx.db, {
      connectionId: ctx.connectionId,
      companyId: ctx.connection.companyId,
      name,
      response: r,
      now: ctx.now(),
      importVendors: ctx.settings.importVendors,
    });
    ctx.summary.listRecords += result.records;
    this.retried.delete(name);
    const seen =
      result.seen && (!checkpoint.seen || Date.parse(result.seen) > Date.parse(checkpoint.seen))
        ? result.seen
        : checkpoint.seen;
    const progress = this.progress.get(name) ?? { records: 0 };
    progress.records += result.records;
    if (result.iteratorID) {
      progress.iteratorID = result.iteratorID;
      progress.remaining = result.remaining;
      this.checkpoints[name] = { ...checkpoint, seen };
    } else {
      delete progress.iteratorID;
      progress.remaining = 0;
      this.checkpoints[name] = { since: seen ?? checkpoint.since, done: true, seen: null };
    }
    this.progress.set(name, progress);
    updateState(ctx.db, ctx.connectionId, { lists_json: JSON.stringify(this.checkpoints) }, ctx.now());
    if (name === 'vendors')
      ctx.emit(recordVendorPage(ctx.db, ctx.connection, result, progress.records).event);
  }

  /** Read again on the next page request. */
  release(_p: ListPending, _why: Release): void {}

  /** The page's other records are imported; its iterator and checkpoint advance. */
  unreadable(p: ListPending, r: QbxmlResponse, bad: UnreadableRecord[]): boolean {
    skipUnreadable(this.ctx, `the ${p.name} list`, 'import_lists', r, bad);
    return false;
  }
}

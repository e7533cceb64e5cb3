// The Documents page's selection and the bulk action running on it. Both live outside the page, so the summary of
// a long send is still there after opening a refused document from it and coming back; the work runs here, not in
// a component, so leaving the page does not stop following the sends.
import { create } from 'zustand';
import { BULK_MAX } from '../../../../../../preload/contracts/bulk';
import { request } from '../../../../state/app';
import {
  chunks,
  partSize,
  queuedIds,
  stillOpen,
  summarize,
  type BulkAction,
  type BulkItem,
  type BulkSummary,
  type ProgressItem,
} from './model';

const PROGRESS_PART = BULK_MAX;
const FOLLOW_EVERY_MS = 1000;

export interface BulkRun {
  /** The company acted in: the summary is not shown in another. */
  companyId: string;
  action: BulkAction;
  /** The connection sent to (its name, for the summary); null when not a send. */
  target: string | null;
  /** How many documents the action was asked for, and how many the server has answered for so far. */
  total: number;
  answered: number;
  summary: BulkSummary | null;
  /** The call failed as a whole (the server unreachable): what was answered before is in the summary. */
  failed: boolean;
}

interface BulkState {
  selected: ReadonlySet<string>;
  /** The index of the last row clicked, for shift-click ranges. */
  anchor: number | null;
  run: BulkRun | null;
  toggle(id: string, index: number): void;
  setMany(ids: readonly string[], on: boolean): void;
  setAnchor(index: number | null): void;
  clear(): void;
  start(input: {
    companyId: string;
    action: BulkAction;
    ids: readonly string[];
    connectionId?: string | undefined;
    target?: string | null;
  }): Promise<void>;
  dismiss(): void;
}

let generation = 0;

export const useBulk = create<BulkState>((set, get) => ({
  selected: new Set(),
  anchor: null,
  run: null,
  toggle: (id, index) =>
    set((s) => {
      const next = new Set(s.selected);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return { selected: next, anchor: index };
    }),
  setMany: (ids, on) =>
    set((s) => {
      const next = new Set(s.selected);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return { selected: next };
    }),
  setAnchor: (anchor) => set({ anchor }),
  clear: () => set({ selected: new Set(), anchor: null }),
  dismiss: () => {
    generation += 1;
    set({ run: null });
  },
  async start({ companyId, action, ids, connectionId, target = null }) {
    const mine = ++generation;
    const current = () => mine === generation;
    const update = (patch: Partial<BulkRun>) => {
      const run = get().run;
      if (current() && run) set({ run: { ...run, ...patch } });
    };
    set({
      run: { companyId, action, target, total: ids.length, answered: 0, summary: null, failed: false },
    });
    const results: BulkItem[] = [];
    try {
      for (const part of chunks(ids, partSize(ids.length, BULK_MAX))) {
        const answer =
          action === 'send'
            ? await request('documents.sendMany', { companyId, ids: part, connectionId })
            : await request(action === 'submit' ? 'documents.submitMany' : 'documents.approveMany', {
                companyId,
                ids: part,
              });
        results.push(...answer.results);
        update({ answered: results.length, summary: summarize(action, results) });
      }
    } catch {
      update({ failed: true, summary: summarize(action, results) });
      return;
    }
    set({ selected: new Set(), anchor: null });
    const follow = queuedIds(results);
    if (follow.length === 0) return;
    // Follow the queued sends until none is on its way. A send that was sent or refused stays so: only those still
    // on their way, or waiting for the bookkeeper (who may act meanwhile), are asked about again.
    const latest = new Map<string, ProgressItem>();
    for (;;) {
      if (!current()) return;
      try {
        for (const part of chunks(stillOpen(follow, latest), PROGRESS_PART)) {
          const answer = await request('documents.sendProgress', {
            companyId,
            ids: part,
            ...(action === 'send' && connectionId ? { connectionId } : {}),
          });
          for (const item of answer) latest.set(item.id, item);
        }
      } catch {
        update({ failed: true });
        return;
      }
      const summary = summarize(action, results, [...latest.values()]);
      update({ summary });
      if (!summary.running) return;
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_EVERY_MS));
    }
  },
}));

// What a bulk action did, as the summary shows it: counts by outcome, then each document that was refused or waits
// for the bookkeeper, named with its reason. A bulk send is followed until every queued document was sent, was
// refused by the accounting system, or waits (a pairing, a reconnect): until then its documents count as sending.
import type { MethodOutput } from '../../../../../../preload/contract';

export type BulkAction = 'submit' | 'approve' | 'send';
export type BulkItem = MethodOutput<'documents.sendMany'>['results'][number];
export type ProgressItem = MethodOutput<'documents.sendProgress'>[number];

/** The bookkeeper's words for each group, in the order the summary shows them. */
export type Group = 'sent' | 'sending' | 'queued' | 'approved' | 'submitted' | 'waiting' | 'refused';

export interface Named {
  id: string;
  number: string | null;
  type: BulkItem['type'];
  message: string;
}

export interface BulkSummary {
  action: BulkAction;
  total: number;
  counts: Record<Group, number>;
  /** Refused here (the rules) or there (the accounting system), each with why. */
  refused: Named[];
  /** Sends that wait for the bookkeeper and go on by themselves once it is done. */
  waiting: Named[];
  /** True while sends are still on their way. */
  running: boolean;
}

const EMPTY: Record<Group, number> = {
  sent: 0,
  sending: 0,
  queued: 0,
  approved: 0,
  submitted: 0,
  waiting: 0,
  refused: 0,
};

/**
 * The summary of a bulk action's answers, and for a send (or an approval that queued sends) where each queued
 * document stands now. `progress` left out: the answers alone.
 */
export function summarize(
  action: BulkAction,
  results: readonly BulkItem[],
  progress?: readonly ProgressItem[],
): BulkSummary {
  const counts = { ...EMPTY };
  const refused: Named[] = [];
  const waiting: Named[] = [];
  const stageOf = new Map((progress ?? []).map((p) => [p.id, p]));
  for (const r of results) {
    if (r.outcome === 'refused') {
      counts.refused += 1;
      refused.push({ id: r.id, number: r.number, type: r.type, message: r.message });
      continue;
    }
    if (r.outcome !== 'queued') {
      counts[r.outcome] += 1;
      continue;
    }
    const p = stageOf.get(r.id);
    if (!p) {
      counts[progress ? 'sending' : 'queued'] += 1;
      continue;
    }
    switch (p.stage) {
      case 'sent':
        counts.sent += 1;
        break;
      case 'in_progress':
        counts.sending += 1;
        break;
      case 'waiting':
        counts.waiting += 1;
        waiting.push({ id: r.id, number: p.number, type: p.type, message: p.message ?? 'Waits for you.' });
        break;
      case 'refused':
        counts.refused += 1;
        refused.push({ id: r.id, number: p.number, type: p.type, message: p.message ?? 'Not sent.' });
        break;
    }
  }
  return { action, total: results.length, counts, refused, waiting, running: counts.sending > 0 };
}

/** The ids whose sends to follow: those queued by the action. */
export function queuedIds(results: readonly BulkItem[]): string[] {
  return results.filter((r) => r.outcome === 'queued').map((r) => r.id);
}

/** "49 sent, 1 refused": the non-zero groups in their order, for the summary's headline. */
export function headline(summary: BulkSummary): string {
  const words: Record<Group, string> = {
    sent: 'sent',
    sending: 'sending',
    queued: 'queued to send',
    approved: 'approved',
    submitted: 'submitted for approval',
    waiting: 'waiting for you',
    refused: 'refused',
  };
  const parts = (Object.keys(words) as Group[])
    .filter((g) => summary.counts[g] > 0)
    .map((g) => `${summary.counts[g].toLocaleString('en-US')} ${words[g]}`);
  return parts.length > 0 ? parts.join(', ') : 'Nothing to do';
}

/**
 * Documents per call (the API takes up to `max`): about fifty calls for the whole selection, so that its progress
 * moves, but no fewer than 100 a call, so that 20,000 documents do not take hundreds of calls.
 */
export function partSize(total: number, max: number): number {
  return Math.min(max, Math.max(100, Math.ceil(total / 50)));
}

/**
 * The queued sends to ask about again: those not answered for yet, on their way, or waiting for the bookkeeper (who
 * may act meanwhile). A send that was sent or refused stays so.
 */
export function stillOpen(follow: readonly string[], latest: ReadonlyMap<string, ProgressItem>): string[] {
  return follow.filter((id) => {
    const stage = latest.get(id)?.stage;
    return stage === undefined || stage === 'in_progress' || stage === 'waiting';
  });
}

/** Splits ids into the parts sent one call each (the API takes at most `size` per call). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

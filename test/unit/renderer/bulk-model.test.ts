// The bulk action summary: counts by outcome from the server's answers, then, for queued sends, from where each
// send stands; every refused or waiting document named with its reason.
import { describe, expect, it } from 'vitest';
import {
  chunks,
  headline,
  partSize,
  queuedIds,
  stillOpen,
  summarize,
  type BulkItem,
  type ProgressItem,
} from '../../../renderer/src/features/documents/list/bulk/model';

const item = (id: string, outcome: BulkItem['outcome'], message = ''): BulkItem => ({
  id,
  number: id.toUpperCase(),
  type: 'purchase_order',
  outcome,
  message,
});
const progress = (id: string, stage: ProgressItem['stage'], message: string | null = null): ProgressItem => ({
  id,
  number: id.toUpperCase(),
  type: 'purchase_order',
  status: 'approved',
  syncStatus: stage === 'in_progress' ? 'queued' : stage === 'refused' ? 'failed' : stage,
  stage,
  message,
});

describe('bulk summary', () => {
  const results = [
    item('a', 'queued'),
    item('b', 'queued'),
    item('c', 'queued'),
    item('d', 'refused', 'Only approved documents are sent.'),
    item('e', 'queued'),
  ];

  it('counts the answers alone as queued and refused, naming the refused', () => {
    const s = summarize('send', results);
    expect(s.counts).toMatchObject({ queued: 4, refused: 1, sent: 0 });
    expect(s.running).toBe(false);
    expect(s.refused).toEqual([
      { id: 'd', number: 'D', type: 'purchase_order', message: 'Only approved documents are sent.' },
    ]);
    expect(headline(s)).toBe('4 queued to send, 1 refused');
    expect(queuedIds(results)).toEqual(['a', 'b', 'c', 'e']);
  });

  it('follows the sends: sent, still sending, waiting and refused there, each named with why', () => {
    const s = summarize('send', results, [
      progress('a', 'sent'),
      progress('b', 'in_progress'),
      progress('c', 'waiting', 'Sign in to QuickBooks Online again'),
      progress('e', 'refused', 'Its date is in a closed period.'),
    ]);
    expect(s.counts).toMatchObject({ sent: 1, sending: 1, waiting: 1, refused: 2, queued: 0 });
    expect(s.running).toBe(true);
    expect(s.waiting.map((w) => [w.id, w.message])).toEqual([['c', 'Sign in to QuickBooks Online again']]);
    expect(s.refused.map((r) => r.id)).toEqual(['d', 'e']);
    expect(headline(s)).toBe('1 sent, 1 sending, 1 waiting for you, 2 refused');
  });

  it('submissions and approvals count as such', () => {
    const s = summarize('approve', [
      item('a', 'approved'),
      item('b', 'submitted'),
      item('c', 'refused', 'No.'),
    ]);
    expect(headline(s)).toBe('1 approved, 1 submitted for approval, 1 refused');
    expect(headline(summarize('submit', []))).toBe('Nothing to do');
  });

  it('splits a long selection into parts', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 100)).toEqual([]);
  });

  it('takes about fifty calls for a selection, 100 to 500 documents each', () => {
    expect(partSize(51, 500)).toBe(100);
    expect(partSize(8_000, 500)).toBe(160);
    expect(partSize(20_000, 500)).toBe(400);
    expect(
      chunks(
        Array.from({ length: 20_000 }, (_, i) => i),
        partSize(20_000, 500),
      ),
    ).toHaveLength(50);
    expect(partSize(100_000, 500)).toBe(500);
  });

  it('asks again only about sends not yet sent or refused', () => {
    const latest = new Map([
      ['a', progress('a', 'sent')],
      ['b', progress('b', 'in_progress')],
      ['c', progress('c', 'waiting', 'Pair it.')],
      ['d', progress('d', 'refused', 'Closed period.')],
    ]);
    expect(stillOpen(['a', 'b', 'c', 'd', 'e'], latest)).toEqual(['b', 'c', 'e']);
    expect(stillOpen(['a', 'd'], latest)).toEqual([]);
  });

  it('writes large counts with thousands separators', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => item(`d${i}`, 'submitted'));
    expect(headline(summarize('submit', many))).toBe('20,000 submitted for approval');
  });
});

// Pairing a revision's lines with the Xero lines sent earlier, and the sync token that carries their ids.
import { describe, expect, it } from 'vitest';
import type { LineItem } from 'xero-node';
import {
  decodeLines,
  encodeLines,
  linesFromAnswer,
  pairLines,
  storedLineOf,
} from '../../../main/connectors/xero/line-ids.js';

const line = (description: string, itemCode?: string): LineItem => ({
  description,
  quantity: 1,
  unitAmount: 10,
  accountCode: '310',
  ...(itemCode ? { itemCode } : {}),
});

const earlier = [
  storedLineOf(line('Filters', 'AF-20'), 'id-filters'),
  storedLineOf(line('Freight'), 'id-freight'),
  storedLineOf(line('Labour'), 'id-labour'),
];

const idsOf = (lines: LineItem[]) => lines.map((l) => l.lineItemID ?? null);

describe('Xero line ids', () => {
  it('round-trips through the sync token, and refuses tokens that are not its own', () => {
    const token = encodeLines(earlier);
    expect(token.startsWith('xero-lines/1:')).toBe(true);
    expect(decodeLines(token)).toEqual(earlier);
    expect(decodeLines(encodeLines([]))).toEqual([]);
    expect(decodeLines(null)).toBeNull();
    expect(decodeLines('17')).toBeNull(); // another system's SyncToken
    expect(decodeLines('xero-lines/1:broken')).toBeNull();
  });

  it('keeps unchanged lines in place and follows lines that moved', () => {
    expect(idsOf(pairLines([line('Filters', 'AF-20'), line('Freight'), line('Labour')], earlier))).toEqual([
      'id-filters',
      'id-freight',
      'id-labour',
    ]);
    // A line inserted on top and one removed in the middle.
    expect(idsOf(pairLines([line('Call-out'), line('Filters', 'AF-20'), line('Labour')], earlier))).toEqual([
      null,
      'id-filters',
      'id-labour',
    ]);
  });

  it('an edited description keeps its line by position; a changed or removed item makes a new line', () => {
    expect(
      idsOf(pairLines([line('Filters', 'AF-20'), line('Freight (urgent)'), line('Labour')], earlier)),
    ).toEqual(['id-filters', 'id-freight', 'id-labour']);
    // Xero keeps a line's ItemCode when an update leaves it out, so the item going away means a new line.
    expect(idsOf(pairLines([line('Filters'), line('Freight'), line('Labour')], earlier))).toEqual([
      null,
      'id-freight',
      'id-labour',
    ]);
    expect(idsOf(pairLines([line('Filters', 'AF-30')], earlier))).toEqual([null]);
  });

  it('each earlier line is used once, and a kept line without tracking clears the tracking it had', () => {
    const paired = pairLines([line('Labour'), line('Labour'), line('Labour')], earlier);
    expect(idsOf(paired)).toEqual([null, 'id-freight', 'id-labour']);
    expect(paired[2]!.tracking).toEqual([]);
    expect(paired[0]!.tracking).toBeUndefined();
  });

  it('takes the ids from an answer that lines up with what was sent, and nothing otherwise', () => {
    const sent = [line('A'), line('B')];
    expect(
      linesFromAnswer(sent, [
        { ...sent[0]!, lineItemID: 'x' },
        { ...sent[1]!, lineItemID: 'y' },
      ])?.map((l) => l.lineItemId),
    ).toEqual(['x', 'y']);
    expect(linesFromAnswer(sent, [{ ...sent[0]!, lineItemID: 'x' }])).toBeNull();
    expect(linesFromAnswer(sent, undefined)).toBeNull();
    expect(linesFromAnswer(sent, [{ ...sent[0]! }, { ...sent[1]!, lineItemID: 'y' }])).toBeNull();
  });
});
